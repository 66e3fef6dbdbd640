import { formIds } from "../../slack/modal.js";

/** "Answer all sellers": the question anonymised, and the answer every seller reads. */
export const ANSWER_ALL_FORM = formIds("requirement_answer_all", {
  question: "question_input",
  answer: "answer_input",
});

/**
 * On the prompt a buyer's person gets after answering one seller privately in the quiet period;
 * value: the QuietAnswer id.
 */
export const QUIET_BUTTONS = {
  publish: "quiet_publish_to_all",
  keepException: "quiet_keep_exception",
} as const;

/** "Keep as an exception": why the answer stays with one seller. */
export const EXCEPTION_FORM = formIds("quiet_exception", { reason: "reason_input" });
