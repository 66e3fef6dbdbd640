import type { ModalView } from "@slack/types";
import { requirementRef } from "../../kernel/refs.js";
import { context, modal, TEXT_INPUT_MAX, textInput } from "../../slack/blocks.js";
import { escapeText, truncate } from "../../slack/text.js";
import { sellerChannels } from "../requirements/index.js";
import { ANSWER_ALL_FORM } from "./ids.js";

export const CLARIFY_USAGE = escapeText(
  "Usage: `/tender clarify R-<n> [<question> |] <answer>` publishes the answer in every seller's thread of the requirement; nobody is named.",
);

export const SELLER_ANSWER_REFUSED =
  "This button is for the buyer's team. Your questions reach them through the requirement's thread, and answers meant for every seller appear there as clarifications.";

export const REPLY_GONE = "That message is no longer there, so there is nothing to answer.";

export const NOT_A_SELLER_REPLY = "Only a seller's message can be answered for all sellers.";

export function clarifiedReply(number: number, sellers: number): string {
  return (
    `The clarification on ${requirementRef(number)} is going out to ${sellerChannels(sellers)}, nobody named. ` +
    "Sellers invited later receive it with the requirement."
  );
}

/** A clarification as every seller reads it in the requirement's thread. */
export function clarificationText(
  number: number,
  clarification: { question: string; answer: string },
): string {
  const head = `*Clarification on ${requirementRef(number)}*, shared with every seller:`;
  const answer = escapeText(clarification.answer);
  if (!clarification.question) return `${head}\n${answer}`;
  return `${head}\n*Q:* ${escapeText(clarification.question)}\n*A:* ${answer}`;
}

/** "Answer all sellers": the question as every seller will read it, and the answer. */
export function answerAllModal(privateMetadata: string, headline: string, question: string): ModalView {
  return modal({
    callbackId: ANSWER_ALL_FORM.callbackId,
    privateMetadata,
    title: "Answer all sellers",
    submit: "Publish",
    blocks: [
      context(
        truncate(`${headline}: published in every seller's thread as a clarification, nobody named.`, 2000),
        "plain_text",
      ),
      textInput(ANSWER_ALL_FORM.question, "Question", {
        multiline: true,
        max: TEXT_INPUT_MAX,
        initial: question.slice(0, TEXT_INPUT_MAX),
        hint: "Names are taken out; check that nothing else gives the asker away.",
      }),
      textInput(ANSWER_ALL_FORM.answer, "Answer", { multiline: true, max: TEXT_INPUT_MAX }),
    ],
  });
}
