/**
 * Finding what the app posted, in what a person sees: the demo tender reads the workspace as the
 * person pressing the buttons would, by what its messages, buttons and form fields say; never
 * through the app's database or its internal ids.
 */
import type { SandboxActor } from "./actor.js";
import type { SandboxMessage, SandboxModal, SandboxSnapshot } from "./contract.js";

/** A step of the demo tender that cannot go on, with why, in words for the page. */
export class DemoStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DemoStepError";
  }
}

export interface FoundButton {
  messageTs: string;
  blockId: string;
  actionId: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function plainText(value: unknown): string | undefined {
  return isRecord(value) && typeof value.text === "string" ? value.text : undefined;
}

/** The button a person would press on a message, found by what it says. */
export function buttonOn(message: SandboxMessage, label: string): FoundButton | undefined {
  for (const block of message.blocks ?? []) {
    if (!isRecord(block) || !Array.isArray(block.elements)) continue;
    for (const element of block.elements) {
      if (!isRecord(element) || element.type !== "button" || plainText(element.text) !== label) continue;
      if (typeof block.block_id !== "string" || typeof element.action_id !== "string") continue;
      return { messageTs: message.ts, blockId: block.block_id, actionId: element.action_id };
    }
  }
  return undefined;
}

export function messagesIn(snapshot: SandboxSnapshot, channelId: string): SandboxMessage[] {
  return snapshot.messages[channelId] ?? [];
}

/** The newest message of the app in a channel that passes `test`, thread replies left out. */
export function latestAppMessage(
  snapshot: SandboxSnapshot,
  channelId: string,
  test: (message: SandboxMessage) => boolean,
): SandboxMessage | undefined {
  return messagesIn(snapshot, channelId)
    .filter((message) => message.fromApp && !message.ephemeral && isThreadRoot(message) && test(message))
    .at(-1);
}

function isThreadRoot(message: SandboxMessage): boolean {
  return message.threadTs === undefined || message.threadTs === message.ts;
}

/** " The app answered: …" when it did, so a failed step says what the app said. */
export function appAnswer(snapshot: SandboxSnapshot, channelId: string, since: number): string {
  const answers = messagesIn(snapshot, channelId).filter((message) => message.ephemeral);
  const text = answers.length > since ? answers.at(-1)?.text : undefined;
  return text ? ` The app answered: “${text}”` : "";
}

export function ephemeralCount(snapshot: SandboxSnapshot, channelId: string): number {
  return messagesIn(snapshot, channelId).filter((message) => message.ephemeral).length;
}

/** The person's top modal when it is the form with this title. */
export function formOnTop(snapshot: SandboxSnapshot, title: string): SandboxModal | undefined {
  const top = snapshot.modals.at(-1);
  return top && plainText(top.view.title) === title ? top : undefined;
}

/** An input of a form, found by its label as the person reads it. */
export interface FormField {
  block: string;
  action: string;
  type: string;
  /** The value of a select's initial option, e.g. the requirement a form was opened for. */
  initial: string | null;
  /** A select's options: what each says, and its value. */
  options: { text: string; value: string }[];
}

function optionsOf(element: Record<string, unknown>): FormField["options"] {
  if (!Array.isArray(element.options)) return [];
  return element.options.filter(isRecord).flatMap((option) => {
    const text = plainText(option.text);
    return text !== undefined && typeof option.value === "string" ? [{ text, value: option.value }] : [];
  });
}

export function fieldsOf(modal: SandboxModal): Map<string, FormField> {
  const fields = new Map<string, FormField>();
  const blocks = Array.isArray(modal.view.blocks) ? modal.view.blocks : [];
  for (const block of blocks) {
    if (!isRecord(block) || block.type !== "input" || !isRecord(block.element)) continue;
    const label = plainText(block.label);
    const { element } = block;
    if (label === undefined || typeof block.block_id !== "string" || typeof element.action_id !== "string")
      continue;
    const initial = isRecord(element.initial_option) ? element.initial_option.value : undefined;
    fields.set(label, {
      block: block.block_id,
      action: element.action_id,
      type: String(element.type),
      initial: typeof initial === "string" ? initial : null,
      options: optionsOf(element),
    });
  }
  return fields;
}

/**
 * Looks for something the app should have posted by now; when it is not there yet, waits for the
 * app to catch up once more before saying it is missing.
 */
export async function expectFound<T>(
  actor: SandboxActor,
  missing: string,
  probe: () => T | undefined,
): Promise<T> {
  const found = probe();
  if (found !== undefined) return found;
  await actor.caughtUp();
  const later = probe();
  if (later !== undefined) return later;
  throw new DemoStepError(missing);
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The title of the next demo tender: the plain title first, then "… (2)", "… (3)", after the
 * tender cards this person can see.
 */
export function nextDemoTitle(snapshot: SandboxSnapshot, title: string): string {
  const card = new RegExp(`^T-\\d+ · ${escapeRegExp(title)}(?: \\((\\d+)\\))?: `);
  const taken = new Set<number>();
  for (const channel of snapshot.channels) {
    for (const message of messagesIn(snapshot, channel.id)) {
      const match = message.fromApp ? card.exec(message.text) : null;
      if (match) taken.add(Number(match[1] ?? 1));
    }
  }
  let number = 1;
  while (taken.has(number)) number++;
  return number === 1 ? title : `${title} (${number})`;
}

/** Slack's escaping of &, < and > in message text. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
