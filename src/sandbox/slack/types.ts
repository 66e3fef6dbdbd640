/** Public shapes exposed by the fake Slack Web API to tests. */

export type Args = Record<string, unknown>;

/** A Web API answer body; errors are `{ ok: false, error }` with HTTP 200, like Slack. */
export type ApiBody = { ok: boolean } & Record<string, unknown>;

export interface FakeSlackOptions {
  botToken?: string;
  /** The app-level token (xapp-…) that `apps.connections.open` accepts, for Socket Mode. */
  appToken?: string;
  teamId?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
}

export interface NewUser {
  id: string;
  /** Defaults to the home team; a different team makes this a Slack Connect (external) user. */
  teamId?: string;
  name?: string;
  realName?: string;
  tz?: string;
  email?: string;
  isBot?: boolean;
}

export interface FakeUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  tz: string;
  email: string | undefined;
  isBot: boolean;
}

export interface NewChannel {
  id?: string;
  name: string;
  isPrivate?: boolean;
  members?: string[];
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isArchived: boolean;
  /** True once a member from another team has joined. */
  isShared: boolean;
  isExtShared: boolean;
  /** True while a Slack Connect invitation is waiting to be accepted. */
  isPendingExtShared: boolean;
  creator: string;
  created: number;
  members: Set<string>;
  topic: string;
  purpose: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  metadata: Record<string, unknown> | undefined;
  /** Author: the bot for messages the app posted, otherwise a person added with addMessage(). */
  user: string;
  botId: string | undefined;
  edited: { user: string; ts: string } | undefined;
  replyCount: number;
  /** Files shared by this message (a file share made by files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
}

export interface NewMessage {
  /** The author; must be a known user. */
  user: string;
  text: string;
  threadTs?: string;
  blocks?: unknown[];
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  messageTs: string;
  text: string;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
}

export interface SharedInvite {
  inviteId: string;
  channel: string;
  email: string | undefined;
  userId: string | undefined;
  externalLimited: boolean;
  accepted: boolean;
  /** Set once the invited party turned it down. */
  declined?: boolean;
}

/** A file uploaded (files.getUploadURLExternal, the upload URL, files.completeUploadExternal). */
export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  /** Where it was shared; undefined for a file completed without a channel (private to the app). */
  channelId: string | undefined;
  bytes: Buffer;
  initialComment?: string;
  threadTs?: string;
}

export interface FakeView {
  id: string;
  hash: string;
  externalId: string | undefined;
  /** The view as last opened, pushed, updated or published. */
  view: Record<string, unknown>;
  /** How it got there: views.open, views.push, views.update or views.publish. */
  via: string;
  triggerId: string | undefined;
  userId: string | undefined;
}

export interface RecordedCall {
  method: string;
  args: Args;
  token?: string;
  at: number;
  status: number;
  /** Whether Slack's answer was `ok: true` (undefined for an answer that is not JSON). */
  ok?: boolean;
}

export interface RecordedResponse {
  url: string;
  body: unknown;
  at: number;
}

export interface FailOptions {
  times?: number;
  when?: (args: Args) => boolean;
}

export interface RateLimitOptions extends FailOptions {
  retryAfterSeconds?: number;
}

// ---------------------------------------------------------------- Socket Mode

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

/** What Slack sends over the socket for each payload. */
export interface SocketModeEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  /** True where the acknowledgement may carry an answer (slash commands, view submissions, options). */
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** The app's acknowledgement of an envelope. */
export interface SocketModeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface EnvelopeOptions {
  /** How long to wait for the acknowledgement; defaults to Slack's 3 seconds. */
  timeoutMs?: number;
}

export interface EventEnvelopeOptions extends EnvelopeOptions {
  /** Slack's redelivery count for this event (0 for the first delivery). */
  retryAttempt?: number;
  retryReason?: string;
}

/** An Events API `event_callback`; every field but `event` gets Slack's usual value when left out. */
export type EventCallbackBody = { event: Record<string, unknown> } & Record<string, unknown>;

/** Why Slack asks the app to reconnect. */
export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

export interface SocketModeClose {
  code: number;
  reason: string;
  /** True when the app closed the connection, false when Slack (the fake) did. */
  byApp: boolean;
  at: number;
}

export interface SocketModeIdentity {
  appToken: string;
  appId: string;
  teamId: string;
  botUserId: string;
}
