/**
 * The item of work a listener runs as: something Slack sent, kept, and worked perhaps more than
 * once (the app died, or the work failed and is tried again). A message posted for it carries the
 * work (`OutgoingMessage.work`) and is named by the work and its place in it, so that a later
 * attempt finds it instead of posting again. The work is handed down explicitly, from the listener's
 * context to the post: no async-context tracking on every promise of the hot path.
 */
export interface Work {
  /** Unique per item: Slack's event id or the interaction's trigger id. */
  readonly key: string;
  /** 1 the first time; more when an earlier attempt may have posted already. */
  readonly attempt: number;
  /** When the item was first kept: nothing of it was posted before. */
  readonly since: Date;
  /** Posts so far in this attempt, per channel and thread. */
  readonly posts: Map<string, number>;
}

/** Metadata type of a message posted for a work; its payload names the work and the post. */
export const WORK_EVENT_TYPE = "tender_room_work";

/** One attempt at an item of work. */
export function workAttempt(key: string, attempt: number, since: Date): Work {
  return { key, attempt, since, posts: new Map() };
}

/** The name of the next post of `work` to `channel` (and thread). */
export function nextPostMark(work: Work, channel: string, threadTs: string | undefined): string {
  const where = `${channel}:${threadTs ?? ""}`;
  const n = (work.posts.get(where) ?? 0) + 1;
  work.posts.set(where, n);
  return `${work.key}:${where}:${n}`;
}

/** The work a listener runs for, from its context (the inbox puts it there when it works an item). */
export function workOf(context: unknown): Work | undefined {
  const work = (context as { work?: unknown } | undefined)?.work;
  return typeof work === "object" && work !== null ? (work as Work) : undefined;
}
