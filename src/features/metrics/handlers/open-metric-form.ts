import { requireOwner } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { tenderById } from "../../tenders/index.js";
import { metricOrigin } from "../domain.js";
import { metricModal } from "../views.js";

/** "Key metrics" on the tender card: the form to define one, for the tender's owners. */
export function openMetricForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const tender = await tenderById(deps, click.value);
    requireOwner(tender, click.user.id, "define key metrics");
    const origin = metricOrigin.encode({ tenderId: tender.id, responseUrl: click.responseUrl });
    await deps.slack.openModal(click.triggerId, metricModal(origin, tender.number));
    return undefined;
  });
}
