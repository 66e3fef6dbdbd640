import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the intentions to bid, shared by builders, listeners and tests. */

/** On the intent prompt in a seller's channel; value: the seller's id. */
export const INTEND_TO_BID_BUTTON = "intent_bid";
export const WILL_NOT_BID_BUTTON = "intent_not_bid";

/** Why the seller will not bid: read by the buyer's team. */
export const NOT_BIDDING_FORM = formIds("intent_not_bidding", { reason: "reason_input" });
