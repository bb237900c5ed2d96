/**
 * What the scorer needs to know of a dataset: the record type and the decimals its values
 * carry. Data files themselves are read by @zhunsheng/data (encodings, strict rows, headers).
 */
import { decimalsOf, isDecimalString, MAX_SCALE_DIGITS } from "./decimal.ts";
import type { Rubric } from "./model.ts";

/** One platform's values by input name (strings as read from a file, or numbers and booleans). */
export type PlatformRecord = Record<string, unknown>;

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
