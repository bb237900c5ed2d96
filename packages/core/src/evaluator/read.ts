/**
 * Reading a platform's record into exact values — the first stage of scoring.
 *
 * A cell becomes a mantissa and a count of decimals by one pass over its characters (no regular
 * expression, no BigInt on this path); the input's type decides what else the cell may carry:
 * a % sign only on a 百分比, the input's own unit, thousands separators only in groups of three.
 * The record's scale is then chosen from its decimals (see scale.ts) and every value becomes an
 * integer count of 10^-digits. Derived inputs are computed exactly as rationals. Anything that
 * cannot be read exactly is a message naming the field, never a guess.
 */
import {
  MAX_DECIMALS,
  MAX_SCALED,
  pow10,
  ratAdd,
  ratCompare,
  ratDiv,
  rationalOfDecimal,
  ratMul,
  ratNeg,
  ratSub,
  ratToScaled,
  ratToText,
  scaleLimit,
  toScaled,
  fromScaled,
  type Rational,
} from "../decimal.ts";
// the platform-name rule only (no file reading, no workbook library): data's one place for it
import { findPlatformColumn, PLATFORM_NAME_COLUMNS } from "@zhunsheng/data/platform";
import type { Expr } from "../ast.ts";
import { shownValue } from "../diagnostics.ts";
import type { Input, Rubric } from "../model.ts";
import { optionInputs } from "../model-walk.ts";
import { digitsFor, rubricDecimals, type RubricDecimals } from "../scale.ts";

/** A problem with one field of one platform's record. */
export interface FieldError {
  field: string;
  message: string;
}

/** One platform's values, read. */
export interface ReadRecord {
  /** Scaled integers by input index (是 = 1, 否 = 0); derived inputs hold their value when it is exact at this scale. */
  values: number[];
  present: boolean[];
  /** Exact values of derived inputs by input index (undefined for other inputs, or when an operand is missing). */
  derived: (Rational | undefined)[];
  errors: FieldError[];
  platform?: string;
  /** Decimals of the scale the values are counted in. */
  digits: number;
  /** Each expert's score of a panel input, by input index (explanations show them). */
  panels?: Map<number, Rational[]>;
}

/**
 * The header names under which a data file gives the platform's name, in order of preference:
 * the data package's rule (it finds the column in files), read here for records and headers.
 */
export { PLATFORM_NAME_COLUMNS };

/** The platform's name in a record, by the first name column present. */
export function platformNameOf(record: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of PLATFORM_NAME_COLUMNS) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const v = record[key];
    if (v === undefined || v === null) continue;
    const s = String(v).trim();
    if (s !== "") return s;
  }
  return undefined;
}

/** Index of the platform-name column in a header row, or −1; two candidate columns are an error (data's rule). */
export function platformColumnOf(header: readonly string[]): { index: number; error?: string } {
  const found = findPlatformColumn(header);
  if (found === undefined) return { index: -1 };
  if ("error" in found) return { index: -1, error: found.error };
  return { index: found.index };
}

const YES = new Set(["是", "true", "TRUE", "True", "1", "有", "√", "Y", "y", "yes", "Yes", "YES"]);
const NO = new Set(["否", "false", "FALSE", "False", "0", "无", "×", "N", "n", "no", "No", "NO"]);

const TYPE_NAME: Record<Input["type"], string> = { number: "数值", count: "计数", percent: "百分比", money: "金额", yesno: "是否", score: "评分", text: "文本", enum: "取值", list: "清单" };

// ---- one cell -------------------------------------------------------------------------------

/** No exact values (a caller of `total` that passes none). */
export const NO_EXACT: (Rational | undefined)[] = Object.freeze([]) as unknown as (Rational | undefined)[];

/** No input present (a caller that passes no presence). */
export const NO_PRESENT: boolean[] = Object.freeze([]) as unknown as boolean[];

const OK = 0;
const NOT_NUMBER = 1;
const PERCENT_NOT_ALLOWED = 2;
const BAD_GROUPING = 3;
const TOO_MANY_DECIMALS = 4;
const TOO_LONG = 5;
const WRONG_UNIT = 6;
const SCIENTIFIC = 7;

/** Results of scanNumber (module scratch: the hot path allocates nothing per cell). */
let scanMantissa = 0;
let scanDecimals = 0;
let scanSuffixAt = 0;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || c === 13 || c === 10;
}

