import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { EmbeddedDatabase } from "../../src/db/embedded.js";
import { REQUIREMENT_EVENT_TYPE } from "../../src/features/requirements/ids.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { SlackRequests } from "../../src/sandbox/slack/requests.js";
import { until } from "./load.js";
import { type AppProcess, startProcess } from "./process.js";

export const OWNER = "U0OWNER";
const SELLER = "U0BENCHSELLER";
const SELLER_TEAM = "T0BENCHSELLER";
const TEAM = "T0BUYER";
const BOT_TOKEN = "xoxb-floor-token";
const SIGNING_SECRET = "floor-signing-secret";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TargetKind = "bare" | "embedded" | "postgres";

/** A requirement thread in a seller channel, and the tender's team channel. */
export interface Thread {
  channelId: string;
  ts: string;
  teamChannelId: string;
}

/** Sellers of the tender: each has its channel with R-1 posted, its thread the seller replies in. */
export const SELLERS = 20;

/** One app under measurement: its process, a fake Slack of its own and a signed-request client. */
export interface Target {
  kind: TargetKind;
  fake: FakeSlack;
  app: AppProcess;
  requests: SlackRequests;
  /** Resident memory a second after the app answered its first /healthz, MB. */
  rssAfterStartMb: number;
  /** Present after a first start on a new data folder or database (migrations included). */
  fresh?: { firstHealthyMs: number; rssMb: number };
  /** R-1's thread in each seller channel (the bare app gets the same events and ignores them). */
  threads: Thread[];
  /** The timestamps of the bench seller's stored replies, one per row (after `stop` on the embedded database). */
  storedReplies(): Promise<string[]>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** `npm start` runs the compiled app; compile it now so no start below pays for it. */
export function buildApp(): void {
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
}

async function newFakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, teamId: TEAM });
  fake.addUser({ id: OWNER, tz: "Europe/Berlin" });
  fake.addUser({ id: SELLER, teamId: SELLER_TEAM, realName: "Bench Seller" });
  fake.addChannel({ id: "C0GENERAL", name: "general", members: [OWNER] });
  // Slack's limit for posts: about one message per second per channel.
  fake.limitPostsPerChannel(1);
  return fake;
}

const slackEnv = (fake: FakeSlack) => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
  LOG_LEVEL: "error",
});

const requestsTo = (app: AppProcess, fake: FakeSlack) =>
  new SlackRequests({ url: `${app.url}/slack/events`, signingSecret: SIGNING_SECRET, teamId: TEAM, fake });

/** Waits a second after the start, as an operator would before reading the memory. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

export async function startBare(): Promise<Target> {
  const fake = await newFakeSlack();
  const app = await startProcess([join(ROOT, "bench/floor/bare-bolt.mjs")], slackEnv(fake));
  await settle();
  return {
    kind: "bare",
    fake,
    app,
    rssAfterStartMb: app.rssMb(),
    requests: requestsTo(app, fake),
    threads: Array.from({ length: SELLERS }, (_, i) => ({
      channelId: `C0SELLER${i}`,
      ts: "1700000000.000100",
      teamChannelId: "C0GENERAL",
    })),
    storedReplies: async () => [],
    stop: async () => {
      await app.stop();
    },
    async dispose() {
      await fake.close();
    },
  };
}

/**
 * Tender Room as `npm start` runs it, on a new data folder or database: started once (creating
 * it), stopped, and started again on what the first start left, which is what is measured.
 */
