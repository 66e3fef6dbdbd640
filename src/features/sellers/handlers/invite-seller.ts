import { TenderError } from "../../../errors.js";
import { encodeOrigin } from "../../../slack/modal.js";
import { escapeText } from "../../../slack/text.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { withNotes } from "../../reply.js";
import { fieldErrors } from "../../tenders/domain.js";
import { requireOwner, resolveTender } from "../../tenders/service.js";
import { tenderHeadline } from "../../tenders/views.js";
import { INVITE_USAGE, inviteSchema, parseInviteArgs } from "../domain.js";
import { inviteSeller } from "../service.js";
import { invitedReply, inviteSellerModal } from "../views.js";

/** `/tender invite <seller> <email> ...`; without arguments, the form. */
export function inviteSellerCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    requireOwner(tender, command.user_id, "invite sellers");
    if (parsed.args === "") {
      const origin = encodeOrigin({ tenderId: tender.id, responseUrl: command.response_url });
      await deps.slack.openModal(command.trigger_id, inviteSellerModal(origin, tenderHeadline(tender)));
      return;
    }
    const request = inviteSchema.safeParse(parseInviteArgs(parsed.args));
    if (!request.success) {
      const problems = Object.values(fieldErrors(request.error)).map(escapeText).join(" ");
      throw new TenderError("invalid_input", `${problems}\n${INVITE_USAGE}`);
    }
    const { seller, notes } = await inviteSeller(deps, tender, command.user_id, request.data);
    await reply(withNotes(invitedReply(seller.name, seller.channelId, tender.teamChannelId), notes));
  };
}
