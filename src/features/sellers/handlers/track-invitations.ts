import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../../../kernel/deps.js";
import { recordInviteAccepted, recordInviteDeclined, recordMemberJoined } from "../membership.js";

// Slack's payloads carry much more; these are the parts the app relies on.
const person = z.object({ id: z.string(), team_id: z.string(), name: z.string().optional() });
const invitationAnswer = z.object({
  invite: z.object({ id: z.string().optional(), recipient_email: z.string().optional() }).optional(),
  channel: z.object({ id: z.string() }),
  teams_in_channel: z.array(z.object({ id: z.string(), name: z.string().optional() })).optional(),
});
const accepted = invitationAnswer.extend({
  accepting_user: person,
  /** An admin of either organisation has yet to approve the shared channel. */
  approval_required: z.boolean().optional(),
});
const declined = invitationAnswer.extend({ declining_user: person });
const joined = z.object({ user: z.string(), channel: z.string() });

type EventArgs<T extends string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;

export function onInviteAccepted(deps: Deps) {
  return async ({ event, logger }: EventArgs<"shared_channel_invite_accepted">) => {
    const parsed = accepted.safeParse(event);
    if (!parsed.success) return logger.warn("shared_channel_invite_accepted without the expected fields");
    const { invite, channel, teams_in_channel, accepting_user, approval_required } = parsed.data;
    await recordInviteAccepted(deps, {
      channelId: channel.id,
      inviteId: invite?.id,
      email: invite?.recipient_email,
      userId: accepting_user.id,
      userTeamId: accepting_user.team_id,
      teamName: teams_in_channel?.find((team) => team.id === accepting_user.team_id)?.name,
      awaitingApproval: approval_required === true,
    });
  };
}

export function onInviteDeclined(deps: Deps) {
  return async ({ event, logger }: EventArgs<"shared_channel_invite_declined">) => {
    const parsed = declined.safeParse(event);
    if (!parsed.success) return logger.warn("shared_channel_invite_declined without the expected fields");
    const { invite, channel, declining_user } = parsed.data;
    await recordInviteDeclined(deps, {
      channelId: channel.id,
      inviteId: invite?.id,
      email: invite?.recipient_email,
      userId: declining_user.id,
      userTeamId: declining_user.team_id,
      who: invite?.recipient_email ?? declining_user.name ?? "Someone",
    });
  };
}

export function onMemberJoined(deps: Deps) {
  return async ({ event, logger }: EventArgs<"member_joined_channel">) => {
    const parsed = joined.safeParse(event);
    if (!parsed.success) return logger.warn("member_joined_channel without the expected fields");
    await recordMemberJoined(deps, { channelId: parsed.data.channel, userId: parsed.data.user });
  };
}
