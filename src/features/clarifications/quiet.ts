import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import { isOwner, requireInsider, requireOwner } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { requirementRef } from "../../kernel/refs.js";
import { TEXT_INPUT_MAX } from "../../slack/blocks.js";
import { truncate } from "../../slack/text.js";
import { answerQuestionsBefore, openQuestionBefore, type PrivateAnswerHook } from "../replies/index.js";
import { type Requirement, requirementById } from "../requirements/index.js";
import { type StatusNotesOf, type Tender, tenderById } from "../tenders/index.js";
import { anonymise } from "./domain.js";
import { exceptionNoteDelivery, quietPromptDelivery } from "./quiet-deliveries.js";
import {
  countPendingQuietAnswers,
  decideQuietAnswer,
  findQuietAnswer,
  pendingQuietAnswers,
  type QuietAnswer,
  recordQuietAnswer,
  setQuietExceptions,
} from "./quiet-repository.js";
import {
  ANSWER_DELETED,
  decidedText,
  exceptionsForbiddenText,
  notYoursText,
  QUIET_ANSWER_GONE,
  quietSettingsText,
  quietStatusLine,
} from "./quiet-views.js";
import { publishClarification } from "./service.js";
import { SELLER_ANSWER_REFUSED } from "./views.js";

/**
 * The quiet period enforced: a buyer's answer typed into one seller's requirement thread during
 * proposal or evaluation is recorded, and its author asked (only them) to publish it to every
 * seller as a clarification or, where the owners allow it, keep it as a recorded exception.
 */
export function privateAnswers(deps: Deps): PrivateAnswerHook {
  return async (tx, answer) => {
    await recordQuietAnswer(tx, {
      tenderId: answer.tenderId,
      replyId: answer.replyId,
      sellerId: answer.sellerId,
      requirementId: answer.requirementId,
    });
    // Named by the reply: worked again, the message queues nothing more.
    await deps.outbox.enqueue(tx, [quietPromptDelivery(answer)]);
  };
}

/** Thrown inside a decision's transaction when another decision came first; nothing is written. */
class AlreadyDecided extends Error {}

/** The decision that came first, told to whoever decided second. */
async function alreadyDecided(deps: Deps, id: number): Promise<TenderError> {
  const answer = await findQuietAnswer(deps.db, id);
  return answer
    ? new TenderError("conflict", decidedText(answer))
    : new TenderError("not_found", QUIET_ANSWER_GONE);
}

/**
 * A private answer awaiting its decision, for its author or one of the tender's owners: the
 * person decides, never the button's value.
 */
export async function answerToDecide(
  deps: Deps,
  user: { id: string; teamId: string | undefined },
  quietAnswerId: number | undefined,
): Promise<{ answer: QuietAnswer; tender: Tender }> {
  const actor = await actorOf(deps, user.id, user.teamId);
  if (actor.side !== "buyer") throw new TenderError("forbidden", SELLER_ANSWER_REFUSED);
  const answer = quietAnswerId === undefined ? null : await findQuietAnswer(deps.db, quietAnswerId);
  if (!answer) throw new TenderError("not_found", QUIET_ANSWER_GONE);
  const tender = await tenderById(deps, answer.tenderId);
  if (actor.userId !== answer.reply.userId && !isOwner(tender.members, actor.userId))
    throw new TenderError("forbidden", notYoursText(tender.number));
  if (answer.status !== "pending") throw new TenderError("conflict", decidedText(answer));
  return { answer, tender };
}

/** "Keep as an exception" only where the tender's owners allow exceptions. */
export function requireExceptionsAllowed(tender: Tender): void {
  if (!tender.quietExceptions) throw new TenderError("forbidden", exceptionsForbiddenText(tender.number));
}

/**
 * "Publish to all sellers": the answer becomes a clarification in every seller's thread, with the
 * seller's open question before it, if any; nobody named. The question counts as answered.
 */
