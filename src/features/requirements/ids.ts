import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the requirements feature, shared by builders, listeners and tests. */

/** A requirement's fields, in the form that posts one and in the one that revises it. */
export const REQUIREMENT_FIELDS = {
  title: "title_input",
  details: "details_input",
  category: "category_input",
  priority: "priority_select",
  acceptanceCriteria: "acceptance_criteria_input",
  inputDueOn: "input_due_date",
  metrics: "metrics_select",
} as const;

export const REQUIREMENT_FORM = formIds("requirement_new", REQUIREMENT_FIELDS);

/** Message metadata that marks a requirement post (payload: requirement id and version only). */
export const REQUIREMENT_EVENT_TYPE = "tender_requirement";
