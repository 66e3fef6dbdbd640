import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { requireMember } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { requirementRef } from "../../kernel/refs.js";
import { askAcknowledgement } from "../acknowledgements/index.js";
import { findReplyToAnswer, markAnswered } from "../replies/index.js";
import {
  findRequirement,
  type Requirement,
  requireChangeable,
  requirementById,
  sellerNames,
  sellersWithCopies,
} from "../requirements/index.js";
import { activeSellers, type Tender, tenderById } from "../tenders/index.js";
import { clarificationDelivery, clarificationNoticeKey } from "./deliveries.js";
import { anonymise, type ClarificationInput } from "./domain.js";
import { clarificationsOf, insertClarification } from "./repository.js";
import { NOT_A_SELLER_REPLY, REPLY_GONE, SELLER_ANSWER_REFUSED } from "./views.js";

/**
 * Stores a clarification and queues it for every seller thread of the requirement; sellers whose
 * post comes later receive it once the post is there (see deliveries.ts). `within` records what
 * the clarification settles in the same transaction (a throw there publishes nothing).
 */
export async function publishClarification(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  requirement: Requirement,
  input: ClarificationInput & {
    replyId?: number;
    within?: (tx: Db, clarificationId: number) => Promise<void>;
  },
): Promise<{ sellers: number }> {
  requireMember(tender, actorUserId, "answer sellers");
  requireChangeable(tender, requirement, "clarified");
  const sellers = await transaction(deps.db, async (tx) => {
    const clarification = await insertClarification(tx, {
      requirementId: requirement.id,
      question: input.question ?? "",
      answer: input.answer,
      replyId: input.replyId,
      createdBy: actorUserId,
    });
    await input.within?.(tx, clarification.id);
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
    const active = new Set(activeSellers(tender).map((seller) => seller.id));
    const told = (await sellersWithCopies(tx, requirement.id)).filter((seller) => active.has(seller.id));
    const noticeId = told.length
      ? await askAcknowledgement(deps, tx, {
          tenderId: tender.id,
          teamChannelId: tender.teamChannelId,
          key: clarificationNoticeKey(clarification.id),
          kind: "clarification",
          subject: `Clarification on ${requirementRef(requirement.number)}`,
          requirementId: requirement.id,
          createdBy: actorUserId,
          sellerIds: told.map((seller) => seller.id),
        })
      : undefined;
    await deps.outbox.enqueue(
      tx,
      told.map((seller) =>
        clarificationDelivery(tender.id, requirement.id, clarification.id, seller, noticeId),
      ),
    );
    return told.length;
  });
  return { sellers };
}

export interface Clicker {
  id: string;
  /** The person's Slack team; a seller's differs from the workspace's. */
  teamId?: string | undefined;
}

/**
 * "Answer all sellers" on a seller's message: for the tender's people only. The question comes
 * back with the seller's and its author's names taken out, for the buyer to check.
 */
export async function prepareAnswerAll(deps: Deps, clicker: Clicker, replyId: number | undefined) {
  if (clicker.teamId && clicker.teamId !== deps.installation.teamId)
    throw new TenderError("forbidden", SELLER_ANSWER_REFUSED);
  const reply = replyId === undefined ? null : await findReplyToAnswer(deps.db, replyId);
  if (!reply || reply.deleted) throw new TenderError("not_found", REPLY_GONE);
  if (!reply.fromSeller) throw new TenderError("invalid_input", NOT_A_SELLER_REPLY);
  const tender = await tenderById(deps, reply.requirement.tenderId);
  requireMember(tender, clicker.id, "answer sellers");
  const requirement = await requirementById(deps.db, reply.requirementId);
  if (!requirement) throw new TenderError("not_found", REPLY_GONE);
  requireChangeable(tender, requirement, "clarified");
  const sellerName = sellerNames(tender).get(reply.sellerId) ?? "";
  const question = anonymise(reply.text, { sellerName, authorName: reply.authorName });
  return { tender, requirement, question, replyId: reply.id };
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

/** A requirement's clarifications, oldest first, for its history. */
export async function clarificationsOfRequirement(deps: Deps, requirementId: number) {
  return clarificationsOf(deps.db, requirementId);
}
