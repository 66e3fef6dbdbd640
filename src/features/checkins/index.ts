import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { Registration } from "../../outbox/index.js";
import type { TickJob } from "../../scheduler/index.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { answerDeliveries } from "./answers/deliveries.js";
import { answerNothingNew } from "./answers/handlers/answer-nothing-new.js";
import { captureThreadReply } from "./answers/handlers/capture-thread-reply.js";
import { openAnswerForm } from "./answers/handlers/open-answer-form.js";
import { submitAnswerForm } from "./answers/handlers/submit-answer-form.js";
import {
  CHECKIN_FORM,
  MEETING_FORM,
  NOTHING_NEW_BUTTON,
  PROPOSE_MEETING_BUTTON,
  SHARE_UPDATE_BUTTON,
  UPDATE_FORM,
} from "./ids.js";
import { runDeliveries } from "./runs/deliveries.js";
import { planCheckIns } from "./runs/planner.js";
import { listCheckInsCommand } from "./scheduling/handlers/list-check-ins.js";
import { scheduleCheckInCommand } from "./scheduling/handlers/schedule-check-in.js";
import { submitCheckInForm } from "./scheduling/handlers/submit-check-in-form.js";

/**
 * Check-ins keep the courting rhythm: scheduled in the buyer's zone (scheduling/), each run's
 * prompt to the sellers, team notice and digest planned on the scheduler's tick (runs/), and the
 * sellers' answers from buttons, forms and the prompt's thread (answers/).
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    checkin: scheduleCheckInCommand(deps),
    checkins: listCheckInsCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(CHECKIN_FORM.callbackId, submitCheckInForm(deps));
  app.action<BlockButtonAction>(SHARE_UPDATE_BUTTON, openAnswerForm(deps, "update"));
  app.action<BlockButtonAction>(PROPOSE_MEETING_BUTTON, openAnswerForm(deps, "meeting"));
  app.action<BlockButtonAction>(NOTHING_NEW_BUTTON, answerNothingNew(deps));
  app.view(UPDATE_FORM.callbackId, submitAnswerForm(deps, "update"));
  app.view(MEETING_FORM.callbackId, submitAnswerForm(deps, "meeting"));
  // Next to the replies feature's listener: a message in a prompt's thread is an answer.
  app.event("message", captureThreadReply(deps));
}

export function checkInDeliveries(deps: Deps): Registration[] {
  return [...runDeliveries(deps), ...answerDeliveries(deps)];
}

/** On every tick: the check-in runs that came due, planned once across instances. */
export function jobs(deps: Deps, options: { graceHours: number }): TickJob[] {
  return [{ name: "plan-check-ins", run: (now) => planCheckIns(deps, now, options.graceHours * 3_600_000) }];
}

export { lessonAnswers } from "./answers/service.js";
export { checkInsDueBefore } from "./repository.js";
export { CHECKIN_TEAM_NOTICE } from "./runs/deliveries.js";
