import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { resolveTender } from "../../tenders/service.js";
import { commandPlace, lessonForm } from "../service.js";

/** `/tender lesson`: the lesson form; the card goes to this channel when it is the tender's. */
export function openLessonFormFromCommand(deps: Deps): CommandAction {
  return async ({ parsed, command }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    const place = await commandPlace(deps, tender, command.channel_id, command.user_id);
    const view = await lessonForm(deps, { place, responseUrl: command.response_url });
    await deps.slack.openModal(command.trigger_id, view);
  };
}
