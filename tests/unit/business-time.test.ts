import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBefore,
  daysUntil,
  isWorkingMoment,
  nextWorkingMoment,
} from "../../src/features/nudges/business-time.js";
import { keyDatesAhead, parseNudgesArgs } from "../../src/features/nudges/domain.js";
import { zoneOr } from "../../src/kernel/zones.js";

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

/** A wall-clock time in a zone, e.g. at("2026-12-04 10:00", BERLIN). */
function at(local: string, zone: string): Date {
  const moment = DateTime.fromFormat(local, "yyyy-MM-dd HH:mm", { zone });
  if (!moment.isValid) throw new Error(`bad time ${local}`);
  return moment.toJSDate();
}

/** The wall-clock time of a moment in a zone, with its weekday. */
function local(moment: Date, zone: string): string {
  return DateTime.fromJSDate(moment, { zone }).toFormat("ccc yyyy-MM-dd HH:mm");
}

describe("working hours", () => {
  it("are Monday to Friday 09:00 to 18:00 on the zone's clock", () => {
    expect(isWorkingMoment(at("2026-12-07 09:00", BERLIN), BERLIN)).toBe(true);
    expect(isWorkingMoment(at("2026-12-07 17:59", BERLIN), BERLIN)).toBe(true);
    expect(isWorkingMoment(at("2026-12-07 18:00", BERLIN), BERLIN)).toBe(false);
    expect(isWorkingMoment(at("2026-12-07 08:59", BERLIN), BERLIN)).toBe(false);
    expect(isWorkingMoment(at("2026-12-05 11:00", BERLIN), BERLIN)).toBe(false);
    // 10:00 in Berlin is 04:00 in New York.
    expect(isWorkingMoment(at("2026-12-07 10:00", BERLIN), NEW_YORK)).toBe(false);
  });
});

describe("nextWorkingMoment", () => {
  it("keeps a moment inside working hours", () => {
    const moment = at("2026-12-08 14:25", BERLIN);
    expect(nextWorkingMoment(moment, BERLIN)).toEqual(moment);
  });

  it("moves an early morning to 09:00 the same day, an evening to the next morning", () => {
    expect(local(nextWorkingMoment(at("2026-12-08 06:30", BERLIN), BERLIN), BERLIN)).toBe(
      "Tue 2026-12-08 09:00",
    );
    expect(local(nextWorkingMoment(at("2026-12-08 21:00", BERLIN), BERLIN), BERLIN)).toBe(
      "Wed 2026-12-09 09:00",
    );
  });

  it("moves a Friday evening and the weekend to Monday 09:00", () => {
    expect(local(nextWorkingMoment(at("2026-12-04 18:30", BERLIN), BERLIN), BERLIN)).toBe(
      "Mon 2026-12-07 09:00",
    );
    expect(local(nextWorkingMoment(at("2026-12-05 12:00", BERLIN), BERLIN), BERLIN)).toBe(
      "Mon 2026-12-07 09:00",
    );
    expect(local(nextWorkingMoment(at("2026-12-06 23:59", BERLIN), BERLIN), BERLIN)).toBe(
      "Mon 2026-12-07 09:00",
    );
  });

  it("reads the clock of the recipient's zone", () => {
    // Monday 10:00 in Berlin is 04:00 in New York: the New Yorker's morning comes six hours later.
    const next = nextWorkingMoment(at("2026-12-07 10:00", BERLIN), NEW_YORK);
    expect(local(next, NEW_YORK)).toBe("Mon 2026-12-07 09:00");
    expect(local(next, BERLIN)).toBe("Mon 2026-12-07 15:00");
  });

  it("gives 09:00 on the clock after a change to summer time", () => {
    // Berlin moves to summer time on Sunday 2027-03-28.
    const next = nextWorkingMoment(at("2027-03-27 10:00", BERLIN), BERLIN);
    expect(local(next, BERLIN)).toBe("Mon 2027-03-29 09:00");
    expect(next.toISOString()).toBe("2027-03-29T07:00:00.000Z");
  });
});

