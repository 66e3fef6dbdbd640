import type { Deps } from "../../../kernel/deps.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { textValue } from "../../../slack/modal.js";
import { notBiddingOrigin, notBiddingSchema } from "../domain.js";
import { NOT_BIDDING_FORM } from "../ids.js";
import { intentPlace, willNotBid } from "../service.js";

/** The reason a seller will not bid: who may say so is checked again from the form's channel. */
export function submitNotBiddingForm(deps: Deps) {
  return formHandler(deps, {
    origin: notBiddingOrigin,
    read: (view) =>
      checked(notBiddingSchema.safeParse({ reason: textValue(view, NOT_BIDDING_FORM.reason) ?? "" })),
    async submit(input, { origin, user }) {
      const place = await intentPlace(deps, origin?.channelId, user);
      return willNotBid(deps, place, user.id, input.reason);
    },
  });
}
