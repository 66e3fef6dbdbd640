import type { App, BlockButtonAction, MessageShortcut } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { openLessonFormFromButton } from "./handlers/open-lesson-form-from-button.js";
import { openLessonFormFromCommand } from "./handlers/open-lesson-form-from-command.js";
import { openLessonFormFromMessage } from "./handlers/open-lesson-form-from-message.js";
import { searchLessonsCommand } from "./handlers/search-lessons.js";
import { showLessonsPage } from "./handlers/show-lessons-page.js";
import { submitLessonForm } from "./handlers/submit-lesson-form.js";
import {
  BROWSE_LESSONS_BUTTON,
  LESSON_FORM,
  NEXT_LESSONS_BUTTON,
  SAVE_MESSAGE_SHORTCUT,
  SHARE_LESSON_BUTTON,
} from "./ids.js";
import type { LessonAnswerHook } from "./service.js";

/** Lessons learned: captured from both sides, a searchable library, reused in revisions. */
export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    lesson: openLessonFormFromCommand(deps),
    lessons: searchLessonsCommand(deps),
  };
}

/** `answerHooks`: what other features record when a lesson answers their message (check-ins). */
export function register(app: App, deps: Deps, answerHooks: LessonAnswerHook[]): void {
  app.action<BlockButtonAction>(SHARE_LESSON_BUTTON, openLessonFormFromButton(deps));
  app.shortcut<MessageShortcut>(SAVE_MESSAGE_SHORTCUT, openLessonFormFromMessage(deps));
  app.view(LESSON_FORM.callbackId, submitLessonForm(deps, answerHooks));
  app.action<BlockButtonAction>(BROWSE_LESSONS_BUTTON, showLessonsPage(deps, false));
  app.action<BlockButtonAction>(NEXT_LESSONS_BUTTON, showLessonsPage(deps, true));
}

// What other features use of lessons.
export { LESSON_CARD, LESSON_THANKS, lessonDeliveries } from "./deliveries.js";
export { applyLessons, type LessonChoice, lessonChoicesFor, lessonsAppliedIn } from "./reuse.js";
export type { LessonAnswerHook } from "./service.js";
export { lessonButtons, lessonOptionText, shareLessonButton } from "./views.js";
