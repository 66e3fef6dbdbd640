import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { lessonQueryValue } from "../domain.js";
import { searchLessons, viewerOf } from "../service.js";
import { lessonResults } from "../views.js";

/**
 * "Lessons shared here" and "Next": a page of the library for whoever pressed it. The button's
 * value is only the query; what the person may see is decided from who they are and where.
 */
export function showLessonsPage(deps: Deps, replaceOriginal: boolean) {
  return buttonHandler(deps, lessonQueryValue, async (click) => {
    const viewer = await viewerOf(deps, click.user.teamId, click.channelId);
    const query = click.value;
    if (!query.ok) return query.problem;
    const page = await searchLessons(deps, {
      viewer,
      query: query.query,
      ...(click.channelId ? { channelId: click.channelId } : {}),
    });
    return { ...lessonResults(page), replaceOriginal };
  });
}
