import { describe, expect, it } from "vitest";
import {
  MISSED_REASON,
  parseCheckInCommand,
  planDueRuns,
  QUIET_REASON,
  SUPERSEDED_REASON,
} from "../../src/features/checkins/domain.js";
import {
  describeSchedule,
  formatRun,
  nextRuns,
  parseSchedule,
  type Schedule,
} from "../../src/features/checkins/schedule.js";

const NOW = new Date("2026-11-27T08:00:00Z"); // a Friday

function schedule(text: string, zone = "Europe/Berlin", now = NOW): Schedule {
  const parsed = parseSchedule(text, zone, now);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.schedule;
}

function error(text: string, zone = "Europe/Berlin"): string {
  const parsed = parseSchedule(text, zone, NOW);
  if (parsed.ok) throw new Error(`“${text}” was accepted`);
  return parsed.error;
}

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("check-in schedule grammar", () => {
  it("reads every weekday, day, working day and every two weeks into cron in the zone", () => {
    expect(schedule("every monday 10:00")).toEqual({
      cadence: "weekly",
      cron: "0 10 * * 1",
      timezone: "Europe/Berlin",
    });
    expect(schedule("every Sun 9:05 America/New_York")).toMatchObject({
      cron: "5 9 * * 0",
      timezone: "America/New_York",
    });
    expect(schedule("every day 07:30 UTC")).toMatchObject({ cadence: "daily", cron: "30 7 * * *" });
    expect(schedule("every weekday 09:00")).toMatchObject({ cadence: "weekdays", cron: "0 9 * * 1-5" });
    expect(schedule("every 2 weeks friday 15:30")).toEqual({
      cadence: "biweekly",
      cron: "30 15 * * 5",
      timezone: "Europe/Berlin",
      anchorOn: "2026-11-27",
    });
    expect(schedule('cron "0 9 * * 1-5" Asia/Tokyo')).toEqual({
      cadence: "cron",
      cron: "0 9 * * 1-5",
      timezone: "Asia/Tokyo",
    });
    expect(schedule('cron "0 * * * *"')).toMatchObject({ cadence: "cron", timezone: "Europe/Berlin" });
  });

  it("names what is wrong: zone, time, day, cron fields, more often than hourly", () => {
    expect(error("every monday 10:00 Europe/Berln")).toContain("“Europe/Berln” is not a time zone");
    expect(error("every monday 25:00")).toContain("“25:00” is not a time");
    expect(error("every monday 10.00")).toContain("“10.00” is not a time");
    expect(error("every monday")).toContain("Say at what time");
    expect(error("every funday 10:00")).toContain("“funday” is not a day");
    expect(error("every 2 weeks day 10:00")).toContain("every 2 weeks runs on one");
    expect(error("every monday 10:00 UTC please")).toContain("I did not understand “please”");
    expect(error("tomorrow 10:00")).toContain("Say when");
    expect(error('cron "*/30 * * * *"')).toContain("more often than once an hour");
    expect(error('cron "0,30 9 * * *"')).toContain("more often than once an hour");
    expect(error('cron "0 9 * *"')).toContain("has 4");
    expect(error('cron "0 0 9 * * 1"')).toContain("has 6");
    expect(error('cron "61 9 * * *"')).toContain("is not a valid cron expression");
    expect(error('cron "0 9 * * 1" Mars/Base')).toContain("“Mars/Base” is not a time zone");
    expect(error("cron 0 9 * * 1")).toContain("double quotes");
  });

  it("reads the command's forms", () => {
    expect(parseCheckInCommand("")).toEqual({ kind: "form" });
    expect(parseCheckInCommand("every monday 10:00 | How is the pilot going?")).toEqual({
      kind: "schedule",
      scheduleText: "every monday 10:00",
      prompt: "How is the pilot going?",
    });
    expect(parseCheckInCommand("pause c-2")).toEqual({ kind: "change", change: "pause", number: 2 });
    expect(parseCheckInCommand("cancel")).toEqual({ kind: "change", change: "cancel", number: undefined });
  });

  it("describes and formats in words", () => {
    expect(describeSchedule(schedule("every 2 weeks friday 15:30"))).toBe(
      "every 2 weeks on Friday at 15:30 (Europe/Berlin)",
    );
    expect(describeSchedule(schedule("every weekday 9:00"))).toBe("every weekday at 09:00 (Europe/Berlin)");
    expect(formatRun(new Date("2026-11-30T09:00:00Z"), "Europe/Berlin")).toBe("Mon 30 Nov 2026, 10:00 GMT+1");
  });
});