/** A digit's value, half- or full-width; −1 if not a digit. */
function digitOf(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/**
 * Reads a number at the start of s[from, to): sign, digits with optional thousands groups, an
 * optional fraction. Sets scanMantissa/scanDecimals (trailing zeros of the fraction dropped) and
 * scanSuffixAt (where the text after the number starts); returns a status.
 */
function scanNumber(s: string, from: number, to: number): number {
  let i = from;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 0xff0b) i++;
  else if (c === 45 || c === 0xff0d || c === 0x2212) {
    neg = true;
    i++;
  }
  let m = 0;
  let sig = 0;
  let intDigits = 0;
  let group = -1; // digits since the last comma; −1 before any comma
  let firstGroup = 0;
  let badGroup = false;
  for (; i < to; i++) {
    c = s.charCodeAt(i);
    const d = digitOf(c);
    if (d >= 0) {
      intDigits++;
      if (group >= 0) group++;
      else firstGroup++;
      if (m !== 0 || d !== 0) {
        m = m * 10 + d;
        sig++;
      }
      continue;
    }
    if (c === 44 || c === 0xff0c) {
      // 1,500 (or 1，500 typed with a Chinese input method): a comma after one to three digits, then groups of exactly three
      if (intDigits === 0 || (group >= 0 ? group !== 3 : firstGroup > 3)) badGroup = true;
      group = 0;
      continue;
    }
    break;
  }
  if (intDigits === 0) return NOT_NUMBER;
  if (group >= 0 && group !== 3) badGroup = true;
  let dec = 0;
  let zeros = 0;
  if (i < to && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 0xff0e)) {
    const dot = i++;
    let fracDigits = 0;
    for (; i < to; i++) {
      const d = digitOf(s.charCodeAt(i));
      if (d < 0) break;
      fracDigits++;
      if (d === 0) {
        zeros++;
        continue;
      }
      // zeros before this digit are significant now
      for (; zeros > 0; zeros--) {
        m *= 10;
        dec++;
        if (m !== 0) sig++;
      }
      m = m * 10 + d;
      dec++;
      sig++;
    }
    if (fracDigits === 0) {
      i = dot;
      return NOT_NUMBER;
    }
  }
  if (badGroup) return BAD_GROUPING;
  scanSuffixAt = i;
  if (dec > MAX_DECIMALS) {
    scanDecimals = dec;
    return TOO_MANY_DECIMALS;
  }
  if (sig > 15) return TOO_LONG;
  scanMantissa = neg ? -m : m;
  scanDecimals = dec;
  return OK;
}

/** What a cell may carry after its number: nothing, a % sign (百分比 only) or the input's unit. */
function scanSuffix(s: string, from: number, to: number, input: Input): number {
  let i = from;
  while (i < to && isSpace(s.charCodeAt(i))) i++;
  if (i === to) return OK;
  const c = s.charCodeAt(i);
  if ((c === 37 || c === 0xff05) && i + 1 === to) return input.type === "percent" ? OK : PERCENT_NOT_ALLOWED;
  const rest = s.slice(i, to);
  if (input.unit !== undefined && rest === input.unit) return OK;
  // 1.5E+03: what Excel writes to CSV for a number shown in scientific format (digits may be lost)
  if ((c === 69 || c === 101) && i === from && /^[eE][+-]?\d+$/.test(rest)) return SCIENTIFIC;
  if (input.type === "score" && rest === "分") return OK;
  return digitOf(c) >= 0 || c === 46 || c === 44 || c === 0xff0c ? NOT_NUMBER : WRONG_UNIT;
}

/** Decimal text of a JSON number as an officer typed it (0.1 → "0.1"; 1e21 and 1e-7 stay in exponent form and are refused). */
function numberText(n: number): string {
  return String(n);
}

function quoted(raw: unknown): string {
  if (typeof raw === "string") return shownValue(raw);
  if (Array.isArray(raw)) return shownValue(JSON.stringify(raw));
  if (typeof raw === "object" && raw !== null) return shownValue(JSON.stringify(raw));
  return shownValue(String(raw));
}

// ---- the reader -------------------------------------------------------------------------------

/** Where a record's raw value for input i comes from (an object's key, a CSV row's cell). */
type Source = (i: number) => unknown;

