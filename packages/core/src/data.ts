/**
 * Platform data files: CSV with Chinese headers (RFC 4180 quoting, BOM tolerated) or a JSON
 * array of objects. Values stay strings so that decimals are read exactly by the scorer.
 */
import { decimalsOf, isDecimalString, MAX_SCALE_DIGITS } from "./decimal.ts";
import type { Rubric } from "./model.ts";

export type PlatformRecord = Record<string, unknown>;

export interface DataFile {
  records: PlatformRecord[];
  /** Problems with the file itself (not with one platform's values). */
  errors: { line: number; message: string }[];
}

/** Splits CSV text into rows of fields. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.length === 0) quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** Reads a data file; `kind` by extension or content. Never throws. */
export function parseDataFile(text: string, kind: "csv" | "json"): DataFile {
  if (kind === "json") {
    try {
      const v: unknown = JSON.parse(text);
      if (!Array.isArray(v)) return { records: [], errors: [{ line: 1, message: "JSON 数据应为数组，每个元素是一个平台" }] };
      const errors: DataFile["errors"] = [];
      const records = v.filter((x, i) => {
        const ok = typeof x === "object" && x !== null && !Array.isArray(x);
        if (!ok) errors.push({ line: 1, message: `第${i + 1}个元素不是对象` });
        return ok;
      }) as PlatformRecord[];
      return { records, errors };
    } catch (e) {
      return { records: [], errors: [{ line: 1, message: `JSON 格式错误：${(e as Error).message}` }] };
    }
  }
  const rows = parseCsvRows(text);
  if (rows.length === 0) return { records: [], errors: [{ line: 1, message: "CSV 文件为空" }] };
  const header = rows[0]!.map((h) => h.trim());
  const errors: DataFile["errors"] = [];
  const records = rows.slice(1).map((r, i) => {
    if (r.length !== header.length) errors.push({ line: i + 2, message: `第${i + 2}行有${r.length}列，表头有${header.length}列` });
    const rec: PlatformRecord = {};
    header.forEach((h, k) => {
      if (h) rec[h] = r[k]?.trim() ?? "";
    });
    return rec;
  });
  return { records, errors };
}

/** Most decimals any numeric value of the rubric's inputs carries in the data (bounded). */
export function dataDigits(rubric: Rubric, records: readonly PlatformRecord[]): number {
  let d = 0;
  for (const rec of records) {
    for (const input of rubric.inputs) {
      const v = rec[input.name];
      const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim().replace(/[%％]$/, "") : "";
      if (isDecimalString(s)) d = Math.max(d, decimalsOf(s));
    }
  }
  return Math.min(d, MAX_SCALE_DIGITS);
}

/** An empty data sheet for a rubric: 名称 then every input that is entered (not derived). */
export function templateColumns(rubric: Rubric): string[] {
  return ["名称", ...rubric.inputs.filter((i) => i.kind !== "derived").map((i) => i.name)];
}
