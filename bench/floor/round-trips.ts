import { until } from "./load.js";
import { replyEvent, startTenderRoom } from "./targets.js";
import { WireCounter } from "./wire.js";

export interface Statement {
  /** What the statement is for, or its SQL. */
  what: string;
  perReply: number;
}

export interface RoundTrips {
  replies: number;
  /** Round trips of working a reply's event, by statement. */
  storing: Statement[];
  /** Round trips of posting its mirror to the team channel, by statement. */
  mirroring: Statement[];
  /** Round trips per second of an idle app (ticks of the scheduler, inbox and outbox). */
  idlePerSecond: number;
}

const REPLIES = 20;
const IDLE_SECONDS = 5;

/** The statements of working a reply's event (what they are for); the rest is its mirror. */
const STORING: [RegExp, string][] = [
  [/^INSERT INTO "InboxItem"/, "inbox: keep the event before Slack is answered"],
  [/^WITH thread AS/, "replies: the thread, the reply, the questions an answer answers"],
  [/^INSERT INTO "public"\."Delivery"/, "replies: queue the mirror"],
  [
    /^SELECT .* FROM "public"\."Delivery" WHERE \("public"\."Delivery"\."channelId" = \$1 AND "public"\."Delivery"\."ts" = \$2/,
    "check-ins: is the thread a check-in's?",
  ],
  [/^UPDATE "InboxItem" SET "status" = 'done'/, "inbox: mark the event worked"],
  [/^UPDATE "InboxItem" SET "leaseUntil"/, "inbox: claim what waits (now and then)"],
];

/**
 * Tender Room on PostgreSQL behind a proxy that counts round trips: first idle, then `REPLIES`
 * seller replies one after the other, until each is stored and its mirror posted. A statement's
 * count per reply is what it added over the idle rate.
 */
export async function countRoundTrips(): Promise<RoundTrips> {
  let counter: WireCounter | undefined;
  const target = await startTenderRoom("postgres", async (url) => {
    const started = await WireCounter.start(url);
    counter = started.counter;
    return started.url;
  });
  if (!counter) throw new Error("the proxy did not start");
  try {
    // What setting up the tender left to do (its posts, their team copies) finishes first.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    counter.take();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1_000));
    const idle = counter.take();
    const idleTotal = [...idle.values()].reduce((sum, n) => sum + n, 0);

    const [thread] = target.threads;
    if (!thread) throw new Error("no thread to reply in");
    const mirrorsBefore = target.fake.messages(thread.teamChannelId).length;
    const started = performance.now();
    for (let i = 0; i < REPLIES; i++) {
      const ts = `1900000000.${String(i).padStart(6, "0")}`;
      const answer = await target.requests.event(replyEvent(thread, ts, `Counted reply ${i}`));
      if (answer.status !== 200) throw new Error(`a counted reply got HTTP ${answer.status}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const mirrored = await until(
      async () => target.fake.messages(thread.teamChannelId).length >= mirrorsBefore + REPLIES,
      120_000,
      100,
    );
    if (!mirrored) throw new Error("the mirrors of the counted replies were not posted");
    // The last mirror's bookkeeping follows its post.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const seconds = (performance.now() - started) / 1000;
    const counted = counter.take();

    const storing: Statement[] = [];
    const mirroring: Statement[] = [];
    for (const [sql, n] of counted) {
      const perReply = (n - ((idle.get(sql) ?? 0) / IDLE_SECONDS) * seconds) / REPLIES;
      if (perReply < 0.05) continue;
      const known = STORING.find(([pattern]) => pattern.test(sql));
      if (known) storing.push({ what: known[1], perReply });
      else mirroring.push({ what: sql.length > 110 ? `${sql.slice(0, 107)}...` : sql, perReply });
    }
    const byCount = (a: Statement, b: Statement) => b.perReply - a.perReply;
    return {
      replies: REPLIES,
      storing: storing.sort(byCount),
      mirroring: mirroring.sort(byCount),
      idlePerSecond: idleTotal / IDLE_SECONDS,
    };
  } finally {
    await target.stop();
    await target.dispose();
    await counter.close();
  }
}