export interface RecordReader {
  readonly inputs: readonly Input[];
  readonly decimals: RubricDecimals;
  /** The smallest scale any record is read at (the rubric's own decimals and 2 for data). */
  readonly baseDigits: number;
  /**
   * What reading depends on, as one string: each input's name, kind, type, unit, range, values,
   * panel and expression, which inputs may be left empty (选其一, 选项, evidence no rule needs),
   * and the rubric's decimals. Two readers with the same key read every record to the same
   * values and errors, so a front end may keep read records across edits of points or
   * thresholds with the same decimals; any other edit changes the key.
   */
  readonly readingKey: string;
  /** Reads a record whose keys are input names (JSON, the workbench, tests), at a scale of at least `minDigits`. */
  read(record: Readonly<Record<string, unknown>>, minDigits?: number): ReadRecord;
  /** Binds a CSV header once; `read(cells)` then reads one row by column index. */
  bindColumns(header: readonly string[], minDigits?: number): ColumnReader;
}

export interface ColumnReader {
  /** Column of the platform's name, or −1. */
  platformColumn: number;
  /** Why no column names the platform although the header has candidates (two of them). */
  platformColumnError?: string;
  /** Inputs the data must give that the header lacks (every row will report them missing). */
  missingColumns: string[];
  read(cells: readonly string[]): ReadRecord;
}

interface Bounds {
  min: number | undefined;
  max: number | undefined;
}

