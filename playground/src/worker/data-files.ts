/**
 * Data files in the analysis worker, through @zhunsheng/data (the same reader as the CLI):
 * bytes of any encoding, CSV, JSON or XLSX → platform records and located problems; the score
 * table, any table and the data template → injection-safe CSV or a workbook to download.
 */
import type { Rubric } from "@zhunsheng/core";
import { expectedColumnsOf, readDataBytes, recordOf, templateColumnsOf, templateCsv, writeCsv, writeTableXlsx, writeTemplateXlsx, type DataError } from "@zhunsheng/data";
import type { FileData, Record_ } from "../protocol.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPE = "text/csv;charset=utf-8";

export interface ReadDataset {
  records: Record_[];
  /** By index; undefined when every row was read. */
  rowErrors: (string[] | null)[] | undefined;
  /** File-level errors and row errors, one line each, naming the row. */
  errors: string[];
  /** Warnings, each saying what was done with its rows: skipped (a 合计 row, a note under the table) or read (a hidden row). */
  warnings: string[];
  /** A workbook with platforms in several sheets and none chosen: their names (nothing was read). */
  dataSheets?: string[];
}

const line = (e: DataError) => e.message;

export async function readDataset(bytes: Uint8Array, name: string, rubric: Rubric | undefined, format?: "csv" | "json", sheet?: string): Promise<ReadDataset> {
  const t = await readDataBytes(bytes, { file: name, expected: expectedColumnsOf(rubric?.inputs ?? []), ...(format ? { format } : {}), ...(sheet !== undefined ? { sheet } : {}) });
  const rowErrors = t.rows.some((r) => r.errors) ? t.rows.map((r) => (r.errors ? r.errors.map(line) : null)) : undefined;
  const where = t.sheet !== undefined && (t.sheets?.length ?? 0) > 1 ? `工作表「${t.sheet}」` : "";
  return {
    // records are plain objects after the trip to the page; their keys stay own data properties (「__proto__」 included)
    records: t.rows.map((r) => recordOf(r)),
    rowErrors,
    errors: t.errors.filter((e) => e.severity === "error").map((e) => where + line(e)),
    warnings: t.errors.filter((e) => e.severity === "warning").map((e) => where + line(e)),
    ...(t.dataSheets ? { dataSheets: t.dataSheets } : {}),
  };
}

export async function tableFile(rows: string[][], kind: "csv" | "xlsx", name: string, sheet?: string): Promise<FileData> {
  if (kind === "csv") return { name: `${name}.csv`, type: CSV_TYPE, data: writeCsv(rows) };
  return { name: `${name}.xlsx`, type: XLSX_TYPE, data: await writeTableXlsx(rows, sheet) };
}

export async function templateFile(rubric: Rubric, kind: "csv" | "xlsx", name: string): Promise<FileData> {
  if (kind === "csv") return { name: `${name}.csv`, type: CSV_TYPE, data: templateCsv(templateColumnsOf(rubric.inputs)) };
  return { name: `${name}.xlsx`, type: XLSX_TYPE, data: await writeTemplateXlsx(templateColumnsOf(rubric.inputs), `${rubric.header.title} 数据表`) };
}
