import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { parseLessonQuery } from "../domain.js";
import { searchLessons } from "../service.js";
import { lessonResults } from "../views.js";

/** `/tender lessons [<query>]`: a page of the library, with a "Next" button when there is more. */
export function searchLessonsCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const text =
      parsed.tenderNumber === undefined ? parsed.args : `tender:T-${parsed.tenderNumber} ${parsed.args}`;
    const query = parseLessonQuery(text);
    if (!query.ok) {
      await reply(query.problem);
      return;
    }
    // Slash commands come from the buyer's workspace: Slack offers them to no Slack Connect user.
    const page = await searchLessons(deps, {
      viewer: { kind: "buyer" },
      query: query.query,
      channelId: command.channel_id,
    });
    const message = lessonResults(page);
    const response = await fetch(command.response_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", ...message }),
    }).catch((error: unknown) => {
      deps.logger.warn({ err: error }, "could not answer the command");
      return undefined;
    });
    if (!response?.ok) await reply(message.text);
  };
}
