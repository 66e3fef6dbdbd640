import { type Deps, forWork } from "../../../kernel/deps.js";
import { checked, formHandler, withNotes } from "../../../kernel/handlers.js";
import { placeOrigin, textValue } from "../../../slack/modal.js";
import { tenderById } from "../../tenders/index.js";
import { inviteSchema, splitEmails } from "../domain.js";
import { INVITE_SELLER } from "../ids.js";
import { inviteSeller } from "../service.js";
import { invitedReply } from "../views.js";

export function submitInviteForm(deps: Deps) {
  return formHandler(deps, {
    origin: placeOrigin,
    read: (view) =>
      checked(
        inviteSchema.safeParse({
          name: textValue(view, INVITE_SELLER.name) ?? "",
          emails: splitEmails(textValue(view, INVITE_SELLER.emails) ?? ""),
        }),
      ),
    async submit(invite, { origin, user, work }) {
      const tender = await tenderById(deps, origin?.tenderId);
      const { seller, notes } = await inviteSeller(forWork(deps, work), tender, user.id, invite);
      return withNotes(invitedReply(seller.name, seller.channelId, tender.teamChannelId), notes);
    },
  });
}
