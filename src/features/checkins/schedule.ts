import { CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";
import type { CheckInCadence } from "../../generated/prisma/enums.js";
import { isTimeZone } from "../../kernel/zones.js";
import { echo } from "../../slack/text.js";

export type { CheckInCadence };

/** A check-in's schedule: every cadence is stored as a cron expression read in `timezone`. */
export interface Schedule {
  cadence: CheckInCadence;
  cron: string;
  timezone: string;
  /** Every two weeks: a day in a week on which it runs ("yyyy-mm-dd"). */
  anchorOn?: string;
}

export type ScheduleParse = { ok: true; schedule: Schedule } | { ok: false; error: string };

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Luxon's weekday (1 = Monday) to cron's (0 = Sunday). */
const cronDay = (weekday: number): number => weekday % 7;

const SCHEDULE_USAGE =
  'Say when: `every monday 10:00 [Europe/Berlin]`, `every day 09:00`, `every weekday 09:00`, `every 2 weeks friday 15:30 [zone]` or `cron "0 9 * * 1-5" [zone]`.';

function parseWeekday(word: string): Weekday | undefined {
  const wanted = word.toLowerCase();
  if (wanted.length < 3) return undefined;
  return WEEKDAYS.find((day) => day.startsWith(wanted));
}

/** "9:30" or "09:30" on a 24-hour clock. */
function parseTime(text: string): { hour: number; minute: number } | undefined {
  const match = text.match(/^(\d{1,2}):(\d{2})$/);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

const badTime = (text: string) =>
  `“${echo(text)}” is not a time: use HH:MM on a 24-hour clock, e.g. 09:30 or 16:00.`;
const badZone = (text: string) =>
  `“${echo(text)}” is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.`;

/**
 * `every <weekday|day|weekday> <HH:MM> [<zone>]`, `every 2 weeks <weekday> <HH:MM> [<zone>]` or
 * `cron "<5 fields>" [<zone>]`; without a zone, `defaultZone` (the buyer's). `now` fixes the week
 * an every-two-weeks schedule starts in.
 */
export function parseSchedule(text: string, defaultZone: string, now: Date): ScheduleParse {
  const trimmed = text.trim();
  const cron = trimmed.match(/^cron\s+["“”']([^"“”']*)["“”'](?:\s+(\S+))?\s*$/i);
  if (cron) return cronSchedule(cron[1] ?? "", cron[2] ?? defaultZone);
  if (/^cron\b/i.test(trimmed)) {
    return { ok: false, error: 'Put the cron expression in double quotes, e.g. `cron "0 9 * * 1"`.' };
  }
  const words = trimmed.split(/\s+/);
  if (words[0]?.toLowerCase() !== "every") return { ok: false, error: SCHEDULE_USAGE };
  let rest = words.slice(1);
  let biweekly = false;
  if (/^(2|two)$/i.test(rest[0] ?? "") && /^weeks?$/i.test(rest[1] ?? "")) {
    biweekly = true;
    rest = rest.slice(2);
  }
  const [dayWord = "", timeWord = "", zoneWord, ...extra] = rest;
  if (extra.length > 0)
    return { ok: false, error: `I did not understand “${echo(extra.join(" "))}”. ${SCHEDULE_USAGE}` };
  const time = parseTime(timeWord);
  if (!timeWord) return { ok: false, error: `Say at what time. ${SCHEDULE_USAGE}` };
  if (!time) return { ok: false, error: badTime(timeWord) };
  const timezone = zoneWord ?? defaultZone;
  if (!isTimeZone(timezone)) return { ok: false, error: badZone(timezone) };
  const at = `${time.minute} ${time.hour}`;
  const day = dayWord.toLowerCase();
  if (!biweekly && day === "day")
    return { ok: true, schedule: { cadence: "daily", cron: `${at} * * *`, timezone } };
  if (!biweekly && (day === "weekday" || day === "workday")) {
    return { ok: true, schedule: { cadence: "weekdays", cron: `${at} * * 1-5`, timezone } };
  }
  const weekday = parseWeekday(day);
  if (!weekday) {
    return {
      ok: false,
      error: biweekly
        ? `“${echo(dayWord)}” is not a day of the week: every 2 weeks runs on one, e.g. \`every 2 weeks friday 15:30\`.`
        : `“${echo(dayWord)}” is not a day: use a day of the week, \`day\` or \`weekday\`.`,
    };
  }
  const cronExpression = `${at} * * ${cronDay(WEEKDAYS.indexOf(weekday) + 1)}`;
  if (!biweekly) return { ok: true, schedule: { cadence: "weekly", cron: cronExpression, timezone } };
  // The first run is the next such day; the weeks in between are skipped.
  const first = nextCronRuns(cronExpression, timezone, now, 1)[0] ?? now;
  const anchorOn = DateTime.fromJSDate(first, { zone: timezone }).toISODate() ?? undefined;
  return { ok: true, schedule: { cadence: "biweekly", cron: cronExpression, timezone, anchorOn } };
}

function cronSchedule(expression: string, timezone: string): ScheduleParse {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return {
      ok: false,
      error: `A cron expression has 5 fields (minute hour day month weekday); “${echo(expression)}” has ${fields.length}.`,
    };
  }
  if (!isTimeZone(timezone)) return { ok: false, error: badZone(timezone) };
  let minutes: readonly unknown[];
  try {
    minutes = CronExpressionParser.parse(fields.join(" "), { tz: timezone }).fields.minute.values;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `“${echo(expression)}” is not a valid cron expression (${echo(reason)}).` };
  }
  // One minute an hour at most: a check-in more often than hourly would be noise, not dialogue.
  if (minutes.length !== 1) {
    return {
      ok: false,
      error: `“${echo(expression)}” runs more often than once an hour; a check-in runs at most hourly (one value in the minute field).`,
    };
  }
  return { ok: true, schedule: { cadence: "cron", cron: fields.join(" "), timezone } };
}

