import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { decodeOrigin, textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText, withNotes } from "../../reply.js";
import { fieldErrors } from "../../tenders/domain.js";
import { findTenderById } from "../../tenders/repository.js";
import { TENDER_GONE } from "../../tenders/views.js";
import { inviteSchema, splitEmails } from "../domain.js";
import { INVITE_SELLER } from "../ids.js";
import { inviteSeller } from "../service.js";
import { invitedReply } from "../views.js";

export function submitInviteForm(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const request = inviteSchema.safeParse({
      name: textValue(view, INVITE_SELLER.name) ?? "",
      emails: splitEmails(textValue(view, INVITE_SELLER.emails) ?? ""),
    });
    if (!request.success) {
      // The form's block ids are the schema's field names.
      await ack({ response_action: "errors", errors: fieldErrors(request.error) });
      return;
    }
    await ack();
    const origin = decodeOrigin(view.private_metadata);
    const target = { userId: body.user.id, responseUrl: origin.responseUrl };
    try {
      const tender = origin.tenderId === undefined ? null : await findTenderById(deps.db, origin.tenderId);
      if (!tender) {
        await tellPerson(deps.slack, deps.logger, target, TENDER_GONE);
        return;
      }
      const { seller, notes } = await inviteSeller(deps, tender, body.user.id, request.data);
      const text = withNotes(invitedReply(seller.name, seller.channelId, tender.teamChannelId), notes);
      await tellPerson(deps.slack, deps.logger, target, text);
    } catch (error) {
      const text = failureText(error, deps.logger, { view: INVITE_SELLER.callbackId, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, text);
    }
  };
}
