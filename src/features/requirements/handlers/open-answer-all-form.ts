import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { prepareAnswerAll } from "../refine.js";
import { encodeAnswerOrigin } from "../refine-domain.js";
import { answerAllModal, REPLY_GONE } from "../refine-views.js";
import { requirementHeadline } from "../views.js";

/** "Answer all sellers" on a mirrored seller question: the clarification form, for the buyer's team. */
export function openAnswerAllForm(deps: Deps) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const tell = (text: string) => respond({ response_type: "ephemeral", replace_original: false, text });
    try {
      const replyId = Number(action.value);
      if (!Number.isSafeInteger(replyId) || replyId <= 0) {
        await tell(REPLY_GONE);
        return;
      }
      const clicker = { id: body.user.id, teamId: body.user.team_id };
      const { requirement, question } = await prepareAnswerAll(deps, clicker, replyId);
      const origin = encodeAnswerOrigin({ replyId, responseUrl: body.response_url });
      await deps.slack.openModal(
        body.trigger_id,
        answerAllModal(origin, requirementHeadline(requirement), question),
      );
    } catch (error) {
      await tell(failureText(error, deps.logger, { action: action.action_id, user: body.user.id }));
    }
  };
}
