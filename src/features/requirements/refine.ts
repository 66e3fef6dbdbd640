import { recordAudit } from "../../db/audit.js";
import { TenderError } from "../../errors.js";
import { enqueue, type NewDelivery } from "../../outbox/repository.js";
import { parseDay } from "../../slack/dates.js";
import type { Deps } from "../deps.js";
import { applyLessons, type LessonChoice, lessonChoicesFor, lessonsAppliedIn } from "../lessons/reuse.js";
import { isFinalStage } from "../tenders/domain.js";
import { findTenderById, type Tender } from "../tenders/repository.js";
import { TENDER_GONE } from "../tenders/views.js";
import { refreshTeamCopy } from "./deliveries.js";
import { requirementRef } from "./domain.js";
import {
  anonymise,
  type ClarificationInput,
  type RequirementSummary,
  type RevisionInput,
  type RevisionOrigin,
  summarise,
} from "./refine-domain.js";
import {
  alreadyWithdrawnText,
  finalStageText,
  type InfluenceChoice,
  NOT_A_SELLER_REPLY,
  REPLY_GONE,
  type RequirementHistory,
  revisedMeanwhileText,
  revisionNoteText,
  SELLER_ANSWER_REFUSED,
  withdrawalNoteText,
  withdrawnText,
} from "./refine-views.js";
import {
  bumpVersion,
  findHistory,
  findReplyToAnswer,
  findRequirementById,
  insertClarification,
  insertRevision,
  markAnswered,
  markWithdrawn,
  type Requirement,
  requirementsWithSellerReplies,
  sellerRepliesAmong,
  sellerRepliesOf,
  sellersWithCopies,
} from "./repository.js";
import { DELIVERY, findRequirement, requireMember } from "./service.js";

/** Outbox kinds of refining, next to those of service.ts. */
export const REFINE_DELIVERY = {
  clarification: "requirement_clarification",
} as const;

type Seller = { id: number; channelId: string };

const updateKey = (requirementId: number, sellerId: number, step: string) =>
  `requirement:${requirementId}:seller:${sellerId}:${step}:update`;
const noteKey = (requirementId: number, sellerId: number, step: string) =>
  `requirement:${requirementId}:seller:${sellerId}:${step}:note`;
const clarificationKey = (clarificationId: number, sellerId: number) =>
  `clarification:${clarificationId}:seller:${sellerId}`;

/** Revising, withdrawing and clarifying need an open requirement in a tender still running. */
export function requireChangeable(
  tender: Tender,
  requirement: Requirement,
  doing: "revised" | "clarified",
): void {
  if (isFinalStage(tender.stage))
    throw new TenderError("invalid_input", finalStageText(tender.number, tender.stage));
  if (requirement.status === "withdrawn")
    throw new TenderError("conflict", withdrawnText(requirement.number, doing));
}

function sellerNames(tender: Tender): Map<number, string> {
  return new Map(tender.sellers.map((seller) => [seller.id, seller.name]));
}

function copyMessages(
  tender: Tender,
  requirementId: number,
  sellers: Seller[],
  step: string,
  noteFor: (seller: Seller) => string,
): NewDelivery[] {
  return sellers.flatMap((seller) => {
    const common = { tenderId: tender.id, requirementId, sellerId: seller.id, channelId: seller.channelId };
    return [
      { ...common, key: updateKey(requirementId, seller.id, step), kind: DELIVERY.sellerUpdate },
      {
        ...common,
        key: noteKey(requirementId, seller.id, step),
        kind: DELIVERY.sellerNote,
        payload: { text: noteFor(seller) },
      },
    ];
  });
}

/** Refreshes the team copy now; a failure is logged, the seller copies are on their way regardless. */
async function refreshTeam(deps: Deps, requirementId: number): Promise<void> {
  await refreshTeamCopy(deps, requirementId).catch((error: unknown) => {
    deps.logger.warn({ err: error, requirementId }, "team copy not refreshed");
  });
}

/** What the revision form needs: the requirement, checked, and the seller replies it may credit. */
export async function prepareRevision(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  number: number | undefined,
): Promise<{ requirement: Requirement; replies: InfluenceChoice[]; lessons: LessonChoice[] }> {
  requireMember(tender, actorUserId, "revise requirements");
  const requirement = await findRequirement(deps, tender, number);
  requireChangeable(tender, requirement, "revised");
  const names = sellerNames(tender);
  const replies = await sellerRepliesOf(deps.db, requirement.id, 100);
  const lessons = await lessonChoicesFor(deps, { id: requirement.id, title: requirement.current.title });
  return {
    requirement,
    replies: replies.map((reply) => ({ ...reply, sellerName: names.get(reply.sellerId) ?? "a seller" })),
    lessons,
  };
}

