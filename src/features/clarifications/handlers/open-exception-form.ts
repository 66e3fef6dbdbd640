import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { answerToDecide, requireExceptionsAllowed } from "../quiet.js";
import { exceptionOrigin } from "../quiet-domain.js";
import { exceptionModal } from "../quiet-views.js";

/** "Keep as an exception" on the quiet period prompt: the form for the reason. */
export function openExceptionForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const { answer, tender } = await answerToDecide(deps, click.user, click.value);
    // A value forged onto a prompt that offered no exception is refused here too.
    requireExceptionsAllowed(tender);
    const origin = exceptionOrigin.encode({ quietAnswerId: answer.id, responseUrl: click.responseUrl });
    await deps.slack.openModal(click.triggerId, exceptionModal(origin, answer));
    return undefined;
  });
}
