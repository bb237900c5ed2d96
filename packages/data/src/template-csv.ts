import { writeCsv } from "./csv-write.ts";
import { templateHeaderRow, type TemplateColumn } from "./template.ts";

/** The data template as CSV: the header row (units and ranges in it), UTF-8 with a BOM for Excel. */
export function templateCsv(columns: readonly TemplateColumn[]): string {
  return writeCsv([templateHeaderRow(columns)]);
}
