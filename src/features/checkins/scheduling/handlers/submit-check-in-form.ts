import type { ViewOutput } from "@slack/bolt";
import type { Deps } from "../../../../kernel/deps.js";
import { TenderError } from "../../../../kernel/errors.js";
import { type FormRead, formHandler } from "../../../../kernel/handlers.js";
import { zoneOf } from "../../../../kernel/zones.js";
import {
  dateValue,
  placeOrigin,
  selectedValue,
  selectedValues,
  textValue,
  timeValue,
} from "../../../../slack/modal.js";
import { tenderById } from "../../../tenders/index.js";
import { promptSchema } from "../../domain.js";
import { CHECKIN_FORM } from "../../ids.js";
import { parseSchedule, type Schedule } from "../../schedule.js";
import { scheduleCheckIn } from "../service.js";
import { CHECKIN_FORM_LOST, scheduledText } from "../views.js";

/** The form's choices as the command's schedule words, so both are read by one grammar. */
function scheduleText(view: ViewOutput): { text: string; errorBlock: string } {
  const cadence = selectedValue(view, CHECKIN_FORM.cadence) ?? "weekly";
  const zone = textValue(view, CHECKIN_FORM.timezone)?.trim() ?? "";
  if (cadence === "cron") {
    return {
      text: `cron "${textValue(view, CHECKIN_FORM.cron)?.trim() ?? ""}" ${zone}`,
      errorBlock: CHECKIN_FORM.cron.block,
    };
  }
  const time = timeValue(view, CHECKIN_FORM.time) ?? "";
  const day = selectedValue(view, CHECKIN_FORM.day) ?? "";
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

interface CheckInForm {
  schedule: Schedule;
  prompt: string;
  sellerIds: number[];
  endsOn?: string;
  /** When the form was read: its schedule starts from then. */
  now: Date;
}

function readCheckInForm(view: ViewOutput): FormRead<CheckInForm> {
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
  if (!schedule.ok || !prompt.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const sellerIds = selectedValues(view, CHECKIN_FORM.sellers).map(Number);
  return {
    ok: true,
    input: {
      schedule: schedule.schedule,
      prompt: prompt.data,
      sellerIds,
      ...(endsOn ? { endsOn } : {}),
      now,
    },
  };
}

export function submitCheckInForm(deps: Deps) {
  return formHandler(deps, {
    origin: placeOrigin,
    read: readCheckInForm,
    async submit({ now, ...input }, { origin, user }) {
      if (origin?.tenderId === undefined) throw new TenderError("not_found", CHECKIN_FORM_LOST);
      const tender = await tenderById(deps, origin.tenderId);
      const { checkIn, runs } = await scheduleCheckIn(deps, tender, user.id, input, now);
      const zone = await zoneOf(deps, user.id, tender.timezone);
      return scheduledText(checkIn, tender.sellers, runs, zone);
    },
  });
}
