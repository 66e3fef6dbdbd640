import ExcelJS from "exceljs";
import { type CellValue, type Column, type ColumnKind, cellOf } from "./domain.js";

const FORMATS: Partial<Record<ColumnKind, string>> = {
  day: "yyyy-mm-dd",
  moment: "yyyy-mm-dd hh:mm",
  percent: "0%",
};

/** One sheet being written: rows go to the file as they are added, none is kept. */
export interface SheetWriter {
  add(values: CellValue[]): void;
  /** Rows written so far, the header not counted. */
  readonly rows: number;
}

/**
 * The tender record as a workbook streamed to a file: a sheet at a time, each row committed as it
 * is written, so a sheet of 100,000 replies never sits in memory. Strings are written inline (no
 * shared-strings table that would grow with every text).
 */
export class RecordWorkbook {
  private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Rows per sheet, in the order written. */
  readonly sheets: { name: string; rows: number }[] = [];

  constructor(filename: string) {
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename,
      useStyles: true,
      useSharedStrings: false,
    });
    this.writer.creator = "Tender Room";
  }

  /**
   * Writes one sheet: a header row naming the columns (frozen, with a filter), then every row
   * `fill` adds; the sheet is finished when `fill` resolves.
   */
  async sheet(name: string, columns: Column[], fill: (sheet: SheetWriter) => Promise<void>): Promise<number> {
    const worksheet = this.writer.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = columns.map((column) => ({
      header: column.header,
      width: column.width,
      ...(FORMATS[column.kind] ? { style: { numFmt: FORMATS[column.kind] } } : {}),
    }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const state = { rows: 0 };
    const writer: SheetWriter = {
      add(values) {
        worksheet.addRow(columns.map((column, i) => cellOf(column.kind, values[i]))).commit();
        state.rows++;
      },
      get rows() {
        return state.rows;
      },
    };
    await fill(writer);
    worksheet.commit();
    this.sheets.push({ name, rows: state.rows });
    return state.rows;
  }

  /** Finishes the file. */
  async close(): Promise<void> {
    await this.writer.commit();
  }
}
