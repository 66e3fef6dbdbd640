import { createServer } from "node:net";
import { type Logger, LogLevel, WebAPIPlatformError, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { DEFAULT_APP_TOKEN, type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import {
  BOT_TOKEN,
  GENERAL_CHANNEL,
  type Harness,
  HOME_TEAM,
  PEOPLE,
  SELLER_TEAM,
  startHarness,
} from "../support/harness.js";

/** A port nobody listens on right now: in Socket Mode the app cannot report the port PORT=0 picked. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** The Slack error code `apps.connections.open` answers for this token. */
async function connectionsOpenError(fake: FakeSlack, token: string): Promise<string> {
  const web = new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
  });
  try {
    await web.apps.connections.open();
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return error.data.error;
    throw error;
  }
  throw new Error("expected apps.connections.open to be refused");
}

/** Sends `/tender <text>` as a slash_commands envelope and waits for the work to finish. */
async function commandOverSocket(h: Harness, text: string): Promise<{ replies: string[] }> {
  const responseUrl = h.fake.responseUrl();
  await h.fake.socketMode.sendSlashCommand({
    command: "/tender",
    text,
    user_id: PEOPLE.owner,
    channel_id: GENERAL_CHANNEL,
    response_url: responseUrl,
    trigger_id: "13345224609.738474920.0000000000000000000",
  });
  await h.settle();
  return {
    replies: h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text)),
  };
}

describe("Tender Room in Socket Mode", () => {
  let h: Harness;
  let port: number;
  let closed = false;

  beforeAll(async () => {
    port = await freePort();
    h = await startHarness({ SLACK_APP_TOKEN: DEFAULT_APP_TOKEN, PORT: String(port) });
  });
  afterAll(async () => {
    if (!closed) await h?.close();
  });

  it("connects through apps.connections.open with the app-level token", () => {
    expect(h.fake.socketMode.connected).toBe(true);
    const opens = h.fake.calls("apps.connections.open");
    expect(opens).toHaveLength(1);
    expect(opens[0]).toMatchObject({ token: DEFAULT_APP_TOKEN, status: 200 });
    const others = h.fake.calls().filter((call) => call.method !== "apps.connections.open");
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((call) => call.token === BOT_TOKEN)).toBe(true);
  });

  it("acknowledges /tender sent as a slash_commands envelope and opens the tender", async () => {
    const responseUrl = h.fake.responseUrl();
    const ack = await h.fake.socketMode.sendSlashCommand({
      command: "/tender",
      text: "new Pumps",
      user_id: PEOPLE.owner,
      channel_id: GENERAL_CHANNEL,
      team_id: HOME_TEAM,
      response_url: responseUrl,
      trigger_id: "13345224609.738474920.8088930838d88f008e0",
    });
    expect(ack.envelope_id).toMatch(/\S/);
    await h.settle();

    expect(await h.db.tender.count()).toBe(1);
    const replies = h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text));
    expect(replies).toEqual([expect.stringContaining("T-1 · Pumps is open in")]);
  });

  it("acknowledges an events_api envelope, first delivery and retry alike", async () => {
    const body = {
      event_id: "Ev0SOCKET01",
      event: {
        type: "member_joined_channel",
        user: PEOPLE.seller,
        channel: "C0ELSEWHERE",
        channel_type: "C",
        team: SELLER_TEAM,
      },
    };
    const ack = await h.fake.socketMode.sendEvent(body);
    expect(ack.envelope_id).toMatch(/\S/);
    await h.settle();
    expect(await h.db.inboxItem.count({ where: { key: "Ev0SOCKET01" } })).toBe(1);
    expect(h.fake.calls("users.info").filter((call) => call.args.user === PEOPLE.seller)).toEqual([]);

    // Slack redelivers over the socket too (retry_attempt); the copy is acknowledged all the same.
    const retry = await h.fake.socketMode.sendEvent(body, { retryAttempt: 1, retryReason: "timeout" });
    expect(retry.envelope_id).not.toBe(ack.envelope_id);
    await h.settle();
    expect(await h.db.inboxItem.count({ where: { key: "Ev0SOCKET01" } })).toBe(1);
  });

  it("serves GET /healthz on PORT", async () => {
    expect(h.room.port).toBe(port);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, db: "up" });
  });

  it("reconnects with a new URL when Slack asks it to", async () => {
    await h.fake.socketMode.disconnect("refresh_requested");
    expect(h.fake.socketMode.closes().at(-1)).toMatchObject({ code: 1000, byApp: true });
    // @slack/socket-mode waits clientPingTimeout (5 s) before reconnecting.
    await h.fake.socketMode.waitForConnection(15_000);
    expect(h.fake.calls("apps.connections.open")).toHaveLength(2);

    const { replies } = await commandOverSocket(h, "help");
    expect(replies).toHaveLength(1);
  }, 20_000);

  it("never writes the app-level token into its logs", () => {
    expect(h.logs.join("")).not.toContain(DEFAULT_APP_TOKEN);
  });

  it("closes its connection and the health endpoint when stopped", async () => {
    closed = true;
    await h.close();
    expect(h.fake.socketMode.connected).toBe(false);
    expect(h.fake.socketMode.closes().at(-1)).toMatchObject({ code: 1000, byApp: true });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

describe("the fake's Socket Mode", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ appToken: "xapp-1-A0TENDER-1-fake" });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("refuses anything but its app-level token on apps.connections.open", async () => {
    expect(await connectionsOpenError(fake, fake.botToken)).toBe("not_allowed_token_type");
    expect(await connectionsOpenError(fake, "xapp-1-A0TENDER-1-other")).toBe("invalid_auth");
    const anonymous = await fetch(`${fake.apiUrl}apps.connections.open`, { method: "POST" });
    expect(await anonymous.json()).toEqual({ ok: false, error: "not_authed" });
  });

  it("refuses the app-level token on bot methods", async () => {
    const web = new WebClient(fake.appToken, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    await expect(web.auth.test()).rejects.toMatchObject({ data: { error: "not_allowed_token_type" } });
  });

  it("greets with hello, takes each URL once and relays acknowledgements", async () => {
    const web = new WebClient(fake.appToken, { slackApiUrl: fake.apiUrl, logger: silentLogger });
    const { url } = await web.apps.connections.open();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\?ticket=/);
    const socket = new WebSocket(String(url));
    const hello = await new Promise<unknown>((resolve) =>
      socket.once("message", (data) => resolve(JSON.parse(String(data)))),
    );
    expect(hello).toMatchObject({
      type: "hello",
      num_connections: 1,
      connection_info: { app_id: fake.appId },
    });
    expect(fake.socketMode.connected).toBe(true);

    const reused = new WebSocket(String(url));
    const status = await new Promise<number>((resolve) =>
      reused.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);

    // An app that acknowledges, with a response payload.
    socket.on("message", (data) => {
      const envelope = JSON.parse(String(data)) as { envelope_id?: string; type?: string };
      if (envelope.type === "slash_commands") {
        socket.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: "got it" } }));
      }
    });
    const ack = await fake.socketMode.sendSlashCommand({ command: "/tender", text: "help" });
    expect(ack.payload).toEqual({ text: "got it" });
    // …and ignores everything else, which times out.
    await expect(
      fake.socketMode.sendEvent({ event: { type: "app_mention" } }, { timeoutMs: 50 }),
    ).rejects.toThrow(/did not acknowledge events_api .* within 50 ms/);

    socket.close(1000);
    await fake.socketMode.waitForDisconnection();
    await expect(fake.socketMode.sendInteractive({ type: "block_actions" })).rejects.toThrow(
      /no Socket Mode connection open/,
    );
  });
});
