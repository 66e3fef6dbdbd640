import type { App } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { changeStageCommand } from "./handlers/change-stage.js";
import { datesCommand } from "./handlers/dates-command.js";
import { submitDatesForm } from "./handlers/submit-dates-form.js";
import { DATES_FORM } from "./ids.js";

/**
 * The tender's timeline, fair to every seller: its stage and its key dates, each change announced
 * in the team channel and every active seller channel, where the sellers acknowledge it.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    stage: changeStageCommand(deps),
    dates: datesCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(DATES_FORM.callbackId, submitDatesForm(deps));
}

export { DATES_NOTICE, STAGE_NOTICE, timelineDeliveries } from "./deliveries.js";
