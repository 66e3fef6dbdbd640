import { describe, expect, it } from "vitest";
import {
  CELL_MAX,
  cellOf,
  cellText,
  ProgressClock,
  recordFileNames,
} from "../../src/features/export/domain.js";

describe("a workbook cell", () => {
  it("keeps a text as typed, without what XML cannot carry", () => {
    expect(cellText("=SUM(A1) <!channel> & “quotes” 👍")).toBe("=SUM(A1) <!channel> & “quotes” 👍");
    expect(cellText("tab\tand\nline\u0000\u0007\u001F\uFFFE end")).toBe("tab\tand\nline end");
    expect(cellText("half \uD83D a pair \uDC4D, whole \uD83D\uDC4D")).toBe("half  a pair , whole 👍");
    expect(cellText(null)).toBeNull();
  });

  it("cuts a text to Excel's 32,767 characters, marking the cut, never half a character", () => {
    const cut = cellText("x".repeat(60_000)) ?? "";
    expect(cut).toHaveLength(CELL_MAX);
    expect(cut.endsWith("x…")).toBe(true);
    const emoji = cellText(`${"x".repeat(CELL_MAX - 2)}👍👍`) ?? "";
    expect(emoji.length).toBeLessThanOrEqual(CELL_MAX);
    expect(emoji.endsWith("x…")).toBe(true);
    expect(cellText("y".repeat(CELL_MAX))).toHaveLength(CELL_MAX);
  });

  it("bounds only texts; numbers, flags and dates stay what they are", () => {
    const at = new Date("2027-01-04T09:00:00Z");
    expect([
      cellOf("number", 2.5),
      cellOf("flag", false),
      cellOf("moment", at),
      cellOf("day", undefined),
    ]).toEqual([2.5, false, at, null]);
  });
});

describe("the export's progress", () => {
  it("is told at each tenth of the replies, or after a while without news", () => {
    const clock = new ProgressClock(10_000, 5_000, 0);
    expect(clock.due(500, 100)).toBe(false);
    expect(clock.due(1_000, 200)).toBe(true);
    expect(clock.due(1_500, 300)).toBe(false);
    expect(clock.due(1_600, 5_400)).toBe(true);
    expect(clock.due(2_500, 5_500)).toBe(true);
    expect(clock.due(10_000, 60_000)).toBe(false);
    expect(new ProgressClock(0, 5_000, 0).due(0, 60_000)).toBe(false);
  });
});

describe("the record's files", () => {
  it("are named by the tender and the day of the request", () => {
    expect(recordFileNames(3, new Date("2026-12-01T23:59:00Z"))).toEqual({
      workbook: "tender-T3-record-2026-12-01.xlsx",
      summary: "tender-T3-record-2026-12-01.md",
    });
  });
});
