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
