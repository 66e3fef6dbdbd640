import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { commandPlace, lessonForm } from "../service.js";

/** `/tender lesson`: the lesson form; the card goes to this channel when it is the tender's. */
export function openLessonFormFromCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { command } = request;
    const tender = await tenderOf(deps, request);
    const place = await commandPlace(deps, tender, command.channel_id, command.user_id);
    const view = await lessonForm(deps, { place, responseUrl: command.response_url });
    await deps.slack.openModal(command.trigger_id, view);
    return undefined;
  });
}
