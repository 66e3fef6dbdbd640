/**
 * Builds requests the way Slack sends them to the app (slash commands, interactivity payloads,
 * Events API callbacks), signs them with the signing secret and POSTs them to the app's receiver.
 */
import { randomBytes } from "node:crypto";
import { digits, newEventId, newTriggerId, nowTs, signSlackRequest } from "./ids.js";

export { signSlackRequest } from "./ids.js";

import type { FakeSlack } from "./index.js";
import type {
  BlockActionOptions,
  CommandOptions,
  EventOptions,
  SendOptions,
  SlackHttpResponse,
  SlackRequestsOptions,
  ViewSubmissionOptions,
} from "./request-types.js";

export type { SlackHttpResponse, SubmittedValue } from "./request-types.js";

const VERIFICATION_TOKEN = "legacy-verification-token";

export class SlackRequests {
  readonly url: string;
  readonly teamId: string;
  readonly apiAppId: string;
  private readonly signingSecret: string;
  private readonly fake: FakeSlack | undefined;
  private readonly botUserId: string;
  private readonly teamDomain: string;

  constructor(options: SlackRequestsOptions) {
    this.url = options.url;
    this.signingSecret = options.signingSecret;
    this.teamId = options.teamId;
    this.fake = options.fake;
    this.apiAppId = options.apiAppId ?? options.fake?.appId ?? "A0TENDER";
    this.botUserId = options.botUserId ?? options.fake?.botUserId ?? "U0BOT";
    this.teamDomain = options.teamDomain ?? options.fake?.teamDomain ?? "buyercorp";
  }

  /** POSTs a raw body, signed correctly unless the options say otherwise. */
  async send(rawBody: string, contentType: string, opts: SendOptions = {}): Promise<SlackHttpResponse> {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { "content-type": contentType };
    if (!opts.unsigned) {
      headers["x-slack-request-timestamp"] = String(timestamp);
      headers["x-slack-signature"] =
        opts.signature ?? signSlackRequest(this.signingSecret, timestamp, rawBody);
    }
    if (opts.retryNum !== undefined) headers["x-slack-retry-num"] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers["x-slack-retry-reason"] = opts.retryReason;
    const response = await fetch(this.url, { method: "POST", headers, body: rawBody });
    const body = await response.text();
    return {
      status: response.status,
      body,
      headers: response.headers,
      json: () => JSON.parse(body) as unknown,
    };
  }