/** The reading stage of a rubric: built once, reads any number of records. */
export function createReader(rubric: Rubric): RecordReader {
  const inputs = rubric.inputs;
  const n = inputs.length;
  const index = new Map(inputs.map((inp, k) => [inp.name, k]));
  const decimals = rubricDecimals(rubric);
  const baseDigits = digitsFor(decimals, 2);
  const requiredNames = new Set(rubric.indicators.flatMap((ind) => [...ind.requires, ...ind.rules.flatMap((r) => r.requires)].map((i) => i.name)));
  const chooseOneRules = rubric.indicators.flatMap((ind) => ind.rules.filter((r) => r.chooseOne));
  const chooseOneMembers = new Set(chooseOneRules.flatMap((r) => r.subjects.map((s) => s.name)));
  // 选项（1）（2）: the inputs only one option reads are filled in for the option the platform chose
  const optionSets = rubric.indicators
    .filter((ind) => ind.options.length > 0)
    .map((ind) => {
      const own = optionInputs(ind.groups, { inputs: rubric.inputByName });
      return { indicator: ind.name, options: ind.options.map((o) => ({ label: o, inputs: (own.get(o) ?? []).map((name) => index.get(name)!) })) };
    });
  const optionMembers = new Set(optionSets.flatMap((s) => s.options.flatMap((o) => o.inputs)).map((k) => inputs[k]!.name));
  /** Inputs read from the data, with whether their absence is an error. */
  const entered: { k: number; input: Input; optional: boolean }[] = [];
  inputs.forEach((input, k) => {
    if (input.kind === "derived" || input.type === "text") return;
    const optional = chooseOneMembers.has(input.name) || optionMembers.has(input.name) || (input.kind === "evidence" && !requiredNames.has(input.name));
    entered.push({ k, input, optional });
  });
  const derivedOrder = derivedInOrder(inputs, index);
  const boundsCache = new Map<number, Bounds[]>();
  const boundsAt = (digits: number): Bounds[] => {
    let b = boundsCache.get(digits);
    if (!b) {
      b = inputs.map((i) => ({ min: i.min === undefined ? undefined : toScaled(i.min, digits), max: i.max === undefined ? undefined : toScaled(i.max, digits) }));
      boundsCache.set(digits, b);
    }
    return b;
  };

  // 取值, 清单 and expert panels: words and lists in a cell
  const itemSlots = inputs.flatMap((input, k) => (input.item ? [{ k, list: index.get(input.item.list)!, value: inputs[index.get(input.item.list)!]!.values.indexOf(input.item.value) }] : []));
  const listCounts: (number[] | undefined)[] = new Array(n);
  const panelScores: (Rational[] | undefined)[] = new Array(n);
  /** Whether any input of this rubric is held as an exact rational (derived, panel, 清单 item); else records share one empty array. */
  const hasExact = derivedOrder.length > 0 || itemSlots.length > 0 || inputs.some((input) => input.panel);
  /** Reads a 取值 / 清单 / panel cell into the scratch arrays; a message when it cannot. */
  function readWords(k: number, input: Input, text: string): string | undefined {
    const words = text === "无" && input.type === "list" ? [] : text.split(/[、，,；;\s]+/u).filter((w) => w !== "");
    if (input.type === "enum") {
      const at = input.values.indexOf(text);
      if (at < 0) return `「${input.name}」应填${input.values.map((v) => `「${v}」`).join("")}之一，实际为「${shownValue(text)}」`;
      mant[k] = at;
      return undefined;
    }
    if (input.type === "list") {
      const counts = input.values.map(() => 0);
      for (const w of words) {
        const at = input.values.indexOf(w);
        if (at < 0) return `「${input.name}」的每一项应为${input.values.map((v) => `「${v}」`).join("")}之一（没有则填「无」），实际有「${w}」`;
        counts[at]!++;
      }
      listCounts[k] = counts;
      mant[k] = words.length;
      return undefined;
    }
    // a panel: one score per expert, each within the input's range
    const scores: Rational[] = [];
    for (const w of words) {
      const q = rationalOfDecimal(w.replace(/分$/u, ""));
      if (!q) return `「${input.name}」应逐一填写各位专家的评分（用「、」分隔），实际有「${w}」`;
      if ((input.min !== undefined && ratCompare(q, rationalOfDecimal(input.min)!) < 0) || (input.max !== undefined && ratCompare(q, rationalOfDecimal(input.max)!) > 0)) {
        return `「${input.name}」的评分「${w}」超出范围${input.min ?? ""}～${input.max ?? ""}分`;
      }
      scores.push(q);
    }
    if (scores.length === 0) return `缺少「${input.name}」的评分`;
    if (input.panel === "trimmedMean" && scores.length < 3) return `「${input.name}」去掉一个最高分和一个最低分后取平均，至少需要3位专家的评分，实际${scores.length}位`;
    panelScores[k] = scores;
    return undefined;
  }

  const readingKey = JSON.stringify([
    inputs.map((i) => [i.name, i.kind, i.type, i.unit ?? null, i.min ?? null, i.max ?? null, i.values, i.panel ?? null, i.item ? [i.item.list, i.item.value] : null, i.expression ? exprKey(i.expression) : null]),
    entered.map((e) => (e.optional ? 1 : 0)),
    chooseOneRules.map((r) => r.subjects.map((x) => x.name)),
    optionSets.map((o) => [o.indicator, o.options.map((x) => [x.label, x.inputs])]),
    derivedOrder.map((d) => d.k),
    [decimals.values, decimals.weights, decimals.precision, baseDigits],
  ]);

  // scratch for one record
  const mant = new Float64Array(n);
  const decs = new Int32Array(n);
  const state = new Int8Array(n); // 0 missing, 1 number, 2 yes/no, 取值 or 清单 read into mant, 3 error, 4 panel scores

  function readWith(get: Source, platform: string | undefined, minDigits: number): ReadRecord {
    const errors: FieldError[] = [];
    let rowDecimals = 0;
    for (let e = 0; e < entered.length; e++) {
      const { k, input, optional } = entered[e]!;
      const raw = get(k);
      state[k] = 0;
      if (raw === undefined || raw === null) {
        if (!optional) errors.push({ field: input.name, message: `缺少「${input.name}」的数据` });
        continue;
      }
      if (typeof raw === "string") {
        let from = 0;
        let to = raw.length;
        while (from < to && isSpace(raw.charCodeAt(from))) from++;
        while (to > from && isSpace(raw.charCodeAt(to - 1))) to--;
        if (from === to) {
          if (!optional) errors.push({ field: input.name, message: `缺少「${input.name}」的数据` });
          continue;
        }
        if (input.type === "yesno") {
          const s = from === 0 && to === raw.length ? raw : raw.slice(from, to);
          if (YES.has(s)) (mant[k] = 1), (state[k] = 2);
          else if (NO.has(s)) (mant[k] = 0), (state[k] = 2);
          else {
            state[k] = 3;
            errors.push({ field: input.name, message: `「${input.name}」应填「是」或「否」，实际为「${shownValue(s)}」` });
          }
          continue;
        }
        if (input.type === "enum" || input.type === "list" || input.panel) {
          const message = readWords(k, input, raw.slice(from, to));
          if (message) {
            state[k] = 3;
            errors.push({ field: input.name, message });
          } else state[k] = input.panel ? 4 : 2;
          continue;
        }
        const status = scanNumber(raw, from, to);
        const final = status === OK ? scanSuffix(raw, scanSuffixAt, to, input) : status;
        if (final !== OK) {
          state[k] = 3;
          errors.push({ field: input.name, message: cellMessage(final, input, raw.slice(from, to)) });
          continue;
        }
        mant[k] = scanMantissa;
        decs[k] = scanDecimals;
        state[k] = 1;
        if (scanDecimals > rowDecimals) rowDecimals = scanDecimals;
        continue;
      }
      if (typeof raw === "number") {
        if (input.type === "yesno") {
          if (raw === 1 || raw === 0) (mant[k] = raw), (state[k] = 2);
          else (state[k] = 3), errors.push({ field: input.name, message: `「${input.name}」应填「是」或「否」，实际为「${shownValue(String(raw))}」` });
          continue;
        }
        if (Number.isInteger(raw) && Math.abs(raw) <= MAX_SCALED) {
          mant[k] = raw;
          decs[k] = 0;
          state[k] = 1;
          continue;
        }
        const text = Number.isFinite(raw) ? numberText(raw) : "";
        const status = text.includes("e") || text === "" ? (Number.isFinite(raw) && Math.abs(raw) < 1 ? TOO_MANY_DECIMALS : TOO_LONG) : scanNumber(text, 0, text.length);
        if (status !== OK || scanSuffixAt !== text.length) {
          state[k] = 3;
          errors.push({ field: input.name, message: cellMessage(status === OK ? NOT_NUMBER : status, input, text || String(raw)) });
          continue;
        }
        mant[k] = scanMantissa;
        decs[k] = scanDecimals;
        state[k] = 1;
        if (scanDecimals > rowDecimals) rowDecimals = scanDecimals;
        continue;
      }
      if (typeof raw === "number" && input.panel) {
        const message = readWords(k, input, String(raw));
        if (message) (state[k] = 3), errors.push({ field: input.name, message });
        else state[k] = 4;
        continue;
      }
      if (typeof raw === "boolean" && input.type === "yesno") {
        mant[k] = raw ? 1 : 0;
        state[k] = 2;
        continue;
      }
      state[k] = 3;
      errors.push({
        field: input.name,
        message:
          typeof raw === "object"
            ? `「${input.name}」应为单个值，实际为${Array.isArray(raw) ? "列表" : "对象"}「${quoted(raw)}」`
            : `「${input.name}」应为${input.type === "yesno" ? "「是」或「否」" : "数字"}，实际为「${quoted(raw)}」`,
      });
    }
    const digits = Math.max(minDigits, baseDigits, digitsFor(decimals, rowDecimals));
    // packed arrays, allocated side by side after the scan's temporaries: a batch of read records
    // is scored (and kept, in the workbench) in this form, and the generated function reads them
    const values: number[] = [];
    const present: boolean[] = [];
    for (let k = 0; k < n; k++) {
      values.push(0);
      present.push(false);
    }
    // (an empty array when no input is exact: reads past its end are undefined, as for a holey one)
    const derived: (Rational | undefined)[] = hasExact ? new Array<Rational | undefined>(n) : [];
    let panels: Map<number, Rational[]> | undefined;
    const bounds = boundsAt(digits);
    const limit = MAX_SCALED;
    for (let e = 0; e < entered.length; e++) {
      const { k, input } = entered[e]!;
      const st = state[k]!;
      if (st === 0 || st === 3) continue;
      present[k] = true;
      if (st === 2) {
        values[k] = mant[k]!;
        continue;
      }
      if (st === 4) {
        // several experts' scores, combined exactly (a mean may not be a decimal: read as a rational)
        const q = panelValue(input, panelScores[k]!);
        (panels ??= new Map()).set(k, panelScores[k]!);
        derived[k] = q;
        values[k] = ratToScaled(q, digits) ?? 0;
        continue;
      }
      const m = mant[k]!;
      const v = m * pow10(digits - decs[k]!);
      if (v > limit || v < -limit) {
        errors.push({ field: input.name, message: `「${input.name}」的值${fromDecimalParts(m, decs[k]!)}超出可精确计算的范围：按${digits}位小数计算时，绝对值不能超过${scaleLimit(digits)}` });
        continue;
      }
      const rangeError = checkRange(input, v, bounds[k]!, digits);
      if (rangeError) errors.push({ field: input.name, message: rangeError });
      else values[k] = v;
    }
    // cell errors were found before range errors: report them all in the order of the inputs
    if (errors.length > 1) {
      const order = new Map(inputs.map((inp, k) => [inp.name, k]));
      errors.sort((a, b) => order.get(a.field)! - order.get(b.field)!);
    }
    for (const r of chooseOneRules) {
      let filled = 0;
      for (const s of r.subjects) if (present[index.get(s.name)!]) filled++;
      if (filled !== 1) {
        const names = r.subjects.map((s) => s.name);
        errors.push({
          field: names.join("、"),
          message: filled === 0 ? `选其一：「${names.join("」「")}」须填写其中一项` : `选其一：只能填写一项，实际填写了「${r.subjects.filter((s) => present[index.get(s.name)!]).map((s) => s.name).join("」「")}」`,
        });
      }
    }
    // the item counts of each 清单 input, one per value
    for (const { k, list, value } of itemSlots) {
      if (!present[list]) continue;
      const count = listCounts[list]![value]!;
      derived[k] = { n: BigInt(count), d: 1n };
      values[k] = count * pow10(digits);
      present[k] = true;
    }
    for (const set of optionSets) {
      const chosen = set.options.filter((o) => o.inputs.some((k) => state[k] === 1 || state[k] === 2 || state[k] === 3));
      const labels = (list: typeof chosen) => list.map((o) => `（${o.label}）`).join("");
      if (chosen.length === 0) errors.push({ field: set.indicator, message: `「${set.indicator}」须选择一个选项${labels(set.options)}并填写其数据` });
      else if (chosen.length > 1) errors.push({ field: set.indicator, message: `「${set.indicator}」只能选择一个选项，实际填写了选项${labels(chosen)}的数据` });
      else {
        for (const k of chosen[0]!.inputs) {
          if (state[k] === 0) errors.push({ field: inputs[k]!.name, message: `缺少「${inputs[k]!.name}」的数据（选项（${chosen[0]!.label}））` });
        }
      }
    }
    for (const { k, input } of derivedOrder) {
      const r = evalExpr(input.expression!, values, present, derived, index, digits);
      if (r === MISSING) continue;
      if (typeof r === "string") {
        if (!errors.some((x) => x.field === input.name)) errors.push({ field: input.name, message: `无法计算「${input.name}」：${r}` });
        continue;
      }
      const outOfRange = derivedRangeError(input, r, (name) => {
        const j = index.get(name);
        if (j === undefined) return undefined;
        const q = derived[j];
        return q ? ratToText(q) : fromScaled(values[j]!, digits);
      });
      if (outOfRange) {
        errors.push({ field: input.name, message: outOfRange });
        continue;
      }
      derived[k] = r;
      present[k] = true;
      const exact = ratToScaled(r, digits);
      values[k] = exact ?? 0;
    }
    const out: ReadRecord = platform !== undefined ? { values, present, derived, errors, platform, digits } : { values, present, derived, errors, digits };
    if (panels) out.panels = panels;
    return out;
  }

  function checkRange(input: Input, v: number, b: Bounds, digits: number): string | undefined {
    const u = input.unit ?? "";
    if (input.type === "count" && v % pow10(digits) !== 0) return `「${input.name}」是计数，应为整数，实际为${fromScaled(v, digits)}`;
    if (b.min !== undefined && v < b.min) {
      return v < 0 && (input.type === "count" || input.type === "money")
        ? `「${input.name}」不能为负数（${fromScaled(v, digits)}${u}）`
        : `「${input.name}」为${fromScaled(v, digits)}${u}，低于范围下限${input.min}${u}`;
    }
    if (b.max !== undefined && v > b.max) return `「${input.name}」为${fromScaled(v, digits)}${u}，超出范围${input.min ?? ""}～${input.max}${u}`;
    return undefined;
  }

  return {
    inputs,
    decimals,
    baseDigits,
    readingKey,
    read: (record, minDigits = 0) => readWith((k) => (Object.prototype.hasOwnProperty.call(record, inputs[k]!.name) ? record[inputs[k]!.name] : undefined), platformNameOf(record), minDigits),
    bindColumns(header, minDigits = 0) {
      const trimmed = header.map((h) => h.trim());
      const column = new Int32Array(n).fill(-1);
      for (const { k, input } of entered) column[k] = trimmed.indexOf(input.name);
      const { index: platformColumn, error } = platformColumnOf(trimmed);
      const missingColumns = entered.filter(({ k, optional }) => column[k] === -1 && !optional).map(({ input }) => input.name);
      return {
        platformColumn,
        ...(error !== undefined ? { platformColumnError: error } : {}),
        missingColumns,
        read(cells) {
          const name = platformColumn >= 0 ? cells[platformColumn]?.trim() : undefined;
          return readWith((k) => {
            const c = column[k]!;
            return c >= 0 ? cells[c] : undefined;
          }, name === "" ? undefined : name, minDigits);
        },
      };
    },
  };
}

