import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { ANSWER_ALL_BUTTON } from "../replies/index.js";
import { clarifyRequirementCommand } from "./handlers/clarify-requirement.js";
import { openAnswerAllForm } from "./handlers/open-answer-all-form.js";
import { submitAnswerAllForm } from "./handlers/submit-answer-all-form.js";
import { ANSWER_ALL_FORM } from "./ids.js";

/**
 * Clarifications: one answer published in every seller's thread of a requirement, the asker not
 * named; from `/tender clarify` or "Answer all sellers" on a mirrored seller question.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return { clarify: clarifyRequirementCommand(deps) };
}

export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(ANSWER_ALL_BUTTON, openAnswerAllForm(deps));
  app.view(ANSWER_ALL_FORM.callbackId, submitAnswerAllForm(deps));
}

// What other features use of clarifications.
export { clarificationDeliveries } from "./deliveries.js";
export { clarificationsOfRequirement } from "./service.js";
