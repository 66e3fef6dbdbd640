import type { App, BlockButtonAction } from "@slack/bolt";
import type { CommandAction } from "../commands/index.js";
import type { Deps } from "../deps.js";
import { changeStageCommand } from "./handlers/change-stage.js";
import { openRequirementForm } from "./handlers/open-requirement-form.js";
import { openTenderCommand } from "./handlers/open-tender.js";
import { showStatusCommand } from "./handlers/show-status.js";
import { submitNewTender } from "./handlers/submit-new-tender.js";
import { NEW_TENDER, POST_REQUIREMENT_BUTTON } from "./ids.js";

export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    new: openTenderCommand(deps),
    stage: changeStageCommand(deps),
    status: showStatusCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(NEW_TENDER.callbackId, submitNewTender(deps));
  app.action<BlockButtonAction>(POST_REQUIREMENT_BUTTON, openRequirementForm(deps));
}