describe("check-in runs across daylight saving changes", () => {
  it("keeps 10:00 Europe/Berlin at 10:00 through 2026-03-29 and 2026-10-25", () => {
    const sunday = schedule("every sunday 10:00");
    expect(iso(nextRuns(sunday, new Date("2026-03-21T12:00:00Z"), 3))).toEqual([
      "2026-03-22T09:00:00.000Z", // CET, UTC+1
      "2026-03-29T08:00:00.000Z", // the change day: CEST, UTC+2
      "2026-04-05T08:00:00.000Z",
    ]);
    expect(iso(nextRuns(sunday, new Date("2026-10-17T12:00:00Z"), 3))).toEqual([
      "2026-10-18T08:00:00.000Z",
      "2026-10-25T09:00:00.000Z", // back to CET on the change day
      "2026-11-01T09:00:00.000Z",
    ]);
  });

  it("keeps a daily 09:00 America/New_York through 2026-03-08 and 2026-11-01", () => {
    const daily = schedule("every day 09:00 America/New_York");
    expect(iso(nextRuns(daily, new Date("2026-03-07T00:00:00Z"), 3))).toEqual([
      "2026-03-07T14:00:00.000Z", // EST, UTC-5
      "2026-03-08T13:00:00.000Z", // EDT, UTC-4
      "2026-03-09T13:00:00.000Z",
    ]);
    expect(iso(nextRuns(daily, new Date("2026-10-31T00:00:00Z"), 2))).toEqual([
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
    ]);
  });

  it("moves a time that does not exist on the spring change day forward, and runs once on the autumn one", () => {
    const night = schedule("every day 02:30");
    expect(iso(nextRuns(night, new Date("2026-03-28T12:00:00Z"), 2))).toEqual([
      "2026-03-29T01:30:00.000Z", // 03:30 CEST: 02:30 was skipped by the clocks
      "2026-03-30T00:30:00.000Z",
    ]);
    expect(iso(nextRuns(night, new Date("2026-10-24T12:00:00Z"), 2))).toEqual([
      "2026-10-25T00:30:00.000Z", // the first 02:30, not both
      "2026-10-26T01:30:00.000Z",
    ]);
  });

  it("runs every two weeks in the anchor's weeks only, and stops at the end date", () => {
    const biweekly = schedule(
      "every 2 weeks monday 10:00",
      "Europe/Berlin",
      new Date("2026-03-20T00:00:00Z"),
    );
    expect(biweekly.anchorOn).toBe("2026-03-23");
    expect(iso(nextRuns(biweekly, new Date("2026-03-20T00:00:00Z"), 3))).toEqual([
      "2026-03-23T09:00:00.000Z",
      "2026-04-06T08:00:00.000Z",
      "2026-04-20T08:00:00.000Z",
    ]);
    expect(iso(nextRuns(biweekly, new Date("2026-03-20T00:00:00Z"), 5, "2026-04-06"))).toEqual([
      "2026-03-23T09:00:00.000Z",
      "2026-04-06T08:00:00.000Z",
    ]);
  });
});

