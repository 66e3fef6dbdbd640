import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the tenders feature, shared by builders, listeners and tests. */
export const NEW_TENDER = formIds("tender_new", {
  title: "title_input",
  goal: "goal_input",
  coOwners: "co_owners_select",
  questionsDueOn: "questions_due_date",
  proposalsDueOn: "proposals_due_date",
  awardPlannedOn: "award_planned_date",
});

export const TENDER_CARD_BLOCK = "tender_card";

/**
 * The buttons on the tender card. The card is this feature's message, so their ids live here; the
 * features that do the work register the listeners (sellers, requirements, metrics).
 */
export const INVITE_SELLER_BUTTON = "seller_invite_open";
export const POST_REQUIREMENT_BUTTON = "tender_card_post_requirement";
export const KEY_METRICS_BUTTON = "tender_card_key_metrics";
