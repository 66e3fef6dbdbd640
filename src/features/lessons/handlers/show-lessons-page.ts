import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { parseLessonQuery } from "../domain.js";
import { searchLessons, viewerOf } from "../service.js";
import { lessonResults } from "../views.js";

/**
 * "Lessons shared here" and "Next": a page of the library for whoever pressed it. The button's
 * value is only the query; what the person may see is decided from who they are and where.
 */
export function showLessonsPage(deps: Deps, replaceOriginal: boolean) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      const channelId = body.channel?.id;
      const viewer = await viewerOf(deps, body.user.team_id, channelId);
      const query = parseLessonQuery(action.value ?? "");
      if (!query.ok) {
        await respond({ response_type: "ephemeral", replace_original: false, text: query.problem });
        return;
      }
      const page = await searchLessons(deps, {
        viewer,
        query: query.query,
        ...(channelId ? { channelId } : {}),
      });
      await respond({
        response_type: "ephemeral",
        replace_original: replaceOriginal,
        ...lessonResults(page),
      });
    } catch (error) {
      const text = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
