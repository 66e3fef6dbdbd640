import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { requireInsider, resolveTender } from "../../tenders/service.js";
import { parseRequirementRef } from "../domain.js";
import { requirementHistory } from "../refine.js";
import { historyText } from "../refine-views.js";

/** `/tender history R-<n>`: its versions, the seller input behind them, its clarifications. */
export function showHistoryCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    requireInsider(tender, command.user_id, command.channel_id);
    const { number } = parseRequirementRef(parsed.args);
    await reply(historyText(await requirementHistory(deps, tender, number)));
  };
}
