import { type Deps, forWork } from "../../../kernel/deps.js";
import { checked, formHandler, withNotes } from "../../../kernel/handlers.js";
import { dateValue, placeOrigin, textValue, usersValue } from "../../../slack/modal.js";
import { newTenderSchema } from "../domain.js";
import { NEW_TENDER } from "../ids.js";
import { openTender } from "../service.js";
import { tenderOpenedReply } from "../views.js";

/** The "New tender" form: field errors go back to the form; a valid form opens the tender. */
export function submitNewTender(deps: Deps) {
  return formHandler(deps, {
    origin: placeOrigin,
    read: (view) =>
      checked(
        newTenderSchema.safeParse({
          title: textValue(view, NEW_TENDER.title) ?? "",
          goal: textValue(view, NEW_TENDER.goal),
          coOwners: usersValue(view, NEW_TENDER.coOwners),
          questionsDueOn: dateValue(view, NEW_TENDER.questionsDueOn),
          proposalsDueOn: dateValue(view, NEW_TENDER.proposalsDueOn),
          awardPlannedOn: dateValue(view, NEW_TENDER.awardPlannedOn),
        }),
      ),
    async submit(input, { user, work }) {
      const { result, notes } = await openTender(forWork(deps, work), user.id, input);
      return withNotes(tenderOpenedReply(result), notes);
    },
  });
}