function fromDecimalParts(m: number, dec: number): string {
  return fromScaled(m, dec);
}

function cellMessage(status: number, input: Input, written: string): string {
  const name = input.name;
  const text = shownValue(written);
  switch (status) {
    case PERCENT_NOT_ALLOWED:
      return `「${name}」是${TYPE_NAME[input.type]}，不能带百分号：「${text}」`;
    case BAD_GROUPING:
      return `「${name}」的值「${text}」中的逗号不是规范的千分位分隔符（应每三位一组，如「1,500」）：请写成不带逗号的数字`;
    case TOO_MANY_DECIMALS:
      return `「${name}」的值「${text}」小数位数超过${MAX_DECIMALS}位（最多支持${MAX_DECIMALS}位小数）`;
    case TOO_LONG:
      return `「${name}」的值「${text}」超出可精确计算的范围（有效数字最多15位）`;
    case SCIENTIFIC:
      return `「${name}」的值「${text}」是科学计数法，表格导出时可能已舍去了数字：请在 Excel 或 WPS 中把这一列的单元格格式改为「数值」或「常规」后重新导出，或直接填写完整的数字`;
    case WRONG_UNIT:
      return input.unit !== undefined ? `「${name}」以${input.unit}计，「${text}」的单位不对：请只填数字` : `「${name}」应为数字，实际为「${text}」`;
    default:
      return `「${name}」应为数字，实际为「${text}」`;
  }
}

