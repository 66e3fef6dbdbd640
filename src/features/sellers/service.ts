import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import { requireOwner } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { postOrNote } from "../../kernel/handlers.js";
import { tenderRef } from "../../kernel/refs.js";
import { sellerChannelName, slugify } from "../../slack/channel-names.js";
import { describeSlackError, slackErrorCode } from "../../slack/errors.js";
import { mentionUser } from "../../slack/text.js";
import { catchUpSeller, queueIntentPromptFor } from "../intents/index.js";
import { queueActiveMetricsFor } from "../metrics/index.js";
import { queueSellerOverview } from "../overview/index.js";
import { queueOpenRequirementsFor } from "../requirements/index.js";
import { isFinalStage, refreshCard, type Tender } from "../tenders/index.js";
import type { InviteRequest } from "./domain.js";
import { findSellerBySlug, insertSeller, type Seller, saveInvite, setSellerStatus } from "./repository.js";
import { couldNotPost, type InviteLine, inviteReport, welcomeMessage } from "./views.js";

const SELLER_SLUG_MAX = 30;

export interface InviteOutcome {
  seller: Seller;
  lines: InviteLine[];
  notes: string[];
}

/**
 * Gives the seller its private channel (once), adds the tender's owners, sends one Slack Connect
 * invitation per email and reports each outcome in the team channel.
 */
export async function inviteSeller(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  request: InviteRequest,
): Promise<InviteOutcome> {
  requireOwner(tender, actorUserId, "invite sellers");
  if (isFinalStage(tender.stage)) {
    throw new TenderError(
      "invalid_input",
      `${tenderRef(tender.number)} is ${tender.stage}: it takes no new sellers.`,
    );
  }
  const { db, slack } = deps;
  const notes: string[] = [];
  const slug = slugify(request.name, SELLER_SLUG_MAX) || "seller";
  const existing = await findSellerBySlug(db, tender.id, slug);
  const seller = existing ?? (await createSellerChannel(deps, tender, actorUserId, request.name, slug));

  const owners = tender.members.filter((m) => m.role === "owner").map((m) => m.userId);
  for (const failure of await slack.addToChannel(seller.channelId, owners)) {
    notes.push(
      `${mentionUser(failure.userId)} could not be added to the seller's channel: ${describeSlackError(failure.error)}.`,
    );
  }

  const lines: InviteLine[] = [];
  for (const email of request.emails) {
    const earlier = seller.invites.find((invite) => invite.email === email);
    if (earlier && earlier.status !== "failed") {
      lines.push({ email, outcome: "already" });
      continue;
    }
    const result = await slack.inviteShared(seller.channelId, email);
    await saveInvite(
      db,
      seller.id,
      email,
      result.sent
        ? { status: "sent", slackInviteId: result.inviteId }
        : { status: "failed", errorCode: result.error },
    );
    lines.push({ email, outcome: result.sent ? "sent" : { error: result.error } });
  }

  // With no invitation out at all, the buyer has to share the channel by hand.
  const anyInvitation =
    seller.invites.some((invite) => invite.status !== "failed") ||
    lines.some((line) => line.outcome === "sent");
  if (seller.status !== "joined") {
    await transaction(db, async (tx) => {
      await setSellerStatus(tx, seller.id, anyInvitation ? "invited" : "share_manually");
      // Invited again after every invitation was declined: it gets what it missed meanwhile.
      if (seller.status === "declined") await catchUpSeller(deps, tx, tender, seller);
    });
  }
  await recordAudit(db, {
    tenderId: tender.id,
    actorUserId,
    action: "seller.invited",
    detail: {
      seller: seller.name,
      channel: seller.channelId,
      invitations: lines.map(({ email, outcome }) => ({
        email,
        outcome: typeof outcome === "string" ? outcome : outcome.error,
      })),
    },
  });

  const report = inviteReport({
    actorUserId,
    sellerName: seller.name,
    channelId: seller.channelId,
    isNew: existing === null,
    lines,
  });
  await postOrNote(deps, tender.teamChannelId, report, notes, couldNotPost("the team channel"));
  if (existing === null) await refreshCard(deps, tender.id);
  return { seller, lines, notes };
}

async function createSellerChannel(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  name: string,
  slug: string,
): Promise<Seller> {
  const { db, slack, installation } = deps;
  let channel: { id: string };
  try {
    channel = await slack.createPrivateChannel(sellerChannelName(tender.slug, slug));
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    throw new TenderError(
      "slack_failed",
      `The seller was not invited: its channel could not be created (${describeSlackError(code)}).`,
    );
  }
  // The welcome comes first in the channel; the question whether it bids (in the requirements
  // stage), the key metrics and the open requirements queued with the seller follow it.
  const notes: string[] = [];
  await postOrNote(
    deps,
    channel.id,
    welcomeMessage(tender, name.trim(), installation.teamName),
    notes,
    couldNotPost("the seller's channel"),
  );
  if (notes.length > 0) deps.logger.warn({ channel: channel.id, notes }, "welcome message not posted");
  try {
    return await transaction(db, async (tx) => {
      const created = await insertSeller(tx, {
        tenderId: tender.id,
        name: name.trim(),
        slug,
        channelId: channel.id,
        createdBy: actorUserId,
      });
      await recordAudit(tx, {
        tenderId: tender.id,
        actorUserId,
        action: "seller.added",
        detail: { seller: created.name, channel: channel.id },
      });
      await queueIntentPromptFor(deps, tx, tender, created);
      await queueActiveMetricsFor(deps, tx, tender.id, created);
      await queueOpenRequirementsFor(deps, tx, tender.id, created);
      // Last, its overview of all that: pinned, and kept current from then on.
      await queueSellerOverview(deps, tx, {
        id: created.id,
        tenderId: tender.id,
        channelId: created.channelId,
      });
      return created;
    });
  } catch (error) {
    // Nothing half-made: the channel goes when the seller could not be saved.
    await slack.archiveChannel(channel.id);
    throw error;
  }
}