export async function publishPrivateAnswer(
  deps: Deps,
  user: { id: string; teamId: string | undefined },
  quietAnswerId: number | undefined,
): Promise<{ requirement: Requirement; sellers: number }> {
  const { answer, tender } = await answerToDecide(deps, user, quietAnswerId);
  const { reply } = answer;
  if (reply.deleted) throw new TenderError("invalid_input", ANSWER_DELETED);
  const requirement = await requirementById(deps.db, answer.requirementId);
  if (!requirement) throw new TenderError("not_found", QUIET_ANSWER_GONE);
  const question = await openQuestionBefore(deps.db, reply);
  const names = { sellerName: answer.seller.name, authorName: question?.authorName ?? "" };
  const forAll = (text: string) => truncate(anonymise(text, names), TEXT_INPUT_MAX);
  try {
    const { sellers } = await publishClarification(deps, tender, user.id, requirement, {
      question: question ? forAll(question.text) : undefined,
      answer: forAll(reply.text),
      replyId: question?.id,
      async within(tx, clarificationId) {
        const decision = { status: "published", decidedBy: user.id, clarificationId } as const;
        if (!(await decideQuietAnswer(tx, answer.id, decision))) throw new AlreadyDecided();
        await answerQuestionsBefore(tx, reply, new Date());
        await recordAudit(tx, {
          tenderId: tender.id,
          actorUserId: user.id,
          action: "quiet.published",
          detail: {
            requirement: requirementRef(requirement.number),
            seller: answer.seller.name,
            reply: reply.id,
            clarification: clarificationId,
          },
        });
      },
    });
    return { requirement, sellers };
  } catch (error) {
    if (error instanceof AlreadyDecided) throw await alreadyDecided(deps, answer.id);
    throw error;
  }
}

/**
 * "Keep as an exception": the answer stays with its seller, recorded with the reason in the audit
 * trail, and the team channel is told who answered which seller privately, on what, and why.
 */
export async function keepException(
  deps: Deps,
  user: { id: string; teamId: string | undefined },
  quietAnswerId: number,
  reason: string,
): Promise<QuietAnswer> {
  const { answer, tender } = await answerToDecide(deps, user, quietAnswerId);
  requireExceptionsAllowed(tender);
  try {
    await transaction(deps.db, async (tx) => {
      const decision = { status: "excepted", decidedBy: user.id, reason } as const;
      if (!(await decideQuietAnswer(tx, answer.id, decision))) throw new AlreadyDecided();
      // The seller has its answer, privately: its questions before it are answered.
      await answerQuestionsBefore(tx, answer.reply, new Date());
      await recordAudit(tx, {
        tenderId: tender.id,
        actorUserId: user.id,
        action: "quiet.exception_kept",
        detail: {
          requirement: requirementRef(answer.reply.requirement.number),
          seller: answer.seller.name,
          reply: answer.reply.id,
          answeredBy: answer.reply.userId,
          reason,
        },
      });
      await deps.outbox.enqueue(tx, [exceptionNoteDelivery(answer, tender.teamChannelId)]);
    });
  } catch (error) {
    if (error instanceof AlreadyDecided) throw await alreadyDecided(deps, answer.id);
    throw error;
  }
  return answer;
}

/** How many awaiting answers `/tender quiet` lists. */
const LISTED = 20;

/** `/tender quiet`: whether exceptions are allowed, and the private answers awaiting a decision. */
export async function quietSettings(
  deps: Deps,
  tender: Tender,
  viewer: { userId: string; channelId: string },
): Promise<string> {
  requireInsider(tender, viewer.userId, viewer.channelId);
  const pending = await pendingQuietAnswers(deps.db, tender.id, LISTED);
  const count = pending.length < LISTED ? pending.length : await countPendingQuietAnswers(deps.db, tender.id);
  return quietSettingsText(tender, pending, count);
}

/** `/tender quiet exceptions on|off`: owners only; a repeated command changes nothing. */
export async function changeQuietExceptions(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  allowed: boolean,
): Promise<boolean> {
  requireOwner(tender, actorUserId, "change its quiet period settings");
  return transaction(deps.db, async (tx) => {
    const changed = await setQuietExceptions(tx, tender.id, allowed);
    if (changed)
      await recordAudit(tx, {
        tenderId: tender.id,
        actorUserId,
        action: "tender.quiet_exceptions_changed",
        detail: { exceptionsAllowed: allowed },
      });
    return changed;
  });
}

/** `/tender status`: the setting and how many private answers await a decision. */
export const quietNotes: StatusNotesOf = async (deps, tender) => ({
  tender: [quietStatusLine(tender.quietExceptions, await countPendingQuietAnswers(deps.db, tender.id))],
});
