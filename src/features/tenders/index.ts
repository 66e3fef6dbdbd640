import type { App } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { changeStageCommand } from "./handlers/change-stage.js";
import { openTenderCommand } from "./handlers/open-tender.js";
import { showStatusCommand } from "./handlers/show-status.js";
import { submitNewTender } from "./handlers/submit-new-tender.js";
import { NEW_TENDER } from "./ids.js";

/** Tenders: open one with its team channel and pinned card, move its stage, show its status. */
export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    new: openTenderCommand(deps),
    stage: changeStageCommand(deps),
    status: showStatusCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(NEW_TENDER.callbackId, submitNewTender(deps));
}

// What other features use of tenders.
export { announceHeld, tenderDeliveries } from "./deliveries.js";
export { isFinalStage, QUIET_STAGES, STAGE_MEANING, type TenderStage } from "./domain.js";
export { INVITE_SELLER_BUTTON, KEY_METRICS_BUTTON, POST_REQUIREMENT_BUTTON } from "./ids.js";
export type { Tender } from "./repository.js";
export { type Place, placeOf, refreshCard, tenderById, tenderOf } from "./service.js";
export { TENDER_GONE, tenderHeadline } from "./views.js";
