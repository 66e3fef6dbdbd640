import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import { startTenderRoom, type TenderRoom } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { type Database, openDatabase } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { type FakeSlack, startFakeSlack } from "../src/sandbox/slack/index.js";
import { SlackRequests } from "../src/sandbox/slack/requests.js";

export type DatabaseKind = "embedded" | "postgres";

export const OWNER = "U0OWNER";
const BOT_TOKEN = "xoxb-bench-token";
const SIGNING_SECRET = "bench-signing-secret";
const TEAM = "T0BUYER";

export interface Stage {
  kind: DatabaseKind;
  fake: FakeSlack;
  room: TenderRoom;
  requests: SlackRequests;
  db: Database["prisma"];
  /** Sends `/tender <text>` as the owner and waits until the app has finished. */
  command(text: string, channelId: string): Promise<void>;
  close(): Promise<void>;
}

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The app in this process, against a fresh database of the given kind and a fake Slack on 127.0.0.1. */
export async function startStage(kind: DatabaseKind): Promise<Stage> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, teamId: TEAM });
  fake.addUser({ id: OWNER, tz: "Europe/Berlin" });
  fake.addChannel({ id: "C0GENERAL", name: "general", members: [OWNER] });

  let database: Database;
  let dispose: () => Promise<void>;
  if (kind === "postgres") {
    const name = `tender_room_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    dispose = async () => {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), "tender-room-bench-"));
    database = await openDatabase({ dataDir: dir });
    dispose = async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    };
  }

  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    LOG_LEVEL: "warn",
  });
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const room = await startTenderRoom({
    config,
    logger: createLogger({ level: "warn", destination: quiet }),
    database,
  });
  const requests = new SlackRequests({
    url: `http://127.0.0.1:${room.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: TEAM,
    fake,
  });
  return {
    kind,
    fake,
    room,
    requests,
    db: database.prisma,
    async command(text, channelId) {
      const response = await requests.command({ text, userId: OWNER, channelId });
      if (response.status !== 200) throw new Error(`/tender ${text} answered HTTP ${response.status}`);
      await room.settled(120_000);
    },
    async close() {
      await room.stop();
      await fake.close();
      await dispose();
    },
  };
}

/** Polls until `done` holds, returning how long it took. */
export async function timeUntil(done: () => Promise<boolean>, timeoutMs = 300_000): Promise<number> {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
