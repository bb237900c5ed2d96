/**
 * @zhunsheng/data — platform data files as officers have them. Bytes in any of the encodings
 * Chinese offices save (UTF-8, UTF-16, GBK/GB18030) → CSV, JSON or XLSX rows → a header and
 * platform rows of cell text, with every doubtful thing a located error; and the files the
 * project writes: injection-safe CSV, workbooks, the data template. Depends on no other
 * workspace package; value-level reading of a cell (%, units, decimals) is the engine's.
 */
export { createDecoder, decodeBytes, decodeUtf8Text, ENCODING_LABEL, type Encoding } from "./decode.ts";
export { columnLabel, columnLetter, DATA_ERRORS, formatDataError, type DataError, type DataErrorCode, type DataSeverity } from "./errors.ts";
export { createCsvSplitter, parseCsv, type CsvRecord } from "./csv.ts";
export { createGridAssembler, normaliseName, recordOf, type DataHeader, type DataRow, type ExpectedColumn, type GridRow, type Merge, type RowBatch, type SheetText } from "./table.ts";
export { createRowReader, readDataSync, type DataFormat, type ReadOptions, type RowReader } from "./reader.ts";
export { readDataBytes, sniffFormat, streamData, type DataOptions, type DataStream, type DataTable } from "./read.ts";
export { findPlatformColumn, isSummaryName, PLATFORM_NAME_COLUMNS, platformNameOf } from "./platform.ts";
export { isOtherSizeOfUnit, UNIT_FAMILIES } from "./units.ts";
export { excelNumberText, plainDecimal, shiftDecimal } from "./number-text.ts";
export { csvField, csvLine, neutraliseCell, writeCsv, type CsvWriteOptions } from "./csv-write.ts";
export {
  expectedColumnsOf,
  FILLING_NOTES,
  rangeText,
  TEMPLATE_NAME_COLUMN,
  templateColumnsOf,
  templateHeader,
  templateHeaderRow,
  TYPE_WORD,
  type InputLike,
  type TemplateColumn,
} from "./template.ts";

import type { DataError } from "./errors.ts";
import type { TemplateColumn } from "./template.ts";
import type { SheetText } from "./table.ts";

// exceljs is large: the workbook functions load it on first use, so CSV-only callers (and the CLI's --help) never pay
// for it, and the public declarations never mention its types (a consumer needs no Node typings)

/** One worksheet's cell text as shown, and its merged ranges (for importing indicator tables). */
export async function readXlsxSheet(bytes: Uint8Array, options: { sheet?: string } = {}): Promise<SheetText | { error: DataError }> {
  return (await import("./xlsx-read.ts")).readXlsxSheet(bytes, options);
}

/** A one-sheet workbook of `rows` (first row the header); plain decimals become number cells. */
export async function writeTableXlsx(rows: readonly (readonly string[])[], sheetName?: string): Promise<Uint8Array> {
  return (await import("./xlsx-write.ts")).writeTableXlsx(rows, sheetName);
}

/** The data template workbook for a rubric's inputs. */
export async function writeTemplateXlsx(columns: readonly TemplateColumn[], title?: string): Promise<Uint8Array> {
  return (await import("./xlsx-write.ts")).writeTemplateXlsx(columns, title);
}

/** The data template as CSV (header row only, UTF-8 with BOM). */
export { templateCsv } from "./template-csv.ts";
