import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { estimateForm } from "../service.js";

/**
 * "Quantify your impact" on a key metric's post in a seller channel: the form at the page holding
 * that metric, for the seller's own people. Who may is decided from the channel and the person.
 */
export function openEstimateForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const view = await estimateForm(deps, {
      channelId: click.channelId,
      user: click.user,
      metricId: click.value,
      ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
    });
    await deps.slack.openModal(click.triggerId, view);
    return undefined;
  });
}
