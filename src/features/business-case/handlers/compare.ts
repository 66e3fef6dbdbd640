import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { postComparison } from "../service.js";
import { comparedReply } from "../views.js";

/** `/tender compare`: the sellers' estimates side by side in the team channel, and as a chart. */
export function compareCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    const { messages, chart } = await postComparison(deps, tender, request.command.user_id, request.work);
    return comparedReply(tender.teamChannelId, messages, chart);
  });
}
