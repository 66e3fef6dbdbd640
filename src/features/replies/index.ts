import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import { captureThreadMessage } from "./handlers/capture-thread-message.js";
import { openSellerInputForm } from "./handlers/open-seller-input-form.js";
import { submitSellerInput } from "./handlers/submit-seller-input.js";
import { SELLER_BUTTONS, SELLER_INPUT_FORM } from "./ids.js";

/**
 * Replies: every message in a requirement's thread in a seller channel is kept (edits, deletions)
 * and mirrored to the team; sellers ask questions and suggest changes with the post's buttons.
 */
export function register(app: App, deps: Deps): void {
  // `app.event`, not `app.message`: edits and deletions arrive as message subtypes and count too.
  app.event("message", captureThreadMessage(deps));
  app.action<BlockButtonAction>(SELLER_BUTTONS.askQuestion, openSellerInputForm(deps, "question"));
  app.action<BlockButtonAction>(SELLER_BUTTONS.suggestChange, openSellerInputForm(deps, "suggestion"));
  app.view(SELLER_INPUT_FORM.callbackId, submitSellerInput(deps));
}

// What other features use of replies.
export { replyDeliveries } from "./deliveries.js";
export { ANSWER_ALL_BUTTON } from "./ids.js";
// The seller replies a revision may credit, and the question an answer for all sellers closes.
export {
  findReplyToAnswer,
  markAnswered,
  sellerRepliesAmong,
  sellerRepliesOf,
} from "./repository.js";
export { sellerPostButtons } from "./views.js";