// ---- expert panels ----------------------------------------------------------------------------

/** Several experts' scores combined as the rubric says: the mean, the mean without the highest and lowest, or the median. */
export function panelValue(input: Input, scores: readonly Rational[]): Rational {
  const sorted = [...scores].sort(ratCompare);
  const used = input.panel === "trimmedMean" ? sorted.slice(1, -1) : sorted;
  if (input.panel === "median") {
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : ratDiv(ratAdd(sorted[mid - 1]!, sorted[mid]!), { n: 2n, d: 1n })!;
  }
  let sum: Rational = { n: 0n, d: 1n };
  for (const q of used) sum = ratAdd(sum, q);
  // the reader refuses an empty panel, so the count is never 0
  return ratDiv(sum, { n: BigInt(used.length), d: 1n })!;
}

// ---- derived inputs -------------------------------------------------------------------------

const MISSING = 0;

/**
 * Derived inputs in an order where every derived operand comes before its use (cycles are the
 * binder's ZS2009): depth first, each input after what it reads, without recursion (a chain of
 * thousands of derived inputs must not exhaust the stack).
 */
function derivedInOrder(inputs: readonly Input[], index: Map<string, number>): { k: number; input: Input }[] {
  const out: { k: number; input: Input }[] = [];
  const seen = new Uint8Array(inputs.length);
  const reads = (k: number): number[] => {
    const refs: string[] = [];
    const e = inputs[k]!.expression;
    if (e) exprRefs(e, refs);
    return refs.flatMap((name) => {
      const j = index.get(name);
      return j !== undefined && inputs[j]!.kind === "derived" ? [j] : [];
    });
  };
  inputs.forEach((root, r) => {
    if (root.kind !== "derived" || !root.expression || seen[r]) return;
    seen[r] = 1;
    const work = [{ k: r, refs: reads(r), i: 0 }];
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      if (top.i < top.refs.length) {
        const j = top.refs[top.i++]!;
        if (!seen[j]) {
          seen[j] = 1;
          work.push({ k: j, refs: reads(j), i: 0 });
        }
        continue;
      }
      work.pop();
      out.push({ k: top.k, input: inputs[top.k]! });
    }
  });
  return out;
}

