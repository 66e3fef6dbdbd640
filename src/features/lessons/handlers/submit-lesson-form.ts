import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { fieldErrors } from "../../tenders/domain.js";
import { decodeLessonOrigin, lessonSchema } from "../domain.js";
import { LESSON_FORM } from "../ids.js";
import { saveLesson } from "../service.js";
import { lessonSavedReply } from "../views.js";

export function submitLessonForm(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const requirement =
      view.state.values[LESSON_FORM.requirement.block]?.[LESSON_FORM.requirement.action]?.selected_option
        ?.value;
    // The form's block ids are the schema's field names, so each error lands on its field.
    const input = lessonSchema.safeParse({
      title: textValue(view, LESSON_FORM.title) ?? "",
      situation: textValue(view, LESSON_FORM.situation) ?? "",
      lesson: textValue(view, LESSON_FORM.lesson) ?? "",
      recommendation: textValue(view, LESSON_FORM.recommendation),
      impact: textValue(view, LESSON_FORM.impact),
      requirementId: requirement || undefined,
      tags: textValue(view, LESSON_FORM.tags),
    });
    if (!input.success) {
      await ack({ response_action: "errors", errors: fieldErrors(input.error) });
      return;
    }
    await ack();
    const origin = decodeLessonOrigin(view.private_metadata);
    const target = { userId: body.user.id, responseUrl: origin?.responseUrl };
    try {
      const lesson = await saveLesson(deps, {
        origin,
        userId: body.user.id,
        ...(body.user.team_id ? { userTeamId: body.user.team_id } : {}),
        input: input.data,
      });
      await tellPerson(deps.slack, deps.logger, target, lessonSavedReply(lesson, lesson.channelId));
    } catch (error) {
      const text = failureText(error, deps.logger, { view: LESSON_FORM.callbackId, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, text);
    }
  };
}
