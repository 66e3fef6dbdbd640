import type { App } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { openTenderCommand } from "./handlers/open-tender.js";
import { type StatusNotesOf, showStatusCommand } from "./handlers/show-status.js";
import { submitNewTender } from "./handlers/submit-new-tender.js";
import { NEW_TENDER } from "./ids.js";

/** Tenders: open one with its team channel and pinned card, show its status. */
export function commands(deps: Deps, status: { notes: StatusNotesOf[] }): Record<string, CommandAction> {
  return {
    new: openTenderCommand(deps),
    status: showStatusCommand(deps, status.notes),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(NEW_TENDER.callbackId, submitNewTender(deps));
}

// What other features use of tenders.
export { announceHeld, tenderDeliveries } from "./deliveries.js";
export {
  activeSellers,
  endOfKeyDay,
  isFinalStage,
  type KeyDateName,
  nextKeyDate,
  QUIET_STAGES,
  questionsClosedOn,
  receivesNewPosts,
  STAGE_MEANING,
  STAGES,
  type TenderStage,
} from "./domain.js";
export { type StatusNotesOf, statusOf } from "./handlers/show-status.js";
export { INVITE_SELLER_BUTTON, KEY_METRICS_BUTTON, POST_REQUIREMENT_BUTTON } from "./ids.js";
export {
  sellersOfOrganisation,
  type Tender,
  type TenderSeller,
  tendersOfPerson,
} from "./repository.js";
export { type Place, placeOf, refreshCard, tenderById, tenderOf } from "./service.js";
export { TENDER_GONE, tenderHeadline } from "./views.js";