/** An expression's structure as text, every operation parenthesised (the reading key compares it). */
function exprKey(e: Expr): string {
  switch (e.kind) {
    case "number":
      return e.value;
    case "ref":
      return `「${e.name.text}」`;
    case "neg":
      return `(-${exprKey(e.operand)})`;
    case "binary":
      return `(${exprKey(e.left)}${e.op}${exprKey(e.right)})`;
  }
}

function exprRefs(e: Expr, out: string[]): void {
  switch (e.kind) {
    case "number":
      return;
    case "ref":
      out.push(e.name.text);
      return;
    case "neg":
      exprRefs(e.operand, out);
      return;
    case "binary":
      exprRefs(e.left, out);
      exprRefs(e.right, out);
      return;
  }
}

/** The exact value of an expression; MISSING when an operand has no value; a string saying why it cannot be computed. */
function evalExpr(e: Expr, values: number[], present: boolean[], derived: (Rational | undefined)[], index: Map<string, number>, digits: number): Rational | string | typeof MISSING {
  switch (e.kind) {
    case "number":
      return rationalOfDecimal(e.value) ?? `数字${e.value}无法读取`;
    case "ref": {
      const i = index.get(e.name.text);
      if (i === undefined || !present[i]) return MISSING;
      return derived[i] ?? { n: BigInt(values[i]!), d: BigInt(pow10(digits)) };
    }
    case "neg": {
      const v = evalExpr(e.operand, values, present, derived, index, digits);
      return typeof v === "object" ? ratNeg(v) : v;
    }
    case "binary": {
      const a = evalExpr(e.left, values, present, derived, index, digits);
      if (typeof a !== "object") return a;
      const b = evalExpr(e.right, values, present, derived, index, digits);
      if (typeof b !== "object") return b;
      switch (e.op) {
        case "+":
          return ratAdd(a, b);
        case "-":
          return ratSub(a, b);
        case "*":
          return ratMul(a, b);
        case "/":
          return ratDiv(a, b) ?? `除数为0（${exprText(e.right)} = 0）`;
      }
    }
  }
}

