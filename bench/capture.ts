import { percentile, type Stage, timeUntil } from "./setup.js";

export interface CaptureResult {
  events: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const SELLER = "U0BENCHSELLER";
const SELLER_TEAM = "T0BENCHSELLER";
let runs = 0;

/**
 * Sends `events` thread replies from a seller (Slack Connect user) into the requirement threads,
 * as Slack would deliver them, and measures how fast they are stored: throughput over the whole
 * run, and per reply the time from sending the event to the reply's row being written (the row's
 * own creation time). With `perSecond` the events arrive at that steady rate (the latency of a
 * busy tender); without it, `concurrency` senders deliver as fast as the app acknowledges (the
 * most it takes in; latency then is mostly time spent queued).
 */
export async function captureReplies(
  stage: Stage,
  events: number,
  { concurrency, perSecond }: { concurrency: number; perSecond?: number },
): Promise<CaptureResult> {
  if (!stage.fake.user(SELLER))
    stage.fake.addUser({ id: SELLER, teamId: SELLER_TEAM, realName: "Bench Seller" });
  const posts = await stage.db.requirementPost.findMany({ select: { channelId: true, ts: true } });
  if (posts.length === 0) throw new Error("no requirement threads to reply in");
  const before = await stage.db.reply.count();
  // Each run's replies get timestamps of their own.
  const second = Math.floor(Date.now() / 1000) + 100_000 + runs++ * 1_000;
  const sentAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    for (let i = next++; i < events; i = next++) {
      const post = posts[i % posts.length];
      if (!post) continue;
      if (perSecond) {
        const due = started + (i * 1000) / perSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const ts = `${second}.${String(i).padStart(6, "0")}`;
      sentAt.set(`${post.channelId}/${ts}`, Date.now());
      const response = await stage.requests.event({
        type: "message",
        channel: post.channelId,
        channel_type: "group",
        user: SELLER,
        user_team: SELLER_TEAM,
        team: SELLER_TEAM,
        text: `Bench reply ${i}: we did this at three utilities before.`,
        ts,
        thread_ts: post.ts,
      });
      if (response.status !== 200) throw new Error(`event answered HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  await timeUntil(async () => (await stage.db.reply.count()) >= before + events);
  const seconds = (performance.now() - started) / 1000;
  const stored = await stage.db.reply.findMany({
    where: { userId: SELLER, ts: { startsWith: `${second}.` } },
    select: { channelId: true, ts: true, createdAt: true },
  });
  const latencies = stored.flatMap((reply) => {
    const sent = sentAt.get(`${reply.channelId}/${reply.ts}`);
    return sent === undefined ? [] : [reply.createdAt.getTime() - sent];
  });
  return {
    events,
    eventsPerSecond: events / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
