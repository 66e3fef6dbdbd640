/**
 * Block Kit ids of the tenders feature, shared by builders, listeners and tests. A form's block ids
 * are the names of the fields its schema validates, so validation errors land on the right block.
 */
export const NEW_TENDER = {
  callbackId: "tender_new",
  title: { block: "title", action: "title_input" },
  goal: { block: "goal", action: "goal_input" },
  coOwners: { block: "coOwners", action: "co_owners_select" },
  questionsDueOn: { block: "questionsDueOn", action: "questions_due_date" },
  proposalsDueOn: { block: "proposalsDueOn", action: "proposals_due_date" },
  awardPlannedOn: { block: "awardPlannedOn", action: "award_planned_date" },
} as const;

export const TENDER_CARD_BLOCK = "tender_card";

/** "Post a requirement" on the tender card. */
export const POST_REQUIREMENT_BUTTON = "tender_card_post_requirement";
