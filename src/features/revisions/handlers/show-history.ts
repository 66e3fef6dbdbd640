import { requireInsider } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { parseRequirementRef } from "../../../kernel/refs.js";
import { tenderOf } from "../../tenders/index.js";
import { requirementHistory } from "../service.js";
import { historyText } from "../views.js";

/** `/tender history R-<n>`: its versions, the seller input behind them, its clarifications. */
export function showHistoryCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    requireInsider(tender, request.command.user_id, request.command.channel_id);
    const { number } = parseRequirementRef(request.parsed.args);
    return historyText(await requirementHistory(deps, tender, number));
  });
}
