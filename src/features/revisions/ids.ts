import { formIds } from "../../slack/modal.js";
import { REQUIREMENT_FIELDS } from "../requirements/index.js";

/** `/tender revise R-<n>`: the requirement form prefilled, plus what changed and who inspired it. */
export const REVISION_FORM = formIds("requirement_revise", {
  ...REQUIREMENT_FIELDS,
  changeNote: "change_note_input",
  influencedBy: "influenced_by_select",
  lessons: "lessons_select",
});
