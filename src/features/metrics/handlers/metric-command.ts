import { requireOwner } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler, fieldErrors } from "../../../kernel/handlers.js";
import { activeSellers, tenderOf } from "../../tenders/index.js";
import { metricOrigin, metricSchema, parseMetricArgs, parseMetricRef } from "../domain.js";
import { defineMetric, findMetric, retireMetric } from "../service.js";
import { definedReply, METRIC_USAGE, metricModal, retiredAlready, retiredReply } from "../views.js";

/**
 * `/tender metric add <name> | <unit> | <baseline> | <target> [| lower|higher] [| weight <n>]`
 * defines one at once; `metric` or `metric add` alone opens the form; `metric edit M-<n>` opens it
 * filled in; `metric retire M-<n>`. For the tender's owners.
 */
export function metricCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { parsed, command } = request;
    const tender = await tenderOf(deps, request);
    const [verb = "", ref] = parsed.args.split(/\s+/);
    const args = parsed.args.slice(verb.length).trim();
    const origin = (metricId?: number) =>
      metricOrigin.encode({
        tenderId: tender.id,
        ...(metricId === undefined ? {} : { metricId }),
        responseUrl: command.response_url,
      });
    switch (verb.toLowerCase()) {
      case "":
      case "add": {
        if (args === "") {
          requireOwner(tender, command.user_id, "define key metrics");
          await deps.slack.openModal(command.trigger_id, metricModal(origin(), tender.number));
          return undefined;
        }
        const fields = parseMetricArgs(args);
        if ("problem" in fields) throw new TenderError("invalid_input", `${fields.problem}\n${METRIC_USAGE}`);
        const input = metricSchema.safeParse(fields);
        if (!input.success) {
          const problems = Object.values(fieldErrors(input.error)).join(" ");
          throw new TenderError("invalid_input", `${problems}\n${METRIC_USAGE}`);
        }
        const metric = await defineMetric(deps, tender, command.user_id, input.data);
        return definedReply(metric, activeSellers(tender).length);
      }
      case "edit": {
        requireOwner(tender, command.user_id, "change key metrics");
        const metric = await findMetric(deps, tender, parseMetricRef(ref));
        if (metric.status === "retired") throw new TenderError("conflict", retiredAlready(metric));
        await deps.slack.openModal(command.trigger_id, metricModal(origin(metric.id), tender.number, metric));
        return undefined;
      }
      case "retire": {
        const metric = await retireMetric(deps, tender, command.user_id, parseMetricRef(ref));
        return retiredReply(metric, tender.sellers.length);
      }
      default:
        throw new TenderError("invalid_input", METRIC_USAGE);
    }
  });
}
