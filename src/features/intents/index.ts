import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import { intendToBidButton } from "./handlers/intend-to-bid.js";
import { openNotBiddingForm } from "./handlers/open-not-bidding-form.js";
import { submitNotBiddingForm } from "./handlers/submit-not-bidding-form.js";
import { INTEND_TO_BID_BUTTON, NOT_BIDDING_FORM, WILL_NOT_BID_BUTTON } from "./ids.js";

/**
 * Intentions to bid: in the requirements stage each seller's channel asks whether it will bid; the
 * answer (with a reason when it will not) is kept, told to the team and shown in the status, and
 * may change until proposals are due. A seller that will not bid gets nothing new meanwhile.
 */
export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(INTEND_TO_BID_BUTTON, intendToBidButton(deps));
  app.action<BlockButtonAction>(WILL_NOT_BID_BUTTON, openNotBiddingForm(deps));
  app.view(NOT_BIDDING_FORM.callbackId, submitNotBiddingForm(deps));
}

// What other features use of intentions to bid.
export { INTENT_PROMPT_UPDATE, intentDeliveries } from "./deliveries.js";
export { catchUpSeller, queueIntentPromptFor, queueIntentPrompts } from "./service.js";
