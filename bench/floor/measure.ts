import { type LoadResult, load, until } from "./load.js";
import { OWNER, replyEvent, type Target } from "./targets.js";

export interface Measured {
  kind: Target["kind"];
  fresh?: Target["fresh"];
  firstHealthyMs: number;
  rssAfterStartMb: number;
  peakRssMb: number;
  statusSequential: LoadResult;
  status20: LoadResult;
  replySequential: LoadResult;
  reply20: LoadResult;
  /** Replies of the 20-client run stored per second, from its first request to the last stored. */
  storedPerSecond?: number;
  /** The same, all replies in one thread (which is worked in the order Slack sent it). */
  storedPerSecondOneThread?: number;
  /** CPU time of the app per reply event of the 20-client run (its work after the answer included). */
  cpuPerEventMs: number;
  overload: { events: number; clients: number; refusedFirst: number; deliveries: number; seconds: number };
  /** Replies Slack was told 200 for, and of them those stored, and rows beyond one per reply. */
  acknowledged: number;
  storedOfAcknowledged: number;
  duplicates: number;
}

const SEQUENTIAL = 300;
const CONCURRENT = 2_000;
const ONE_THREAD = 1_000;
const OVERLOAD_EVENTS = 3_000;
const OVERLOAD_CLIENTS = 60;

let serial = 0;
/** Message timestamps no run repeats. */
const nextTs = () => {
  const n = serial++;
  return `${1_800_000_000 + Math.floor(n / 1_000_000)}.${String(n % 1_000_000).padStart(6, "0")}`;
};

/** Until the app has worked all it took in (the bare app works nothing after its answer). */
async function drained(target: Target): Promise<void> {
  if (target.kind === "bare") return;
  const done = await until(
    async () => {
      const { inbox } = (await target.app.health()) as { inbox: Record<string, number> };
      const { kept = 0, worked = 0, failed = 0, keeping, working } = inbox;
      return keeping === 0 && working === 0 && worked + failed >= kept;
    },
    600_000,
    100,
  );
  if (!done) throw new Error(`${target.kind}: the inbox did not drain in 10 minutes`);
}

/**
 * The same load for every target: `/tender status` and seller replies (spread over the sellers'
 * threads, then all in one), one client at a time and 20 at once; then more than the app takes in at once, each event delivered again after an
 * error until it is acknowledged, as Slack does.
 */
export async function measure(target: Target): Promise<Measured> {
  const { app, requests, threads } = target;
  const [first] = threads;
  if (!first) throw new Error("no threads to reply in");
  const acknowledged = new Set<string>();
  const status = async () =>
    (await requests.command({ text: "status", userId: OWNER, channelId: first.teamChannelId })).status;
  const reply = async (i: number, thread = threads[i % threads.length] ?? first) => {
    const ts = nextTs();
    const answer = await requests.event(
      replyEvent(thread, ts, `Reply ${i}: we did this at three utilities.`),
    );
    if (answer.status === 200) acknowledged.add(ts);
    return answer.status;
  };

  const statusSequential = await load(SEQUENTIAL, 1, status);
  const status20 = await load(CONCURRENT, 20, status);
  await drained(target);
  const replySequential = await load(SEQUENTIAL, 1, reply);
  await drained(target);

  const cpuBefore = app.cpuMs();
  const started = performance.now();
  const reply20 = await load(CONCURRENT, 20, reply);
  await drained(target);
  const drainedSeconds = (performance.now() - started) / 1000;
  const cpuPerEventMs = (app.cpuMs() - cpuBefore) / CONCURRENT;

  const oneThreadStarted = performance.now();
  await load(ONE_THREAD, 20, (i) => reply(i, first));
  await drained(target);
  const oneThreadSeconds = (performance.now() - oneThreadStarted) / 1000;

  let refusedFirst = 0;
  let deliveries = 0;
  const overloadStarted = performance.now();
  await load(OVERLOAD_EVENTS, OVERLOAD_CLIENTS, async (i) => {
    const ts = nextTs();
    const event = replyEvent(threads[i % threads.length] ?? first, ts, `Burst reply ${i}`);
    let answer = await requests.event(event);
    deliveries++;
    if (answer.status !== 200) refusedFirst++;
    for (let retry = 1; answer.status !== 200 && retry <= 100; retry++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await requests.event(event, {
        eventId: answer.eventId,
        retryNum: retry,
        retryReason: "http_error",
      });
      deliveries++;
    }
    if (answer.status === 200) acknowledged.add(ts);
    return answer.status;
  });
  await drained(target);
  const overloadSeconds = (performance.now() - overloadStarted) / 1000;
  const peakRssMb = app.peakRssMb();
  await target.stop();

  const stored = await target.storedReplies();
  const storedSet = new Set(stored);
  return {
    kind: target.kind,
    fresh: target.fresh,
    firstHealthyMs: app.firstHealthyMs,
    rssAfterStartMb: target.rssAfterStartMb,
    peakRssMb,
    statusSequential,
    status20,
    replySequential,
    reply20,
    storedPerSecond: target.kind === "bare" ? undefined : CONCURRENT / drainedSeconds,
    storedPerSecondOneThread: target.kind === "bare" ? undefined : ONE_THREAD / oneThreadSeconds,
    cpuPerEventMs,
    overload: {
      events: OVERLOAD_EVENTS,
      clients: OVERLOAD_CLIENTS,
      refusedFirst,
      deliveries,
      seconds: overloadSeconds,
    },
    acknowledged: acknowledged.size,
    storedOfAcknowledged: [...acknowledged].filter((ts) => storedSet.has(ts)).length,
    duplicates: stored.length - storedSet.size,
  };
}
