import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { notBiddingOrigin } from "../domain.js";
import { intentPlace } from "../service.js";
import { ALREADY_SAID, notBiddingModal } from "../views.js";

/** "We will not bid": the form for the reason, for that seller's people. */
export function openNotBiddingForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const { seller, tender } = await intentPlace(deps, click.channelId, click.user, click.value);
    if (seller.intent === "not_bidding") return ALREADY_SAID(seller.name, seller.intent);
    const origin = notBiddingOrigin.encode({ channelId: seller.channelId, responseUrl: click.responseUrl });
    await deps.slack.openModal(click.triggerId, notBiddingModal(origin, seller, tender.proposalsDueOn));
    return undefined;
  });
}
