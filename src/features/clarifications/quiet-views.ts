import type { KnownBlock, ModalView } from "@slack/types";
import { requirementRef, tenderRef } from "../../kernel/refs.js";
import { actions, button, context, modal, section, textInput } from "../../slack/blocks.js";
import {
  EPHEMERAL_TEXT_MAX,
  escapeText,
  firstWords,
  fitItems,
  mentionUser,
  slackTime,
  truncate,
} from "../../slack/text.js";
import { EXCEPTION_FORM, QUIET_BUTTONS } from "./ids.js";
import { EXCEPTION_REASON_MAX } from "./quiet-domain.js";
import type { QuietAnswer } from "./quiet-repository.js";

export const QUIET_ANSWER_GONE = "That answer is no longer on record, so there is nothing to decide.";
export const ANSWER_DELETED =
  "That message was deleted, so there is nothing to publish. Publish an answer with `/tender clarify` instead.";

export function exceptionsForbiddenText(tenderNumber: number): string {
  return `The owners of ${tenderRef(tenderNumber)} allow no exceptions in the quiet period: publish the answer to all sellers.`;
}

export function notYoursText(tenderNumber: number): string {
  return `Only the person who wrote this answer, or an owner of ${tenderRef(tenderNumber)}, can publish it or keep it as an exception.`;
}

/** The answer to a press or a form on a private answer decided already. */
export function decidedText(
  answer: Pick<QuietAnswer, "status" | "decidedBy" | "decidedAt" | "reason" | "reply">,
) {
  const by = answer.decidedBy ? ` by ${mentionUser(answer.decidedBy)}` : "";
  const when = answer.decidedAt ? ` ${slackTime(answer.decidedAt)}` : "";
  const on = requirementRef(answer.reply.requirement.number);
  if (answer.status === "published")
    return `This answer was already published to every seller as a clarification on ${on}${by}${when}.`;
  const reason = answer.reason ? `: “${escapeText(truncate(answer.reason, 300))}”` : ".";
  return `This answer was already kept as an exception${by}${when}${reason}`;
}

/**
 * Told only to the buyer's person who answered one seller in the quiet period: publish the answer
 * to every seller, or (where the owners allow it) keep it as a recorded exception.
 */
export function quietPrompt(
  answer: QuietAnswer,
  tender: { number: number; quietExceptions: boolean },
): { text: string; blocks: KnownBlock[] } {
  const text = `Your message went to ${escapeText(answer.seller.name)} only. In the quiet period answers go to all sellers alike.`;
  const on = requirementRef(answer.reply.requirement.number);
  const id = String(answer.id);
  const buttons = [button(QUIET_BUTTONS.publish, "Publish to all sellers", id, "primary")];
  if (tender.quietExceptions) buttons.push(button(QUIET_BUTTONS.keepException, "Keep as an exception", id));
  const how = tender.quietExceptions
    ? `*Publish to all sellers* posts it as a clarification on ${on} in every seller's thread, with the seller's open question if any, nobody named. *Keep as an exception* leaves it with this seller, with your reason; the team channel is told.`
    : `*Publish to all sellers* posts it as a clarification on ${on} in every seller's thread, with the seller's open question if any, nobody named. ${exceptionsForbiddenText(tender.number)}`;
  return { text, blocks: [section(`*${text}*`), context(how), actions(...buttons)] };
}

export function exceptionModal(privateMetadata: string, answer: QuietAnswer): ModalView {
  return modal({
    callbackId: EXCEPTION_FORM.callbackId,
    privateMetadata,
    title: "Keep as an exception",
    submit: "Keep",
    blocks: [
      context(
        truncate(
          `Your answer to ${answer.seller.name} on ${requirementRef(answer.reply.requirement.number)} stays with them only: “${firstWords(answer.reply.text, 200)}”. The team channel and the audit trail show why.`,
          2000,
        ),
        "plain_text",
      ),
      textInput(EXCEPTION_FORM.reason, "Why this answer is for this seller only", {
        multiline: true,
        max: EXCEPTION_REASON_MAX,
      }),
    ],
  });
}

export function exceptionKeptText(answer: QuietAnswer): string {
  return `Kept as an exception: your answer on ${requirementRef(answer.reply.requirement.number)} stays with ${escapeText(answer.seller.name)} only. The team channel is told, with your reason.`;
}

/** The team channel's record of a private answer kept as an exception. */
export function exceptionNote(answer: QuietAnswer, permalink: string | undefined): string {
  const link = permalink ? ` <${permalink}|View the answer>` : "";
  return (
    `*Quiet period exception:* ${mentionUser(answer.reply.userId)} answered *${escapeText(answer.seller.name)}* privately on ${requirementRef(answer.reply.requirement.number)}` +
    `${answer.decidedBy && answer.decidedBy !== answer.reply.userId ? `, kept as an exception by ${mentionUser(answer.decidedBy)}` : ""}.` +
    `\n*Why:* ${escapeText(answer.reason ?? "")}\n*The answer:* ${escapeText(firstWords(answer.reply.text, 500))}${link}`
  );
}

function exceptionsLine(allowed: boolean): string {
  return allowed
    ? "a buyer's answer to one seller may be published to all sellers or kept as a recorded exception"
    : "a buyer's answer to one seller must be published to all sellers; no exceptions";
}

/** `/tender quiet`: the setting and the private answers awaiting a decision. */
export function quietSettingsText(
  tender: { number: number; quietExceptions: boolean },
  pending: QuietAnswer[],
  pendingCount: number,
): string {
  const head = [
    `*Quiet period of ${tenderRef(tender.number)}* (proposal, evaluation): ${exceptionsLine(tender.quietExceptions)}.`,
    pendingCount === 0
      ? "No private answer awaits a decision."
      : `*Private answers awaiting a decision* (${pendingCount}):`,
  ].join("\n");
  const items = pending.map(
    (answer) =>
      `• ${requirementRef(answer.reply.requirement.number)} · *${escapeText(answer.seller.name)}* · ${mentionUser(answer.reply.userId)} ${slackTime(answer.createdAt)}: “${escapeText(firstWords(answer.reply.text, 120))}”`,
  );
  const hidden = pendingCount - pending.length;
  const more = (left: number) => `…and ${left + hidden} more.`;
  const text = fitItems(head, items, EPHEMERAL_TEXT_MAX - 40, more);
  // Those not even read are counted too.
  return hidden > 0 && !text.endsWith(" more.")
    ? `${text}
${more(0)}`
    : text;
}

export function quietChangedText(tenderNumber: number, allowed: boolean, changed: boolean): string {
  const now = allowed ? "allowed" : "not allowed";
  return changed
    ? `Exceptions in the quiet period of ${tenderRef(tenderNumber)} are now ${now}.`
    : `Exceptions in the quiet period of ${tenderRef(tenderNumber)} were already ${now}.`;
}

/** The line `/tender status` shows about the quiet period. */
export function quietStatusLine(allowed: boolean, pending: number): string {
  const awaiting =
    pending === 0 ? "" : ` · ${pending} private answer${pending === 1 ? "" : "s"} awaiting a decision`;
  return `*Quiet period*: exceptions ${allowed ? "allowed" : "not allowed"}${awaiting} (\`/tender quiet\`)`;
}
