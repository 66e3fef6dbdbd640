import { tenderRef } from "../../kernel/refs.js";

/** What one cell of the workbook holds: Excel reads a Date as a date, a boolean as TRUE or FALSE. */
export type CellValue = string | number | boolean | Date | null;

/** How a column shows its values: dates and moments as Excel dates (in UTC), the rest as they are. */
export type ColumnKind = "text" | "number" | "percent" | "flag" | "day" | "moment";

export interface Column {
  header: string;
  kind: ColumnKind;
  /** Width in characters, as Excel measures it. */
  width: number;
}

/** Excel keeps at most this many characters in a cell; a longer text is cut and marked. */
export const CELL_MAX = 32_767;

/** Characters XML 1.0 does not allow: a file with one would not open. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Half a character: a high surrogate without its low one, or a low one without its high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text as a cell holds it: characters a workbook cannot carry removed, cut to Excel's limit. */
export function cellText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const clean = text.replace(NOT_IN_XML, "").replace(LONE_SURROGATE, "");
  if (clean.length <= CELL_MAX) return clean;
  return `${clean.slice(0, CELL_MAX - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

/** A value for a column of `kind`: texts bounded, everything else as it is. */
export function cellOf(kind: ColumnKind, value: CellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (kind === "text" && typeof value === "string") return cellText(value);
  return value;
}

/** The day a tender's record is exported on, as its files name it (`2026-12-01`). */
function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `tender-T3-record-2026-12-01.xlsx` and `.md`: named by the tender and the day of the request. */
export function recordFileNames(
  tenderNumber: number,
  requestedAt: Date,
): { workbook: string; summary: string } {
  const base = `tender-T${tenderNumber}-record-${isoDay(requestedAt)}`;
  return { workbook: `${base}.xlsx`, summary: `${base}.md` };
}

export function recordFileTitles(tenderNumber: number): { workbook: string; summary: string } {
  return {
    workbook: `${tenderRef(tenderNumber)} · the tender record (workbook)`,
    summary: `${tenderRef(tenderNumber)} · the tender record (summary)`,
  };
}

/** Rows read from the database at a time: memory stays flat however long the tender's record. */
export const DEFAULT_PAGE_SIZE = 1_000;

/**
 * When the message in the channel says how far along the export is: at each tenth of the replies,
 * or after `everyMs` without news, whichever comes first.
 */
export class ProgressClock {
  private lastStep = 0;
  private lastAt: number;

  constructor(
    private readonly total: number,
    private readonly everyMs: number,
    now: number,
  ) {
    this.lastAt = now;
  }

  /** Whether `done` replies (of the total) is news worth telling at `now`. */
  due(done: number, now: number): boolean {
    if (this.total === 0 || done >= this.total) return false;
    const step = Math.floor((done * 10) / this.total);
    if (step <= this.lastStep && now - this.lastAt < this.everyMs) return false;
    this.lastStep = Math.max(step, this.lastStep);
    this.lastAt = now;
    return true;
  }
}

/** `1,200`: counts as people read them. */
export function count(n: number): string {
  return n.toLocaleString("en-GB");
}
