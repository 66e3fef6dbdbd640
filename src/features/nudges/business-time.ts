import { DateTime } from "luxon";

/**
 * Working hours, Monday to Friday 09:00–18:00 on the wall clock of a zone. Nudges count their
 * delays in working days and go out only in working hours, so nobody is pinged at night or at the
 * weekend. Wall-clock arithmetic (luxon) keeps 09:00 at 09:00 across daylight-saving changes.
 */
export const WORK_STARTS_AT = 9;
export const WORK_ENDS_AT = 18;

function inZone(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

function isWorkday(day: DateTime): boolean {
  return day.weekday <= 5;
}

function startOfWork(day: DateTime): DateTime {
  return day.set({ hour: WORK_STARTS_AT, minute: 0, second: 0, millisecond: 0 });
}

/** 09:00 of the first workday after `day`'s date. */
function nextMorning(day: DateTime): DateTime {
  let next = startOfWork(day.plus({ days: 1 }));
  while (!isWorkday(next)) next = next.plus({ days: 1 });
  return next;
}

/** The same wall-clock time `days` workdays later (or earlier, for a negative count). */
function stepWorkdays(from: DateTime, days: number): DateTime {
  const direction = days < 0 ? -1 : 1;
  let at = from;
  for (let left = Math.abs(days); left > 0; ) {
    at = at.plus({ days: direction });
    if (isWorkday(at)) left--;
  }
  return at;
}

export function isWorkingMoment(at: Date, zone: string): boolean {
  const local = inZone(at, zone);
  return isWorkday(local) && local.hour >= WORK_STARTS_AT && local.hour < WORK_ENDS_AT;
}

/** `at` itself inside working hours; otherwise the next workday's 09:00. */
export function nextWorkingMoment(at: Date, zone: string): Date {
  if (isWorkingMoment(at, zone)) return at;
  const local = inZone(at, zone);
  if (isWorkday(local) && local.hour < WORK_STARTS_AT) return startOfWork(local).toJSDate();
  return nextMorning(local).toJSDate();
}

/**
 * The moment `days` working days after `from`: the same time of day that many workdays later.
 * From a night or a weekend, counting starts at the next working morning.
 */
export function addBusinessDays(from: Date, days: number, zone: string): Date {
  const start = inZone(nextWorkingMoment(from, zone), zone);
  return stepWorkdays(start, days).toJSDate();
}

/**
 * The latest moment from which `days` working days have passed by `now`: for every `from`,
 * `addBusinessDays(from, days, zone) <= now` exactly when `from <= businessDaysBefore(now, ...)`.
 * A query can then select what is due with one comparison.
 */
export function businessDaysBefore(now: Date, days: number, zone: string): Date {
  const local = inZone(now, zone);
  // The last working moment up to `now`: `now` itself, or the end of the last working day.
  let last = local;
  if (!isWorkingMoment(now, zone)) {
    let day = isWorkday(local) && local.hour >= WORK_ENDS_AT ? local : local.minus({ days: 1 });
    while (!isWorkday(day)) day = day.minus({ days: 1 });
    last = day.set({ hour: WORK_ENDS_AT, minute: 0, second: 0, millisecond: 0 }).minus({ milliseconds: 1 });
  }
  return stepWorkdays(last, -days).toJSDate();
}

/** The calendar day of `at` in a zone, as "yyyy-mm-dd". */
function dayIn(at: Date, zone: string): string {
  return inZone(at, zone).toISODate() ?? "";
}

/** Whole calendar days from `at`'s day in `zone` to `day` ("yyyy-mm-dd"); negative when past. */
export function daysUntil(day: string, at: Date, zone: string): number {
  const today = DateTime.fromISO(dayIn(at, zone), { zone: "UTC" });
  return Math.round(DateTime.fromISO(day, { zone: "UTC" }).diff(today, "days").days);
}
