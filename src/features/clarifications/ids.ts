import { formIds } from "../../slack/modal.js";

/** "Answer all sellers": the question anonymised, and the answer every seller reads. */
export const ANSWER_ALL_FORM = formIds("requirement_answer_all", {
  question: "question_input",
  answer: "answer_input",
});