describe("addBusinessDays", () => {
  it("counts workdays at the same time of day", () => {
    expect(local(addBusinessDays(at("2026-12-08 10:00", BERLIN), 2, BERLIN), BERLIN)).toBe(
      "Thu 2026-12-10 10:00",
    );
    expect(local(addBusinessDays(at("2026-12-08 10:00", BERLIN), 0, BERLIN), BERLIN)).toBe(
      "Tue 2026-12-08 10:00",
    );
  });

  it("skips the weekend: a Friday question is two business days old on Tuesday", () => {
    expect(local(addBusinessDays(at("2026-12-04 10:00", BERLIN), 2, BERLIN), BERLIN)).toBe(
      "Tue 2026-12-08 10:00",
    );
    expect(local(addBusinessDays(at("2026-12-04 10:00", BERLIN), 5, BERLIN), BERLIN)).toBe(
      "Fri 2026-12-11 10:00",
    );
  });

  it("starts a Friday evening or a weekend at Monday morning", () => {
    expect(local(addBusinessDays(at("2026-12-04 19:30", BERLIN), 2, BERLIN), BERLIN)).toBe(
      "Wed 2026-12-09 09:00",
    );
    expect(local(addBusinessDays(at("2026-12-06 15:00", BERLIN), 1, BERLIN), BERLIN)).toBe(
      "Tue 2026-12-08 09:00",
    );
    expect(local(addBusinessDays(at("2026-12-08 07:00", BERLIN), 1, BERLIN), BERLIN)).toBe(
      "Wed 2026-12-09 09:00",
    );
  });

  it("keeps the time of day across the end of summer time", () => {
    // Berlin leaves summer time on Sunday 2026-10-25: that week has a 25-hour Sunday.
    const friday = at("2026-10-23 10:00", BERLIN);
    expect(friday.toISOString()).toBe("2026-10-23T08:00:00.000Z");
    const due = addBusinessDays(friday, 2, BERLIN);
    expect(local(due, BERLIN)).toBe("Tue 2026-10-27 10:00");
    expect(due.toISOString()).toBe("2026-10-27T09:00:00.000Z");
  });

  it("keeps the time of day across the start of summer time", () => {
    const due = addBusinessDays(at("2027-03-26 16:00", NEW_YORK), 1, NEW_YORK);
    // New York moved on 2027-03-14 already; Berlin moves on the 28th: only the wall clock counts.
    expect(local(due, NEW_YORK)).toBe("Mon 2027-03-29 16:00");
    const berlin = addBusinessDays(at("2027-03-26 16:00", BERLIN), 1, BERLIN);
    expect(local(berlin, BERLIN)).toBe("Mon 2027-03-29 16:00");
    expect(berlin.getTime() - at("2027-03-26 16:00", BERLIN).getTime()).toBe(71 * 3_600_000);
  });
});

describe("businessDaysBefore", () => {
  const moments = [
    "2026-12-04 10:00", // Friday, working
    "2026-12-04 19:30", // Friday evening
    "2026-12-05 12:00", // Saturday
    "2026-12-07 08:00", // Monday before work
    "2026-12-08 17:59", // Tuesday, last working minute
    "2026-10-27 09:30", // after the end of summer time
  ];

  it("is the latest start from which the days have passed", () => {
    for (const moment of moments) {
      const now = at(moment, BERLIN);
      for (const days of [1, 2, 5]) {
        const cutoff = businessDaysBefore(now, days, BERLIN);
        expect(addBusinessDays(cutoff, days, BERLIN).getTime(), `${moment} -${days}`).toBeLessThanOrEqual(
          now.getTime(),
        );
        const later = new Date(cutoff.getTime() + 1);
        expect(addBusinessDays(later, days, BERLIN).getTime(), `${moment} -${days}`).toBeGreaterThan(
          now.getTime(),
        );
      }
    }
  });

  it("on a Tuesday at 10:00, two business days go back to Friday 10:00", () => {
    const cutoff = businessDaysBefore(at("2026-12-08 10:00", BERLIN), 2, BERLIN);
    expect(local(cutoff, BERLIN)).toBe("Fri 2026-12-04 10:00");
  });
});

