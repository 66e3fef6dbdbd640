import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { encodeAnswerOrigin, parseOccurrenceId } from "../domain.js";
import { answerContext } from "../service.js";
import { meetingModal, updateModal } from "../views.js";
import { zoneOf } from "./schedule-check-in.js";

/** "Share an update" / "Propose a meeting" on a check-in: the form, for the seller's people. */
export function openAnswerForm(deps: Deps, kind: "update" | "meeting") {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      const { occurrence, seller } = await answerContext(
        deps,
        parseOccurrenceId(action.value),
        body.channel?.id,
        {
          userId: body.user.id,
          userTeamId: body.user.team_id,
        },
      );
      const origin = encodeAnswerOrigin({
        occurrenceId: occurrence.id,
        channelId: seller.channelId,
        ...(body.message?.ts ? { threadTs: body.message.ts } : {}),
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
      });
      const view =
        kind === "update"
          ? updateModal(origin, occurrence.checkIn.prompt)
          : meetingModal(origin, await zoneOf(deps, body.user.id, occurrence.checkIn.timezone));
      await deps.slack.openModal(body.trigger_id, view);
    } catch (error) {
      const text = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
