import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the timeline feature, shared by builders, listeners and tests. */

/** `/tender dates`: the key dates, each may be moved, set or cleared, and a note to the sellers. */
export const DATES_FORM = formIds("tender_dates", {
  questionsDueOn: "questions_due_date",
  proposalsDueOn: "proposals_due_date",
  awardPlannedOn: "award_planned_date",
  note: "note_input",
});
