import type { Db } from "../../../db/client.js";
import type { Tender } from "../../tenders/index.js";
import type { CellValue, Column, ColumnKind } from "../domain.js";

/**
 * The tender record as the export reads it: one sheet per kind of record, each read from the
 * database in pages of rows keyed by id (each page starts after the last id of the one before), so
 * that memory stays flat however long the record. Read-only: the features that write these tables
 * keep their rules.
 */

/** What every sheet reads with. */
export interface RecordContext {
  db: Db;
  tender: Tender;
  /** The buyer's organisation: the workspace the app is installed in. */
  buyer: string;
  /** The tender's requirements: each one's number by id (R-<number>). */
  requirements: Map<number, number>;
  /** Rows per page. */
  pageSize: number;
  /** A person's name as Slack knows it, or their id when Slack cannot say. */
  nameOf(userId: string | null): Promise<string | null>;
  /** A seller of the tender by id (the buyer reads every seller's name in its own record). */
  sellerName(sellerId: number | null): string | null;
}

export interface SheetSpec {
  name: string;
  columns: Column[];
  /** The rows, a page at a time, each row's cells in the order of the columns. */
  rows(context: RecordContext): AsyncIterable<CellValue[][]>;
  /** Left out of the workbook when it has no rows (the tender does not use the feature). */
  onlyWhenPresent?: boolean;
}

export function column(header: string, kind: ColumnKind = "text", width = 14): Column {
  return { header, kind, width };
}

/** Every row `read` finds after the id `after`, a page at a time. */
export async function* pages<T extends { id: number }>(
  size: number,
  read: (after: number, take: number) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let after = 0;
  for (;;) {
    const page = await read(after, size);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < size) return;
    after = last.id;
  }
}

/** Pages of records turned into pages of rows; `row` may ask Slack for names (a few, remembered). */
export async function* rowsOf<T extends { id: number }>(
  size: number,
  read: (after: number, take: number) => Promise<T[]>,
  row: (record: T) => CellValue[] | Promise<CellValue[]>,
): AsyncGenerator<CellValue[][]> {
  for await (const page of pages(size, read)) {
    const rows: CellValue[][] = [];
    for (const record of page) rows.push(await row(record));
    yield rows;
  }
}

/** Several rows per record (e.g. a notice's receipts, one per seller). */
export async function* flatRowsOf<T extends { id: number }>(
  size: number,
  read: (after: number, take: number) => Promise<T[]>,
  rows: (record: T) => Promise<CellValue[][]>,
): AsyncGenerator<CellValue[][]> {
  for await (const page of pages(size, read)) {
    const out: CellValue[][] = [];
    for (const record of page) out.push(...(await rows(record)));
    if (out.length > 0) yield out;
  }
}