/**
 * Makes version n+1 in one transaction (revision, credited replies, version, audit, and for every
 * seller with a copy: the copy's update and a note of what changed), then starts sending.
 */
export async function reviseRequirement(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  origin: Pick<RevisionOrigin, "requirementId" | "version" | "keepDetails">,
  input: RevisionInput,
): Promise<{ requirement: Requirement; sellers: number }> {
  requireMember(tender, actorUserId, "revise requirements");
  const before = await findRequirementById(deps.db, origin.requirementId);
  if (!before || before.tenderId !== tender.id)
    throw new TenderError("not_found", "This requirement no longer exists.");
  requireChangeable(tender, before, "revised");
  if (before.version !== origin.version)
    throw new TenderError("conflict", revisedMeanwhileText(before.number));
  const version = origin.version + 1;
  const sellers = await deps.db.$transaction(async (tx) => {
    if (!(await bumpVersion(tx, before.id, origin.version)))
      throw new TenderError("conflict", revisedMeanwhileText(before.number));
    const credited = await sellerRepliesAmong(tx, before.id, input.influencedBy);
    await insertRevision(tx, {
      requirementId: before.id,
      version,
      createdBy: actorUserId,
      changeNote: input.changeNote,
      replyIds: credited.map((reply) => reply.id),
      text: {
        title: input.title,
        details: origin.keepDetails ? before.current.details : (input.details ?? null),
        category: input.category ?? null,
        priority: input.priority,
        acceptanceCriteria: input.acceptanceCriteria ?? null,
        inputDueOn: input.inputDueOn ? parseDay(input.inputDueOn) : null,
      },
    });
    const lessons = await applyLessons(tx, {
      installationId: tender.installationId,
      requirementId: before.id,
      requirementNumber: before.number,
      version,
      lessonIds: input.lessons,
      actorUserId,
    });
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "requirement.revised",
      detail: {
        requirement: requirementRef(before.number),
        version,
        changeNote: input.changeNote,
        influencedBy: credited.map((reply) => reply.id),
        lessons,
      },
    });
    const thanked = new Set(credited.map((reply) => reply.sellerId));
    const withCopies = await sellersWithCopies(tx, before.id, DELIVERY.sellerPost);
    await enqueue(
      tx,
      copyMessages(tender, before.id, withCopies, `v${version}`, (seller) =>
        revisionNoteText(before.number, version, input.changeNote, thanked.has(seller.id)),
      ),
    );
    return withCopies.length;
  });
  deps.outbox.kick();
  await refreshTeam(deps, before.id);
  const requirement = await findRequirementById(deps.db, before.id);
  if (!requirement) throw new TenderError("not_found", "This requirement no longer exists.");
  return { requirement, sellers };
}

/** Marks the requirement withdrawn (its history stays) and tells every seller that has it. */
export async function withdrawRequirement(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  number: number | undefined,
  reason: string | undefined,
): Promise<{ requirement: Requirement; sellers: number }> {
  requireMember(tender, actorUserId, "withdraw requirements");
  const requirement = await findRequirement(deps, tender, number);
  if (isFinalStage(tender.stage))
    throw new TenderError("invalid_input", finalStageText(tender.number, tender.stage));
  const conflict = new TenderError("conflict", alreadyWithdrawnText(requirement.number));
  if (requirement.status === "withdrawn") throw conflict;
  const sellers = await deps.db.$transaction(async (tx) => {
    if (!(await markWithdrawn(tx, requirement.id))) throw conflict;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "requirement.withdrawn",
      detail: { requirement: requirementRef(requirement.number), ...(reason ? { reason } : {}) },
    });
    const withCopies = await sellersWithCopies(tx, requirement.id, DELIVERY.sellerPost);
    await enqueue(
      tx,
      copyMessages(tender, requirement.id, withCopies, "withdrawn", () =>
        withdrawalNoteText(requirement.number, reason),
      ),
    );
    return withCopies.length;
  });
  deps.outbox.kick();
  await refreshTeam(deps, requirement.id);
  return { requirement: { ...requirement, status: "withdrawn" }, sellers };
}

/**
 * Stores a clarification and queues it for every seller thread of the requirement; sellers whose
 * post comes later receive it once the post is there (see `withLateClarifications`).
 */
export async function publishClarification(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  requirement: Requirement,
  input: ClarificationInput & { replyId?: number },
): Promise<{ sellers: number }> {
  requireMember(tender, actorUserId, "answer sellers");
  requireChangeable(tender, requirement, "clarified");
  const sellers = await deps.db.$transaction(async (tx) => {
    const clarification = await insertClarification(tx, {
      requirementId: requirement.id,
      question: input.question ?? "",
      answer: input.answer,
      replyId: input.replyId,
      createdBy: actorUserId,
    });
    if (input.replyId !== undefined) await markAnswered(tx, input.replyId, new Date());
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "requirement.clarified",
      detail: {
        requirement: requirementRef(requirement.number),
        clarification: clarification.id,
        ...(input.replyId === undefined ? {} : { reply: input.replyId }),
      },
    });
    const withCopies = await sellersWithCopies(tx, requirement.id, DELIVERY.sellerPost);
    await enqueue(
      tx,
      withCopies.map((seller) => clarificationDelivery(tender.id, requirement.id, clarification.id, seller)),
    );
    return withCopies.length;
  });
  deps.outbox.kick();
  return { sellers };
}

