/** What the signed requests Slack sends the app are built from. */
import type { FakeSlack } from "./index.js";

export interface SlackHttpResponse {
  status: number;
  body: string;
  headers: Headers;
  json(): unknown;
}

export interface SendOptions {
  /** Unix seconds for `x-slack-request-timestamp`; defaults to now. Use an old value to test staleness. */
  timestamp?: number;
  /** Sent instead of the correct signature, to test rejection. */
  signature?: string;
  /** Sends neither signature nor timestamp headers. */
  unsigned?: boolean;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackRequestsOptions {
  /** The receiver endpoint, e.g. http://127.0.0.1:PORT/slack/events */
  url: string;
  signingSecret: string;
  teamId: string;
  apiAppId?: string;
  /** Used to mint response_urls and to fill in user names, channel names and message contents. */
  fake?: FakeSlack;
  /** Bot user in event authorizations; defaults to the fake's bot, else "U0BOT". */
  botUserId?: string;
  teamDomain?: string;
}

export interface CommandOptions {
  text: string;
  userId: string;
  channelId: string;
  channelName?: string;
  teamId?: string;
  command?: string;
  triggerId?: string;
  responseUrl?: string;
}

export interface BlockActionOptions {
  userId: string;
  /** The clicking user's team; differs from the app's team for a Slack Connect (external) user. */
  userTeamId?: string;
  channelId: string;
  messageTs?: string;
  actionId: string;
  blockId?: string;
  value?: string;
  triggerId?: string;
  responseUrl?: string;
  /** Fields merged over the default button action (e.g. a select's `selected_option`). */
  action?: Record<string, unknown>;
}

/** A submitted input as Slack sends it, e.g. `{ type: "plain_text_input", value: "…" }`. */
export type SubmittedValue = { type: string } & Record<string, unknown>;

export interface ViewSubmissionOptions {
  userId: string;
  userTeamId?: string;
  callbackId: string;
  privateMetadata?: string;
  /** `state.values`: block_id → action_id → value object. */
  values: Record<string, Record<string, SubmittedValue>>;
  viewId?: string;
  triggerId?: string;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}
