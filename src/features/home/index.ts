import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { StatusNotesOf } from "../tenders/index.js";
import { publishHomeOnOpen } from "./handlers/publish-home-on-open.js";
import { showTenderStatus } from "./handlers/show-tender-status.js";
import { HOME_STATUS_BUTTON } from "./ids.js";

/**
 * The App Home: for the buyer's people their tenders and what needs them, with the usual actions;
 * for a seller's person its sellers' overviews; for anyone else of the buyer's workspace what the
 * app is and how to start. Published when opened, and again (coalesced) when what it shows changes.
 */
export function register(app: App, deps: Deps, options: { statusNotes: StatusNotesOf[] }): void {
  app.event("app_home_opened", publishHomeOnOpen(deps));
  app.action<BlockButtonAction>(HOME_STATUS_BUTTON, showTenderStatus(deps, options.statusNotes));
}

export { homeDeliveries } from "./deliveries.js";
