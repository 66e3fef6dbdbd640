import { type Deps, forWork } from "../../../../kernel/deps.js";
import { TenderError } from "../../../../kernel/errors.js";
import { checked, type FormRead, formHandler } from "../../../../kernel/handlers.js";
import { zoneOf } from "../../../../kernel/zones.js";
import { dateValue, textValue, timeValue } from "../../../../slack/modal.js";
import { answerSchema, type MeetingInput, meetingSchema } from "../../domain.js";
import { MEETING_FORM, UPDATE_FORM } from "../../ids.js";
import { answerOrigin } from "../domain.js";
import { answerCheckIn } from "../service.js";
import { ANSWER_SAVED, meetingText, OCCURRENCE_GONE } from "../views.js";

/** The update or meeting form submitted: validated on its fields, then posted, stored and mirrored. */
export function submitAnswerForm(deps: Deps, kind: "update" | "meeting") {
  return formHandler(deps, {
    origin: answerOrigin,
    read: (view): FormRead<{ text: string } | MeetingInput> =>
      kind === "update"
        ? checked(answerSchema.safeParse({ text: textValue(view, UPDATE_FORM.text) ?? "" }))
        : checked(
            meetingSchema.safeParse({
              day: dateValue(view, MEETING_FORM.day) ?? "",
              time: timeValue(view, MEETING_FORM.time) ?? "",
              agenda: textValue(view, MEETING_FORM.agenda),
            }),
          ),
    async submit(input, { origin, user, work }) {
      if (!origin) throw new TenderError("not_found", OCCURRENCE_GONE);
      const text = "text" in input ? input.text : meetingText(input, await zoneOf(deps, user.id, "UTC"));
      await answerCheckIn(forWork(deps, work), {
        occurrenceId: origin.occurrenceId,
        channelId: origin.channelId,
        threadTs: origin.threadTs,
        user: { userId: user.id, userTeamId: user.teamId },
        kind,
        text,
      });
      return ANSWER_SAVED;
    },
  });
}
