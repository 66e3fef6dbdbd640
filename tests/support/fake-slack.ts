/**
 * A fake Slack Web API for integration tests: an HTTP server on 127.0.0.1 that keeps a small
 * workspace in memory (users, channels, messages, pins, Slack Connect invitations, modals, files)
 * and answers like Slack does, including Slack's error codes, HTTP 429 rate limiting, response_url
 * endpoints and the upload URLs of files (see fake-slack/files.ts). Point a WebClient at it with `slackApiUrl: fake.apiUrl`. It also speaks Socket Mode:
 * `apps.connections.open` hands out WebSocket URLs on the same server, and `fake.socketMode`
 * delivers envelopes over them (see fake-slack/socket-mode.ts).
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import { parseRequestArgs, readBytes, str } from "./fake-slack/args.js";
import { chatMethods } from "./fake-slack/chat.js";
import { fail, type Handler } from "./fake-slack/common.js";
import { conversationMethods } from "./fake-slack/conversations.js";
import { type FaultEffect, Faults } from "./fake-slack/faults.js";
import { fileMethods, receiveUpload, UPLOAD_PATH, UPLOAD_URL_METHOD } from "./fake-slack/files.js";
import { FakeSocketMode } from "./fake-slack/socket-mode.js";
import { SlackState, teamDomainOf } from "./fake-slack/state.js";
import type {
  ApiBody,
  Args,
  FailOptions,
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakeSlackOptions,
  FakeUser,
  FakeView,
  NewChannel,
  NewMessage,
  NewUser,
  RateLimitOptions,
  RecordedCall,
  RecordedResponse,
  SharedInvite,
} from "./fake-slack/types.js";
import { viewMethods, workspaceMethods } from "./fake-slack/views.js";

export { UPLOAD_URL_METHOD } from "./fake-slack/files.js";
export { FakeSocketMode } from "./fake-slack/socket-mode.js";
export type {
  Args,
  FailOptions,
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakeSlackOptions,
  FakeUser,
  FakeView,
  NewChannel,
  NewMessage,
  NewUser,
  RateLimitOptions,
  RecordedCall,
  RecordedResponse,
  SharedInvite,
} from "./fake-slack/types.js";

const METHODS: Record<string, Handler> = {
  ...workspaceMethods,
  ...conversationMethods,
  ...chatMethods,
  ...viewMethods,
};

/** The one method called with the app-level token rather than the bot token. */
const CONNECTIONS_OPEN = "apps.connections.open";

/** The app-level token the fake accepts unless `startFakeSlack({ appToken })` says otherwise. */
export const DEFAULT_APP_TOKEN = "xapp-1-test-app-token";

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

function cloneMessage(message: FakeMessage): FakeMessage {
  return structuredClone(message);
}

function cloneChannel(channel: FakeChannel): FakeChannel {
  return { ...channel, members: new Set(channel.members) };
}

