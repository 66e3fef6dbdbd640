/**
 * A fake Slack Web API for integration tests: an HTTP server on 127.0.0.1 that keeps a small
 * workspace in memory (users, channels, messages, pins, Slack Connect invitations, modals, files)
 * and answers like Slack does, including Slack's error codes, HTTP 429 rate limiting, response_url
 * endpoints and the upload URLs of files (see files.ts). Point a WebClient at it with `slackApiUrl: fake.apiUrl`. It also speaks Socket Mode:
 * `apps.connections.open` hands out WebSocket URLs on the same server, and `fake.socketMode`
 * delivers envelopes over them (see socket-mode.ts).
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { chatMethods } from "./chat.js";
import type { Handler } from "./common.js";
import { conversationMethods } from "./conversations.js";
import { FaultInjection } from "./faults.js";
import { fileMethods } from "./files.js";
import { SlackHttp } from "./http.js";

import { FakeSocketMode } from "./socket-mode.js";
import { SlackState, teamDomainOf } from "./state.js";
import type {
  FakeSlackOptions,
  FakeUser,
  NewChannel,
  NewMessage,
  NewUser,
  RecordedCall,
  RecordedResponse,
} from "./types.js";
import { viewMethods, workspaceMethods } from "./views.js";

export { UPLOAD_URL_METHOD } from "./files.js";
export { FakeSocketMode } from "./socket-mode.js";
export type * from "./types.js";

const METHODS: Record<string, Handler> = {
  ...workspaceMethods,
  ...conversationMethods,
  ...chatMethods,
  ...viewMethods,
};

/** The app-level token the fake accepts unless `startFakeSlack({ appToken })` says otherwise. */
export const DEFAULT_APP_TOKEN = "xapp-1-test-app-token";

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class FakeSlack extends FaultInjection {
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
  private readonly methods: Record<string, Handler> = { ...METHODS, ...fileMethods(() => this.baseUrl) };
  private readonly http: SlackHttp;
  private port = 0;

  private constructor(options: FakeSlackOptions) {
    const teamName = options.teamName ?? "Buyer Corp";
    super(
      new SlackState({
        botToken: options.botToken ?? "xoxb-test-token",
        teamId: options.teamId ?? "T0BUYER",
        teamName,
        teamDomain: teamDomainOf(teamName),
        botUserId: options.botUserId ?? "U0BOT",
        botId: options.botId ?? "B0BOT",
        appId: options.appId ?? "A0TENDER",
      }),
    );
    this.botToken = options.botToken ?? "xoxb-test-token";
    this.appToken = options.appToken ?? DEFAULT_APP_TOKEN;
    this.teamId = options.teamId ?? "T0BUYER";
    this.teamName = options.teamName ?? "Buyer Corp";
    this.teamDomain = teamDomainOf(this.teamName);
    this.botUserId = options.botUserId ?? "U0BOT";
    this.botId = options.botId ?? "B0BOT";
    this.appId = options.appId ?? "A0TENDER";
    this.server = createServer((req, res) => {
      this.http.route(req, res).catch((error: unknown) => {
        console.error("fake Slack failed to answer a request", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("fake Slack internal failure");
      });
    });
    this.socketMode = new FakeSocketMode(
      { appToken: this.appToken, appId: this.appId, teamId: this.teamId, botUserId: this.botUserId },
      () => this.baseUrl,
    );
    this.http = new SlackHttp({
      state: this.state,
      faults: this.faults,
      methods: this.methods,
      socketMode: this.socketMode,
      botToken: this.botToken,
      events: this,
      baseUrl: () => this.baseUrl,
    });
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

  // ---------------------------------------------------------------- recordings and state

  calls(method?: string): RecordedCall[] {
    return this.http.recorded.filter((call) => method === undefined || call.method === method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.calls(method).at(-1);
  }

  clearCalls(): void {
    this.http.recorded = [];
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
    return this.http.recordedResponses.filter((response) => url === undefined || response.url === url);
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
    const seen = this.http.recorded.map((call) => `${call.method}(${call.status})`).join(", ") || "none";
    const cause = lastError instanceof Error ? `; last probe error: ${lastError.message}` : "";
    throw new Error(
      `waitFor timed out after ${timeoutMs} ms waiting for ${label}${cause}; Slack calls seen: ${seen}`,
    );
  }

  /**
   * Clears users, channels, messages, invites, views, recordings and faults; keeps the bot, team,
   * server and Socket Mode connections.
   */
  reset(): void {
    this.state.clear();
    this.faults.clear();
    this.http.recorded = [];
    this.http.recordedResponses = [];
  }

  /** Stops the server; a Socket Mode connection the app has not closed by itself is cut. */
  async close(): Promise<void> {
    await this.socketMode.close();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }
}

export function startFakeSlack(options?: FakeSlackOptions): Promise<FakeSlack> {
  return FakeSlack.start(options);
}
