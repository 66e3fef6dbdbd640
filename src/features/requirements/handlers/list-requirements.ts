import { requireInsider } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { summariseRequirements } from "../service.js";
import { requirementsListText } from "../views.js";

/** `/tender requirements`: each requirement with its seller replies and open questions. */
export function listRequirementsCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    requireInsider(tender, request.command.user_id, request.command.channel_id);
    return requirementsListText(tender, await summariseRequirements(deps, tender));
  });
}
