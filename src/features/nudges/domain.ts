import { z } from "zod";
import type { TenderStage } from "../../generated/prisma/enums.js";
import { echo, escapeText } from "../../slack/text.js";
import { isFinalStage } from "../tenders/index.js";
import { daysUntil } from "./business-time.js";

/** A tender's nudge settings (columns of Tender). */
export interface NudgeSettings {
  nudgesOn: boolean;
  questionNudgeDays: number;
  silenceNudgeDays: number;
  keyDateNudgeDays: number;
}

export type NudgeSettingsChange = Partial<NudgeSettings>;

export const DAYS_MIN = 1;
export const DAYS_MAX = 30;

export const NUDGES_USAGE = escapeText(
  "Usage: `/tender nudges` shows the settings; `/tender nudges on|off`, " +
    "`/tender nudges questions <days>`, `/tender nudges silence <days>` or `/tender nudges dates <days>` " +
    `(${DAYS_MIN} to ${DAYS_MAX}) change them.`,
);

/** The word after `/tender nudges` and the setting it changes. */
const DAY_SETTINGS = {
  questions: "questionNudgeDays",
  silence: "silenceNudgeDays",
  dates: "keyDateNudgeDays",
} as const;

type DaySetting = keyof typeof DAY_SETTINGS;

const daysSchema = z
  .string()
  .regex(/^\d+$/, "is not a whole number")
  .transform(Number)
  .pipe(z.number().min(DAYS_MIN, "is too few").max(DAYS_MAX, "is too many"));

export type NudgesRequest =
  | { kind: "show" }
  | { kind: "change"; change: NudgeSettingsChange }
  | { kind: "invalid"; problem: string };

/** `/tender nudges [on|off | questions <n> | silence <n> | dates <n>]`. */
export function parseNudgesArgs(args: string): NudgesRequest {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const [first, second, ...rest] = words.map((word) => word.toLowerCase());
  if (first === undefined) return { kind: "show" };
  if (first === "on" || first === "off") {
    if (second === undefined) return { kind: "change", change: { nudgesOn: first === "on" } };
    return {
      kind: "invalid",
      problem: `\`/tender nudges ${first}\` takes nothing after it. ${NUDGES_USAGE}`,
    };
  }
  if (!Object.hasOwn(DAY_SETTINGS, first)) {
    return {
      kind: "invalid",
      problem: `There is no nudge setting “${echo(words[0] ?? "")}”. ${NUDGES_USAGE}`,
    };
  }
  const setting = DAY_SETTINGS[first as DaySetting];
  if (second === undefined || rest.length > 0) {
    return {
      kind: "invalid",
      problem: `Give one number of days, e.g. \`/tender nudges ${first} 3\`. ${NUDGES_USAGE}`,
    };
  }
  const days = daysSchema.safeParse(second);
  if (!days.success) {
    const why = days.error.issues[0]?.message ?? "is not a whole number";
    return {
      kind: "invalid",
      problem: `“${echo(words[1] ?? "")}” ${why}: give a number of days from ${DAYS_MIN} to ${DAYS_MAX}, e.g. \`/tender nudges ${first} 3\`.`,
    };
  }
  return { kind: "change", change: { [setting]: days.data } };
}

/** Nudges stop once a tender is awarded or closed. */
export function nudgesRunIn(stage: TenderStage): boolean {
  return !isFinalStage(stage);
}

/**
 * Silence nudges only while the sellers' input is sought: in the quiet stages sellers prepare or
 * are judged, and the buyer does not chase them.
 */
export const SILENCE_STAGES: readonly TenderStage[] = ["courting", "requirements"];

export type KeyDateKind = "questions" | "proposals" | "award";

export interface KeyDates {
  questionsDueOn: Date | null;
  proposalsDueOn: Date | null;
  awardPlannedOn: Date | null;
}

const KEY_DATES: readonly {
  which: KeyDateKind;
  field: keyof KeyDates;
  label: string;
  /** Dates the sellers work towards are reminded in their channels too. */
  forSellers: boolean;
}[] = [
  { which: "questions", field: "questionsDueOn", label: "Questions due", forSellers: true },
  { which: "proposals", field: "proposalsDueOn", label: "Proposals due", forSellers: true },
  { which: "award", field: "awardPlannedOn", label: "Award planned", forSellers: false },
];

export function keyDateOf(which: string) {
  return KEY_DATES.find((date) => date.which === which);
}

/** A key date stored at midnight UTC as "yyyy-mm-dd". */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

export interface KeyDateAhead {
  which: KeyDateKind;
  day: string;
  forSellers: boolean;
}

/** The key dates from today (in the tender's zone) to `withinDays` days ahead. */
export function keyDatesAhead(dates: KeyDates, now: Date, zone: string, withinDays: number): KeyDateAhead[] {
  return KEY_DATES.flatMap(({ which, field, forSellers }) => {
    const date = dates[field];
    if (!date) return [];
    const day = isoDay(date);
    const ahead = daysUntil(day, now, zone);
    return ahead >= 0 && ahead <= withinDays ? [{ which, day, forSellers }] : [];
  });
}
