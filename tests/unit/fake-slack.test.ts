import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { App, LogLevel as BoltLogLevel, HTTPReceiver, verifySlackRequest } from "@slack/bolt";
import {
  ErrorCode,
  type Logger,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  type WebClientOptions,
} from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack, UPLOAD_URL_METHOD } from "../../src/sandbox/slack/index.js";
import { SlackRequests, signSlackRequest } from "../../src/sandbox/slack/requests.js";

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

function client(options: WebClientOptions = {}, token = fake.botToken): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...options,
  });
}

/** The Slack error code a Web API call was rejected with. */
async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) {
      expect(error.code).toBe(ErrorCode.PlatformError);
      return error.data.error;
    }
    throw error;
  }
  throw new Error("expected the call to be rejected by Slack");
}

function seedPeople(): void {
  fake.addUser({ id: "U0ALICE", name: "alice", realName: "Alice Buyer", tz: "Europe/Paris" });
  fake.addUser({ id: "U0BOB", name: "bob", realName: "Bob Buyer" });
  fake.addUser({ id: "U0SELLER", teamId: "T0SELLER", name: "sam", email: "sam@seller.example" });
}

describe("fake Slack Web API", () => {
  it("answers auth.test and users.info for the home team", async () => {
    seedPeople();
    const web = client();
    const auth = await web.auth.test();
    expect(auth).toMatchObject({
      ok: true,
      team: "Buyer Corp",
      team_id: "T0BUYER",
      user_id: "U0BOT",
      bot_id: fake.botId,
      is_enterprise_install: false,
    });
    expect(auth.url).toBe("https://buyercorp.slack.com/");

    const alice = await web.users.info({ user: "U0ALICE" });
    expect(alice.user).toMatchObject({
      id: "U0ALICE",
      team_id: "T0BUYER",
      name: "alice",
      real_name: "Alice Buyer",
      tz: "Europe/Paris",
      is_bot: false,
      profile: { real_name: "Alice Buyer", display_name: "alice" },
    });
    const seller = await web.users.info({ user: "U0SELLER" });
    expect(seller.user?.team_id).toBe("T0SELLER");
    expect(seller.user?.profile?.email).toBe("sam@seller.example");
    expect(await slackError(web.users.info({ user: "U0NOBODY" }))).toBe("user_not_found");
  });

  it("creates private channels with Slack's name rules", async () => {
    const web = client();
    const created = await web.conversations.create({ name: "tender-2024-017", is_private: true });
    const id = created.channel?.id ?? "";
    expect(id).toMatch(/^C[0-9A-Z]+$/);
    expect(created.channel).toMatchObject({ name: "tender-2024-017", is_private: true, is_member: true });
    expect(fake.channel(id)?.members.has(fake.botUserId)).toBe(true);
    expect(fake.channelByName("tender-2024-017")?.id).toBe(id);
    expect(fake.lastCall("conversations.create")?.args).toMatchObject({ is_private: true });
    expect(fake.lastCall("conversations.create")?.token).toBe(fake.botToken);

    expect(await slackError(web.conversations.create({ name: "tender-2024-017" }))).toBe("name_taken");
    expect(await slackError(web.conversations.create({ name: "Tender Room" }))).toBe("invalid_name_specials");
    expect(await slackError(web.conversations.create({ name: "t".repeat(81) }))).toBe(
      "invalid_name_maxlength",
    );
    expect(await slackError(web.conversations.create({ name: "" }))).toBe("invalid_name_required");
  });

  it("answers conversations.invite errors like Slack", async () => {
    seedPeople();
    const web = client();
    const channel =
      (await web.conversations.create({ name: "tender-invites", is_private: true })).channel?.id ?? "";

    expect(await slackError(web.conversations.invite({ channel: "C0MISSING", users: "U0ALICE" }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(web.conversations.invite({ channel, users: "U0NOBODY" }))).toBe("user_not_found");
    expect(await slackError(web.conversations.invite({ channel, users: fake.botUserId }))).toBe(
      "cant_invite_self",
    );

    await web.conversations.invite({ channel, users: "U0ALICE" });
    expect(await slackError(web.conversations.invite({ channel, users: "U0ALICE" }))).toBe(
      "already_in_channel",
    );
    // Slack only complains when every user is already a member.
    const mixed = await web.conversations.invite({ channel, users: "U0ALICE,U0BOB" });
    expect(mixed.ok).toBe(true);
    expect([...(fake.channel(channel)?.members ?? [])].sort()).toEqual(["U0ALICE", "U0BOB", "U0BOT"]);

    const elsewhere = fake.addChannel({ name: "buyers-only", isPrivate: true, members: ["U0ALICE"] });
    expect(await slackError(web.conversations.invite({ channel: elsewhere, users: "U0BOB" }))).toBe(
      "not_in_channel",
    );
  });

  it("records Slack Connect invitations and lets the invitee accept", async () => {
    seedPeople();
    const web = client();
    const channel =
      (await web.conversations.create({ name: "tender-connect", is_private: true })).channel?.id ?? "";

    expect(await slackError(web.conversations.inviteShared({ channel, emails: ["not-an-email"] }))).toBe(
      "invalid_email",
    );
    fake.failInviteFor("blocked@seller.example", "restricted_action");
    expect(
      await slackError(web.conversations.inviteShared({ channel, emails: ["blocked@seller.example"] })),
    ).toBe("restricted_action");

    const sent = await web.conversations.inviteShared({
      channel,
      emails: ["sam@seller.example"],
      external_limited: false,
    });
    expect(sent).toMatchObject({ ok: true, is_legacy_shared_channel: false });
    expect(fake.invitesShared()).toEqual([
      {
        inviteId: sent.invite_id,
        channel,
        email: "sam@seller.example",
        userId: undefined,
        externalLimited: false,
        accepted: false,
      },
    ]);
    expect(fake.channel(channel)?.isPendingExtShared).toBe(true);

    fake.acceptSharedInvite(sent.invite_id ?? "", "U0SELLER");
    const info = await web.conversations.info({ channel });
    expect(info.channel).toMatchObject({
      is_shared: true,
      is_ext_shared: true,
      is_pending_ext_shared: false,
    });
    const members = await web.conversations.members({ channel });
    expect(members.members).toContain("U0SELLER");
  });

  it("stores posted messages with blocks, metadata and threads", async () => {
    seedPeople();
    const web = client();
    const channel =
      (await web.conversations.create({ name: "tender-posts", is_private: true })).channel?.id ?? "";
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Tender opened*" } }];
    const metadata = { event_type: "tender_opened", event_payload: { tender_id: "tnd_1" } };

    const first = await web.chat.postMessage({ channel, text: "Tender opened", blocks, metadata });
    expect(first.message).toMatchObject({ text: "Tender opened", user: "U0BOT", bot_id: fake.botId, blocks });
    const reply = await web.chat.postMessage({ channel, text: "First question", thread_ts: first.ts });
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));
    expect(reply.ts).toMatch(/^\d{10}\.\d{6}$/);

    const stored = fake.messages(channel);
    expect(stored.map((m) => m.text)).toEqual(["Tender opened", "First question"]);
    expect(stored[0]).toMatchObject({ blocks, metadata, replyCount: 1 });
    expect(stored[1]?.threadTs).toBe(first.ts);
    // Form-encoded objects are parsed back in the recording.
    expect(fake.lastCall("chat.postMessage")?.args.thread_ts).toBe(first.ts);
    expect(fake.calls("chat.postMessage")[0]?.args.blocks).toEqual(blocks);

    const dm = await web.chat.postMessage({ channel: "U0ALICE", text: "Your tender is live" });
    expect(dm.channel).toMatch(/^D/);
    expect(fake.imWith("U0ALICE")?.id).toBe(dm.channel);
  });

  it("rejects posts Slack would reject", async () => {
    seedPeople();
    const web = client();
    const outside = fake.addChannel({ name: "no-bot-here", isPrivate: true, members: ["U0ALICE"] });
    const notInChannel = web.chat.postMessage({ channel: outside, text: "hello" });
    await expect(notInChannel).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "not_in_channel" },
    });
    expect(fake.messages(outside)).toEqual([]);

    const channel = fake.addChannel({ name: "tender-rules" });
    expect(await slackError(web.chat.postMessage({ channel: "C0MISSING", text: "x" }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(web.chat.postMessage({ channel, text: "" }))).toBe("no_text");
    expect(await slackError(web.chat.postMessage({ channel, text: "x".repeat(40_001) }))).toBe(
      "msg_too_long",
    );
    const divider = { type: "divider" };
    expect(
      await slackError(web.chat.postMessage({ channel, text: "x", blocks: Array(51).fill(divider) })),
    ).toBe("invalid_blocks");
    const longSection = [{ type: "section", text: { type: "mrkdwn", text: "y".repeat(3001) } }];
    expect(await slackError(web.chat.postMessage({ channel, text: "x", blocks: longSection }))).toBe(
      "invalid_blocks",
    );
    const longHeader = [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }];
    expect(await slackError(web.chat.postMessage({ channel, text: "x", blocks: longHeader }))).toBe(
      "invalid_blocks",
    );
    expect(fake.messages(channel)).toEqual([]);
  });

  it("updates, pins and sends ephemeral messages", async () => {
    seedPeople();
    const web = client();
    const channel = fake.addChannel({ name: "tender-updates", members: ["U0BOT", "U0ALICE"] });
    const { ts = "" } = await web.chat.postMessage({ channel, text: "Deadline: Friday" });

    const updated = await web.chat.update({ channel, ts, text: "Deadline: Monday" });
    expect(updated.message?.text).toBe("Deadline: Monday");
    expect(fake.message(channel, ts)?.edited?.user).toBe("U0BOT");
    expect(await slackError(web.chat.update({ channel, ts: "1.000001", text: "x" }))).toBe(
      "message_not_found",
    );
    const question = fake.addMessage(channel, { user: "U0ALICE", text: "Can we bid jointly?" });
    expect(await slackError(web.chat.update({ channel, ts: question, text: "x" }))).toBe(
      "cant_update_message",
    );

    await web.pins.add({ channel, timestamp: ts });
    expect(fake.pins(channel)).toEqual([ts]);
    expect(await slackError(web.pins.add({ channel, timestamp: ts }))).toBe("already_pinned");
    expect(await slackError(web.pins.add({ channel, timestamp: "1.000001" }))).toBe("message_not_found");
    expect(await slackError(web.pins.add({ channel: "C0MISSING", timestamp: ts }))).toBe("channel_not_found");

    const ephemeral = await web.chat.postEphemeral({
      channel,
      user: "U0ALICE",
      text: "Only you can see this",
    });
    expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.ephemerals(channel)).toHaveLength(1);
    expect(await slackError(web.chat.postEphemeral({ channel, user: "U0BOB", text: "x" }))).toBe(
      "user_not_in_channel",
    );
  });

  it("opens, updates and rejects modals", async () => {
    const web = client();
    const view = {
      type: "modal" as const,
      callback_id: "tender_new",
      title: { type: "plain_text" as const, text: "New tender" },
      submit: { type: "plain_text" as const, text: "Create" },
      blocks: [
        {
          type: "input",
          block_id: "title",
          label: { type: "plain_text" as const, text: "Title" },
          element: { type: "plain_text_input", action_id: "value" },
        },
      ],
    };
    expect(await slackError(web.apiCall("views.open", { view }))).toBe("invalid_arguments");
    fake.expireTrigger("111.222.old");
    expect(await slackError(web.views.open({ trigger_id: "111.222.old", view }))).toBe("expired_trigger_id");

    const opened = await web.views.open({ trigger_id: "111.222.fresh", view });
    expect(opened.view).toMatchObject({ callback_id: "tender_new", type: "modal" });
    expect(opened.view?.id).toMatch(/^V/);
    expect(await slackError(web.views.open({ trigger_id: "111.222.fresh", view }))).toBe(
      "exchanged_trigger_id",
    );

    const viewId = opened.view?.id ?? "";
    const renamed = { ...view, title: { type: "plain_text" as const, text: "Tender created" } };
    expect(await slackError(web.views.update({ view_id: viewId, hash: "stale", view: renamed }))).toBe(
      "hash_conflict",
    );
    const updated = await web.views.update({ view_id: viewId, hash: opened.view?.hash, view: renamed });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(fake.view(viewId)?.view.title).toEqual(renamed.title);

    const tooLongTitle = {
      ...view,
      title: { type: "plain_text" as const, text: "A title far longer than allowed" },
    };
    expect(await slackError(web.views.push({ trigger_id: "111.222.other", view: tooLongTitle }))).toBe(
      "invalid_arguments",
    );
  });

  it("answers unknown_method, not_authed and invalid_auth", async () => {
    expect(await slackError(client().apiCall("tenders.explode"))).toBe("unknown_method");
    expect(await slackError(client({}, "xoxb-wrong").auth.test())).toBe("invalid_auth");

    const anonymous = await fetch(`${fake.apiUrl}auth.test`, { method: "POST" });
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ ok: false, error: "not_authed" });

    const viaBodyToken = await fetch(`${fake.apiUrl}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: fake.botToken }).toString(),
    });
    expect(await viaBodyToken.json()).toMatchObject({ ok: true, user_id: "U0BOT" });

    const json = await fetch(`${fake.apiUrl}conversations.create`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${fake.botToken}` },
      body: JSON.stringify({ name: "tender-json", is_private: true }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: { name: "tender-json", is_private: true } });
    expect(fake.calls().map((call) => call.method)).toEqual([
      "tenders.explode",
      "auth.test",
      "auth.test",
      "auth.test",
      "conversations.create",
    ]);
  });

  it("retries after an injected 429 once Retry-After has passed", async () => {
    const web = client({
      rejectRateLimitedCalls: false,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0, randomize: false },
    });
    fake.rateLimitNext("auth.test");
    const started = Date.now();
    const result = await web.auth.test();
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.calls("auth.test").map((call) => call.status)).toEqual([429, 200]);
  });

  it("injects platform errors, rate limits and HTTP failures", async () => {
    const web = client({ rejectRateLimitedCalls: true });
    const channel = fake.addChannel({ name: "tender-faults" });

    fake.failNext("chat.postMessage", "fatal_error", { when: (args) => args.text === "boom" });
    await web.chat.postMessage({ channel, text: "fine" });
    expect(await slackError(web.chat.postMessage({ channel, text: "boom" }))).toBe("fatal_error");
    await web.chat.postMessage({ channel, text: "boom" });
    expect(fake.messages(channel).map((m) => m.text)).toEqual(["fine", "boom"]);

    fake.rateLimitNext("chat.postMessage", { retryAfterSeconds: 7 });
    const limited = await web.chat.postMessage({ channel, text: "x" }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(WebAPIRateLimitedError);
    expect(limited).toMatchObject({ retryAfter: 7 });

    fake.httpErrorNext("chat.postMessage", 503);
    const unavailable = await web.chat.postMessage({ channel, text: "x" }).catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(WebAPIHTTPError);
    expect(unavailable).toMatchObject({ statusCode: 503 });
    expect(fake.calls("chat.postMessage").map((call) => call.status)).toEqual([200, 200, 200, 429, 503]);

    fake.limitPostsPerChannel(1);
    await web.chat.postMessage({ channel, text: "first" });
    const tooFast = await web.chat.postMessage({ channel, text: "second" }).catch((error: unknown) => error);
    expect(tooFast).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
  });

  it("records response_url posts and waits for them", async () => {
    const url = fake.responseUrl();
    expect(url).toMatch(new RegExp(`^${fake.baseUrl}/response/[0-9a-f-]{36}$`));
    setTimeout(() => {
      void fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "Bid received", response_type: "ephemeral" }),
      });
    }, 20);
    const response = await fake.waitFor(() => fake.responses(url)[0]);
    expect(response.body).toEqual({ text: "Bid received", response_type: "ephemeral" });

    await expect(fake.waitFor(() => fake.responses().length > 1, 50, "a second response")).rejects.toThrow(
      /waitFor timed out after 50 ms waiting for a second response/,
    );
  });

  it("forgets everything on reset but keeps the bot", async () => {
    seedPeople();
    fake.addChannel({ name: "tender-old" });
    fake.failNext("auth.test", "fatal_error");
    fake.reset();
    expect(fake.user("U0ALICE")).toBeUndefined();
    expect(fake.channelByName("tender-old")).toBeUndefined();
    expect((await client().auth.test()).user_id).toBe("U0BOT");
    expect(fake.calls()).toHaveLength(1);
  });
});

