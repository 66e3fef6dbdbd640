import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { dateValue, decodeOrigin, textValue, usersValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText, withNotes } from "../../reply.js";
import { fieldErrors, newTenderSchema } from "../domain.js";
import { NEW_TENDER } from "../ids.js";
import { openTender } from "../service.js";
import { tenderOpenedReply } from "../views.js";

/** The "New tender" form: field errors go back to the form; a valid form opens the tender. */
export function submitNewTender(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const input = newTenderSchema.safeParse({
      title: textValue(view, NEW_TENDER.title) ?? "",
      goal: textValue(view, NEW_TENDER.goal),
      coOwners: usersValue(view, NEW_TENDER.coOwners),
      questionsDueOn: dateValue(view, NEW_TENDER.questionsDueOn),
      proposalsDueOn: dateValue(view, NEW_TENDER.proposalsDueOn),
      awardPlannedOn: dateValue(view, NEW_TENDER.awardPlannedOn),
    });
    if (!input.success) {
      // The form's block ids are the schema's field names, so each error lands on its field.
      await ack({ response_action: "errors", errors: fieldErrors(input.error) });
      return;
    }
    await ack();
    const target = { userId: body.user.id, responseUrl: decodeOrigin(view.private_metadata).responseUrl };
    try {
      const { result, notes } = await openTender(deps, body.user.id, input.data);
      await tellPerson(deps.slack, deps.logger, target, withNotes(tenderOpenedReply(result), notes));
    } catch (error) {
      const text = failureText(error, deps.logger, { view: NEW_TENDER.callbackId, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, text);
    }
  };
}
