import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { TenderError } from "../../../errors.js";
import { dateValue, textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { fieldErrors } from "../../tenders/domain.js";
import { answerSchema, decodeAnswerOrigin, meetingSchema } from "../domain.js";
import { MEETING_FORM, UPDATE_FORM } from "../ids.js";
import { answerCheckIn } from "../service.js";
import { ANSWER_SAVED, meetingText, OCCURRENCE_GONE } from "../views.js";
import { zoneOf } from "./schedule-check-in.js";

/** The update or meeting form submitted: validated on its fields, then posted, stored and mirrored. */
export function submitAnswerForm(deps: Deps, kind: "update" | "meeting") {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const input =
      kind === "update"
        ? answerSchema.safeParse({ text: textValue(view, UPDATE_FORM.text) ?? "" })
        : meetingSchema.safeParse({
            day: dateValue(view, MEETING_FORM.day) ?? "",
            time: view.state.values[MEETING_FORM.time.block]?.[MEETING_FORM.time.action]?.selected_time ?? "",
            agenda: textValue(view, MEETING_FORM.agenda),
          });
    if (!input.success) {
      await ack({ response_action: "errors", errors: fieldErrors(input.error) });
      return;
    }
    await ack();
    const origin = decodeAnswerOrigin(view.private_metadata);
    const target = { userId: body.user.id, responseUrl: origin?.responseUrl };
    try {
      if (!origin) throw new TenderError("not_found", OCCURRENCE_GONE);
      const data = input.data;
      const text = "text" in data ? data.text : meetingText(data, await zoneOf(deps, body.user.id, "UTC"));
      await answerCheckIn(deps, {
        occurrenceId: origin.occurrenceId,
        channelId: origin.channelId,
        threadTs: origin.threadTs,
        user: { userId: body.user.id, userTeamId: body.user.team_id },
        kind,
        text,
      });
      await tellPerson(deps.slack, deps.logger, target, ANSWER_SAVED);
    } catch (error) {
      const message = failureText(error, deps.logger, { view: view.callback_id, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, message);
    }
  };
}
