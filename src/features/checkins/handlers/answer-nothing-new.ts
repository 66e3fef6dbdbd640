import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { parseOccurrenceId } from "../domain.js";
import { answerCheckIn } from "../service.js";
import { ANSWER_SAVED } from "../views.js";

/** "Nothing new this time": an answer too, so the digest tells it apart from silence. */
export function answerNothingNew(deps: Deps) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      await answerCheckIn(deps, {
        occurrenceId: parseOccurrenceId(action.value),
        channelId: body.channel?.id,
        threadTs: body.message?.ts,
        user: { userId: body.user.id, userTeamId: body.user.team_id },
        kind: "nothing_new",
        text: "",
      });
      await respond({ response_type: "ephemeral", replace_original: false, text: ANSWER_SAVED });
    } catch (error) {
      const text = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
