import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { encodeOrigin } from "../../../slack/modal.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { requireMember } from "../../requirements/service.js";
import { requirementModal } from "../../requirements/views.js";
import { findTenderById } from "../repository.js";
import { TENDER_GONE } from "../views.js";

/** "Post a requirement" on the tender card: the requirement form, for the tender's people. */
export function openRequirementForm(deps: Deps) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      const tender = await findTenderById(deps.db, Number(action.value));
      if (!tender) {
        await respond({ response_type: "ephemeral", replace_original: false, text: TENDER_GONE });
        return;
      }
      requireMember(tender, body.user.id, "post requirements");
      const origin = encodeOrigin({ tenderId: tender.id, responseUrl: body.response_url });
      await deps.slack.openModal(body.trigger_id, requirementModal(origin));
    } catch (error) {
      const text = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
