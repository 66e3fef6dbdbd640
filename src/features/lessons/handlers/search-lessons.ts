import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { parseLessonQuery } from "../domain.js";
import { searchLessons } from "../service.js";
import { lessonResults } from "../views.js";

/** `/tender lessons [<query>]`: a page of the library, with a "Next" button when there is more. */
export function searchLessonsCommand(deps: Deps) {
  return commandHandler(deps, async ({ parsed, command }) => {
    const text =
      parsed.tenderNumber === undefined ? parsed.args : `tender:T-${parsed.tenderNumber} ${parsed.args}`;
    const query = parseLessonQuery(text);
    if (!query.ok) return query.problem;
    // Slash commands come from the buyer's workspace: Slack offers them to no Slack Connect user.
    const page = await searchLessons(deps, {
      viewer: { kind: "buyer" },
      query: query.query,
      channelId: command.channel_id,
    });
    return lessonResults(page);
  });
}
