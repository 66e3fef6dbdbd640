import { DateTime } from "luxon";
import { z } from "zod";
import { TenderStage } from "../../generated/prisma/enums.js";
import { originCodec, rowId } from "../../slack/modal.js";
import { echo, escapeText } from "../../slack/text.js";
import { isFinalStage, STAGES } from "../tenders/index.js";

export const stageSchema = z.enum(TenderStage);

export const STAGE_USAGE = escapeText(`Usage: \`/tender stage <${STAGES.join("|")}>\``);

export function parseStage(text: string): TenderStage | undefined {
  const wanted = text.trim().toLowerCase();
  return STAGES.find((stage) => stage === wanted);
}

/**
 * Open stages can be moved between freely (a buyer may reopen requirements); a tender is awarded
 * only after evaluation; awarded and closed are final.
 */
export function stageChangeProblem(from: TenderStage, to: TenderStage): string | undefined {
  if (from === to) return `The tender is already in the ${to} stage.`;
  if (isFinalStage(from)) return `The tender is ${from}; its stage can no longer change.`;
  if (to === "awarded" && from !== "evaluation") {
    return "A tender is awarded after its evaluation: move it to `evaluation` first.";
  }
  return undefined;
}

/** The key dates, in the order they come: questions close before proposals are due, before the award. */
export const KEY_DATES = [
  { field: "questionsDueOn", word: "questions", label: "Questions close" },
  { field: "proposalsDueOn", word: "proposals", label: "Proposals due" },
  { field: "awardPlannedOn", word: "award", label: "Award planned" },
] as const;

export type KeyDateField = (typeof KEY_DATES)[number]["field"];

/** The key dates as calendar days (`yyyy-mm-dd`), null where none is set. */
export type KeyDays = Record<KeyDateField, string | null>;

const day = z.iso.date().nullable();
const keyDaysSchema = z.object({ questionsDueOn: day, proposalsDueOn: day, awardPlannedOn: day });

/** A key date is stored as midnight UTC of its day. */
export function keyDaysOf(tender: Record<KeyDateField, Date | null>): KeyDays {
  const iso = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
  return {
    questionsDueOn: iso(tender.questionsDueOn),
    proposalsDueOn: iso(tender.proposalsDueOn),
    awardPlannedOn: iso(tender.awardPlannedOn),
  };
}

/**
 * The dates form remembers its tender and the dates it showed: saving applies only while the
 * tender still has those dates, so a form worked twice, or one opened before another change, moves
 * nothing.
 */
export const datesOrigin = originCodec({ tenderId: rowId, opened: keyDaysSchema });

export const dateChangeSchema = z.object({
  field: z.enum(["questionsDueOn", "proposalsDueOn", "awardPlannedOn"]),
  from: day,
  to: day,
});

export type DateChange = z.infer<typeof dateChangeSchema>;

export function changesOf(opened: KeyDays, wanted: KeyDays): DateChange[] {
  return KEY_DATES.filter(({ field }) => opened[field] !== wanted[field]).map(({ field }) => ({
    field,
    from: opened[field],
    to: wanted[field],
  }));
}

/** Today's date where the tender's dates are days: in its zone. */
export function todayIn(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? now.toISOString().slice(0, 10);
}

export const PICK_A_DAY = "Pick a day from the calendar.";

/** The fields whose value is no calendar day (Slack's date pickers send `yyyy-mm-dd`, or nothing). */
export function unreadDays(wanted: KeyDays): Record<string, string> {
  const unread: Record<string, string> = {};
  for (const { field } of KEY_DATES) {
    const value = wanted[field];
    if (value !== null && !z.iso.date().safeParse(value).success) unread[field] = PICK_A_DAY;
  }
  return unread;
}

export const NOTE_MAX = 500;

export const NOTHING_CHANGED = "Nothing changed: move, set or clear at least one date.";
export const DATE_PASSED = "Pick today or a later day: a date may not be moved into the past.";
export const DATE_OUT_OF_ORDER = "This date comes before an earlier key date.";
export const NOTE_TOO_LONG = `Keep the note within ${NOTE_MAX} characters.`;

/**
 * What is wrong with the dates wanted, by field: a date that changes may not lie before today
 * (clearing one is fine, and one already past may stay), they come in order, and something changes.
 */
export function datesProblems(opened: KeyDays, wanted: KeyDays, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const changes = changesOf(opened, wanted);
  if (changes.length === 0) return { questionsDueOn: NOTHING_CHANGED };
  for (const { field, to } of changes) if (to !== null && to < today) problems[field] = DATE_PASSED;
  // Each date against the latest of those before it: an award before the questions close is out of order too.
  let latest: string | null = null;
  for (const { field } of KEY_DATES) {
    const date = wanted[field];
    if (date === null) continue;
    if (latest !== null && date < latest) problems[field] ??= DATE_OUT_OF_ORDER;
    else latest = date;
  }
  return problems;
}

export const DATES_USAGE = escapeText(
  "Usage: `/tender dates` opens the form; or `/tender dates questions <yyyy-mm-dd|none> " +
    "proposals <yyyy-mm-dd|none> award <yyyy-mm-dd|none>` (any of them).",
);

/** `/tender dates questions 2026-12-20 proposals 2027-01-15 award none`: the dates named, else a problem. */
export function parseDatesArgs(args: string): { dates: Partial<KeyDays> } | { problem: string } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const dates: Partial<KeyDays> = {};
  if (words.length % 2 !== 0) return { problem: DATES_USAGE };
  for (let at = 0; at < words.length; at += 2) {
    const name = words[at]?.toLowerCase();
    const value = words[at + 1]?.toLowerCase() ?? "";
    const date = KEY_DATES.find((key) => key.word === name);
    if (!date || date.field in dates) return { problem: DATES_USAGE };
    if (value !== "none" && !z.iso.date().safeParse(value).success)
      return {
        problem: `“${echo(words[at + 1] ?? "")}” is not a day: write it as yyyy-mm-dd, or none. ${DATES_USAGE}`,
      };
    dates[date.field] = value === "none" ? null : value;
  }
  return { dates };
}
