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
