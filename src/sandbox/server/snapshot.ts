/**
 * What one person sees of the workspace, as Slack would show it to them: only channels they are a
 * member of, their own ephemerals, files and modals, the invitations addressed to them.
 */
import {
  SANDBOX_ROUTES,
  type SandboxChannel,
  type SandboxMessage,
  type SandboxSnapshot,
} from "../contract.js";
import type { FakeChannel, FakeEphemeral, FakeMessage, FakeSlack, SharedInvite } from "../slack/index.js";
import { BUYER, SANDBOX_PEOPLE, sandboxPerson } from "../workspace.js";
import { withBlockIds } from "./blocks.js";
import type { Ledger } from "./ledger.js";
import { APP_NAME, authorName, canSee, organisationOf, personOf } from "./people.js";

/** Slack's "<seconds>.<microseconds>" compared as numbers, without losing a microsecond. */
function compareTs(a: string, b: string): number {
  const [aSeconds = "", aMicros = ""] = a.split(".");
  const [bSeconds = "", bMicros = ""] = b.split(".");
  return (
    Number(aSeconds) - Number(bSeconds) || Number(aMicros.padEnd(6, "0")) - Number(bMicros.padEnd(6, "0"))
  );
}

/** The organisations with people in the channel, the viewer's own first (the others are who it is shared with). */
function organisations(slack: FakeSlack, channel: FakeChannel, viewerTeamId: string): string[] {
  const teams = new Set([viewerTeamId, slack.teamId]);
  for (const member of channel.members) {
    const teamId = slack.user(member)?.teamId;
    if (teamId !== undefined) teams.add(teamId);
  }
  return [...teams].map((teamId) => organisationOf(slack, teamId));
}

function channelView(slack: FakeSlack, channel: FakeChannel, viewerTeamId: string): SandboxChannel {
  return {
    id: channel.id,
    name: channel.isIm ? APP_NAME : channel.name,
    kind: channel.isIm ? "app" : "channel",
    isPrivate: channel.isPrivate,
    shared: channel.isExtShared,
    organisations: organisations(slack, channel, viewerTeamId),
    topic: channel.topic,
  };
}

function fileUrl(fileId: string, as: string): string {
  return `${SANDBOX_ROUTES.files}${encodeURIComponent(fileId)}?as=${encodeURIComponent(as)}`;
}

function messageView(slack: FakeSlack, message: FakeMessage, pins: string[], as: string): SandboxMessage {
  return {
    ts: message.ts,
    ...(message.threadTs === undefined ? {} : { threadTs: message.threadTs }),
    user: message.user,
    author: authorName(slack, message.user),
    fromApp: message.user === slack.botUserId || message.botId !== undefined,
    ephemeral: false,
    text: message.text,
    ...(message.blocks === undefined ? {} : { blocks: withBlockIds(message.blocks) }),
    edited: message.edited !== undefined,
    replyCount: message.replyCount,
    pinned: pins.includes(message.ts),
    files: (message.files ?? []).map((file) => ({ ...file, url: fileUrl(file.id, as) })),
  };
}

function ephemeralView(slack: FakeSlack, ephemeral: FakeEphemeral): SandboxMessage {
  return {
    ts: ephemeral.messageTs,
    ...(ephemeral.threadTs === undefined ? {} : { threadTs: ephemeral.threadTs }),
    user: slack.botUserId,
    author: APP_NAME,
    fromApp: true,
    ephemeral: true,
    text: ephemeral.text,
    ...(ephemeral.blocks === undefined ? {} : { blocks: withBlockIds(ephemeral.blocks) }),
    edited: false,
    replyCount: 0,
    pinned: false,
    files: [],
  };
}

/** Whether a Slack Connect invitation still waits for this person's answer. */
export function pendingFor(invite: SharedInvite, person: { id: string; email: string }): boolean {
  if (invite.accepted || invite.declined === true) return false;
  if (invite.userId !== undefined) return invite.userId === person.id;
  return invite.email?.toLowerCase() === person.email.toLowerCase();
}

export function snapshotOf(slack: FakeSlack, ledger: Ledger, as: string): SandboxSnapshot {
  const me = personOf(slack, as);
  const dm = slack.channel(slack.appDm(me.id));
  const channels = slack.channels().filter((channel) => !channel.isIm && canSee(channel, me));
  if (dm) channels.push(dm);
  const mine = slack.ephemerals().filter((ephemeral) => ephemeral.user === me.id);
  const messages: Record<string, SandboxMessage[]> = {};
  for (const channel of channels) {
    const pins = slack.pins(channel.id);
    messages[channel.id] = [
      ...slack.messages(channel.id).map((message) => messageView(slack, message, pins, as)),
      ...mine
        .filter((ephemeral) => ephemeral.channel === channel.id)
        .map((ephemeral) => ephemeralView(slack, ephemeral)),
    ].sort((a, b) => compareTs(a.ts, b.ts));
  }
  const resident = SANDBOX_PEOPLE.find((person) => person.id === me.id);
  const invitations = slack.invitesShared().flatMap((invite) => {
    const channel = slack.channel(invite.channel);
    if (!resident || !channel || channel.isArchived || !pendingFor(invite, resident)) return [];
    return [{ id: invite.inviteId, channelName: channel.name, from: BUYER.name }];
  });
  const modals = ledger.modals(me.id).flatMap((id) => {
    const stored = slack.view(id);
    if (!stored) return [];
    const view = { ...stored.view, blocks: withBlockIds(stored.view.blocks) };
    return [{ id, view, errors: ledger.errorsOn(id) }];
  });
  const home = slack.home(me.id);
  return {
    me,
    people: SANDBOX_PEOPLE.flatMap((person) => sandboxPerson(person.id) ?? []),
    channels: channels.map((channel) => channelView(slack, channel, me.teamId)),
    messages,
    invitations,
    modals,
    home: home && { ...home.view, blocks: withBlockIds(home.view.blocks) },
    version: ledger.version,
  };
}
