import { recordAudit } from "../../db/audit.js";
import { TenderError } from "../../errors.js";
import { slugify, teamChannelName } from "../../slack/channel-names.js";
import { parseDay } from "../../slack/dates.js";
import { describeSlackError, slackErrorCode } from "../../slack/errors.js";
import { escapeText, mentionUser } from "../../slack/text.js";
import type { Deps } from "../deps.js";
import { isOwner, type NewTenderInput, stageChangeProblem, type TenderStage, tenderRef } from "./domain.js";
import {
  findTenderByChannel,
  findTenderById,
  findTenderByNumber,
  insertTender,
  listTendersOfMember,
  moveStage,
  setCardTs,
  type Tender,
  takeTenderNumber,
} from "./repository.js";
import { sellerStageAnnouncement, stageAnnouncement, tenderCard } from "./views.js";

/** A use case's outcome plus what went partly wrong, told to the person who asked. */
export interface Outcome<T> {
  result: T;
  notes: string[];
}

export interface TenderLookup {
  channelId: string;
  userId: string;
  /** An explicit `T-<n>`, which wins over the channel. */
  number?: number;
}

export async function resolveTender(deps: Deps, lookup: TenderLookup): Promise<Tender> {
  const { installation, db } = deps;
  if (lookup.number !== undefined) {
    const tender = await findTenderByNumber(db, installation.id, lookup.number);
    if (!tender)
      throw new TenderError("not_found", `There is no tender ${tenderRef(lookup.number)} in this workspace.`);
    return tender;
  }
  const tender = await findTenderByChannel(db, installation.id, lookup.channelId);
  if (tender) return tender;
  const mine = await listTendersOfMember(db, installation.id, lookup.userId);
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

export function requireOwner(tender: Tender, userId: string, doing: string): void {
  if (isOwner(tender.members, userId)) return;
  const owners = tender.members
    .filter((member) => member.role === "owner")
    .map((member) => mentionUser(member.userId))
    .join(", ");
  throw new TenderError(
    "forbidden",
    `Only the owners of ${tenderRef(tender.number)} (${owners}) can ${doing}. Ask one of them.`,
  );
}

/** Tender details are for its members, or anyone already inside its private team channel. */
export function requireInsider(tender: Tender, userId: string, channelId: string): void {
  if (channelId === tender.teamChannelId || tender.members.some((member) => member.userId === userId)) return;
  throw new TenderError(
    "forbidden",
    `${tenderRef(tender.number)} is private to its team. Ask one of its owners to add you to its channel.`,
  );
}

export async function openTender(
  deps: Deps,
  actorUserId: string,
  input: NewTenderInput,
): Promise<Outcome<Tender>> {
  const { db, slack, installation, logger } = deps;
  const notes: string[] = [];
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
    tender = await db.$transaction(async (tx) => {
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

export async function changeStage(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  to: TenderStage,
): Promise<Outcome<Tender>> {
  requireOwner(tender, actorUserId, "change its stage");
  const problem = stageChangeProblem(tender.stage, to);
  if (problem) throw new TenderError("invalid_input", problem);
  const from = tender.stage;
  const moved = await deps.db.$transaction(async (tx) => {
    if (!(await moveStage(tx, tender.id, from, to))) return false;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "tender.stage_changed",
      detail: { from, to },
    });
    return true;
  });
  if (!moved) {
    throw new TenderError(
      "conflict",
      `${tenderRef(tender.number)} changed stage meanwhile; check \`/tender status\`.`,
    );
  }
  const updated: Tender = { ...tender, stage: to };
  const notes: string[] = [];
  const announcements = [
    {
      channel: tender.teamChannelId,
      text: stageAnnouncement(updated, from, to, actorUserId),
      who: "the team channel",
    },
    ...tender.sellers.map((seller) => ({
      channel: seller.channelId,
      text: sellerStageAnnouncement(updated, to),
      who: `${escapeText(seller.name)}'s channel`,
    })),
  ];
  for (const { channel, text, who } of announcements) {
    try {
      await deps.slack.post(channel, { text });
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) throw error;
      notes.push(`The stage change could not be announced in ${who}: ${describeSlackError(code)}.`);
    }
  }
  await refreshCard(deps, tender.id);
  return { result: updated, notes };
}
