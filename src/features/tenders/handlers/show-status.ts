import { requireInsider } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { sellersWithInvites } from "../repository.js";
import { tenderOf } from "../service.js";
import { statusText } from "../views.js";

export function showStatusCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    requireInsider(tender, request.command.user_id, request.command.channel_id);
    return statusText(tender, await sellersWithInvites(deps.db, tender.id));
  });
}
