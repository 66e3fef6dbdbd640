/**
 * Block Kit ids of the requirements feature, shared by builders, listeners and tests. A form's
 * block ids are the names of the fields its schema validates, so errors land on the right block.
 */
export const REQUIREMENT_FORM = {
  callbackId: "requirement_new",
  title: { block: "title", action: "title_input" },
  details: { block: "details", action: "details_input" },
  category: { block: "category", action: "category_input" },
  priority: { block: "priority", action: "priority_select" },
  acceptanceCriteria: { block: "acceptanceCriteria", action: "acceptance_criteria_input" },
  inputDueOn: { block: "inputDueOn", action: "input_due_date" },
} as const;

/** Buttons on a requirement in a seller channel. */
export const SELLER_BUTTONS = {
  askQuestion: "requirement_ask_question",
  suggestChange: "requirement_suggest_change",
} as const;

/** Buttons on a requirement in the team channel. */
export const TEAM_BUTTONS = {
  showFullText: "requirement_full_text",
} as const;

export const SELLER_INPUT_FORM = {
  callbackId: "requirement_seller_input",
  text: { block: "text", action: "text_input" },
} as const;

/** Message metadata that marks a requirement post (payload: requirement id and version only). */
export const REQUIREMENT_EVENT_TYPE = "tender_requirement";

/** `/tender revise R-<n>`: the requirement form prefilled, plus what changed and who inspired it. */
export const REVISION_FORM = {
  callbackId: "requirement_revise",
  title: REQUIREMENT_FORM.title,
  details: REQUIREMENT_FORM.details,
  category: REQUIREMENT_FORM.category,
  priority: REQUIREMENT_FORM.priority,
  acceptanceCriteria: REQUIREMENT_FORM.acceptanceCriteria,
  inputDueOn: REQUIREMENT_FORM.inputDueOn,
  changeNote: { block: "changeNote", action: "change_note_input" },
  influencedBy: { block: "influencedBy", action: "influenced_by_select" },
  lessons: { block: "lessons", action: "lessons_select" },
} as const;

/** "Answer all sellers" on a seller's question mirrored in the team channel; its value is the Reply id. */
export const ANSWER_ALL_BUTTON = "reply_answer_all";

/** The clarification form that button opens: the question anonymised, and the answer. */
export const ANSWER_ALL_FORM = {
  callbackId: "requirement_answer_all",
  question: { block: "question", action: "question_input" },
  answer: { block: "answer", action: "answer_input" },
} as const;
