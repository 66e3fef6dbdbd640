import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { KEY_METRICS_BUTTON } from "../tenders/index.js";
import { openAcceptForm, openDeclineForm } from "./handlers/decide-suggestion.js";
import { listMetricsCommand } from "./handlers/list-metrics.js";
import { metricCommand } from "./handlers/metric-command.js";
import { openMetricForm } from "./handlers/open-metric-form.js";
import { openSuggestionForm } from "./handlers/open-suggestion-form.js";
import { submitDecline } from "./handlers/submit-decline.js";
import { submitMetricForm } from "./handlers/submit-metric-form.js";
import { submitSuggestion } from "./handlers/submit-suggestion.js";
import {
  ACCEPT_SUGGESTION_BUTTON,
  DECLINE_FORM,
  DECLINE_SUGGESTION_BUTTON,
  METRIC_FORM,
  SUGGEST_METRIC_BUTTON,
  SUGGESTION_FORM,
} from "./ids.js";

/**
 * Key metrics: the buyer's own measures of success, `M-<n>`, defined by a tender's owners and
 * posted to every seller channel; changes of unit, baseline or target announced like revisions.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    metric: metricCommand(deps),
    metrics: listMetricsCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(METRIC_FORM.callbackId, submitMetricForm(deps));
  app.action<BlockButtonAction>(KEY_METRICS_BUTTON, openMetricForm(deps));
  app.action<BlockButtonAction>(SUGGEST_METRIC_BUTTON, openSuggestionForm(deps));
  app.view(SUGGESTION_FORM.callbackId, submitSuggestion(deps));
  app.action<BlockButtonAction>(ACCEPT_SUGGESTION_BUTTON, openAcceptForm(deps));
  app.action<BlockButtonAction>(DECLINE_SUGGESTION_BUTTON, openDeclineForm(deps));
  app.view(DECLINE_FORM.callbackId, submitDecline(deps));
}

// What other features use of key metrics.
export { metricDeliveries } from "./deliveries.js";
export { formatFigure, metricRef, parseFigure, parseMetricRef } from "./domain.js";
export { type Metric, metricsOfTender } from "./repository.js";
export { linkRequirementToMetrics, queueActiveMetricsFor } from "./service.js";
export { suggestionDeliveries } from "./suggestion-deliveries.js";
export { metricHeadline, metricRange } from "./views.js";
