import { type Deps, forWork } from "../../../kernel/deps.js";
import { commandHandler, fieldErrors, withNotes } from "../../../kernel/handlers.js";
import { placeOrigin } from "../../../slack/modal.js";
import { newTenderSchema } from "../domain.js";
import { openTender } from "../service.js";
import { newTenderModal, tenderOpenedReply } from "../views.js";

/** `/tender new <title>` opens the tender at once; `/tender new` opens the form. */
export function openTenderCommand(deps: Deps) {
  return commandHandler(deps, async ({ parsed, command, work }) => {
    if (parsed.args === "") {
      const origin = placeOrigin.encode({ responseUrl: command.response_url, channelId: command.channel_id });
      await deps.slack.openModal(command.trigger_id, newTenderModal(origin));
      return undefined;
    }
    const input = newTenderSchema.safeParse({ title: parsed.args });
    if (!input.success) return Object.values(fieldErrors(input.error)).join(" ");
    const { result, notes } = await openTender(forWork(deps, work), command.user_id, input.data);
    return withNotes(tenderOpenedReply(result), notes);
  });
}
