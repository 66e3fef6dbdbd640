import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { declineOrigin, metricOrigin } from "../domain.js";
import { declineModal } from "../suggestion-views.js";
import { suggestionToDecide } from "../suggestions.js";
import { metricModal } from "../views.js";

/** "Accept as a metric": the metric form filled in from the suggestion, for the owners to give baseline and target. */
export function openAcceptForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const { suggestion, tender } = await suggestionToDecide(deps, click.user.id, click.value);
    const origin = metricOrigin.encode({
      tenderId: tender.id,
      suggestionId: suggestion.id,
      responseUrl: click.responseUrl,
    });
    const prefill = { name: suggestion.name, unit: suggestion.unit, whyItMatters: suggestion.why };
    await deps.slack.openModal(click.triggerId, metricModal(origin, tender.number, undefined, prefill));
    return undefined;
  });
}

/** "Decline": a form for the reason the seller will read. */
export function openDeclineForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const { suggestion } = await suggestionToDecide(deps, click.user.id, click.value);
    const origin = declineOrigin.encode({ suggestionId: suggestion.id, responseUrl: click.responseUrl });
    await deps.slack.openModal(click.triggerId, declineModal(origin, suggestion));
    return undefined;
  });
}
