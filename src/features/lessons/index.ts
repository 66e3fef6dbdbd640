import type { App, BlockButtonAction, MessageShortcut } from "@slack/bolt";
import type { DeliveryKind } from "../../outbox/dispatcher.js";
import type { CommandAction } from "../commands/index.js";
import type { Deps } from "../deps.js";
import { lessonDeliveryKinds } from "./deliveries.js";
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

export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    lesson: openLessonFormFromCommand(deps),
    lessons: searchLessonsCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(SHARE_LESSON_BUTTON, openLessonFormFromButton(deps));
  app.shortcut<MessageShortcut>(SAVE_MESSAGE_SHORTCUT, openLessonFormFromMessage(deps));
  app.view(LESSON_FORM.callbackId, submitLessonForm(deps));
  app.action<BlockButtonAction>(BROWSE_LESSONS_BUTTON, showLessonsPage(deps, false));
  app.action<BlockButtonAction>(NEXT_LESSONS_BUTTON, showLessonsPage(deps, true));
}

export function deliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return lessonDeliveryKinds(deps);
}
