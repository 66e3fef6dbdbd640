import type { App, BlockButtonAction } from "@slack/bolt";
import type { DeliveryKind } from "../../outbox/dispatcher.js";
import type { TickJob } from "../../scheduler/index.js";
import type { CommandAction } from "../commands/index.js";
import type { Deps } from "../deps.js";
import { checkInDeliveryKinds } from "./deliveries.js";
import { answerNothingNew } from "./handlers/answer-nothing-new.js";
import { listCheckInsCommand } from "./handlers/list-check-ins.js";
import { openAnswerForm } from "./handlers/open-answer-form.js";
import { scheduleCheckInCommand } from "./handlers/schedule-check-in.js";
import { submitAnswerForm } from "./handlers/submit-answer-form.js";
import { submitCheckInForm } from "./handlers/submit-check-in-form.js";
import {
  CHECKIN_FORM,
  MEETING_FORM,
  NOTHING_NEW_BUTTON,
  PROPOSE_MEETING_BUTTON,
  SHARE_UPDATE_BUTTON,
  UPDATE_FORM,
} from "./ids.js";
import { planCheckIns } from "./service.js";

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
}

export function deliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return checkInDeliveryKinds(deps);
}

/** On every tick: the check-in runs that came due, planned once across instances. */
export function jobs(deps: Deps, options: { graceHours: number }): TickJob[] {
  return [{ name: "plan-check-ins", run: (now) => planCheckIns(deps, now, options.graceHours * 3_600_000) }];
}
