import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import type { Deps } from "../../kernel/deps.js";
import { postOrNote } from "../../kernel/handlers.js";
import { slackErrorCode } from "../../slack/errors.js";
import { catchUpSeller } from "../intents/index.js";
import { tenderById } from "../tenders/index.js";
import {
  findSellerByChannel,
  recordSellerTimezone,
  type Seller,
  setInviteStatus,
  setSellerStatus,
  setSellerTeam,
  setStatusUnlessJoined,
} from "./repository.js";
import { acceptedText, awaitingApprovalText, couldNotPost, declinedText, joinedText } from "./views.js";

/*
 * Whether the seller is in its channel, from what Slack reports: answers to its invitations and its
 * people joining. Slack does not promise their order, so whichever counts the seller in first is
 * the one the team hears about.
 */

export interface InviteAnswer {
  channelId: string;
  inviteId?: string;
  email?: string;
  userId: string;
  userTeamId: string;
  /** The answering organisation's name, when Slack sent it. */
  teamName?: string;
}

function matchInvite(seller: Seller, answer: InviteAnswer) {
  return (
    seller.invites.find((invite) => answer.inviteId && invite.slackInviteId === answer.inviteId) ??
    seller.invites.find((invite) => answer.email && invite.email === answer.email.toLowerCase())
  );
}

async function announce(deps: Deps, seller: Seller, text: string): Promise<void> {
  const tender = await tenderById(deps, seller.tenderId);
  const notes: string[] = [];
  await postOrNote(deps, tender.teamChannelId, text, notes, couldNotPost("the team channel"));
  if (notes.length > 0) deps.logger.warn({ seller: seller.id, notes }, "announcement not posted");
}

/** Nudges reach the seller in its working hours; without the zone they use the buyer's. */
async function rememberTimezone(deps: Deps, sellerId: number, userId: string): Promise<void> {
  try {
    const person = await deps.slack.user(userId);
    if (person.timezone) await recordSellerTimezone(deps.db, sellerId, person.timezone);
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    deps.logger.warn({ seller: sellerId, error: code }, "the seller's time zone is not known");
  }
}

/**
 * `shared_channel_invite_accepted`. With `awaitingApproval` (Slack's `approval_required`) an admin
 * of either organisation has yet to approve the shared channel, so the seller stays invited; it is
 * counted in by `member_joined_channel` once its people are in, or by an acceptance needing no
 * approval. A seller already in is not announced again.
 */
export async function recordInviteAccepted(
  deps: Deps,
  answer: InviteAnswer & { awaitingApproval: boolean },
): Promise<void> {
  const seller = await findSellerByChannel(deps.db, answer.channelId);
  if (!seller) return;
  const invite = matchInvite(seller, answer);
  const notInYet = await transaction(deps.db, async (tx) => {
    if (invite) await setInviteStatus(tx, invite.id, "accepted");
    await setSellerTeam(tx, seller.id, answer.userTeamId);
    const out = await setStatusUnlessJoined(tx, seller.id, answer.awaitingApproval ? "invited" : "joined");
    await recordAudit(tx, {
      tenderId: seller.tenderId,
      actorUserId: answer.userId,
      action: "seller.invite_accepted",
      detail: {
        seller: seller.name,
        email: invite?.email ?? answer.email ?? null,
        team: answer.userTeamId,
        awaitingApproval: answer.awaitingApproval,
      },
    });
    return out;
  });
  if (!seller.timezone) await rememberTimezone(deps, seller.id, answer.userId);
  if (!notInYet) return;
  const told = answer.awaitingApproval ? awaitingApprovalText : acceptedText;
  await announce(deps, seller, told(seller.name, answer.userId, answer.teamName, seller.channelId));
}

/** `shared_channel_invite_declined`: one invitation was turned down. */
export async function recordInviteDeclined(
  deps: Deps,
  answer: InviteAnswer & { who: string },
): Promise<void> {
  const seller = await findSellerByChannel(deps.db, answer.channelId);
  if (!seller) return;
  const invite = matchInvite(seller, answer);
  const stillOpen = seller.invites.some(
    (other) => other.id !== invite?.id && (other.status === "sent" || other.status === "accepted"),
  );
  await transaction(deps.db, async (tx) => {
    if (invite) await setInviteStatus(tx, invite.id, "declined");
    if (seller.status !== "joined" && !stillOpen) await setSellerStatus(tx, seller.id, "declined");
    await recordAudit(tx, {
      tenderId: seller.tenderId,
      actorUserId: answer.userId,
      action: "seller.invite_declined",
      detail: { seller: seller.name, email: invite?.email ?? answer.email ?? null },
    });
  });
  await announce(deps, seller, declinedText(seller.name, answer.who, seller.channelId));
}

/**
 * `member_joined_channel` in a seller's channel: the manual path (a channel shared by hand) and a
 * channel an admin approved show up here. People of the buyer's own workspace joining are
 * colleagues, not the seller.
 */
export async function recordMemberJoined(
  deps: Deps,
  joined: { channelId: string; userId: string },
): Promise<void> {
  if (joined.userId === deps.installation.botUserId) return;
  const seller = await findSellerByChannel(deps.db, joined.channelId);
  if (!seller) return;
  const person = await deps.slack.user(joined.userId);
  if (person.isBot || person.teamId === deps.installation.teamId) return;
  if (!seller.timezone && person.timezone) await recordSellerTimezone(deps.db, seller.id, person.timezone);
  if (seller.status === "joined") {
    if (!seller.slackTeamId) await setSellerTeam(deps.db, seller.id, person.teamId);
    return;
  }
  // Its people came in anyway after every invitation was declined: it gets what it missed.
  const missed = seller.status === "declined" ? await tenderById(deps, seller.tenderId) : undefined;
  const joinedNow = await transaction(deps.db, async (tx) => {
    if (!(await setStatusUnlessJoined(tx, seller.id, "joined"))) return false;
    await setSellerTeam(tx, seller.id, person.teamId);
    if (missed) await catchUpSeller(deps, tx, missed, seller);
    await recordAudit(tx, {
      tenderId: seller.tenderId,
      actorUserId: joined.userId,
      action: "seller.joined",
      detail: { seller: seller.name, team: person.teamId },
    });
    return true;
  });
  if (joinedNow) await announce(deps, seller, joinedText(seller.name, joined.userId, seller.channelId));
}
