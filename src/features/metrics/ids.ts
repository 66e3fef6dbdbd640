import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the key metrics feature, shared by builders, listeners and tests. */

/** Defining or editing a key metric. */
export const METRIC_FORM = formIds("metric_define", {
  name: "name_input",
  unit: "unit_input",
  baseline: "baseline_input",
  target: "target_input",
  direction: "direction_select",
  weight: "weight_input",
  measuredHow: "measured_how_input",
  whyItMatters: "why_input",
});

/** "Suggest a metric" on a metric's post in a seller channel: the seller proposes one the buyer has not thought of. */
export const SUGGEST_METRIC_BUTTON = "metric_suggest";

export const SUGGESTION_FORM = formIds("metric_suggestion", {
  name: "name_input",
  unit: "unit_input",
  why: "why_input",
});

/** The owners' answer on a suggestion's card in the team channel; value: the suggestion's id. */
export const ACCEPT_SUGGESTION_BUTTON = "metric_suggestion_accept";
export const DECLINE_SUGGESTION_BUTTON = "metric_suggestion_decline";

export const DECLINE_FORM = formIds("metric_suggestion_decline_form", { reason: "reason_input" });
