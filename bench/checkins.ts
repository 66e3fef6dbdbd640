import { Writable } from "node:stream";
import { startTenderRoom } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { CHECKIN_PROMPT, CHECKIN_TEAM_NOTICE } from "../src/features/checkins/runs/deliveries.js";
import { createLogger } from "../src/logger.js";
import type { RecordedCall } from "../src/sandbox/slack/index.js";
import { OWNER, percentile, type Stage } from "./setup.js";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const CHUNK = 1_000;

interface SeededTender {
  id: number;
  number: number;
  teamChannelId: string;
  sellers: { id: number; name: string; channelId: string }[];
}

/**
 * Stores `count` tenders of `sellersPerTender` sellers each with direct inserts, and opens their
 * channels in the fake Slack (it refuses posts to a channel it does not know).
 */
async function seedTenders(
  stage: Stage,
  label: string,
  count: number,
  sellersPerTender: number,
): Promise<SeededTender[]> {
  const installation = await stage.db.installation.findFirstOrThrow({
    select: { id: true, tenderSeq: true },
  });
  const first = installation.tenderSeq + 1;
  const numbers = Array.from({ length: count }, (_, i) => first + i);
  const teamChannel = (number: number) => `C${label}T${number}`;
  for (let start = 0; start < count; start += CHUNK) {
    await stage.db.tender.createMany({
      data: numbers.slice(start, start + CHUNK).map((number) => ({
        installationId: installation.id,
        number,
        title: `Field service platform ${number}`,
        slug: `t-${number}-field-service`,
        teamChannelId: teamChannel(number),
        timezone: "Europe/Berlin",
        createdBy: OWNER,
      })),
    });
  }
  await stage.db.installation.update({
    where: { id: installation.id },
    data: { tenderSeq: first + count - 1 },
  });
  const tenders = await stage.db.tender.findMany({
    where: { number: { gte: first } },
    select: { id: true, number: true, teamChannelId: true },
    orderBy: { id: "asc" },
  });
  const sellerRows = tenders.flatMap((tender) =>
    Array.from({ length: sellersPerTender }, (_, i) => ({
      tenderId: tender.id,
      name: `Vendor ${i + 1} of T-${tender.number}`,
      slug: `vendor-${i + 1}`,
      channelId: `C${label}S${tender.number}X${i + 1}`,
      status: "joined" as const,
      createdBy: OWNER,
    })),
  );
  for (let start = 0; start < sellerRows.length; start += CHUNK) {
    await stage.db.seller.createMany({ data: sellerRows.slice(start, start + CHUNK) });
  }
  const sellers = await stage.db.seller.findMany({
    where: { tenderId: { in: tenders.map((tender) => tender.id) } },
    select: { id: true, tenderId: true, name: true, channelId: true },
    orderBy: { id: "asc" },
  });
  for (const tender of tenders)
    stage.fake.addChannel({ id: tender.teamChannelId, name: `t-${tender.number}` });
  for (const seller of sellers) stage.fake.addChannel({ id: seller.channelId, name: seller.channelId });
  return tenders.map((tender) => ({
    ...tender,
    sellers: sellers.filter((seller) => seller.tenderId === tender.id),
  }));
}

/** One check-in per seller, each asking that seller alone, all with the same next run. */
async function seedCheckIns(
  stage: Stage,
  tenders: SeededTender[],
  schedule: { cron: string; nextRunAt: (tender: number, seller: number) => Date },
): Promise<number> {
  const rows = tenders.flatMap((tender, t) =>
    tender.sellers.map((seller, s) => ({
      tenderId: tender.id,
      number: s + 1,
      cadence: "daily" as const,
      cron: schedule.cron,
      timezone: "UTC",
      prompt: `T-${tender.number} C-${s + 1}: what changed in the pilot at ${seller.name} this week?`,
      sellerIds: [seller.id],
      nextRunAt: schedule.nextRunAt(t, s),
      createdBy: OWNER,
    })),
  );
  for (let start = 0; start < rows.length; start += CHUNK) {
    await stage.db.checkIn.createMany({ data: rows.slice(start, start + CHUNK) });
  }
  await stage.db.tender.updateMany({
    where: { id: { in: tenders.map((tender) => tender.id) } },
    data: { checkInSeq: tenders[0]?.sellers.length ?? 0 },
  });
  return rows.length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls sparingly: the embedded database has a single session, shared with the work being timed. */
async function until(done: () => Promise<boolean>, intervalMs: number, timeoutMs = 3_600_000): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await sleep(intervalMs);
  }
}

