import type { Deps } from "../../../kernel/deps.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { selectedValue, textValue } from "../../../slack/modal.js";
import { activeSellers, tenderById } from "../../tenders/index.js";
import { metricOrigin, metricRef, metricSchema } from "../domain.js";
import { METRIC_FORM } from "../ids.js";
import { defineMetric, editMetric } from "../service.js";
import { acceptedReply } from "../suggestion-views.js";
import { acceptSuggestion } from "../suggestions.js";
import { changedReply, definedReply } from "../views.js";

/** The metric form: defines a metric, or saves the changes of the one it was opened for. */
export function submitMetricForm(deps: Deps) {
  return formHandler(deps, {
    origin: metricOrigin,
    read: (view) =>
      checked(
        metricSchema.safeParse({
          name: textValue(view, METRIC_FORM.name) ?? "",
          unit: textValue(view, METRIC_FORM.unit) ?? "",
          baseline: textValue(view, METRIC_FORM.baseline) ?? "",
          target: textValue(view, METRIC_FORM.target) ?? "",
          direction: selectedValue(view, METRIC_FORM.direction),
          weight: textValue(view, METRIC_FORM.weight),
          measuredHow: textValue(view, METRIC_FORM.measuredHow),
          whyItMatters: textValue(view, METRIC_FORM.whyItMatters),
        }),
      ),
    async submit(input, { origin, user }) {
      const tender = await tenderById(deps, origin?.tenderId);
      if (origin?.suggestionId !== undefined) {
        const { metric, suggestion } = await acceptSuggestion(deps, user.id, origin.suggestionId, input);
        return acceptedReply(suggestion, metricRef(metric.number));
      }
      if (origin?.metricId === undefined) {
        const metric = await defineMetric(deps, tender, user.id, input);
        return definedReply(metric, activeSellers(tender).length);
      }
      const { metric, changes, sellersTold } = await editMetric(
        deps,
        tender,
        user.id,
        origin.metricId,
        input,
      );
      return changedReply(metric, changes, sellersTold);
    },
  });
}
