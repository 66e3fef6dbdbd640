import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { requireInsider, resolveTender } from "../../tenders/service.js";
import { summariseRequirements } from "../refine.js";
import { requirementsListText } from "../refine-views.js";

/** `/tender requirements`: each requirement with its seller replies and open questions. */
export function listRequirementsCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    requireInsider(tender, command.user_id, command.channel_id);
    await reply(requirementsListText(tender, await summariseRequirements(deps, tender)));
  };
}