export interface Clicker {
  id: string;
  /** The person's Slack team; a seller's differs from the workspace's. */
  teamId?: string;
}

/**
 * "Answer all sellers" on a seller's message: for the tender's people only. The question comes
 * back with the seller's and its author's names taken out, for the buyer to check.
 */
export async function prepareAnswerAll(deps: Deps, clicker: Clicker, replyId: number) {
  if (clicker.teamId && clicker.teamId !== deps.installation.teamId)
    throw new TenderError("forbidden", SELLER_ANSWER_REFUSED);
  const reply = await findReplyToAnswer(deps.db, replyId);
  if (!reply || reply.deleted) throw new TenderError("not_found", REPLY_GONE);
  if (!reply.fromSeller) throw new TenderError("invalid_input", NOT_A_SELLER_REPLY);
  const tender = await findTenderById(deps.db, reply.requirement.tenderId);
  if (!tender) throw new TenderError("not_found", TENDER_GONE);
  requireMember(tender, clicker.id, "answer sellers");
  const requirement = await findRequirementById(deps.db, reply.requirementId);
  if (!requirement) throw new TenderError("not_found", REPLY_GONE);
  requireChangeable(tender, requirement, "clarified");
  const sellerName = sellerNames(tender).get(reply.sellerId) ?? "";
  const question = anonymise(reply.text, { sellerName, authorName: reply.authorName });
  return { tender, requirement, question };
}

/** Publishes the answer to a seller's question for every seller and marks the question answered. */
export async function answerAll(
  deps: Deps,
  clicker: Clicker,
  replyId: number,
  input: { question: string; answer: string },
): Promise<{ requirement: Requirement; sellers: number }> {
  const { tender, requirement } = await prepareAnswerAll(deps, clicker, replyId);
  const { sellers } = await publishClarification(deps, tender, clicker.id, requirement, {
    ...input,
    replyId,
  });
  return { requirement, sellers };
}

/** `/tender clarify R-<n> [<question> |] <answer>`. */
export async function clarifyRequirement(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  number: number | undefined,
  input: ClarificationInput,
): Promise<{ requirement: Requirement; sellers: number }> {
  requireMember(tender, actorUserId, "answer sellers");
  const requirement = await findRequirement(deps, tender, number);
  const { sellers } = await publishClarification(deps, tender, actorUserId, requirement, input);
  return { requirement, sellers };
}

export function clarificationDelivery(
  tenderId: number,
  requirementId: number,
  clarificationId: number,
  seller: Seller,
): NewDelivery {
  return {
    key: clarificationKey(clarificationId, seller.id),
    kind: REFINE_DELIVERY.clarification,
    tenderId,
    requirementId,
    sellerId: seller.id,
    channelId: seller.channelId,
    payload: { clarificationId },
  };
}

/** `/tender requirements`: each requirement with its seller replies and open questions. */
export async function summariseRequirements(deps: Deps, tender: Tender): Promise<RequirementSummary[]> {
  const names = sellerNames(tender);
  const rows = await requirementsWithSellerReplies(deps.db, tender.id);
  return rows.map((row) =>
    summarise(
      { number: row.number, version: row.version, status: row.status, title: row.current.title },
      row.replies,
      names,
    ),
  );
}

/** `/tender history R-<n>`: every version with the replies that shaped it, and the clarifications. */
export async function requirementHistory(
  deps: Deps,
  tender: Tender,
  number: number | undefined,
): Promise<RequirementHistory> {
  const requirement = await findRequirement(deps, tender, number);
  const history = await findHistory(deps.db, requirement.id);
  const applied = await lessonsAppliedIn(deps.db, requirement.id);
  const names = sellerNames(tender);
  return {
    number: requirement.number,
    title: requirement.current.title,
    version: requirement.version,
    status: requirement.status,
    versions: (history?.revisions ?? []).map(({ influences, ...revision }) => ({
      ...revision,
      influences: influences.map(({ reply }) => ({
        authorName: reply.authorName,
        sellerName: names.get(reply.sellerId) ?? "a seller",
        text: reply.text,
      })),
      lessons: applied
        .filter((lesson) => lesson.version === revision.version)
        .map(({ id, title, organisation }) => ({ id, title, organisation })),
    })),
    clarifications: history?.clarifications ?? [],
  };
}
