import { TenderError } from "../../../errors.js";
import { escapeText } from "../../../slack/text.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { withNotes } from "../../reply.js";
import { parseStage, STAGES, tenderRef } from "../domain.js";
import { changeStage, resolveTender } from "../service.js";

export const STAGE_USAGE = escapeText(`Usage: \`/tender stage <${STAGES.join("|")}>\``);

export function changeStageCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const stage = parseStage(parsed.args);
    if (!stage) {
      throw new TenderError(
        "invalid_input",
        parsed.args === ""
          ? STAGE_USAGE
          : `There is no stage called “${escapeText(parsed.args)}”. ${STAGE_USAGE}`,
      );
    }
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    const { notes } = await changeStage(deps, tender, command.user_id, stage);
    await reply(withNotes(`${tenderRef(tender.number)} is now in the *${stage}* stage.`, notes));
  };
}
