import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { TenderError } from "../../../errors.js";
import { dateValue, decodeOrigin, textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { findTenderById } from "../../tenders/repository.js";
import { TENDER_GONE } from "../../tenders/views.js";
import { promptSchema } from "../domain.js";
import { CHECKIN_FORM } from "../ids.js";
import { parseSchedule } from "../schedule.js";
import { scheduleCheckIn } from "../service.js";
import { CHECKIN_FORM_LOST, scheduledText } from "../views.js";
import { zoneOf } from "./schedule-check-in.js";

type View = SlackViewMiddlewareArgs["view"];

function selected(view: View, field: { block: string; action: string }): string | undefined {
  return view.state.values[field.block]?.[field.action]?.selected_option?.value ?? undefined;
}

/** The form's choices as the command's schedule words, so both are read by one grammar. */
function scheduleText(view: View): { text: string; errorBlock: string } {
  const cadence = selected(view, CHECKIN_FORM.cadence) ?? "weekly";
  const zone = textValue(view, CHECKIN_FORM.timezone)?.trim() ?? "";
  if (cadence === "cron") {
    return {
      text: `cron "${textValue(view, CHECKIN_FORM.cron)?.trim() ?? ""}" ${zone}`,
      errorBlock: CHECKIN_FORM.cron.block,
    };
  }
  const time = view.state.values[CHECKIN_FORM.time.block]?.[CHECKIN_FORM.time.action]?.selected_time ?? "";
  const day = selected(view, CHECKIN_FORM.day) ?? "";
  const when = { daily: "day", weekdays: "weekday", weekly: day, biweekly: `2 weeks ${day}` }[cadence] ?? day;
  return { text: `every ${when} ${time} ${zone}`, errorBlock: CHECKIN_FORM.time.block };
}

/** Which field a schedule error belongs to. */
function blockOf(error: string, fallback: string): string {
  if (error.includes("time zone")) return CHECKIN_FORM.timezone.block;
  if (error.includes("day")) return CHECKIN_FORM.day.block;
  if (error.includes("time")) return CHECKIN_FORM.time.block;
  return fallback;
}

export function submitCheckInForm(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const origin = decodeOrigin(view.private_metadata);
    const now = new Date();
    const { text, errorBlock } = scheduleText(view);
    const schedule = parseSchedule(text, "UTC", now);
    const prompt = promptSchema.safeParse(textValue(view, CHECKIN_FORM.prompt) ?? "");
    const endsOn = dateValue(view, CHECKIN_FORM.endsOn);
    const errors: Record<string, string> = {};
    if (!schedule.ok) errors[blockOf(schedule.error, errorBlock)] = schedule.error;
    if (!prompt.success) errors[CHECKIN_FORM.prompt.block] = prompt.error.issues[0]?.message ?? "";
    if (endsOn && endsOn < now.toISOString().slice(0, 10))
      errors[CHECKIN_FORM.endsOn.block] = "Pick today or a later day.";
    if (!schedule.ok || !prompt.success || Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    const target = { userId: body.user.id, responseUrl: origin.responseUrl };
    try {
      if (origin.tenderId === undefined) throw new TenderError("not_found", CHECKIN_FORM_LOST);
      const tender = await findTenderById(deps.db, origin.tenderId);
      if (!tender) throw new TenderError("not_found", TENDER_GONE);
      const sellerIds = (
        view.state.values[CHECKIN_FORM.sellers.block]?.[CHECKIN_FORM.sellers.action]?.selected_options ?? []
      ).map((option) => Number(option.value));
      const { checkIn, runs } = await scheduleCheckIn(
        deps,
        tender,
        body.user.id,
        { schedule: schedule.schedule, prompt: prompt.data, sellerIds, ...(endsOn ? { endsOn } : {}) },
        now,
      );
      const zone = await zoneOf(deps, body.user.id, tender.timezone);
      await tellPerson(deps.slack, deps.logger, target, scheduledText(checkIn, tender.sellers, runs, zone));
    } catch (error) {
      const message = failureText(error, deps.logger, { view: CHECKIN_FORM.callbackId, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, message);
    }
  };
}
