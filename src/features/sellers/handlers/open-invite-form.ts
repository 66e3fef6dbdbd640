import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { encodeOrigin } from "../../../slack/modal.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { findTenderById } from "../../tenders/repository.js";
import { requireOwner } from "../../tenders/service.js";
import { TENDER_GONE, tenderHeadline } from "../../tenders/views.js";
import { inviteSellerModal } from "../views.js";

/** "Invite a seller" on the tender card: the form, for the tender's owners only. */
export function openInviteForm(deps: Deps) {
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
      requireOwner(tender, body.user.id, "invite sellers");
      const origin = encodeOrigin({ tenderId: tender.id, responseUrl: body.response_url });
      await deps.slack.openModal(body.trigger_id, inviteSellerModal(origin, tenderHeadline(tender)));
    } catch (error) {
      const text = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
