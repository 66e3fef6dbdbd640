import { z } from "zod";
import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { suggestionOrigin } from "../domain.js";
import { suggestionModal } from "../suggestion-views.js";
import { suggestionPlace } from "../suggestions.js";

/** "Suggest a metric" on a metric's post in a seller channel: the form, for that seller's people. */
export function openSuggestionForm(deps: Deps) {
  return buttonHandler(deps, z.string().max(0).optional(), async (click) => {
    const { seller } = await suggestionPlace(deps, click.channelId, click.user);
    const origin = suggestionOrigin.encode({ channelId: seller.channelId, responseUrl: click.responseUrl });
    await deps.slack.openModal(click.triggerId, suggestionModal(origin));
    return undefined;
  });
}