const isPost = (call: RecordedCall) => call.method === "chat.postMessage";
const channelOf = (call: RecordedCall) => String(call.args.channel ?? "");

export interface DrainResult {
  checkIns: number;
  tenders: number;
  seedSeconds: number;
  planSeconds: number;
  seconds: number;
  messages: number;
  messagesPerSecond: number;
  floorSeconds: number;
  throttled: number;
  duplicates: number;
  failed: number;
}

/**
 * `tenders` tenders of `sellersPerTender` sellers, each seller asked by a check-in of its own, all
 * due at the start of the same minute: every seller channel gets one prompt and every team channel
 * one notice per check-in. The app's own scheduler plans them at its tick; timed from the due moment
 * until every occurrence is stored, then until the outbox has sent every message. The busiest
 * channels are the team channels: at one message per second they need (sellersPerTender - 1) s.
 */
export async function drainCheckIns(
  stage: Stage,
  tenders: number,
  sellersPerTender: number,
): Promise<DrainResult> {
  const seedStarted = performance.now();
  const seeded = await seedTenders(stage, "DUE", tenders, sellersPerTender);
  // Stored a day ahead, then moved to the coming minute at once, however long storing took.
  const checkIns = await seedCheckIns(stage, seeded, {
    cron: "0 10 * * *",
    nextRunAt: () => new Date(Date.now() + DAY_MS),
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const tenderIds = seeded.map((tender) => tender.id);
  const channels = new Set(seeded.flatMap((t) => [t.teamChannelId, ...t.sellers.map((s) => s.channelId)]));
  const kinds = { in: [CHECKIN_PROMPT.name, CHECKIN_TEAM_NOTICE.name] };

  // The next minute a few seconds ahead becomes their daily time; the scheduler ticks on it.
  const due = Math.ceil((Date.now() + 5_000) / MINUTE_MS) * MINUTE_MS;
  const dueAt = new Date(due);
  await stage.db.checkIn.updateMany({
    where: { tenderId: { in: tenderIds } },
    data: { cron: `${dueAt.getUTCMinutes()} ${dueAt.getUTCHours()} * * *`, nextRunAt: dueAt },
  });
  stage.fake.limitPostsPerChannel(1);
  stage.fake.clearCalls();
  await sleep(due - Date.now());
  await until(async () => (await stage.db.checkInOccurrence.count({ where: { dueAt } })) >= checkIns, 100);
  const planSeconds = (Date.now() - due) / 1000;
  await until(
    async () => (await stage.db.delivery.count({ where: { kind: kinds, status: "pending" } })) === 0,
    500,
  );
  const seconds = (Date.now() - due) / 1000;
  stage.fake.limitPostsPerChannel(null);

  const posts = stage.fake.calls().filter((call) => isPost(call) && channels.has(channelOf(call)));
  const delivered = posts.filter((call) => call.status === 200);
  // Every prompt names its check-in, so a (channel, text) pair seen twice is a duplicate post.
  const distinct = new Set(delivered.map((call) => `${channelOf(call)} ${String(call.args.text ?? "")}`));
  const failed = await stage.db.delivery.count({
    where: { tenderId: { in: tenderIds }, kind: kinds, status: "failed" },
  });
  return {
    checkIns,
    tenders,
    seedSeconds,
    planSeconds,
    seconds,
    messages: delivered.length,
    messagesPerSecond: delivered.length / seconds,
    floorSeconds: sellersPerTender - 1,
    throttled: posts.filter((call) => call.status === 429).length,
    duplicates: delivered.length - distinct.size,
    failed,
  };
}

export interface LagResult {
  tickSeconds: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** From the first tick at or after the due time to the prompt received. */
  afterTickP50Ms: number;
  afterTickP99Ms: number;
}

/** A small deterministic generator, so every run draws the same moments. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

/** The tick the stage's app runs with: the configured default. */
function defaultTickSeconds(stage: Stage): number {
  return loadConfig({ SLACK_BOT_TOKEN: stage.fake.botToken, SLACK_SIGNING_SECRET: "unused" })
    .SCHEDULER_TICK_SECONDS;
}

/**
 * Lag from a run's due time to Slack receiving its prompt, with the real scheduler. Each sample is a
 * check-in of its own tender asking one seller, due at a random moment within its own tick period,
 * so every tick plans one run alone. With `tickSeconds`, a second instance of the app ticking that
 * often serves the same database beside the stage's; the earlier tick plans each run.
 */
export async function dispatchLag(stage: Stage, samples: number, tickSeconds?: number): Promise<LagResult> {
  const tick = tickSeconds ?? defaultTickSeconds(stage);
  const periodMs = tick * 1_000;
  const seeded = await seedTenders(stage, `LAG${tick}S`, samples, 1);
  const extra =
    tickSeconds === undefined
      ? undefined
      : await startTenderRoom({
          config: loadConfig({
            SLACK_BOT_TOKEN: stage.fake.botToken,
            SLACK_SIGNING_SECRET: "bench-signing-secret",
            SLACK_API_URL: stage.fake.apiUrl,
            PORT: "0",
            LOG_LEVEL: "warn",
            SCHEDULER_TICK_SECONDS: String(tickSeconds),
          }),
          logger: createLogger({ level: "warn", destination: quiet }),
          database: stage.room.database,
        });
  const sampleOf = new Map(seeded.map((tender, i) => [tender.sellers[0]?.channelId ?? "", i]));
  const dueAt: number[] = [];
  const lags: number[] = [];
  const afterTick: number[] = [];
  let onCall: ((call: RecordedCall) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  stage.fake.limitPostsPerChannel(1);
  try {
    const received = new Promise<void>((resolve) => {
      onCall = (call) => {
        const sample = sampleOf.get(channelOf(call));
        if (!isPost(call) || call.status !== 200 || sample === undefined) return;
        const due = dueAt[sample] ?? Number.NaN;
        lags.push(call.at - due);
        afterTick.push(call.at - Math.ceil(due / periodMs) * periodMs);
        if (lags.length === samples) resolve();
      };
      stage.fake.on("call", onCall);
    });
    // Ticks fall on multiples of the period since the epoch (node-cron's */n seconds); the first
    // period starts a second ahead at least.
    const firstPeriod = Math.ceil((Date.now() + 1_000) / periodMs) * periodMs;
    const next = random(tick);
    for (let i = 0; i < samples; i++) dueAt.push(firstPeriod + i * periodMs + Math.floor(next() * periodMs));
    // A daily run twelve hours away stays clear of the stored next run.
    const hour = (new Date().getUTCHours() + 12) % 24;
    await seedCheckIns(stage, seeded, {
      cron: `0 ${hour} * * *`,
      nextRunAt: (t) => new Date(dueAt[t] ?? Number.NaN),
    });
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`only ${lags.length} of ${samples} prompts arrived`)),
        (samples + 2) * periodMs + 30_000,
      );
    });
    await Promise.race([received, timedOut]);
  } finally {
    clearTimeout(timer);
    if (onCall) stage.fake.off("call", onCall);
    stage.fake.limitPostsPerChannel(null);
    await extra?.stop();
  }
  return {
    tickSeconds: tick,
    samples,
    p50Ms: percentile(lags, 50),
    p99Ms: percentile(lags, 99),
    afterTickP50Ms: percentile(afterTick, 50),
    afterTickP99Ms: percentile(afterTick, 99),
  };
}