  /** A slash command, form-encoded with every field Slack sends. */
  command(options: CommandOptions): Promise<SlackHttpResponse> {
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: options.teamId ?? this.teamId,
      team_domain: this.teamDomain,
      channel_id: options.channelId,
      channel_name: options.channelName ?? this.channelName(options.channelId),
      user_id: options.userId,
      user_name: this.userName(options.userId),
      command: options.command ?? "/tender",
      text: options.text,
      api_app_id: this.apiAppId,
      is_enterprise_install: "false",
      response_url: options.responseUrl ?? this.mintResponseUrl(),
      trigger_id: options.triggerId ?? newTriggerId(),
    });
    return this.send(form.toString(), "application/x-www-form-urlencoded");
  }

  /** A button click (or, with `action`, any block element) on a message. */
  blockAction(options: BlockActionOptions): Promise<SlackHttpResponse> {
    const messageTs = options.messageTs ?? nowTs();
    const stored = options.messageTs ? this.fake?.message(options.channelId, options.messageTs) : undefined;
    const message: Record<string, unknown> = {
      type: "message",
      user: this.botUserId,
      ts: messageTs,
      text: stored?.text ?? "",
    };
    if (stored?.blocks !== undefined) message.blocks = stored.blocks;
    if (stored?.threadTs !== undefined) message.thread_ts = stored.threadTs;
    if (stored?.botId !== undefined) message.bot_id = stored.botId;
    const action = {
      type: "button",
      action_id: options.actionId,
      block_id: options.blockId ?? randomBytes(3).toString("hex"),
      text: { type: "plain_text", text: options.actionId, emoji: true },
      ...(options.value === undefined ? {} : { value: options.value }),
      action_ts: nowTs(),
      ...options.action,
    };
    return this.interaction({
      type: "block_actions",
      user: this.userObject(options.userId, options.userTeamId),
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      container: {
        type: "message",
        message_ts: messageTs,
        channel_id: options.channelId,
        is_ephemeral: false,
      },
      trigger_id: options.triggerId ?? newTriggerId(),
      team: { id: this.teamId, domain: this.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: options.channelId, name: this.channelName(options.channelId) },
      message,
      state: { values: {} },
      response_url: options.responseUrl ?? this.mintResponseUrl(),
      actions: [action],
    });
  }

  /** A modal submission; view fields default to what the fake last recorded for `viewId`. */
  viewSubmission(options: ViewSubmissionOptions): Promise<SlackHttpResponse> {
    const known = options.viewId ? this.fake?.view(options.viewId) : undefined;
    const viewId = options.viewId ?? `V${digits(10)}`;
    return this.interaction({
      type: "view_submission",
      team: { id: this.teamId, domain: this.teamDomain },
      user: this.userObject(options.userId, options.userTeamId),
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      trigger_id: options.triggerId ?? newTriggerId(),
      view: {
        id: viewId,
        team_id: this.teamId,
        type: "modal",
        blocks: known?.view.blocks ?? [],
        title: known?.view.title ?? { type: "plain_text", text: "Tender", emoji: true },
        submit: known?.view.submit ?? { type: "plain_text", text: "Submit", emoji: true },
        close: known?.view.close ?? null,
        private_metadata: options.privateMetadata ?? known?.view.private_metadata ?? "",
        callback_id: options.callbackId,
        state: { values: options.values },
        hash: known?.hash ?? `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
        clear_on_close: false,
        notify_on_close: false,
        previous_view_id: null,
        root_view_id: viewId,
        app_id: this.apiAppId,
        external_id: known?.externalId ?? "",
        app_installed_team_id: this.teamId,
        bot_id: this.fake?.botId ?? "B0BOT",
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  /** Any interactivity payload, sent as Slack does: form-encoded `payload=<json>`. */
  interaction(payload: Record<string, unknown>, opts: SendOptions = {}): Promise<SlackHttpResponse> {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return this.send(form.toString(), "application/x-www-form-urlencoded", opts);
  }

  /** An Events API `event_callback`; resolves with the response and the event id used. */
  async event(
    event: Record<string, unknown>,
    opts: EventOptions = {},
  ): Promise<SlackHttpResponse & { eventId: string }> {
    const eventId = opts.eventId ?? newEventId();
    const envelope = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      api_app_id: this.apiAppId,
      event: { event_ts: nowTs(), ...event },
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(`${this.teamId}:${eventId}`).toString("base64url")}`,
    };
    const response = await this.send(JSON.stringify(envelope), "application/json", {
      retryNum: opts.retryNum,
      retryReason: opts.retryReason,
    });
    return { ...response, eventId };
  }

  /** The handshake Slack sends when the Events API request URL is configured. */
  urlVerification(challenge: string): Promise<SlackHttpResponse> {
    const body = JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: "url_verification" });
    return this.send(body, "application/json");
  }

  private mintResponseUrl(): string {
    if (this.fake) return this.fake.responseUrl();
    return `https://hooks.slack.com/actions/${this.teamId}/${digits(13)}/${randomBytes(12).toString("hex")}`;
  }

  private userName(userId: string): string {
    return this.fake?.user(userId)?.name ?? userId.toLowerCase();
  }

  private userObject(userId: string, userTeamId: string | undefined): Record<string, unknown> {
    const name = this.userName(userId);
    return {
      id: userId,
      username: name,
      name,
      team_id: userTeamId ?? this.fake?.user(userId)?.teamId ?? this.teamId,
    };
  }

  private channelName(channelId: string): string {
    const channel = this.fake?.channel(channelId);
    if (channel?.isIm || channelId.startsWith("D")) return "directmessage";
    return channel?.name ?? "tender-room";
  }
}
