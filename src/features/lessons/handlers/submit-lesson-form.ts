import type { Deps } from "../../../kernel/deps.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { selectedValue, textValue } from "../../../slack/modal.js";
import { lessonOrigin, lessonSchema } from "../domain.js";
import { LESSON_FORM } from "../ids.js";
import { type LessonAnswerHook, saveLesson } from "../service.js";
import { lessonSavedReply } from "../views.js";

export function submitLessonForm(deps: Deps, answerHooks: LessonAnswerHook[]) {
  return formHandler(deps, {
    origin: lessonOrigin,
    read: (view) =>
      checked(
        lessonSchema.safeParse({
          title: textValue(view, LESSON_FORM.title) ?? "",
          situation: textValue(view, LESSON_FORM.situation) ?? "",
          lesson: textValue(view, LESSON_FORM.lesson) ?? "",
          recommendation: textValue(view, LESSON_FORM.recommendation),
          impact: textValue(view, LESSON_FORM.impact),
          requirementId: selectedValue(view, LESSON_FORM.requirementId) || undefined,
          tags: textValue(view, LESSON_FORM.tags),
        }),
      ),
    async submit(input, { origin, user, work }) {
      const lesson = await saveLesson(
        deps,
        {
          origin,
          userId: user.id,
          ...(user.teamId ? { userTeamId: user.teamId } : {}),
          input,
          ...(work ? { workKey: work.key } : {}),
        },
        answerHooks,
      );
      return lessonSavedReply(lesson, lesson.channelId);
    },
  });
}
