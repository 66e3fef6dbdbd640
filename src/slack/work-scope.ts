import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The item of work a listener runs as: something Slack sent, kept, and worked perhaps more than
 * once (the app died, or the work failed and is tried again). A message posted while working it is
 * named by the work and its place in it, so that a later attempt finds it instead of posting again.
 */
export interface WorkScope {
  /** Unique per item: Slack's event id or the interaction's trigger id. */
  key: string;
  /** 1 the first time; more when an earlier attempt may have posted already. */
  attempt: number;
  /** When the item was first kept: nothing of it was posted before. */
  since: Date;
  /** Posts so far in this attempt, per channel and thread. */
  posts: Map<string, number>;
}

/** Metadata type of a message posted in a work scope; its payload names the work and the post. */
export const WORK_EVENT_TYPE = "tender_room_work";

const scope = new AsyncLocalStorage<WorkScope>();

export function inWorkScope<T>(work: Omit<WorkScope, "posts">, run: () => Promise<T>): Promise<T> {
  return scope.run({ ...work, posts: new Map() }, run);
}

/** Runs `run` outside any work scope (what it starts belongs to no item of work). */
export function outsideWork<T>(run: () => T): T {
  return scope.exit(run);
}

export function currentWork(): WorkScope | undefined {
  return scope.getStore();
}

/** The name of the next post to `channel` (and thread) in the current work, if there is one. */
export function nextPostMark(channel: string, threadTs: string | undefined): string | undefined {
  const work = currentWork();
  if (!work) return undefined;
  const where = `${channel}:${threadTs ?? ""}`;
  const n = (work.posts.get(where) ?? 0) + 1;
  work.posts.set(where, n);
  return `${work.key}:${where}:${n}`;
}
