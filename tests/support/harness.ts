import { Writable } from "node:stream";
import { startTenderRoom, type TenderRoom, type TenderRoomOptions } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { PrismaClient } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { type SlackHttpResponse, SlackRequests } from "../../src/sandbox/slack/requests.js";
import { openTestDatabase, type TestDatabase } from "./database.js";

export const BOT_TOKEN = "xoxb-1111-2222-secretbottoken";
export const SIGNING_SECRET = "test-signing-secret";
export const HOME_TEAM = "T0BUYER";
export const SELLER_TEAM = "T0SELLER";

/** The people of the tests: buyers in the app's workspace, sellers of another organisation. */
export const PEOPLE = {
  owner: "U0OWNER",
  coOwner: "U0COOWNER",
  colleague: "U0COLLEAGUE",
  seller: "U0SELLER",
  sellerTwo: "U0SELLER2",
} as const;

/** A channel that belongs to no tender. */
export const GENERAL_CHANNEL = "C0GENERAL";

export interface Harness {
  fake: FakeSlack;
  requests: SlackRequests;
  room: TenderRoom;
  db: PrismaClient;
  testDatabase: TestDatabase;
  /** Everything the app logged (JSON lines). */
  logs: string[];
  /** Sends `/tender <text>` and waits until the app has finished the work. */
  command(text: string, options?: { userId?: string; channelId?: string }): Promise<CommandResult>;
  /** Waits for work the app acknowledged and is still doing. */
  settle(): Promise<void>;
  /** Empties the database and the fake Slack between tests. */
  reset(): Promise<void>;
  /** Stops the app as a crash or deploy would and starts a new one on the same database. */
  restart(): Promise<void>;
  /** Waits until the outbox has nothing left to send (rows waiting for a retry included). */
  outboxDrained(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface CommandResult {
  response: SlackHttpResponse;
  /** The ephemeral answers the app sent through this command's response_url. */
  replies: string[];
  responseUrl: string;
  triggerId: string;
}

/** The people and the channel of the tests, in a fake Slack. */
export function addPeople(fake: FakeSlack): void {
  fake.addUser({
    id: PEOPLE.owner,
    realName: "Olivia Owner",
    tz: "Europe/Berlin",
    email: "olivia@buyer.example",
  });
  fake.addUser({ id: PEOPLE.coOwner, realName: "Carl Coowner", tz: "Europe/Berlin" });
  fake.addUser({ id: PEOPLE.colleague, realName: "Colin Colleague", tz: "Europe/Berlin" });
  fake.addUser({ id: PEOPLE.seller, teamId: SELLER_TEAM, realName: "Sam Seller", email: "sam@acme.example" });
  fake.addUser({
    id: PEOPLE.sellerTwo,
    teamId: SELLER_TEAM,
    realName: "Sue Seller",
    email: "sue@acme.example",
  });
  fake.addChannel({ id: GENERAL_CHANNEL, name: "general", members: [PEOPLE.owner, PEOPLE.colleague] });
}

export async function startHarness(
  env: Record<string, string> = {},
  options: Pick<
    TenderRoomOptions,
    "inbox" | "callTimeoutMs" | "tokenRecheckMs" | "overviewRefreshMs" | "export" | "homeRefreshMs"
  > = {},
): Promise<Harness> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, teamId: HOME_TEAM });
  addPeople(fake);
  const testDatabase = await openTestDatabase();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    LOG_LEVEL: "debug",
    ...env,
  });
  const start = () =>
    startTenderRoom({
      config,
      logger: createLogger({ level: config.LOG_LEVEL, destination }),
      database: testDatabase.database,
      clientOptions: { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 } },
      // Tests post many messages to one channel in quick succession; the bench measures the pacing.
      postIntervalMs: 0,
      // Waiting to coalesce team-copy updates only slows the tests; coalescing is the same.
      teamCopyRefreshMs: 50,
      // Likewise gathering changes to a seller's overview (tests/integration/overview.test.ts gathers longer).
      overviewRefreshMs: 50,
      // Each test sets its people up anew and makes Slack fail for them: nothing is remembered.
      peopleCacheMs: 0,
      ...options,
    });
  const requestsTo = (room: TenderRoom) =>
    new SlackRequests({
      url: `http://127.0.0.1:${room.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: HOME_TEAM,
      fake,
    });
  const room = await start();

  const settle = async () => {
    if (!(await harness.room.settled(20_000))) throw new Error("the app did not finish its work in time");
  };

  const harness: Harness = {
    fake,
    requests: requestsTo(room),
    room,
    db: testDatabase.database.prisma,
    testDatabase,
    logs,
    settle,
    async restart() {
      await harness.room.stop();
      harness.room = await start();
      harness.requests = requestsTo(harness.room);
    },
    async outboxDrained(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await settle();
        const pending = await harness.db.delivery.count({ where: { status: "pending" } });
        if (pending === 0) return;
        if (Date.now() > deadline) throw new Error(`${pending} outbox messages still pending`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async command(text, options = {}) {
      const responseUrl = fake.responseUrl();
      const triggerId = `trigger-${Math.random().toString(36).slice(2)}`;
      const response = await harness.requests.command({
        text,
        userId: options.userId ?? PEOPLE.owner,
        channelId: options.channelId ?? GENERAL_CHANNEL,
        responseUrl,
        triggerId,
      });
      await settle();
      const replies = fake
        .responses(responseUrl)
        .map((r) => String((r.body as { text?: unknown }).text ?? ""));
      return { response, replies, responseUrl, triggerId };
    },
    async reset() {
      await settle();
      await testDatabase.reset();
      fake.reset();
      addPeople(fake);
      logs.length = 0;
    },
    async close() {
      await harness.room.stop();
      await fake.close();
      await testDatabase.close();
    },
  };
  return harness;
}
