import { DateTime } from "luxon";
import { echo, escapeText } from "../../slack/text.js";

/** Events on one page of `/tender audit`. */
export const AUDIT_PAGE_SIZE = 20;
const PAGE_MAX = 9_999;

/** `/tender audit [T-<n>] [since:<yyyy-mm-dd>] [page:<n>]`, past the tender. */
export interface AuditQuery {
  /** The first day shown, in the viewer's zone. */
  since?: string;
  page: number;
}

export type ParsedAuditQuery = { ok: true; query: AuditQuery } | { ok: false; problem: string };

const AUDIT_USAGE = escapeText(
  "`/tender audit [T-<n>] [since:<yyyy-mm-dd>] [page:<n>]`, e.g. `/tender audit since:2026-12-01 page:2`",
);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the words after the tender; `problem` names the first word it cannot take. */
export function parseAuditArgs(args: string): ParsedAuditQuery {
  const query: AuditQuery = { page: 1 };
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const [key = "", ...rest] = word.split(":");
    const value = rest.join(":");
    if (key.toLowerCase() === "since") {
      if (!DAY.test(value) || !DateTime.fromISO(value, { zone: "UTC" }).isValid)
        return {
          ok: false,
          problem: `\`since:\` takes a day written yyyy-mm-dd, e.g. \`since:2026-12-01\`; “${echo(value)}” is not one.`,
        };
      query.since = value;
    } else if (key.toLowerCase() === "page" && rest.length > 0) {
      const page = /^\d{1,4}$/.test(value) ? Number(value) : 0;
      if (page < 1 || page > PAGE_MAX)
        return {
          ok: false,
          problem: `\`page:\` takes a page number from 1 to ${PAGE_MAX}; “${echo(value)}” is not one.`,
        };
      query.page = page;
    } else {
      return {
        ok: false,
        problem: `“${echo(word)}” is not something the audit trail takes. Use ${AUDIT_USAGE}.`,
      };
    }
  }
  return { ok: true, query };
}

/** The start of a day in a zone, as the moment events are read from. */
export function startOfDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf("day").toJSDate();
}

/** How many pages `total` events fill; an empty trail still has its one (empty) page. */
export function pagesOf(total: number): number {
  return Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
}
