import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { TenderError } from "../../../errors.js";
import { textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { SELLER_INPUT_FORM } from "../../requirements/ids.js";
import { fieldErrors } from "../../tenders/domain.js";
import { decodeSellerInputOrigin, sellerInputSchema } from "../domain.js";
import { postSellerInput } from "../service.js";
import { SELLER_INPUT_LOST } from "../views.js";

export function submitSellerInput(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const origin = decodeSellerInputOrigin(view.private_metadata);
    // The form's block id is the schema's field name, so the error lands on the text box.
    const input = sellerInputSchema(origin?.kind ?? "question").safeParse({
      text: textValue(view, SELLER_INPUT_FORM.text) ?? "",
    });
    if (!input.success) {
      await ack({ response_action: "errors", errors: fieldErrors(input.error) });
      return;
    }
    await ack();
    const target = { userId: body.user.id, responseUrl: origin?.responseUrl };
    try {
      if (!origin) throw new TenderError("not_found", SELLER_INPUT_LOST);
      await postSellerInput(deps, {
        origin,
        userId: body.user.id,
        userTeamId: body.user.team_id,
        text: input.data.text,
      });
    } catch (error) {
      const text = failureText(error, deps.logger, {
        view: SELLER_INPUT_FORM.callbackId,
        user: body.user.id,
      });
      await tellPerson(deps.slack, deps.logger, target, text);
    }
  };
}
