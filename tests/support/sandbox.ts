import { Writable } from "node:stream";
import { startTenderRoom, type TenderRoom } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { PrismaClient } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import type { SandboxActor } from "../../src/sandbox/actor.js";
import { loadDemoTender } from "../../src/sandbox/demo.js";
import { type SandboxServer, startSandboxServer } from "../../src/sandbox/server/index.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { SlackRequests } from "../../src/sandbox/slack/requests.js";
import { BUYER, seedWorkspace } from "../../src/sandbox/workspace.js";
import { openTestDatabase, type TestDatabase } from "./database.js";

const BOT_TOKEN = "xoxb-sandbox-test-token";
const SIGNING_SECRET = "sandbox-test-signing-secret";

/** The sandbox as `npm start` runs it without Slack settings: app, local Slack, sandbox server. */
export interface SandboxHarness {
  slack: FakeSlack;
  room: TenderRoom;
  server: SandboxServer;
  actor: SandboxActor;
  db: PrismaClient;
  /** Everything the app and the sandbox server logged (JSON lines). */
  logs: string[];
  /** `<server url>sandbox/...`: the address of a route. */
  route(path: string): string;
  /** Waits until the app finished its work and sent what it queued. */
  caughtUp(): Promise<void>;
  /** An empty database and a freshly seeded workspace. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface SandboxHarnessOptions {
  /** What "Load a demo tender" does; the real demo tender unless given. */
  demo?: (actor: SandboxActor, as: string) => Promise<void>;
  /** Where the page's built files are looked for. */
  pageDir?: string;
}

export async function startSandboxHarness(options: SandboxHarnessOptions = {}): Promise<SandboxHarness> {
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, teamId: BUYER.teamId, teamName: BUYER.name });
  seedWorkspace(slack);
  const testDatabase: TestDatabase = await openTestDatabase();
  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    LOG_LEVEL: "debug",
  });
  const room = await startTenderRoom({
    config,
    logger,
    database: testDatabase.database,
    host: "127.0.0.1",
    postIntervalMs: 0,
    teamCopyRefreshMs: 50,
    overviewRefreshMs: 50,
    homeRefreshMs: 50,
    peopleCacheMs: 0,
  });
  const requests = new SlackRequests({
    url: `http://127.0.0.1:${room.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: BUYER.teamId,
    fake: slack,
  });
  const server = await startSandboxServer({
    slack,
    requests,
    app: room,
    port: 0,
    logger,
    demo: options.demo ?? (async (actor, as) => void (await loadDemoTender(actor, as))),
    ...(options.pageDir === undefined ? {} : { pageDir: options.pageDir }),
  });
  const caughtUp = async () => {
    if (!(await room.caughtUp(30_000))) throw new Error("the app did not catch up in time");
  };
  return {
    slack,
    room,
    server,
    actor: server.actor,
    db: testDatabase.database.prisma,
    logs,
    route: (path) => `${server.url.replace(/\/$/, "")}${path}`,
    caughtUp,
    async reset() {
      await caughtUp();
      await testDatabase.reset();
      slack.reset();
      seedWorkspace(slack);
      logs.length = 0;
    },
    async close() {
      await server.close();
      await room.stop();
      await slack.close();
      await testDatabase.close();
    },
  };
}
