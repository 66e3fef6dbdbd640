import type { CellValue } from "./domain.js";
import { checkInAnswersSheet, checkInRunsSheet, checkInsSheet } from "./records/checkins.js";
import { applicationsSheet, lessonsSheet } from "./records/lessons.js";
import { estimatesSheet, metricsSheet } from "./records/metrics.js";
import type { RecordContext, SheetSpec } from "./records/sheet.js";
import { invitationsSheet, sellersSheet, tenderSheet } from "./records/tender.js";
import { clarificationsSheet, repliesSheet, replyEditsSheet, requirementsSheet } from "./records/threads.js";
import { acknowledgementsSheet, auditSheet, engagementSheet } from "./records/trail.js";
import type { RecordWorkbook } from "./workbook.js";

/** The workbook's sheets, in the order a reader goes through the tender. */
const SHEETS: SheetSpec[] = [
  tenderSheet,
  sellersSheet,
  invitationsSheet,
  requirementsSheet,
  repliesSheet,
  replyEditsSheet,
  clarificationsSheet,
  lessonsSheet,
  applicationsSheet,
  checkInsSheet,
  checkInRunsSheet,
  checkInAnswersSheet,
  metricsSheet,
  estimatesSheet,
  acknowledgementsSheet,
  engagementSheet,
  auditSheet,
];

/**
 * Writes every sheet of the tender record, a page of rows at a time; `onReplies` hears how many
 * replies are written after each page of them (the longest sheet by far).
 */
export async function writeRecord(
  workbook: RecordWorkbook,
  context: RecordContext,
  onReplies: (written: number) => Promise<void>,
): Promise<void> {
  for (const spec of SHEETS) {
    const pages = spec.rows(context)[Symbol.asyncIterator]();
    const first = await pages.next();
    // A feature the tender does not use (no key metrics) leaves no empty sheet behind.
    if (first.done && spec.onlyWhenPresent) continue;
    await workbook.sheet(spec.name, spec.columns, async (sheet) => {
      for (let page = first; !page.done; page = await pages.next()) {
        const rows: CellValue[][] = page.value;
        for (const row of rows) sheet.add(row);
        if (spec === repliesSheet) await onReplies(sheet.rows);
      }
    });
  }
}