describe("calendar days", () => {
  it("counts from the day in the zone, which may differ from UTC's", () => {
    // 23:30 UTC on the 7th is already the 8th in Berlin.
    const lateEvening = new Date("2026-12-07T23:30:00.000Z");
    expect(daysUntil("2026-12-10", lateEvening, BERLIN)).toBe(2);
    expect(daysUntil("2026-12-10", lateEvening, "UTC")).toBe(3);
    expect(daysUntil("2026-12-07", lateEvening, BERLIN)).toBe(-1);
  });

  it("falls back to a known zone", () => {
    expect(zoneOr("Mars/Olympus", BERLIN)).toBe(BERLIN);
    expect(zoneOr(null, BERLIN)).toBe(BERLIN);
    expect(zoneOr(NEW_YORK, BERLIN)).toBe(NEW_YORK);
    expect(zoneOr(undefined, "nowhere")).toBe("UTC");
  });
});

describe("key dates ahead", () => {
  const dates = {
    questionsDueOn: new Date("2026-12-10T00:00:00.000Z"),
    proposalsDueOn: new Date("2026-12-20T00:00:00.000Z"),
    awardPlannedOn: new Date("2026-12-07T00:00:00.000Z"),
  };

  it("lists the dates from today to the window's end, not the past ones", () => {
    const now = at("2026-12-07 10:00", BERLIN);
    expect(keyDatesAhead(dates, now, BERLIN, 3)).toEqual([
      { which: "questions", day: "2026-12-10", forSellers: true },
      { which: "award", day: "2026-12-07", forSellers: false },
    ]);
    expect(keyDatesAhead(dates, at("2026-12-08 10:00", BERLIN), BERLIN, 1)).toEqual([]);
  });
});

describe("/tender nudges arguments", () => {
  it("shows without arguments and switches on and off", () => {
    expect(parseNudgesArgs("")).toEqual({ kind: "show" });
    expect(parseNudgesArgs(" OFF ")).toEqual({ kind: "change", change: { nudgesOn: false } });
    expect(parseNudgesArgs("on")).toEqual({ kind: "change", change: { nudgesOn: true } });
  });

  it("sets each delay from 1 to 30 days", () => {
    expect(parseNudgesArgs("questions 3")).toEqual({ kind: "change", change: { questionNudgeDays: 3 } });
    expect(parseNudgesArgs("silence 30")).toEqual({ kind: "change", change: { silenceNudgeDays: 30 } });
    expect(parseNudgesArgs("dates 1")).toEqual({ kind: "change", change: { keyDateNudgeDays: 1 } });
  });

  it("names what is wrong", () => {
    const problem = (args: string) => {
      const parsed = parseNudgesArgs(args);
      return parsed.kind === "invalid" ? parsed.problem : "";
    };
    expect(problem("questions 0")).toBe(
      "“0” is too few: give a number of days from 1 to 30, e.g. `/tender nudges questions 3`.",
    );
    expect(problem("silence 31")).toContain("“31” is too many: give a number of days from 1 to 30");
    expect(problem("dates 2.5")).toContain("“2.5” is not a whole number: give a number of days from 1 to 30");
    expect(problem("dates")).toContain("Give one number of days, e.g. `/tender nudges dates 3`");
    expect(problem("questions 2 3")).toContain("Give one number of days");
    expect(problem("off now")).toContain("`/tender nudges off` takes nothing after it.");
    expect(problem("constructor 3")).toContain("There is no nudge setting “constructor”");
    expect(problem("<!channel>")).toContain("“&lt;!channel&gt;”");
  });
});
