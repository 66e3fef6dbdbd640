import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { shareLessonValue } from "../domain.js";
import { capturePlace, lessonForm } from "../service.js";

/**
 * "Share a lesson learned" on the seller welcome, a requirement post or a check-in's prompt. Sellers
 * are Slack Connect users: this button and the form it opens are their way in. On a requirement
 * the requirement is preselected; on a requirement or a prompt the card goes into its thread.
 */
export function openLessonFormFromButton(deps: Deps) {
  return buttonHandler(deps, shareLessonValue, async (click) => {
    const place = await capturePlace(deps, click.channelId, click.user);
    const { requirementId, answers } = click.value;
    const threadTs = requirementId !== undefined || answers !== undefined ? click.messageTs : undefined;
    const view = await lessonForm(deps, {
      place,
      ...(requirementId !== undefined ? { requirementId } : {}),
      ...(threadTs ? { threadTs } : {}),
      ...(answers !== undefined ? { answers } : {}),
      ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
    });
    await deps.slack.openModal(click.triggerId, view);
    return undefined;
  });
}
