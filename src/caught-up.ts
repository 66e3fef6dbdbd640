import type { Database } from "./db/client.js";
import type { Inbox } from "./inbox/inbox.js";
import { type Outbox, pendingSoon } from "./outbox/index.js";
import type { InFlight } from "./slack/in-flight.js";

export interface Workers {
  inFlight: InFlight;
  inbox: Inbox;
  outbox: Outbox;
  database: Database;
}

/** Waits at most `ms`, or until `work` settles, whichever comes first. */
async function atMost(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const left = new Promise((resolve) => {
    timer = setTimeout(resolve, Math.max(ms, 1));
  });
  try {
    await Promise.race([work, left]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves true once the work acknowledged to Slack has finished and nothing is left to send within
 * a second (a tick's pass and an item waiting for its retry count as work); false at the deadline.
 */
export async function caughtUp({ inFlight, inbox, outbox, database }: Workers, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await inFlight.drain(Math.max(deadline - Date.now(), 1));
    await atMost(deadline - Date.now(), Promise.all([inbox.idle(), outbox.idle()]));
    if (inFlight.size === 0 && (await pendingSoon(database.prisma, 1_000)) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
