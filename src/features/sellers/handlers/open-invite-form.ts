import { requireOwner } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { placeOrigin } from "../../../slack/modal.js";
import { tenderById, tenderHeadline } from "../../tenders/index.js";
import { inviteSellerModal } from "../views.js";

/** "Invite a seller" on the tender card: the form, for the tender's owners only. */
export function openInviteForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const tender = await tenderById(deps, click.value);
    requireOwner(tender, click.user.id, "invite sellers");
    const origin = placeOrigin.encode({ tenderId: tender.id, responseUrl: click.responseUrl });
    await deps.slack.openModal(click.triggerId, inviteSellerModal(origin, tenderHeadline(tender)));
    return undefined;
  });
}