export async function startTenderRoom(
  kind: "embedded" | "postgres",
  /** What the app is given for PostgreSQL's URL (a proxy in front of it, for instance). */
  reach: (url: URL) => Promise<URL> = async (url) => url,
): Promise<Target> {
  const fake = await newFakeSlack();
  let databaseEnv: Record<string, string>;
  let select: (sql: string) => Promise<Record<string, unknown>[]>;
  let dispose: () => Promise<void>;
  if (kind === "postgres") {
    const name = `tender_room_floor_${process.pid}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    databaseEnv = { DATABASE_URL: (await reach(url)).toString() };
    select = async (sql) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    dispose = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), "tender-room-floor-"));
    databaseEnv = { DATA_DIR: join(dir, "data") };
    // The app holds the folder while it runs: it is read once the app stopped.
    select = async (sql) => {
      const embedded = await EmbeddedDatabase.start({ dataDir: join(dir, "data") });
      const client = new pg.Client(embedded.connection);
      try {
        await client.connect();
        return (await client.query(sql)).rows;
      } finally {
        await client.end().catch(() => undefined);
        await embedded.stop();
      }
    };
    dispose = () => rm(dir, { recursive: true, force: true });
  }
  const env = { ...slackEnv(fake), ...databaseEnv };
  const start = join(ROOT, "scripts/start.mjs");
  const first = await startProcess([start], env);
  await settle();
  const fresh = { firstHealthyMs: first.firstHealthyMs, rssMb: first.rssMb() };
  await first.stop();
  const app = await startProcess([start], env);
  await settle();
  const rssAfterStartMb = app.rssMb();
  const requests = requestsTo(app, fake);
  const threads = await requirementThreads(fake, requests);
  return {
    kind,
    fake,
    app,
    requests,
    rssAfterStartMb,
    fresh,
    threads,
    async storedReplies() {
      const rows = await select(`SELECT ts FROM "Reply" WHERE "userId" = '${SELLER}'`);
      return rows.map((row) => String(row.ts));
    },
    stop: async () => {
      await app.stop();
    },
    async dispose() {
      await fake.close();
      await dispose();
    },
  };
}

/** A tender, its sellers invited and R-1 posted in their channels, as a buyer would do it. */
async function requirementThreads(fake: FakeSlack, requests: SlackRequests): Promise<Thread[]> {
  const command = async (text: string, channelId: string) => {
    const answer = await requests.command({ text, userId: OWNER, channelId });
    if (answer.status !== 200) throw new Error(`/tender ${text} answered HTTP ${answer.status}`);
  };
  const known = new Set(fake.channels().map((channel) => channel.id));
  const newChannels = async (count: number) => {
    let found: string[] = [];
    await until(async () => {
      found = fake.channels().flatMap((channel) => (known.has(channel.id) ? [] : [channel.id]));
      return found.length >= count;
    }, 60_000);
    if (found.length < count) throw new Error(`the app created ${found.length} of ${count} channels`);
    for (const id of found) known.add(id);
    return found;
  };
  await command("new Bench tender", "C0GENERAL");
  const [teamChannelId] = await newChannels(1);
  if (!teamChannelId) throw new Error("no team channel");
  for (let i = 1; i <= SELLERS; i++)
    await command(`invite Seller ${i} people@seller${i}.example`, teamChannelId);
  const sellerChannels = await newChannels(SELLERS);
  await command("require Offline mode for field technicians", teamChannelId);
  const postIn = (channelId: string) =>
    fake.messages(channelId).find((message) => message.metadata?.event_type === REQUIREMENT_EVENT_TYPE)?.ts;
  await until(async () => sellerChannels.every((channelId) => postIn(channelId) !== undefined), 60_000);
  return sellerChannels.map((channelId) => {
    const ts = postIn(channelId);
    if (!ts) throw new Error(`R-1 did not reach ${channelId}`);
    return { channelId, ts, teamChannelId };
  });
}

/** A seller's reply in the requirement thread, as Slack's Events API delivers it. */
export function replyEvent(thread: Thread, ts: string, text: string): Record<string, unknown> {
  return {
    type: "message",
    channel: thread.channelId,
    channel_type: "group",
    user: SELLER,
    user_team: SELLER_TEAM,
    team: SELLER_TEAM,
    text,
    ts,
    thread_ts: thread.ts,
  };
}
