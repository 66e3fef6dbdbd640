import { requireInsider } from "../../../../kernel/access.js";
import type { Deps } from "../../../../kernel/deps.js";
import { commandHandler } from "../../../../kernel/handlers.js";
import { zoneOf } from "../../../../kernel/zones.js";
import { tenderOf } from "../../../tenders/index.js";
import { listCheckIns } from "../service.js";
import { checkInListText } from "../views.js";

/** `/tender checkins`: every check-in with its schedule, next run and last run. */
export function listCheckInsCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { command } = request;
    const tender = await tenderOf(deps, request);
    requireInsider(tender, command.user_id, command.channel_id);
    const entries = await listCheckIns(deps, tender);
    const zone = await zoneOf(deps, command.user_id, tender.timezone);
    return checkInListText(tender.number, entries, tender.sellers, zone);
  });
}
