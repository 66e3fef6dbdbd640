/** The shapes Slack gives what people do: message events, invitation events, messages in payloads. */
import { randomBytes, randomUUID } from "node:crypto";
import type { SandboxPerson } from "../contract.js";
import type { FakeChannel, FakeMessage, FakeSlack, SharedInvite } from "../slack/index.js";
import { BUYER } from "../workspace.js";
import { withBlockIds } from "./blocks.js";

/** The token Slack puts in every payload; apps verify the signature instead. */
export const VERIFICATION_TOKEN = "legacy-verification-token";

/** A mention, channel link or special mention the composer already wrote in Slack's own form. */
const FORMATTED = /<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+|![a-z^][\w^|-]*)>/g;

function escapeAll(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Typed text as Slack delivers it: `&`, `<` and `>` escaped, mentions kept as they are. */
export function slackEscape(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(FORMATTED)) {
    out += escapeAll(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeAll(text.slice(last));
}

/** The rich_text block Slack's composer sends with a typed message. */
export function richText(text: string): Record<string, unknown> {
  return {
    type: "rich_text",
    block_id: randomBytes(3).toString("base64url").slice(0, 4),
    elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
  };
}

function channelType(channel: FakeChannel): "im" | "group" | "channel" {
  if (channel.isIm) return "im";
  return channel.isPrivate ? "group" : "channel";
}

/** A person's message as the Events API delivers it. */
export function messageEvent(
  slack: FakeSlack,
  channel: FakeChannel,
  person: SandboxPerson,
  message: FakeMessage,
): Record<string, unknown> {
  const root = message.threadTs === undefined ? undefined : slack.message(channel.id, message.threadTs);
  return {
    type: "message",
    client_msg_id: randomUUID(),
    channel: channel.id,
    channel_type: channelType(channel),
    user: person.id,
    text: message.text,
    ts: message.ts,
    event_ts: message.ts,
    team: person.teamId,
    user_team: person.teamId,
    source_team: person.teamId,
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(root === undefined ? {} : { parent_user_id: root.user }),
  };
}

/** A message inside an interaction payload (block_actions, message_action). */
export function messageObject(slack: FakeSlack, message: FakeMessage): Record<string, unknown> {
  const fromApp = message.user === slack.botUserId;
  const team = fromApp ? slack.teamId : (slack.user(message.user)?.teamId ?? slack.teamId);
  return {
    type: "message",
    user: message.user,
    ts: message.ts,
    text: message.text,
    team,
    ...(fromApp ? { bot_id: message.botId ?? slack.botId, app_id: slack.appId } : { user_team: team }),
    ...(message.blocks === undefined ? {} : { blocks: withBlockIds(message.blocks) }),
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(message.threadTs === message.ts ? { reply_count: message.replyCount } : {}),
    ...(message.files === undefined ? {} : { files: message.files }),
    ...(message.edited === undefined ? {} : { edited: message.edited }),
  };
}

function team(slack: FakeSlack): Record<string, unknown> {
  return { id: slack.teamId, name: BUYER.name, domain: slack.teamDomain };
}

function invitation(slack: FakeSlack, invite: SharedInvite): Record<string, unknown> {
  return {
    id: invite.inviteId,
    inviting_team: team(slack),
    inviting_user: { id: slack.botUserId, team_id: slack.teamId, name: "tender_room" },
    ...(invite.email === undefined ? {} : { recipient_email: invite.email }),
    ...(invite.userId === undefined ? {} : { recipient_user_id: invite.userId }),
  };
}

function channelRef(channel: FakeChannel): Record<string, unknown> {
  return { id: channel.id, is_private: channel.isPrivate, is_im: false, name: channel.name };
}

function personRef(slack: FakeSlack, person: SandboxPerson): Record<string, unknown> {
  const user = slack.user(person.id);
  const name = user?.name ?? person.id.toLowerCase();
  return {
    id: person.id,
    team_id: person.teamId,
    name,
    profile: { real_name: person.name, display_name: name, team: person.teamId, email: user?.email },
  };
}

export function inviteAccepted(
  slack: FakeSlack,
  invite: SharedInvite,
  channel: FakeChannel,
  person: SandboxPerson,
): Record<string, unknown> {
  return {
    type: "shared_channel_invite_accepted",
    approval_required: false,
    invite: invitation(slack, invite),
    channel: channelRef(channel),
    teams_in_channel: [team(slack)],
    accepting_user: personRef(slack, person),
  };
}

export function inviteDeclined(
  slack: FakeSlack,
  invite: SharedInvite,
  channel: FakeChannel,
  person: SandboxPerson,
): Record<string, unknown> {
  return {
    type: "shared_channel_invite_declined",
    invite: invitation(slack, invite),
    channel: channelRef(channel),
    declining_team_id: person.teamId,
    teams_in_channel: [team(slack)],
    declining_user: personRef(slack, person),
  };
}

export function memberJoined(channel: FakeChannel, person: SandboxPerson): Record<string, unknown> {
  return {
    type: "member_joined_channel",
    user: person.id,
    channel: channel.id,
    channel_type: channel.isPrivate ? "G" : "C",
    team: person.teamId,
  };
}
