import type { Deps } from "../../../kernel/deps.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { textValue } from "../../../slack/modal.js";
import { suggestionOrigin, suggestionSchema } from "../domain.js";
import { SUGGESTION_FORM } from "../ids.js";
import { suggestMetric } from "../suggestions.js";

/** A seller's suggested metric: kept, carded for the owners; the seller's receipt is posted in its channel. */
export function submitSuggestion(deps: Deps) {
  return formHandler(deps, {
    origin: suggestionOrigin,
    read: (view) =>
      checked(
        suggestionSchema.safeParse({
          name: textValue(view, SUGGESTION_FORM.name) ?? "",
          unit: textValue(view, SUGGESTION_FORM.unit) ?? "",
          why: textValue(view, SUGGESTION_FORM.why) ?? "",
        }),
      ),
    async submit(input, { origin, user, work }) {
      await suggestMetric(deps, origin?.channelId, user, input, work?.key);
      return undefined;
    },
  });
}
