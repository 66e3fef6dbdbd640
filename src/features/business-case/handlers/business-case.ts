import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { postBusinessCase } from "../service.js";
import { businessCaseReply } from "../views.js";

/** `/tender business-case`: the case assembled in the team channel, with the file to forward. */
export function businessCaseCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    await postBusinessCase(deps, tender, request.command.user_id, request.work);
    return businessCaseReply(tender.teamChannelId);
  });
}
