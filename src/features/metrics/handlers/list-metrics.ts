import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { listMetrics } from "../service.js";
import { metricList } from "../views.js";

/** `/tender metrics`: the tender's key metrics as `M-<n>`, with the requirements that serve them. */
export function listMetricsCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    const { command } = request;
    const { active, serving, retired } = await listMetrics(deps, tender, command.user_id, command.channel_id);
    return metricList(tender, active, serving, retired);
  });
}