/** A derived value outside its type's range (a share above 100%) is a data error, never a score. */
function derivedRangeError(input: Input, q: Rational, valueOf: (name: string) => string | undefined): string | undefined {
  const min = input.min ?? (input.type === "percent" || input.type === "count" || input.type === "money" ? "0" : undefined);
  const max = input.max ?? (input.type === "percent" ? "100" : undefined);
  const u = input.unit ?? "";
  const formula = `${input.name} = ${exprText(input.expression!, valueOf)} = ${ratToText(q)}${u}`;
  if (min !== undefined && ratCompare(q, rationalOfDecimal(min)!) < 0) return `${formula}，低于${TYPE_NAME[input.type]}的下限${min}${u}：请核对参与计算的数据`;
  if (max !== undefined && ratCompare(q, rationalOfDecimal(max)!) > 0) return `${formula}，超出${TYPE_NAME[input.type]}的范围${min ?? ""}～${max}${u}：请核对参与计算的数据`;
  return undefined;
}

const OP_TEXT = { "+": "+", "-": "−", "*": "×", "/": "÷" } as const;
const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 } as const;

/**
 * An expression as officers write it: 「专业人员人数 ÷ 从业人数 × 100」; with `value` given, each
 * input is replaced by its value: 「1190 ÷ 2000 × 100」. Parentheses only where precedence needs them.
 */
export function exprText(e: Expr, value?: (name: string) => string | undefined): string {
  switch (e.kind) {
    case "number":
      return e.value;
    case "ref":
      return value?.(e.name.text) ?? e.name.text;
    case "neg": {
      const inner = exprText(e.operand, value);
      return e.operand.kind === "binary" ? `−（${inner}）` : `−${inner}`;
    }
    case "binary": {
      const wrap = (child: Expr, right: boolean) => {
        const text = exprText(child, value);
        if (child.kind !== "binary") return text;
        const p = PRECEDENCE[child.op];
        const q = PRECEDENCE[e.op];
        return p < q || (right && p === q && (e.op === "-" || e.op === "/")) ? `（${text}）` : text;
      };
      return `${wrap(e.left, false)} ${OP_TEXT[e.op]} ${wrap(e.right, true)}`;
    }
  }
}

export { ratToText };
