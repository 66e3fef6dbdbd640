import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { OCCURRENCE_VALUE_PREFIX } from "../../checkins/ids.js";
import type { Deps } from "../../deps.js";
import { parseRequirementId } from "../../replies/domain.js";
import { failureText } from "../../reply.js";
import { capturePlace, lessonForm } from "../service.js";

/**
 * "Share a lesson learned" on the seller welcome or a requirement post. Sellers are Slack Connect
 * users: this button and the form it opens are their way in. On a requirement the card goes into
 * its thread and the requirement is preselected.
 */
export function openLessonFormFromButton(deps: Deps) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      const place = await capturePlace(deps, body.channel?.id, {
        id: body.user.id,
        teamId: body.user.team_id,
      });
      // On a check-in the value names its run; on a requirement post, the requirement.
      const fromCheckIn = action.value?.startsWith(OCCURRENCE_VALUE_PREFIX) ?? false;
      const occurrenceId = fromCheckIn
        ? parseRequirementId(action.value?.slice(OCCURRENCE_VALUE_PREFIX.length))
        : undefined;
      const requirementId = fromCheckIn ? undefined : parseRequirementId(action.value);
      const threadTs = requirementId === undefined && !fromCheckIn ? undefined : body.message?.ts;
      const view = await lessonForm(deps, {
        place,
        ...(requirementId !== undefined ? { requirementId } : {}),
        ...(threadTs ? { threadTs } : {}),
        ...(occurrenceId !== undefined ? { occurrenceId } : {}),
        responseUrl: body.response_url,
      });
      await deps.slack.openModal(body.trigger_id, view);
    } catch (error) {
      const text = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
