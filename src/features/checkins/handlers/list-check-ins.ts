import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { requireInsider, resolveTender } from "../../tenders/service.js";
import { listCheckIns } from "../service.js";
import { checkInListText } from "../views.js";
import { zoneOf } from "./schedule-check-in.js";

/** `/tender checkins`: every check-in with its schedule, next run and last run. */
export function listCheckInsCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    requireInsider(tender, command.user_id, command.channel_id);
    const entries = await listCheckIns(deps, tender);
    const zone = await zoneOf(deps, command.user_id, tender.timezone);
    await reply(checkInListText(tender.number, entries, tender.sellers, zone));
  };
}