/** What the fake answers to one Web API call. */
interface Outcome {
  status: number;
  /** JSON for Slack answers; a string for HTML error pages. */
  body: ApiBody | string;
  headers?: Record<string, string>;
  /** Answered this much later (the call itself is done at once). */
  delayMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class FakeSlack extends EventEmitter {
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /** The Socket Mode side: connection state and envelope delivery to the connected app. */
  readonly socketMode: FakeSocketMode;

  private readonly server: Server;
  private readonly state: SlackState;
  private readonly faults = new Faults();
  private readonly methods: Record<string, Handler> = { ...METHODS, ...fileMethods(() => this.baseUrl) };
  private recorded: RecordedCall[] = [];
  private recordedResponses: RecordedResponse[] = [];
  private port = 0;

  private constructor(options: FakeSlackOptions) {
    super();
    this.botToken = options.botToken ?? "xoxb-test-token";
    this.appToken = options.appToken ?? DEFAULT_APP_TOKEN;
    this.teamId = options.teamId ?? "T0BUYER";
    this.teamName = options.teamName ?? "Buyer Corp";
    this.teamDomain = teamDomainOf(this.teamName);
    this.botUserId = options.botUserId ?? "U0BOT";
    this.botId = options.botId ?? "B0BOT";
    this.appId = options.appId ?? "A0TENDER";
    this.state = new SlackState({
      botToken: this.botToken,
      teamId: this.teamId,
      teamName: this.teamName,
      teamDomain: this.teamDomain,
      botUserId: this.botUserId,
      botId: this.botId,
      appId: this.appId,
    });
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        console.error("fake Slack failed to answer a request", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("fake Slack internal failure");
      });
    });
    this.socketMode = new FakeSocketMode(
      { appToken: this.appToken, appId: this.appId, teamId: this.teamId, botUserId: this.botUserId },
      () => this.baseUrl,
    );
    this.server.on("upgrade", (req, socket, head) => this.socketMode.upgrade(req, socket, head));
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once("error", reject);
      fake.server.listen(0, "127.0.0.1", () => {
        fake.server.off("error", reject);
        resolve();
      });
    });
    const address = fake.server.address();
    if (address === null || typeof address === "string") throw new Error("fake Slack has no TCP address");
    fake.port = address.port;
    return fake;
  }

  /** `http://127.0.0.1:<port>` */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as the WebClient's `slackApiUrl`; the client POSTs to `<apiUrl><method>`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  // ---------------------------------------------------------------- workspace set-up

  /** Adds (or replaces) a user. A `teamId` other than the home team makes a Slack Connect user. */
  addUser(user: NewUser): FakeUser {
    return { ...this.state.addUser(user) };
  }

  /**
   * Adds a pre-existing channel and returns its id. Public unless `isPrivate`. Members default to
   * just the bot; when `members` is given it is the exact member list (include the bot if needed).
   */
  addChannel(channel: NewChannel): string {
    if (channel.id !== undefined && this.state.channels.has(channel.id)) {
      throw new Error(`channel ${channel.id} already exists`);
    }
    const members = channel.members ?? [this.botUserId];
    for (const member of members) {
      if (!this.state.users.has(member)) throw new Error(`unknown user ${member}: addUser() it first`);
    }
    return this.state.addChannel({ ...channel, members }).id;
  }

  /** The invited party accepts a Slack Connect invitation: the user joins and the channel becomes shared. */
  acceptSharedInvite(inviteId: string, userId: string): void {
    const invite = this.state.invites.find((candidate) => candidate.inviteId === inviteId);
    if (!invite) throw new Error(`no shared invite ${inviteId}`);
    const channel = this.state.channels.get(invite.channel);
    if (!channel) throw new Error(`channel ${invite.channel} of invite ${inviteId} is gone`);
    if (!this.state.users.has(userId)) throw new Error(`unknown user ${userId}: addUser() it first`);
    invite.accepted = true;
    channel.members.add(userId);
    this.state.refreshSharing(channel);
  }

  /** A message written by a person (not the app) into a channel they are in; returns its ts. */
  addMessage(channelId: string, message: NewMessage): string {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`unknown channel ${channelId}`);
    if (!this.state.users.has(message.user))
      throw new Error(`unknown user ${message.user}: addUser() it first`);
    const ts = this.state.clock.next();
    this.state.appendMessage({
      channel: channelId,
      ts,
      text: message.text,
      blocks: message.blocks,
      threadTs: message.threadTs,
      metadata: undefined,
      user: message.user,
      botId: undefined,
      edited: undefined,
      replyCount: 0,
    });
    return ts;
  }

  /** Makes views.open / views.push answer `expired_trigger_id` for this trigger. */
  expireTrigger(triggerId: string): void {
    this.state.expiredTriggers.add(triggerId);
  }

  /** Makes conversations.inviteShared answer `error` whenever this email is invited. */
  failInviteFor(email: string, error: string): void {
    this.state.inviteFailures.set(email.toLowerCase(), error);
  }

  // ---------------------------------------------------------------- fault injection

  /** The next matching call(s) answer `{ ok: false, error }`; they are recorded and change nothing. */
  failNext(method: string, error: string, options: FailOptions = {}): void {
    this.faults.add(method, { kind: "error", error }, options.times, options.when);
  }

  /** The next matching call(s) answer HTTP 429 with `Retry-After` (default 1 s) and `ratelimited`. */
  rateLimitNext(method: string, options: RateLimitOptions = {}): void {
    const retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.faults.add(method, { kind: "ratelimit", retryAfterSeconds }, options.times, options.when);
  }

  /** The next matching call(s) answer with an HTTP error status (e.g. 500, 503) and an HTML body. */
  httpErrorNext(method: string, status: number, options: FailOptions = {}): void {
    if (status < 400 || status > 599) throw new Error(`status must be an HTTP error, got ${status}`);
    this.faults.add(method, { kind: "http", status }, options.times, options.when);
  }

  /**
   * The next matching call(s) are carried out, but Slack answers only after `ms`: a client that
   * gives up sooner cannot know whether the call took effect.
   */
  slowNext(method: string, ms: number, options: FailOptions = {}): void {
    this.faults.add(method, { kind: "slow", ms }, options.times, options.when);
  }

  /**
   * Emulates Slack's per-channel posting limit: a chat.postMessage to a channel that accepted a post
   * less than 1/perSecond seconds ago answers 429 with Retry-After 1. `null` turns it off.
   */
  limitPostsPerChannel(perSecond: number | null): void {
    this.faults.limitPostsPerChannel(perSecond);
  }

  // ---------------------------------------------------------------- recordings and state

  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((call) => method === undefined || call.method === method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.calls(method).at(-1);
  }

  clearCalls(): void {
    this.recorded = [];
  }

  /** Messages in a channel (thread replies included), oldest first. */
  messages(channelId: string): FakeMessage[] {
    return (this.state.messages.get(channelId) ?? []).map(cloneMessage);
  }

  /** Looks a message up by channel and ts. */
  message(channelId: string, ts: string): FakeMessage | undefined {
    const found = this.state.findMessage(channelId, ts);
    return found ? cloneMessage(found) : undefined;
  }

  ephemerals(channelId?: string): FakeEphemeral[] {
    return this.state.ephemerals
      .filter((ephemeral) => channelId === undefined || ephemeral.channel === channelId)
      .map((ephemeral) => structuredClone(ephemeral));
  }

  /** Every channel of the workspace, in the order they were made. */
  channels(): FakeChannel[] {
    return [...this.state.channels.keys()].flatMap((id) => this.channel(id) ?? []);
  }

  channel(id: string): FakeChannel | undefined {
    const found = this.state.channels.get(id);
    return found ? cloneChannel(found) : undefined;
  }

  channelByName(name: string): FakeChannel | undefined {
    const found = this.state.channelByName(name);
    return found ? cloneChannel(found) : undefined;
  }

  /** The IM channel between the bot and a user, if one was opened. */
  imWith(userId: string): FakeChannel | undefined {
    const id = this.state.ims.get(userId);
    return id === undefined ? undefined : this.channel(id);
  }

  user(id: string): FakeUser | undefined {
    const found = this.state.users.get(id);
    return found ? { ...found } : undefined;
  }

  /** Timestamps of the pinned messages in a channel, in pin order. */
  pins(channelId: string): string[] {
    return [...(this.state.pins.get(channelId) ?? [])];
  }

  invitesShared(): SharedInvite[] {
    return this.state.invites.map((invite) => ({ ...invite }));
  }

  /** Files whose upload was completed, in the order they were started; `bytes` are what was POSTed. */
  files(): FakeFile[] {
    return [...this.state.uploads.values()].flatMap((upload) =>
      upload.completed && upload.bytes
        ? [
            {
              id: upload.id,
              filename: upload.filename,
              bytes: Buffer.from(upload.bytes),
              ...upload.completed,
            },
          ]
        : [],
    );
  }

  /** Every modal or home view opened, pushed, updated or published, in the order first seen. */
  views(): FakeView[] {
    return [...this.state.views.values()].map((view) => structuredClone(view));
  }

  view(id: string): FakeView | undefined {
    const found = this.state.views.get(id);
    return found ? structuredClone(found) : undefined;
  }

  /** The App Home published for a person (views.publish replaces it as a whole), if any. */
  home(userId: string): FakeView | undefined {
    const found = [...this.state.views.values()].find(
      (view) => view.via === "views.publish" && view.userId === userId,
    );
    return found ? structuredClone(found) : undefined;
  }

  /** How many times a person's App Home was published successfully. */
  homePublishes(userId: string): number {
    return this.calls("views.publish").filter((call) => call.ok && call.args.user_id === userId).length;
  }

  /** Mints a fresh response_url served by this fake. */
  responseUrl(): string {
    return `${this.baseUrl}/response/${randomUUID()}`;
  }

  /** Bodies POSTed to response_urls, oldest first. */
  responses(url?: string): RecordedResponse[] {
    return this.recordedResponses.filter((response) => url === undefined || response.url === url);
  }

  /**
   * Polls `probe` every 10 ms until it returns a truthy value and resolves with it. A probe that
   * throws counts as "not yet". Rejects after `timeoutMs` with the calls seen so far.
   */
  async waitFor<T>(
    probe: () => T | undefined | null | false,
    timeoutMs = 5000,
    label = "condition",
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = probe();
        if (value) return value;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) break;
      await sleep(10);
    }
    const seen = this.recorded.map((call) => `${call.method}(${call.status})`).join(", ") || "none";
    const cause = lastError instanceof Error ? `; last probe error: ${lastError.message}` : "";
    throw new Error(
      `waitFor timed out after ${timeoutMs} ms waiting for ${label}${cause}; Slack calls seen: ${seen}`,
    );
  }

  /**
   * Clears users, channels, messages, invites, views, recordings and faults; keeps the bot, team,
   * server and Socket Mode connections.
   */
  /** Slack answers normally again: injected faults and the emulated rate limit are dropped. */
  clearFaults(): void {
    this.faults.clear();
  }

  reset(): void {
    this.state.clear();
    this.faults.clear();
    this.recorded = [];
    this.recordedResponses = [];
  }

  /** Stops the server; a Socket Mode connection the app has not closed by itself is cut. */
  async close(): Promise<void> {
    await this.socketMode.close();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- HTTP

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const bytes = await readBytes(req);
    const raw = bytes.toString("utf8");
    if (url.pathname.startsWith(UPLOAD_PATH) && req.method === "POST") {
      await this.answerUpload(url.pathname.slice(UPLOAD_PATH.length), bytes, req, res);
      return;
    }
    if (url.pathname.startsWith("/api/")) {
      this.answerApi(decodeURIComponent(url.pathname.slice("/api/".length)), url.searchParams, raw, req, res);
      return;
    }
    if (url.pathname.startsWith("/response/") && req.method === "POST") {
      this.answerResponseUrl(`${this.baseUrl}${url.pathname}`, raw, req, res);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }

  private answerApi(
    method: string,
    query: URLSearchParams,
    raw: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    const parsed = parseRequestArgs(raw, req.headers["content-type"] ?? "", query);
    const args: Args = parsed.ok ? parsed.args : {};
    const token = bearerToken(req.headers.authorization) ?? (parsed.ok ? parsed.bodyToken : undefined);
    const at = Date.now();
    const outcome: Outcome = parsed.ok
      ? this.decide(method, args, token, at)
      : { status: 200, body: fail(parsed.error) };

    const call: RecordedCall = { method, args, at, status: outcome.status };
    if (typeof outcome.body !== "string") call.ok = outcome.body.ok === true;
    if (token !== undefined) call.token = token;
    this.recorded.push(call);
    this.send(res, outcome);
    this.emit("call", call);
  }

  private send(res: ServerResponse, outcome: Outcome, contentType?: string): void {
    const isJson = typeof outcome.body !== "string";
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(outcome.status, {
        "content-type":
          contentType ?? (isJson ? "application/json; charset=utf-8" : "text/html; charset=utf-8"),
        "x-slack-req-id": randomUUID().replaceAll("-", ""),
        ...outcome.headers,
      });
      res.end(typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body));
    };
    if (outcome.delayMs) setTimeout(answer, outcome.delayMs).unref();
    else answer();
  }

  /**
   * The bytes of a file POSTed to its upload URL, which is its own credential (no token). Injected
   * faults for UPLOAD_URL_METHOD apply as to a Web API call, except that an error is an HTTP 400
   * whose body is the error, as the upload endpoint answers no JSON.
   */
  private async answerUpload(token: string, bytes: Buffer, req: IncomingMessage, res: ServerResponse) {
    const at = Date.now();
    const args: Args = { length: bytes.length };
    const fault = this.faults.take(UPLOAD_URL_METHOD, args);
    let outcome: Outcome | undefined =
      fault?.kind === "error" ? { status: 400, body: fault.error } : this.refusal(fault);
    if (!outcome) {
      const received = await receiveUpload(this.state, token, bytes, req.headers["content-type"] ?? "");
      if (received.fileId !== undefined) args.file_id = received.fileId;
      outcome = { status: received.status, body: received.body };
      if (fault?.kind === "slow") outcome.delayMs = fault.ms;
    }
    const call: RecordedCall = { method: UPLOAD_URL_METHOD, args, at, status: outcome.status };
    this.recorded.push(call);
    this.send(res, outcome, "text/plain; charset=utf-8");
    this.emit("call", call);
  }

  /** What an injected rate limit or HTTP failure answers instead of the call. */
  private refusal(fault: FaultEffect | undefined): Outcome | undefined {
    if (fault?.kind === "ratelimit") {
      return {
        status: 429,
        body: fail("ratelimited"),
        headers: { "retry-after": String(fault.retryAfterSeconds) },
      };
    }
    if (fault?.kind === "http") {
      const title = `${fault.status} ${STATUS_CODES[fault.status] ?? "Error"}`;
      const html = `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
      return { status: fault.status, body: html };
    }
    return undefined;
  }

  /** Auth first, then injected faults, then the emulated posting limit, then the method itself. */
  private decide(method: string, args: Args, token: string | undefined, at: number): Outcome {
    const appLevel = method === CONNECTIONS_OPEN;
    const handler: Handler | undefined = appLevel ? () => this.socketMode.open() : this.methods[method];
    if (!handler) return { status: 200, body: fail("unknown_method", { req_method: method }) };
    if (token === undefined || token === "") return { status: 200, body: fail("not_authed") };
    const refusal = appLevel ? this.socketMode.refusal(token) : this.botTokenRefusal(token);
    if (refusal) return { status: 200, body: fail(refusal) };

    const fault = this.faults.take(method, args);
    if (fault?.kind === "error") return { status: 200, body: fail(fault.error) };
    const refused = this.refusal(fault);
    if (refused) return refused;

    const postKey = method === "chat.postMessage" ? (str(args, "channel") ?? "") : undefined;
    if (postKey !== undefined && this.faults.postIsTooSoon(postKey, at)) {
      return { status: 429, body: fail("ratelimited"), headers: { "retry-after": "1" } };
    }
    const body = handler({ state: this.state, args });
    if (postKey !== undefined && body.ok) this.faults.notePost(postKey, at);
    return { status: 200, body, ...(fault?.kind === "slow" ? { delayMs: fault.ms } : {}) };
  }

  /** Web API methods take the bot token; an app-level token is the wrong kind, anything else wrong. */
  private botTokenRefusal(token: string): string | undefined {
    if (token === this.botToken) return undefined;
    return token.startsWith("xapp-") ? "not_allowed_token_type" : "invalid_auth";
  }

  private answerResponseUrl(url: string, raw: string, req: IncomingMessage, res: ServerResponse): void {
    let body: unknown = raw;
    const type = req.headers["content-type"] ?? "";
    if (type.includes("json") || raw.trimStart().startsWith("{")) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        res.writeHead(400, { "content-type": "text/plain" });
        res.end("invalid_payload");
        return;
      }
    }
    const response: RecordedResponse = { url, body, at: Date.now() };
    this.recordedResponses.push(response);
    res.writeHead(200, { "content-type": "text/html" });
    res.end("ok");
    this.emit("response", response);
  }
}

export function startFakeSlack(options?: FakeSlackOptions): Promise<FakeSlack> {
  return FakeSlack.start(options);
}
