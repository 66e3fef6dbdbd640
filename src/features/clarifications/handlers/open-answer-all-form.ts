import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { requirementHeadline } from "../../requirements/index.js";
import { answerOrigin } from "../domain.js";
import { prepareAnswerAll } from "../service.js";
import { answerAllModal } from "../views.js";

/** "Answer all sellers" on a mirrored seller question: the clarification form, for the buyer's team. */
export function openAnswerAllForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const { requirement, question, replyId } = await prepareAnswerAll(deps, click.user, click.value);
    const origin = answerOrigin.encode({ replyId, responseUrl: click.responseUrl });
    await deps.slack.openModal(
      click.triggerId,
      answerAllModal(origin, requirementHeadline(requirement), question),
    );
    return undefined;
  });
}