describe("signed Slack requests", () => {
  const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";

  it("signs like Slack: v0= + HMAC-SHA256 of v0:<timestamp>:<body>", () => {
    const body = "token=x&team_id=T0BUYER&command=%2Ftender&text=new";
    const timestamp = 1_531_420_618;
    const expected = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    expect(signSlackRequest(signingSecret, timestamp, body)).toBe(expected);

    const headers = { "x-slack-signature": expected, "x-slack-request-timestamp": timestamp };
    const nowMilliseconds = timestamp * 1000;
    expect(() => verifySlackRequest({ signingSecret, body, headers, nowMilliseconds })).not.toThrow();
    expect(() =>
      verifySlackRequest({ signingSecret, body: `${body}&x=1`, headers, nowMilliseconds }),
    ).toThrow(/signature mismatch/);
  });

  it("sends commands and interactions that verify, with Slack's fields", async () => {
    const received: Array<{ headers: IncomingMessage["headers"]; body: string }> = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      seedPeople();
      const slack = new SlackRequests({
        url: `http://127.0.0.1:${port}/slack/events`,
        signingSecret,
        teamId: fake.teamId,
        fake,
      });
      await slack.command({ text: "new Office chairs", userId: "U0ALICE", channelId: "C0ANY" });
      await slack.blockAction({
        userId: "U0SELLER",
        channelId: "C0ANY",
        actionId: "bid_submit",
        value: "tnd_1",
      });
      await slack.event(
        { type: "app_mention", user: "U0ALICE", text: "hi", channel: "C0ANY" },
        { retryNum: 1, retryReason: "http_timeout" },
      );

      for (const request of received) {
        verifySlackRequest({
          signingSecret,
          body: request.body,
          headers: {
            "x-slack-signature": String(request.headers["x-slack-signature"]),
            "x-slack-request-timestamp": Number(request.headers["x-slack-request-timestamp"]),
          },
        });
      }
      const [command, action, event] = received;
      const form = new URLSearchParams(command?.body);
      expect(Object.fromEntries(form)).toMatchObject({
        team_id: "T0BUYER",
        team_domain: "buyercorp",
        channel_id: "C0ANY",
        user_id: "U0ALICE",
        user_name: "alice",
        command: "/tender",
        text: "new Office chairs",
        is_enterprise_install: "false",
      });
      expect(form.get("response_url")).toMatch(new RegExp(`^${fake.baseUrl}/response/`));
      expect(form.get("trigger_id")).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);

      const payload: unknown = JSON.parse(new URLSearchParams(action?.body).get("payload") ?? "null");
      expect(payload).toMatchObject({
        type: "block_actions",
        user: { id: "U0SELLER", team_id: "T0SELLER" },
        team: { id: "T0BUYER" },
        container: { type: "message", channel_id: "C0ANY" },
        actions: [{ type: "button", action_id: "bid_submit", value: "tnd_1" }],
      });
      expect(event?.headers["x-slack-retry-num"]).toBe("1");
      expect(event?.headers["x-slack-retry-reason"]).toBe("http_timeout");
      expect(JSON.parse(event?.body ?? "null")).toMatchObject({
        type: "event_callback",
        team_id: "T0BUYER",
        event: { type: "app_mention" },
        authorizations: [{ team_id: "T0BUYER", user_id: "U0BOT", is_bot: true }],
      });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("drives a Bolt app end to end through the fake", async () => {
    const receiver = new HTTPReceiver({
      signingSecret,
      processBeforeResponse: true,
      logLevel: BoltLogLevel.ERROR,
    });
    const app = new App({
      token: fake.botToken,
      receiver,
      logLevel: BoltLogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command("/tender", async ({ ack, respond, client: web, command }) => {
      await ack();
      await respond({ text: `Creating ${command.text}`, response_type: "ephemeral" });
      await web.chat.postMessage({ channel: command.user_id, text: "Tender created" });
    });
    const server = await receiver.start(0);
    try {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      seedPeople();
      const slack = new SlackRequests({
        url: `http://127.0.0.1:${port}/slack/events`,
        signingSecret,
        teamId: fake.teamId,
        fake,
      });
      const accepted = await slack.command({ text: "chairs", userId: "U0ALICE", channelId: "C0ANY" });
      expect(accepted.status).toBe(200);
      const dm = await fake.waitFor(() => fake.imWith("U0ALICE"));
      await fake.waitFor(() => fake.messages(dm.id)[0]);
      expect(fake.responses()[0]?.body).toMatchObject({
        text: "Creating chairs",
        response_type: "ephemeral",
      });

      const forged = await slack.send("command=%2Ftender", "application/x-www-form-urlencoded", {
        signature: "v0=deadbeef",
      });
      expect(forged.status).toBe(401);
    } finally {
      server.closeAllConnections();
      await receiver.stop();
    }
  });
});

describe("fake Slack file uploads", () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0a, 0x80]);

  /** Steps one and two of an upload: an upload URL for the file, and its bytes POSTed there. */
  async function uploadBytes(web: WebClient, filename = "chart.png"): Promise<string> {
    const started = await web.files.getUploadURLExternal({ filename, length: bytes.length });
    const posted = await fetch(started.upload_url ?? "", { method: "POST", body: bytes });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe(`OK - ${bytes.length}`);
    return started.file_id ?? "";
  }

  it("hands out an upload URL on its own address, takes the bytes there and shares the file", async () => {
    seedPeople();
    const web = client();
    const channel = fake.addChannel({ name: "tender-compare", members: ["U0BOT", "U0ALICE"] });
    const started = await web.files.getUploadURLExternal({ filename: "chart.png", length: bytes.length });
    expect(started.upload_url).toMatch(new RegExp(`^${fake.baseUrl}/upload/v1/[0-9a-f]+$`));
    expect(started.file_id).toMatch(/^F[0-9A-Z]{10}$/);
    await fetch(started.upload_url ?? "", { method: "POST", body: bytes });
    const parent = (await web.chat.postMessage({ channel, text: "Compare" })).ts ?? "";

    const completed = await web.files.completeUploadExternal({
      files: [{ id: started.file_id ?? "", title: "Improvement" }],
      channel_id: channel,
      thread_ts: parent,
      initial_comment: "How far each seller goes",
    });
    expect(completed.files).toEqual([
      expect.objectContaining({
        id: started.file_id,
        name: "chart.png",
        title: "Improvement",
        mimetype: "image/png",
        size: bytes.length,
        permalink: `https://buyercorp.slack.com/files/U0BOT/${started.file_id}/chart.png`,
      }),
    ]);
    expect(fake.files()).toEqual([
      {
        id: started.file_id,
        filename: "chart.png",
        title: "Improvement",
        channelId: channel,
        bytes,
        initialComment: "How far each seller goes",
        threadTs: parent,
      },
    ]);
    const replies = await web.conversations.replies({ channel, ts: parent });
    expect(replies.messages?.[1]).toMatchObject({
      text: "How far each seller goes",
      user: "U0BOT",
      upload: true,
      files: [{ id: started.file_id, name: "chart.png", title: "Improvement" }],
    });
  });

  it("takes the bytes from a multipart form and keeps a file completed without a channel unshared", async () => {
    const web = client();
    const started = await web.files.getUploadURLExternal({ filename: "notes.txt", length: 5 });
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(Buffer.from("héllo"))]), "notes.txt");
    expect((await fetch(started.upload_url ?? "", { method: "POST", body: form })).status).toBe(200);
    await web.files.completeUploadExternal({ files: [{ id: started.file_id ?? "" }] });
    expect(fake.files()).toMatchObject([{ title: "notes.txt", channelId: undefined }]);
    expect(fake.files()[0]?.bytes.toString("utf8")).toBe("héllo");
  });

  it("answers an upload's errors like Slack", async () => {
    const web = client();
    const channel = fake.addChannel({ name: "tender-compare" });
    const elsewhere = fake.addChannel({ name: "tender-other", isPrivate: true, members: [] });
    expect(await slackError(web.apiCall("files.getUploadURLExternal", { length: 3 }))).toBe(
      "invalid_arguments",
    );
    expect(await slackError(web.apiCall("files.getUploadURLExternal", { filename: "a.png" }))).toBe(
      "invalid_arguments",
    );
    expect(await slackError(web.apiCall("files.completeUploadExternal", { channel_id: channel }))).toBe(
      "invalid_arguments",
    );
    const unknown = web.files.completeUploadExternal({ files: [{ id: "F0NOSUCH" }], channel_id: channel });
    expect(await slackError(unknown)).toBe("file_not_found");

    const noBytes = await web.files.getUploadURLExternal({ filename: "a.png", length: 3 });
    const early = web.files.completeUploadExternal({
      files: [{ id: noBytes.file_id ?? "" }],
      channel_id: channel,
    });
    expect(await slackError(early)).toBe("file_not_found");

    const id = await uploadBytes(web);
    const threadOnly = web.apiCall("files.completeUploadExternal", {
      files: [{ id }],
      thread_ts: "1.000100",
    });
    expect(await slackError(threadOnly)).toBe("invalid_arguments");
    const outside = web.files.completeUploadExternal({ files: [{ id }], channel_id: elsewhere });
    expect(await slackError(outside)).toBe("not_in_channel");
    await web.files.completeUploadExternal({ files: [{ id }], channel_id: channel });
    const twice = web.files.completeUploadExternal({ files: [{ id }], channel_id: channel });
    expect(await slackError(twice)).toBe("file_not_found");
    expect(fake.files().map((file) => file.channelId)).toEqual([channel]);
    expect(fake.messages(elsewhere)).toEqual([]);

    const stranger = await fetch(`${fake.baseUrl}/upload/v1/nosuchtoken`, { method: "POST", body: bytes });
    expect(stranger.status).toBe(404);
  });

  it("applies injected errors and 429s to every step of an upload", async () => {
    const web = client({ rejectRateLimitedCalls: true });
    const channel = fake.addChannel({ name: "tender-compare" });
    const upload = () => web.files.uploadV2({ channel_id: channel, file: bytes, filename: "chart.png" });

    fake.failNext("files.getUploadURLExternal", "fatal_error");
    expect(await slackError(upload())).toBe("fatal_error");

    fake.rateLimitNext(UPLOAD_URL_METHOD, { retryAfterSeconds: 3 });
    expect(await upload().catch((error: unknown) => error)).toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 3,
    });
    fake.failNext(UPLOAD_URL_METHOD, "upload_failed");
    expect(await upload().catch((error: unknown) => error)).toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 400,
    });
    fake.rateLimitNext("files.completeUploadExternal");
    expect(await upload().catch((error: unknown) => error)).toBeInstanceOf(WebAPIRateLimitedError);
    fake.failNext("files.completeUploadExternal", "not_in_channel");
    expect(await slackError(upload())).toBe("not_in_channel");
    expect(fake.files()).toEqual([]);
    expect(fake.messages(channel)).toEqual([]);
    expect(fake.calls(UPLOAD_URL_METHOD).map((call) => call.status)).toEqual([429, 400, 200, 200]);

    const retrying = client({
      rejectRateLimitedCalls: false,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0, randomize: false },
    });
    fake.rateLimitNext(UPLOAD_URL_METHOD);
    await retrying.files.uploadV2({ channel_id: channel, file: bytes, filename: "chart.png" });
    expect(fake.files().map((file) => file.bytes)).toEqual([bytes]);
    expect(fake.messages(channel)).toHaveLength(1);
  });
});
