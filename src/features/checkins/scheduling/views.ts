import type { KnownBlock, ModalView } from "@slack/types";
import { checkInRef, tenderRef } from "../../../kernel/refs.js";
import {
  context,
  dateInput,
  modal,
  multiSelectInput,
  option,
  selectInput,
  textInput,
  timeInput,
} from "../../../slack/blocks.js";
import { escapeText, truncate } from "../../../slack/text.js";
import { DEFAULT_PROMPT, PROMPT_MAX, STATUS_LABEL, scheduleOf } from "../domain.js";
import { CHECKIN_FORM } from "../ids.js";
import type { CheckIn } from "../repository.js";
import { describeSchedule, formatRun, WEEKDAYS } from "../schedule.js";

export const CHECKIN_FORM_LOST = "The form lost track of its tender. Run `/tender checkin` again.";
const NO_CHECKINS = "No check-in yet. `/tender checkin every monday 10:00` schedules one.";

const cadenceLabels = {
  weekly: "Every week",
  biweekly: "Every 2 weeks",
  daily: "Every day",
  weekdays: "Every weekday (Mon–Fri)",
  cron: "Cron expression",
} as const;

export interface CheckInFormOptions {
  tenderTitle: string;
  tenderNumber: number;
  sellers: { id: number; name: string }[];
  timezone: string;
}

/** The check-in form: cadence, day, time, zone, sellers, prompt and end date. */
export function checkInModal(privateMetadata: string, options: CheckInFormOptions): ModalView {
  const cadenceOptions = Object.entries(cadenceLabels).map(([value, text]) => option(text, value));
  const dayOptions = WEEKDAYS.map((day) => option(day.charAt(0).toUpperCase() + day.slice(1), day));
  const sellersBlock: KnownBlock[] =
    options.sellers.length === 0
      ? []
      : [
          multiSelectInput(
            CHECKIN_FORM.sellers,
            "Sellers",
            options.sellers.map((s) => option(s.name, String(s.id))),
            {
              optional: true,
              hint: "Leave empty for every seller, also those invited later.",
              placeholder: "Every seller",
            },
          ),
        ];
  return modal({
    callbackId: CHECKIN_FORM.callbackId,
    privateMetadata,
    title: "Schedule a check-in",
    submit: "Schedule",
    blocks: [
      context(truncate(`${tenderRef(options.tenderNumber)} · ${options.tenderTitle}`, 2000), "plain_text"),
      selectInput(CHECKIN_FORM.cadence, "How often", cadenceOptions, { initial: cadenceOptions[0] }),
      selectInput(CHECKIN_FORM.day, "Day of the week", dayOptions, {
        optional: true,
        hint: "For every week and every 2 weeks.",
        initial: dayOptions[0],
      }),
      timeInput(CHECKIN_FORM.time, "Time", { optional: true, initial: "10:00" }),
      textInput(CHECKIN_FORM.cron, "Cron expression", {
        optional: true,
        max: 100,
        hint: "Only for the cron choice: 5 fields (minute hour day month weekday), at most hourly, e.g. 0 9 * * 1-5.",
      }),
      textInput(CHECKIN_FORM.timezone, "Time zone", {
        max: 64,
        initial: options.timezone,
        hint: "An IANA name such as Europe/Berlin or America/New_York; the time is kept across daylight saving changes.",
      }),
      ...sellersBlock,
      textInput(CHECKIN_FORM.prompt, "What the sellers are asked", {
        multiline: true,
        max: PROMPT_MAX,
        initial: DEFAULT_PROMPT,
      }),
      dateInput(CHECKIN_FORM.endsOn, "Last day", { optional: true }),
    ],
  });
}

function sellersInWords(
  checkIn: Pick<CheckIn, "sellerIds">,
  sellers: { id: number; name: string }[],
): string {
  if (checkIn.sellerIds.length === 0) return "every seller";
  const names = checkIn.sellerIds.map((id) => sellers.find((s) => s.id === id)?.name ?? `seller ${id}`);
  return escapeText(names.join(", "));
}

/** The answer to whoever scheduled it: what, to whom, and the next three runs in their own zone. */
export function scheduledText(
  checkIn: CheckIn,
  sellers: { id: number; name: string }[],
  runs: Date[],
  readerZone: string,
): string {
  const lines = [
    `Check-in ${checkInRef(checkIn.number)} scheduled: ${describeSchedule(scheduleOf(checkIn))}, to ${sellersInWords(checkIn, sellers)}.`,
    runs.length === 0
      ? "It has no run left before its last day."
      : `Next runs (your time, ${readerZone}):\n${runs.map((run) => `• ${formatRun(run, readerZone)}`).join("\n")}`,
    `Sellers are asked: “${escapeText(truncate(checkIn.prompt, 500))}”`,
    `\`/tender checkin pause ${checkInRef(checkIn.number)}\`, \`resume\` or \`cancel\` change it; \`/tender checkins\` lists them.`,
  ];
  return lines.join("\n");
}

export interface CheckInListEntry {
  checkIn: CheckIn;
  last?: { dueAt: Date; status: string; reason: string | null; answers: number };
}

export function checkInListText(
  tenderNumber: number,
  entries: CheckInListEntry[],
  sellers: { id: number; name: string }[],
  readerZone: string,
): string {
  if (entries.length === 0) return NO_CHECKINS;
  const lines = entries.map(({ checkIn, last }) => {
    const next =
      checkIn.status === "active" && checkIn.nextRunAt
        ? `next ${formatRun(checkIn.nextRunAt, readerZone)}`
        : STATUS_LABEL[checkIn.status];
    const lastRun = last
      ? ` · last ${formatRun(last.dueAt, readerZone)} ${last.status === "sent" ? `(${last.answers} answer${last.answers === 1 ? "" : "s"})` : `(skipped: ${last.reason ?? ""})`}`
      : "";
    return `• *${checkInRef(checkIn.number)}* ${describeSchedule(scheduleOf(checkIn))} to ${sellersInWords(checkIn, sellers)} · ${next}${lastRun}`;
  });
  return [`Check-ins of ${tenderRef(tenderNumber)} (times in ${readerZone}):`, ...lines].join("\n");
}

/** The answer to `/tender checkin cancel|pause|resume C-<n>`. */
export function changedText(checkIn: CheckIn, nextRunAt: Date | null, readerZone: string): string {
  const ref = checkInRef(checkIn.number);
  switch (checkIn.status) {
    case "cancelled":
      return `${ref} is cancelled; nothing more goes out. Its answers so far are kept.`;
    case "paused":
      return `${ref} is paused; \`/tender checkin resume ${ref}\` starts it again.`;
    case "ended":
      return `${ref} has no run left before its last day.`;
    case "active":
      return `${ref} runs again: next ${nextRunAt ? formatRun(nextRunAt, readerZone) : "never"} (runs missed while paused are not sent).`;
  }
}
