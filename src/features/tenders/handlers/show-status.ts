import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { sellersWithInvites } from "../repository.js";
import { requireInsider, resolveTender } from "../service.js";
import { statusText } from "../views.js";

export function showStatusCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    requireInsider(tender, command.user_id, command.channel_id);
    await reply(statusText(tender, await sellersWithInvites(deps.db, tender.id)));
  };
}
