import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { textValue } from "../../../slack/modal.js";
import { declineOrigin, declineSchema } from "../domain.js";
import { DECLINE_FORM } from "../ids.js";
import { declinedReply, SUGGESTION_GONE } from "../suggestion-views.js";
import { declineSuggestion } from "../suggestions.js";

export function submitDecline(deps: Deps) {
  return formHandler(deps, {
    origin: declineOrigin,
    read: (view) => checked(declineSchema.safeParse({ reason: textValue(view, DECLINE_FORM.reason) ?? "" })),
    async submit(input, { origin, user }) {
      if (!origin) throw new TenderError("not_found", SUGGESTION_GONE);
      return declinedReply(await declineSuggestion(deps, user.id, origin.suggestionId, input.reason));
    },
  });
}
