import { encodeOrigin } from "../../../slack/modal.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { withNotes } from "../../reply.js";
import { fieldErrors, newTenderSchema } from "../domain.js";
import { openTender } from "../service.js";
import { newTenderModal, tenderOpenedReply } from "../views.js";

/** `/tender new <title>` opens the tender at once; `/tender new` opens the form. */
export function openTenderCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    if (parsed.args === "") {
      const origin = encodeOrigin({ responseUrl: command.response_url, channelId: command.channel_id });
      await deps.slack.openModal(command.trigger_id, newTenderModal(origin));
      return;
    }
    const input = newTenderSchema.safeParse({ title: parsed.args });
    if (!input.success) {
      await reply(Object.values(fieldErrors(input.error)).join(" "));
      return;
    }
    const { result, notes } = await openTender(deps, command.user_id, input.data);
    await reply(withNotes(tenderOpenedReply(result), notes));
  };
}
