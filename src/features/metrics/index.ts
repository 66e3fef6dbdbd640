import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { KEY_METRICS_BUTTON } from "../tenders/index.js";
import { listMetricsCommand } from "./handlers/list-metrics.js";
import { metricCommand } from "./handlers/metric-command.js";
import { openMetricForm } from "./handlers/open-metric-form.js";
import { submitMetricForm } from "./handlers/submit-metric-form.js";
import { METRIC_FORM } from "./ids.js";

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
}

// What other features use of key metrics.
export { metricDeliveries } from "./deliveries.js";
export { queueActiveMetricsFor } from "./service.js";
