import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import { openEstimateForm } from "./handlers/open-estimate-form.js";
import { submitEstimateForm } from "./handlers/submit-estimate-form.js";
import { ESTIMATE_FORM_CALLBACK, QUANTIFY_BUTTON } from "./ids.js";

/**
 * Estimates: sellers quantify what their offer would do to the buyer's key metrics, each save a
 * new version kept with its history, shown in the seller's channel and to the buyer's team.
 */
export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(QUANTIFY_BUTTON, openEstimateForm(deps));
  app.view(ESTIMATE_FORM_CALLBACK, submitEstimateForm(deps));
}

// What other features use of estimates.
export { ESTIMATE_CARD, estimateDeliveries } from "./deliveries.js";
export { improvementShare } from "./domain.js";
export { latestEstimatesOf } from "./service.js";
export { percent, quantifyButton } from "./views.js";
