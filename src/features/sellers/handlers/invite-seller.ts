import { requireOwner } from "../../../kernel/access.js";
import { type Deps, forWork } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler, fieldErrors, withNotes } from "../../../kernel/handlers.js";
import { placeOrigin } from "../../../slack/modal.js";
import { tenderHeadline, tenderOf } from "../../tenders/index.js";
import { INVITE_USAGE, inviteSchema, parseInviteArgs } from "../domain.js";
import { inviteSeller } from "../service.js";
import { invitedReply, inviteSellerModal } from "../views.js";

/** `/tender invite <seller> <email> ...`; without arguments, the form. */
export function inviteSellerCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { parsed, command } = request;
    const tender = await tenderOf(deps, request);
    requireOwner(tender, command.user_id, "invite sellers");
    if (parsed.args === "") {
      const origin = placeOrigin.encode({ tenderId: tender.id, responseUrl: command.response_url });
      await deps.slack.openModal(command.trigger_id, inviteSellerModal(origin, tenderHeadline(tender)));
      return undefined;
    }
    const invite = inviteSchema.safeParse(parseInviteArgs(parsed.args));
    if (!invite.success) {
      // The schema's messages quote what was typed already escaped (see `echo`).
      const problems = Object.values(fieldErrors(invite.error)).join(" ");
      throw new TenderError("invalid_input", `${problems}\n${INVITE_USAGE}`);
    }
    const { seller, notes } = await inviteSeller(
      forWork(deps, request.work),
      tender,
      command.user_id,
      invite.data,
    );
    return withNotes(invitedReply(seller.name, seller.channelId, tender.teamChannelId), notes);
  });
}
