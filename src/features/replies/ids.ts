import { formIds } from "../../slack/modal.js";

/** Ids of the replies feature, shared by builders, listeners and tests. */

/** "Ask a question" and "Suggest a change" on a requirement's post in a seller channel; value: its id. */
export const SELLER_BUTTONS = {
  askQuestion: "requirement_ask_question",
  suggestChange: "requirement_suggest_change",
} as const;

/** The form those buttons open. */
export const SELLER_INPUT_FORM = formIds("requirement_seller_input", { text: "text_input" });

/**
 * "Answer all sellers" on a seller's question mirrored in the team channel; value: the Reply id.
 * The mirror is this feature's message; the clarifications feature answers the press.
 */
export const ANSWER_ALL_BUTTON = "reply_answer_all";