describe("planning the runs that came due", () => {
  const weekly = schedule("every monday 10:00");
  const daily = schedule("every day 10:00");
  const HOUR = 3_600_000;

  it("sends the run that just came due and moves on to the next", () => {
    const plan = planDueRuns({
      schedule: weekly,
      nextRunAt: new Date("2026-11-30T09:00:00Z"),
      now: new Date("2026-11-30T09:00:10Z"),
      graceMs: 6 * HOUR,
    });
    expect(plan.runs).toEqual([{ dueAt: new Date("2026-11-30T09:00:00Z"), send: true }]);
    expect(plan.nextRunAt).toEqual(new Date("2026-12-07T09:00:00Z"));
  });

  it("plans nothing before the run is due", () => {
    const plan = planDueRuns({
      schedule: weekly,
      nextRunAt: new Date("2026-11-30T09:00:00Z"),
      now: new Date("2026-11-30T08:59:59Z"),
      graceMs: 6 * HOUR,
    });
    expect(plan.runs).toEqual([]);
    expect(plan.nextRunAt).toEqual(new Date("2026-11-30T09:00:00Z"));
  });

  it("after a downtime sends only the latest run within the grace period and skips the rest", () => {
    const plan = planDueRuns({
      schedule: daily,
      nextRunAt: new Date("2026-11-27T09:00:00Z"),
      now: new Date("2026-11-30T12:00:00Z"),
      graceMs: 6 * HOUR,
    });
    expect(plan.runs.map((run) => [run.dueAt.toISOString(), run.send, run.reason])).toEqual([
      ["2026-11-27T09:00:00.000Z", false, MISSED_REASON],
      ["2026-11-28T09:00:00.000Z", false, MISSED_REASON],
      ["2026-11-29T09:00:00.000Z", false, MISSED_REASON],
      ["2026-11-30T09:00:00.000Z", true, undefined],
    ]);
    expect(plan.nextRunAt).toEqual(new Date("2026-12-01T09:00:00Z"));
  });

  it("skips a run missed by more than the grace period", () => {
    const plan = planDueRuns({
      schedule: weekly,
      nextRunAt: new Date("2026-11-30T09:00:00Z"),
      now: new Date("2026-11-30T15:00:01Z"),
      graceMs: 6 * HOUR,
    });
    expect(plan.runs).toEqual([
      { dueAt: new Date("2026-11-30T09:00:00Z"), send: false, reason: MISSED_REASON },
    ]);
  });

  it("of several hourly runs within the grace period sends one", () => {
    const hourly = schedule('cron "0 * * * *" UTC');
    const plan = planDueRuns({
      schedule: hourly,
      nextRunAt: new Date("2026-11-30T09:00:00Z"),
      now: new Date("2026-11-30T11:30:00Z"),
      graceMs: 6 * HOUR,
    });
    expect(plan.runs.map((run) => run.reason)).toEqual([SUPERSEDED_REASON, SUPERSEDED_REASON, undefined]);
    expect(plan.runs.at(-1)?.send).toBe(true);
  });

  it("records every run as skipped in a quiet stage", () => {
    const plan = planDueRuns({
      schedule: weekly,
      nextRunAt: new Date("2026-11-30T09:00:00Z"),
      now: new Date("2026-11-30T09:00:10Z"),
      graceMs: 6 * HOUR,
      quietStage: "proposal",
    });
    expect(plan.runs).toEqual([
      { dueAt: new Date("2026-11-30T09:00:00Z"), send: false, reason: QUIET_REASON("proposal") },
    ]);
  });

  it("bounds what a very long downtime records and ends with the end date", () => {
    const hourly = schedule('cron "0 * * * *" UTC');
    const long = planDueRuns({
      schedule: hourly,
      nextRunAt: new Date("2026-01-01T00:00:00Z"),
      now: new Date("2026-11-30T00:30:00Z"),
      graceMs: 6 * HOUR,
    });
    expect(long.truncated).toBe(true);
    expect(long.runs.filter((run) => run.send)).toHaveLength(1);
    const ended = planDueRuns({
      schedule: weekly,
      endsOn: "2026-11-30",
      nextRunAt: new Date("2026-11-30T09:00:00Z"),
      now: new Date("2026-11-30T09:00:10Z"),
      graceMs: 6 * HOUR,
    });
    expect(ended.runs).toHaveLength(1);
    expect(ended.nextRunAt).toBeNull();
  });
});
