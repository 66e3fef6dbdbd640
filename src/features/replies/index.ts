import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import { captureThreadMessage } from "./handlers/capture-thread-message.js";
import { openSellerInputForm } from "./handlers/open-seller-input-form.js";
import { submitSellerInput } from "./handlers/submit-seller-input.js";
import { SELLER_BUTTONS, SELLER_INPUT_FORM } from "./ids.js";
import type { PrivateAnswerHook } from "./service.js";

/**
 * Replies: every message in a requirement's thread in a seller channel is kept (edits, deletions)
 * and mirrored to the team; sellers ask questions and suggest changes with the post's buttons until
 * questions close. A buyer's answer to one seller in the quiet period goes to `privateAnswerHooks`.
 */
export function register(app: App, deps: Deps, privateAnswerHooks: PrivateAnswerHook[]): void {
  // `app.event`, not `app.message`: edits and deletions arrive as message subtypes and count too.
  app.event("message", captureThreadMessage(deps, privateAnswerHooks));
  app.action<BlockButtonAction>(SELLER_BUTTONS.askQuestion, openSellerInputForm(deps, "question"));
  app.action<BlockButtonAction>(SELLER_BUTTONS.suggestChange, openSellerInputForm(deps, "suggestion"));
  app.view(SELLER_INPUT_FORM.callbackId, submitSellerInput(deps));
}

// What other features use of replies.
export { REPLY_MIRROR, REPLY_MIRROR_UPDATE, replyDeliveries } from "./deliveries.js";
export { ANSWER_ALL_BUTTON } from "./ids.js";
export { openQuestionsOf } from "./questions.js";
// The seller replies a revision may credit, and the questions an answer for all sellers closes.
export {
  answerQuestionsBefore,
  findReplyToAnswer,
  markAnswered,
  openQuestionBefore,
  sellerRepliesAmong,
  sellerRepliesOf,
} from "./repository.js";
export type { PrivateAnswerHook } from "./service.js";
export { sellerPostButtons } from "./views.js";
