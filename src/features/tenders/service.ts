import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import { actorOf, requireBuyerSide } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import type { Outcome } from "../../kernel/handlers.js";
import { tenderRef } from "../../kernel/refs.js";
import { slugify, teamChannelName } from "../../slack/channel-names.js";
import type { CommandRequest } from "../../slack/commands/index.js";
import { parseDay } from "../../slack/dates.js";
import { describeSlackError, slackErrorCode } from "../../slack/errors.js";
import { mentionUser } from "../../slack/text.js";
import type { NewTenderInput } from "./domain.js";
import {
  findSellerOfChannel,
  findTenderByChannel,
  findTenderById,
  findTenderByNumber,
  insertTender,
  listTendersOfMember,
  setCardTs,
  type Tender,
  takeTenderNumber,
} from "./repository.js";
import { TENDER_GONE, tenderCard } from "./views.js";

/**
 * The tender a command is about: the one named with `T-<n>`, else the one whose channel (team or
 * seller channel) it was run in.
 */
export async function tenderOf(deps: Deps, { parsed, command }: CommandRequest): Promise<Tender> {
  const { installation, db } = deps;
  if (parsed.tenderNumber !== undefined) {
    const tender = await findTenderByNumber(db, installation.id, parsed.tenderNumber);
    if (!tender)
      throw new TenderError(
        "not_found",
        `There is no tender ${tenderRef(parsed.tenderNumber)} in this workspace.`,
      );
    return tender;
  }
  const tender = await findTenderByChannel(db, installation.id, command.channel_id);
  if (tender) return tender;
  const mine = await listTendersOfMember(db, installation.id, command.user_id);
  const hint =
    mine.length > 0
      ? ` Your open tenders: ${mine.map((t) => `${tenderRef(t.number)} (<#${t.teamChannelId}>)`).join(", ")}.`
      : " `/tender new &lt;title&gt;` opens one.";
  throw new TenderError(
    "no_tender_here",
    "This channel belongs to no tender. Run the command in a tender's channel, or name the tender, " +
      `e.g. \`/tender status T-3\`.${hint}`,
  );
}

/** The tender a button or form names; one deleted meanwhile is told in plain words. */
export async function tenderById(deps: Deps, id: number | undefined): Promise<Tender> {
  const tender = id === undefined ? null : await findTenderById(deps.db, id);
  if (!tender) throw new TenderError("not_found", TENDER_GONE);
  return tender;
}

/** A channel of a tender: its team channel, or one seller's channel. */
export interface Place {
  tender: Tender;
  channelId: string;
  seller: { id: number; name: string; slackTeamId: string | null } | null;
}

export async function placeOf(deps: Deps, channelId: string): Promise<Place | null> {
  const tender = await findTenderByChannel(deps.db, deps.installation.id, channelId);
  if (!tender) return null;
  const seller = channelId === tender.teamChannelId ? null : await findSellerOfChannel(deps.db, channelId);
  return { tender, channelId, seller };
}

export async function openTender(
  deps: Deps,
  actorUserId: string,
  input: NewTenderInput,
): Promise<Outcome<Tender>> {
  const { db, slack, installation, logger } = deps;
  const notes: string[] = [];
  // Only the buyer's people open tenders, whichever way the request came (command or form).
  requireBuyerSide(await actorOf(deps, actorUserId, undefined));
  const actor = await slack.user(actorUserId);
  const owners = [actorUserId];
  for (const userId of new Set(input.coOwners)) {
    if (userId === actorUserId) continue;
    const person = await slack.user(userId);
    if (person.isBot || person.teamId !== installation.teamId) {
      notes.push(
        `${mentionUser(userId)} was not made a co-owner: only people of your workspace can own a tender.`,
      );
      continue;
    }
    owners.push(userId);
  }

  const slug = slugify(input.title) || "untitled";
  let channel: { id: string; name: string };
  try {
    channel = await slack.createPrivateChannel(teamChannelName(slug));
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    throw new TenderError(
      "slack_failed",
      `The tender was not opened: the channel could not be created (${describeSlackError(code)}).`,
    );
  }

  let tender: Tender;
  try {
    tender = await transaction(db, async (tx) => {
      const number = await takeTenderNumber(tx, installation.id);
      const created = await insertTender(tx, {
        installationId: installation.id,
        number,
        title: input.title,
        goal: input.goal,
        slug,
        teamChannelId: channel.id,
        timezone: actor.timezone ?? "UTC",
        questionsDueOn: input.questionsDueOn ? parseDay(input.questionsDueOn) : undefined,
        proposalsDueOn: input.proposalsDueOn ? parseDay(input.proposalsDueOn) : undefined,
        awardPlannedOn: input.awardPlannedOn ? parseDay(input.awardPlannedOn) : undefined,
        createdBy: actorUserId,
        owners,
      });
      await recordAudit(tx, {
        tenderId: created.id,
        actorUserId,
        action: "tender.opened",
        detail: { title: input.title, channel: channel.id, owners },
      });
      return created;
    });
  } catch (error) {
    // Nothing half-made: the channel goes when the tender could not be saved.
    await slack.archiveChannel(channel.id);
    throw error;
  }

  for (const failure of await slack.addToChannel(channel.id, owners)) {
    notes.push(
      `${mentionUser(failure.userId)} could not be added to the channel: ${describeSlackError(failure.error)}.`,
    );
  }
  try {
    const card = tenderCard(tender);
    const cardTs = await slack.post(channel.id, card);
    await setCardTs(db, tender.id, cardTs);
    tender = { ...tender, cardTs };
    await slack.pin(channel.id, cardTs);
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    logger.warn({ tender: tender.id, error: code }, "tender card not posted or pinned");
    notes.push(`The tender card could not be posted or pinned: ${describeSlackError(code)}.`);
  }
  return { result: tender, notes };
}

/** Rebuilds the pinned card after a change; a failure is logged, the change itself stands. */
export async function refreshCard(deps: Deps, tenderId: number): Promise<void> {
  const tender = await findTenderById(deps.db, tenderId);
  if (!tender?.cardTs) return;
  try {
    await deps.slack.update(tender.teamChannelId, tender.cardTs, tenderCard(tender));
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    deps.logger.warn({ tender: tenderId, error: code }, "tender card not updated");
  }
}
