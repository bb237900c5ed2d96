/**
 * CSV that is safe to open in Excel, WPS and LibreOffice. A cell starting with = + - @, a tab
 * or a carriage return is read by spreadsheets as a formula (OWASP "CSV injection"): such a
 * cell is written with a leading apostrophe, which shows it as text. A plain number such as
 * -2.5 is not a formula and is written as it is, so columns of numbers stay numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)%?$/;

/** A cell neutralised against formula injection (the text only, before CSV quoting). */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** One field: neutralised, then quoted when it holds a delimiter, a quote, a tab or a line break (a tab unquoted would make readers guess the delimiter). */
export function csvField(value: string | number | boolean | null | undefined, delimiter = ","): string {
  const text = value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? "是" : "否") : String(value);
  const safe = neutraliseCell(text);
  return safe.includes(delimiter) || /["\r\n\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvWriteOptions {
  /** Start with a UTF-8 byte-order mark so that Excel reads Chinese correctly (default true). */
  bom?: boolean;
  /** Line end; default CRLF (RFC 4180, what Excel writes). */
  eol?: string;
  delimiter?: string;
}

/** Rows → CSV text, every cell neutralised. */
export function writeCsv(rows: Iterable<readonly (string | number | boolean | null | undefined)[]>, options: CsvWriteOptions = {}): string {
  const eol = options.eol ?? "\r\n";
  const d = options.delimiter ?? ",";
  let out = options.bom === false ? "" : "\ufeff";
  for (const r of rows) out += r.map((v) => csvField(v, d)).join(d) + eol;
  return out;
}

/** One line of CSV (with its line end), for writers that stream rows. */
export function csvLine(row: readonly (string | number | boolean | null | undefined)[], options: Omit<CsvWriteOptions, "bom"> = {}): string {
  const d = options.delimiter ?? ",";
  return row.map((v) => csvField(v, d)).join(d) + (options.eol ?? "\r\n");
}
