/**
 * What the Slack client remembers beside the workspace: whose each response_url and trigger id is,
 * each person's stack of open modals with the errors on them, and a version that grows with every
 * change anyone can see.
 */
import { newTriggerId } from "../slack/ids.js";

/** Where a response_url posts: to whom, in which channel, and the message it may replace. */
export interface Origin {
  person: string;
  channel: string;
  /** The thread an answer to it shows in. */
  threadTs?: string;
  /** The message or ephemeral it came from; a command's own first answer once it showed one. */
  target?: { ts: string; ephemeral: boolean };
}

/** Slack's response_urls work for 30 minutes; after that the ledger forgets them. */
const REMEMBERED_MS = 30 * 60_000;

interface Remembered<T> {
  value: T;
  at: number;
}

function forgetOld<T>(map: Map<string, Remembered<T>>, now: number): void {
  for (const [key, entry] of map) {
    if (now - entry.at < REMEMBERED_MS) break;
    map.delete(key);
  }
}

export class Ledger {
  private current = 0;
  private readonly listeners = new Set<() => void>();
  private readonly responseUrls = new Map<string, Remembered<Origin>>();
  private readonly triggers = new Map<string, Remembered<string>>();
  private readonly stacks = new Map<string, string[]>();
  private readonly errors = new Map<string, Record<string, string>>();

  get version(): number {
    return this.current;
  }

  /** Something anyone may see changed. */
  changed(): void {
    this.current += 1;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A response_url of the stand-in's, remembered as posting to this origin. */
  rememberResponseUrl(url: string, origin: Origin): string {
    const now = Date.now();
    forgetOld(this.responseUrls, now);
    this.responseUrls.set(url, { value: origin, at: now });
    return url;
  }

  origin(url: string): Origin | undefined {
    return this.responseUrls.get(url)?.value;
  }

  /** A fresh trigger id of this person's: a modal the app opens with it is theirs. */
  mintTrigger(person: string): string {
    const now = Date.now();
    forgetOld(this.triggers, now);
    const trigger = newTriggerId();
    this.triggers.set(trigger, { value: person, at: now });
    return trigger;
  }

  personOfTrigger(trigger: string): string | undefined {
    return this.triggers.get(trigger)?.value;
  }

  /** The person's open modals, the one on top last. */
  modals(person: string): string[] {
    return [...(this.stacks.get(person) ?? [])];
  }

  /** views.open: a new stack of one. */
  openModal(person: string, viewId: string): void {
    this.stacks.set(person, [viewId]);
  }

  /** views.push, or a form answered with `push`: on top of the stack. */
  pushModal(person: string, viewId: string): void {
    this.stacks.set(person, [...this.modals(person), viewId]);
  }

  closeModal(person: string, viewId: string): void {
    this.stacks.set(
      person,
      this.modals(person).filter((id) => id !== viewId),
    );
    this.errors.delete(viewId);
  }

  closeAllModals(person: string): void {
    for (const id of this.modals(person)) this.errors.delete(id);
    this.stacks.delete(person);
  }

  errorsOn(viewId: string): Record<string, string> {
    return { ...(this.errors.get(viewId) ?? {}) };
  }

  setErrors(viewId: string, errors: Record<string, string>): void {
    if (Object.keys(errors).length === 0) this.errors.delete(viewId);
    else this.errors.set(viewId, errors);
  }
}
