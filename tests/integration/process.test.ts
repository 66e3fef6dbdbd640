import { mkdtemp, rm } from "node:fs/promises";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxSnapshot } from "../../src/sandbox/contract.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { SlackRequests } from "../../src/sandbox/slack/requests.js";
import { listeningPort, type Running, runApp } from "../support/app-process.js";
import { buildPageIfStale } from "../support/browser.js";
import { adminUrl, databaseUrl, testDatabaseKind } from "../support/database-kind.js";
import { BOT_TOKEN, HOME_TEAM, PEOPLE, SIGNING_SECRET } from "../support/harness.js";

describe("starting without settings", () => {
  it("exits non-zero in production naming each missing token and where to get it", async () => {
    const app = runApp({ NODE_ENV: "production" });
    expect(await app.exited).toBe(1);
    const output = app.output();
    expect(output).toContain("SLACK_BOT_TOKEN is missing");
    expect(output).toContain("SLACK_SIGNING_SECRET is missing");
    expect(output).toContain("manifest.json");
    expect(output).not.toContain("sandbox");
  });

  it("exits non-zero with some Slack settings but not all, naming the missing one", async () => {
    const app = runApp({ SLACK_SIGNING_SECRET: SIGNING_SECRET });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("SLACK_BOT_TOKEN is missing");
    expect(app.output()).not.toContain("SLACK_SIGNING_SECRET is missing");
  });

  it("exits non-zero when Slack refuses the bot token", async () => {
    const fake = await startFakeSlack({ botToken: "xoxb-the-right-one" });
    try {
      const app = runApp({
        SLACK_BOT_TOKEN: "xoxb-a-wrong-one",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: "0",
        DATABASE_URL: "",
        DATA_DIR: join(tmpdir(), `tender-room-refused-${process.pid}`),
      });
      expect(await app.exited).toBe(1);
      expect(app.output()).toContain(
        "Slack refused SLACK_BOT_TOKEN: Slack no longer accepts the app's token; reinstall the app.",
      );
      expect(app.output()).not.toContain("xoxb-a-wrong-one");
    } finally {
      await fake.close();
    }
  });
});

describe("a running app", () => {
  let fake: FakeSlack;
  let dataDir: string;
  let env: Record<string, string>;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, teamId: HOME_TEAM });
    fake.addUser({ id: PEOPLE.owner, tz: "Europe/Berlin" });
    fake.addChannel({ id: "C0GENERAL", name: "general", members: [PEOPLE.owner] });
    dataDir = await mkdtemp(join(tmpdir(), "tender-room-process-"));
    env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
    };
    if (testDatabaseKind() === "postgres") {
      const name = `tender_room_process_${process.pid}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.query(`CREATE DATABASE "${name}"`);
      env.DATABASE_URL = databaseUrl(name);
      dropDatabase = async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
    }
  });

  afterAll(async () => {
    await fake?.close();
    await dropDatabase();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves /healthz, finishes acknowledged work on SIGTERM, exits 0, and keeps its data across a restart", async () => {
    const first = runApp(env);
    const port = await listeningPort(first);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, db: "up", inbox: { refused: 0, failed: 0 } });

    // Slack makes the app wait two seconds: the stop must wait for the tender to be opened.
    fake.rateLimitNext("conversations.create", { retryAfterSeconds: 2 });
    const requests = new SlackRequests({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: HOME_TEAM,
      fake,
    });
    const responseUrl = fake.responseUrl();
    const acked = await requests.command({
      text: "new Pumps",
      userId: PEOPLE.owner,
      channelId: "C0GENERAL",
      responseUrl,
    });
    expect(acked.status).toBe(200);
    const stoppingAt = Date.now();
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(Date.now() - stoppingAt).toBeLessThan(10_000);
    expect(fake.responses(responseUrl).map((r) => (r.body as { text: string }).text)[0]).toContain(
      "T-1 · Pumps is open in",
    );

    const second = runApp(env);
    const secondPort = await listeningPort(second);
    const again = new SlackRequests({
      url: `http://127.0.0.1:${secondPort}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: HOME_TEAM,
      fake,
    });
    const statusUrl = fake.responseUrl();
    await again.command({
      text: "status T-1",
      userId: PEOPLE.owner,
      channelId: "C0GENERAL",
      responseUrl: statusUrl,
    });
    const status = await fake.waitFor(() => fake.responses(statusUrl)[0], 10_000);
    expect((status.body as { text: string }).text).toContain("*T-1 · Pumps* is in the *courting* stage.");
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  }, 90_000);
});

// The sandbox keeps its own embedded database whatever the suite runs on: once is enough.
describe.skipIf(testDatabaseKind() === "postgres")("starting without any Slack setting", () => {
  let dataDir: string;

  beforeAll(async () => {
    buildPageIfStale();
    dataDir = await mkdtemp(join(tmpdir(), "tender-room-sandbox-"));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The sandbox's address, from the one line it prints. */
  async function sandboxAddress(app: Running): Promise<string> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const found = /Tender Room sandbox: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(app.output());
      if (found?.[1]) return found[1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the sandbox did not open:\n${app.output()}`);
  }

  async function say(url: string, text: string): Promise<Response> {
    return fetch(`${url}sandbox/message`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: "U0OLIVIA", channel: "C0GENERAL", text }),
    });
  }

  it("opens the sandbox on 127.0.0.1 alone, prints only its address, and keeps the workspace across a restart", async () => {
    const first = runApp({ PORT: "0", DATA_DIR: dataDir });
    const url = await sandboxAddress(first);
    expect(first.output().trim().split("\n")).toEqual([
      expect.stringContaining("set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"),
    ]);
    expect(await (await fetch(url)).text()).toContain("<title>Tender Room sandbox</title>");
    expect((await say(url, "Shall we open the meter tender today?")).status).toBe(200);

    // Another address of this machine reaches nothing: the sandbox is for this machine alone.
    const port = new URL(url).port;
    const elsewhere = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === "IPv4" && !address.internal);
    if (elsewhere) {
      await expect(fetch(`http://${elsewhere.address}:${port}/`)).rejects.toThrow();
    }

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const second = runApp({ PORT: "0", DATA_DIR: dataDir });
    const again = await sandboxAddress(second);
    const state = (await (await fetch(`${again}sandbox/state?as=U0OLIVIA`)).json()) as SandboxSnapshot;
    expect(state.messages.C0GENERAL?.map((message) => message.text)).toContain(
      "Shall we open the meter tender today?",
    );
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  }, 120_000);
});
