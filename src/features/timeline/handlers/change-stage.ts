import { type Deps, forWork } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { echo } from "../../../slack/text.js";
import { tenderOf } from "../../tenders/index.js";
import { parseStage, STAGE_USAGE } from "../domain.js";
import { changeStage } from "../service.js";
import { stageMovedReply } from "../views.js";

/** `/tender stage <stage>`: for the tender's owners. */
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
    const { sellersTold } = await changeStage(
      forWork(deps, request.work),
      tender,
      request.command.user_id,
      stage,
    );
    return stageMovedReply(tender, stage, sellersTold);
  });
}
