import type { App, BlockButtonAction } from "@slack/bolt";
import type { DeliveryKind } from "../../outbox/dispatcher.js";
import type { Deps } from "../deps.js";
import { SELLER_BUTTONS, SELLER_INPUT_FORM } from "../requirements/ids.js";
import { replyDeliveryKinds } from "./deliveries.js";
import { captureThreadMessage } from "./handlers/capture-thread-message.js";
import { openSellerInputForm } from "./handlers/open-seller-input-form.js";
import { submitSellerInput } from "./handlers/submit-seller-input.js";

export function register(app: App, deps: Deps): void {
  // `app.event`, not `app.message`: edits and deletions arrive as message subtypes and count too.
  app.event("message", captureThreadMessage(deps));
  app.action<BlockButtonAction>(SELLER_BUTTONS.askQuestion, openSellerInputForm(deps, "question"));
  app.action<BlockButtonAction>(SELLER_BUTTONS.suggestChange, openSellerInputForm(deps, "suggestion"));
  app.view(SELLER_INPUT_FORM.callbackId, submitSellerInput(deps));
}

export function deliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return replyDeliveryKinds(deps);
}