function nextCronRuns(expression: string, timezone: string, after: Date, count: number): Date[] {
  const interval = CronExpressionParser.parse(expression, { currentDate: after, tz: timezone });
  const runs: Date[] = [];
  while (runs.length < count && interval.hasNext()) runs.push(interval.next().toDate());
  return runs;
}

/** Every two weeks: is this run in a week of the anchor's rhythm? */
function inAnchorRhythm(run: Date, schedule: Schedule): boolean {
  if (!schedule.anchorOn) return true;
  const week = (date: DateTime) => date.startOf("week");
  const anchor = week(DateTime.fromISO(schedule.anchorOn, { zone: schedule.timezone }));
  const weeks = Math.round(
    week(DateTime.fromJSDate(run, { zone: schedule.timezone })).diff(anchor, "weeks").weeks,
  );
  return weeks % 2 === 0;
}

/**
 * The next `count` runs strictly after `after`, as instants; wall-clock times in the zone, so
 * 10:00 Europe/Berlin stays 10:00 across daylight saving changes. A run on `endsOn` still counts.
 */
export function nextRuns(schedule: Schedule, after: Date, count: number, endsOn?: string): Date[] {
  const interval = CronExpressionParser.parse(schedule.cron, { currentDate: after, tz: schedule.timezone });
  const end = endsOn
    ? DateTime.fromISO(endsOn, { zone: schedule.timezone }).endOf("day").toJSDate()
    : undefined;
  const runs: Date[] = [];
  // A bound on the search: 2 weeks of skipped weeks per run at most, and hourly runs are the finest.
  for (let looked = 0; runs.length < count && looked < count * 800 && interval.hasNext(); looked++) {
    const run = interval.next().toDate();
    if (end && run > end) break;
    if (inAnchorRhythm(run, schedule)) runs.push(run);
  }
  return runs;
}

/** "Mon 30 Mar 2026, 10:00 CEST" in the reader's zone. */
export function formatRun(run: Date, zone: string): string {
  return DateTime.fromJSDate(run, { zone }).toFormat("ccc d LLL yyyy, HH:mm ZZZZ");
}

/** The schedule in words: "every Monday at 10:00 (Europe/Berlin)". */
export function describeSchedule(schedule: Schedule): string {
  const [minute = "0", hour = "0", , , day = "*"] = schedule.cron.split(" ");
  const at = `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
  const zone = `(${schedule.timezone})`;
  const dayName = () => {
    const index = (Number(day) + 6) % 7;
    const name = WEEKDAYS[index] ?? "";
    return name.charAt(0).toUpperCase() + name.slice(1);
  };
  switch (schedule.cadence) {
    case "daily":
      return `every day at ${at} ${zone}`;
    case "weekdays":
      return `every weekday at ${at} ${zone}`;
    case "weekly":
      return `every ${dayName()} at ${at} ${zone}`;
    case "biweekly":
      return `every 2 weeks on ${dayName()} at ${at} ${zone}`;
    case "cron":
      return `cron \`${schedule.cron}\` ${zone}`;
  }
}
