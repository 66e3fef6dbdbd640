import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { ANSWER_ALL_BUTTON } from "../replies/index.js";
import { clarifyRequirementCommand } from "./handlers/clarify-requirement.js";
import { keepExceptionForm } from "./handlers/keep-exception.js";
import { openAnswerAllForm } from "./handlers/open-answer-all-form.js";
import { openExceptionForm } from "./handlers/open-exception-form.js";
import { publishPrivateAnswerButton } from "./handlers/publish-private-answer.js";
import { quietSettingsCommand } from "./handlers/quiet-settings.js";
import { submitAnswerAllForm } from "./handlers/submit-answer-all-form.js";
import { ANSWER_ALL_FORM, EXCEPTION_FORM, QUIET_BUTTONS } from "./ids.js";

/**
 * Clarifications: one answer published in every seller's thread of a requirement, the asker not
 * named; from `/tender clarify` or "Answer all sellers" on a mirrored seller question. In the quiet
 * period a buyer's answer to one seller is published to all of them, or kept as an exception.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return { clarify: clarifyRequirementCommand(deps), quiet: quietSettingsCommand(deps) };
}

export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(ANSWER_ALL_BUTTON, openAnswerAllForm(deps));
  app.view(ANSWER_ALL_FORM.callbackId, submitAnswerAllForm(deps));
  app.action<BlockButtonAction>(QUIET_BUTTONS.publish, publishPrivateAnswerButton(deps));
  app.action<BlockButtonAction>(QUIET_BUTTONS.keepException, openExceptionForm(deps));
  app.view(EXCEPTION_FORM.callbackId, keepExceptionForm(deps));
}

// What other features use of clarifications.
export {
  CLARIFICATION,
  clarificationDeliveries,
  queueMissedClarifications,
} from "./deliveries.js";
// The quiet period: the hook replies hand private answers to, its messages, its `/tender status` line.
export { privateAnswers, quietNotes } from "./quiet.js";
export { quietDeliveries } from "./quiet-deliveries.js";
export { clarificationsOfRequirement } from "./service.js";
