import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import { acknowledgeChange } from "./handlers/acknowledge-change.js";
import { remindPendingSellers } from "./handlers/remind-pending-sellers.js";
import { ACKNOWLEDGE_BUTTON, REMIND_BUTTON } from "./ids.js";

/**
 * Acknowledgements: every revision, withdrawal, clarification, stage or key-date change posted to
 * the sellers asks each of them to acknowledge it; the team channel follows who has, and owners
 * remind the pending sellers at most once a day.
 */
export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(ACKNOWLEDGE_BUTTON, acknowledgeChange(deps));
  app.action<BlockButtonAction>(REMIND_BUTTON, remindPendingSellers(deps));
}

// What other features use of acknowledgements.
export {
  ACKNOWLEDGED_COPY,
  acknowledgementDeliveries,
  BOARD_REFRESH,
  NOTICE_BOARD,
} from "./deliveries.js";
export { pendingChangesOf } from "./repository.js";
export {
  acknowledgementNotes,
  askAcknowledgement,
  askLateSeller,
  pendingAcknowledgements,
} from "./service.js";
export { acknowledgeBlock } from "./views.js";
