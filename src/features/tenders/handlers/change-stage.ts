import { type Deps, forWork } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler, withNotes } from "../../../kernel/handlers.js";
import { tenderRef } from "../../../kernel/refs.js";
import { echo, escapeText } from "../../../slack/text.js";
import { parseStage, STAGES } from "../domain.js";
import { changeStage, tenderOf } from "../service.js";

const STAGE_USAGE = escapeText(`Usage: \`/tender stage <${STAGES.join("|")}>\``);

export function changeStageCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { args } = request.parsed;
    const stage = parseStage(args);
    if (!stage) {
      throw new TenderError(
        "invalid_input",
        args === "" ? STAGE_USAGE : `There is no stage called “${echo(args)}”. ${STAGE_USAGE}`,
      );
    }
    const tender = await tenderOf(deps, request);
    const { notes } = await changeStage(forWork(deps, request.work), tender, request.command.user_id, stage);
    return withNotes(`${tenderRef(tender.number)} is now in the *${stage}* stage.`, notes);
  });
}
