import type { Field } from "../../slack/modal.js";

/** Block Kit ids of the estimates feature, shared by builders, listeners and tests. */

/** "Quantify your impact" on a key metric's post in a seller channel; value: the metric's id. */
export const QUANTIFY_BUTTON = "estimates_quantify";

/** The estimates form: one group of fields per metric of its page. */
export const ESTIMATE_FORM_CALLBACK = "estimates_quantify_form";

/** The fields of one metric's group, by the action id of each one's element. */
export const ESTIMATE_PARTS = {
  value: "value_input",
  confidence: "confidence_select",
  months: "months_input",
  assumptions: "assumptions_input",
  evidence: "evidence_input",
} as const;

export type EstimatePart = keyof typeof ESTIMATE_PARTS;

/** A metric's field in the form: block `m<metricId>_<part>`, so an error lands on its own field. */
export function estimateField(metricId: number, part: EstimatePart): Field {
  return { block: `m${metricId}_${part}`, action: ESTIMATE_PARTS[part] };
}
