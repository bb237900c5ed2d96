/**
 * Checked Rubric → Scorer: the reading stage, the generated verdict function and the reference
 * closures, assembled. `compile` runs once per rubric; `score` runs per platform through the
 * generated function and returns the full verdict; `explain` runs the closures for the one
 * platform whose explanation is shown.
 *
 * Each record is scored at the scale its own decimals need (a few variants are compiled lazily
 * and cached), so no caller picks a scale and no record's result depends on another's.
 */
import { fromScaled, MAX_DECIMALS, scaleLimit, toScaled, type Rational } from "../decimal.ts";
import { digitsFor } from "../scale.ts";
import type { Input, Rubric, Rule } from "../model.ts";
import { generateVerdict, type GeneratedVerdict, type VerdictFn } from "./codegen.ts";
import { explainRead, type Explanation } from "./explain.ts";
import {
  buildModel,
  categoryMax,
  categoryScore,
  clampTotal,
  eligibilityOf,
  evalIndicator,
  gradeOf,
  ruleAtScaled,
  scoresOf,
  type Model,
  type Row,
} from "./parts.ts";
import { createReader, NO_EXACT, NO_PRESENT, type FieldError, type ReadRecord, type RecordReader } from "./read.ts";

/** Values of one platform: scaled integers by input index (是 = 1, 否 = 0 for yes/no inputs). */
export type Values = number[];

export interface IndicatorResult {
  path: string;
  name: string;
  category: string;
  score: string | null;
  max: string;
  weight?: string;
}

export interface CategoryResult {
  name: string;
  kind: "category" | "bonus" | "deduction";
  score: string;
  max: string;
}

export interface Verdict {
  platform?: string;
  total: string | null;
  grade: string | null;
  eligible: boolean | null;
  vetoed?: string;
  relaxed?: string[];
  indicators: IndicatorResult[];
  categories: CategoryResult[];
  errors: FieldError[];
}

/**
 * What a table of many platforms shows of a verdict — total, grade, 认定 and category subtotals —
 * filled in by `Scorer.summarizeInto` (one object reused from record to record: no indicator
 * results, nothing allocated but the numbers' text).
 */
export interface VerdictSummary {
  total: string | null;
  grade: string | null;
  eligible: boolean | null;
  /** The veto's label when a 否决 decided the grade (then `grade` is that label too). */
  vetoed: string | undefined;
  /** Subtotals in the order of rubric.categories; empty when the record has errors. */
  categories: string[];
  errors: FieldError[];
}

/** Scores CSV rows by column index, the header bound once. */
export interface RowScorer {
  /** Column of the platform's name, or −1. */
  platformColumn: number;
  /** Why no column names the platform although the header has candidates (two of them). */
  platformColumnError?: string;
  /** Inputs the data must give that the header lacks. */
  missingColumns: string[];
  score(cells: readonly string[]): Verdict;
  explain(cells: readonly string[]): Explanation;
}

export interface Scorer {
  rubric: Rubric;
  /** Decimals of the base scale (records with more decimals are scored at a larger one). */
  digits: number;
  inputs: Input[];
  /** Reads one platform's record (strings, numbers, booleans) into exact values, with per-field errors. */
  read(record: Readonly<Record<string, unknown>>): ReadRecord;
  /** The full verdict of a record, by the generated function. */
  score(record: Readonly<Record<string, unknown>>): Verdict;
  /** The verdict of a record already read. */
  scoreRead(read: ReadRecord): Verdict;
  /** Fills `into` with the verdict's total, grade, 认定 and subtotals (a table of thousands of platforms: no indicator results). */
  summarizeInto(read: ReadRecord, into: VerdictSummary): void;
  /**
   * What `read` depends on (the reader's readingKey and this scorer's scale): records read by a
   * scorer with the same key may be scored by this one without reading them again.
   */
  readingKey: string;
  /**
   * What `summarizeInto` depends on beyond the record read (the reading key, the generated
   * function's source, the grade and veto labels): summaries of records read under one reading
   * key are the same for every scorer with the same scoring key, so a table of them need not be
   * scored again after an edit that left it (a comment, a 描述, a 用例). Undefined when the
   * function calls closures (rules on derived inputs, conditions evaluated exactly), whose
   * behaviour no key captures.
   */
  scoringKey: string | undefined;
  /** The same verdict by the closures that also explain scores (the reference, for tests). */
  referenceScore(record: Readonly<Record<string, unknown>>): Verdict;
  explain(record: Readonly<Record<string, unknown>>): Explanation;
  /** Binds a data file's header once for scoring its rows. */
  bindColumns(header: readonly string[]): RowScorer;
  /** Total (scaled at `digits`) from values at the base scale, by the generated function. */
  total(values: Values, present?: boolean[], derived?: (Rational | undefined)[]): number;
  /** The same total by the closures. */
  referenceTotal(values: Values, present?: boolean[], derived?: (Rational | undefined)[]): number;
  /** Score of one indicator (scaled) from values at the base scale. */
  indicatorScore(path: string, values: Values, present?: boolean[]): number | undefined;
  /** The value of each rule of an indicator as a function of its subject's scaled value (checker, curve). */
  ruleFunctions(path: string): { rule: Rule; value: (x: number) => number }[];
  format(n: number): string;
  scale(value: string): number | undefined;
  /** The same rubric at a larger scale (tests: results must not change). */
  atDigits(digits: number): Scorer;
}

/** One scale's compiled forms. */
interface Variant {
  digits: number;
  model: Model;
  gen: GeneratedVerdict;
  /** The function this variant scores with: the shared factory's, then after LITERAL_AFTER records its own literal one. */
  fn: VerdictFn;
  /** Records scored so far, up to LITERAL_AFTER. */
  calls: number;
  out: Float64Array;
  /** Per indicator slot: its result's fixed fields. */
  indicatorInfo: { path: string; name: string; category: string; max: string; weight: string | undefined; slot: number }[][];
  categoryInfo: { name: string; kind: "category" | "bonus" | "deduction"; max: string; pending: { path: string; name: string }[] }[];
}

function makeVariant(rubric: Rubric, digits: number): Variant {
  const model = buildModel(rubric, digits);
  const gen = generateVerdict(rubric, model);
  const slotOf = new Map(gen.layout.indicators.map((ind, k) => [ind.path, k]));
  return {
    digits,
    model,
    gen,
    fn: gen.fn,
    calls: 0,
    out: new Float64Array(gen.layout.size),
    indicatorInfo: model.categories.map((c) =>
      c.indicators.map((f) => ({
        path: f.indicator.path,
        name: f.indicator.name,
        category: c.category.name,
        max: f.indicator.max ?? c.category.cap ?? "0",
        weight: f.indicator.weight,
        slot: slotOf.get(f.indicator.path)!,
      })),
    ),
    categoryInfo: model.categories.map((c) => ({
      name: c.category.name,
      kind: c.category.kind,
      max: categoryMax(c.category, model.ctx),
      pending: c.category.indicators.filter((i) => i.pending).map((i) => ({ path: i.path, name: i.name })),
    })),
  };
}

function errorVerdict(rubric: Rubric, read: ReadRecord): Verdict {
  const indicators: IndicatorResult[] = rubric.indicators.map((ind) => ({ path: ind.path, name: ind.name, category: ind.category, score: null, max: ind.max ?? "0", ...(ind.weight ? { weight: ind.weight } : {}) }));
  return { ...(read.platform !== undefined ? { platform: read.platform } : {}), total: null, grade: null, eligible: null, indicators, categories: [], errors: read.errors };
}

/**
 * Records a variant scores through the shared factory's function before it takes its own with the
 * numbers as literals. An editor's version scores its sample data (10,000 platforms at most in the
 * workbench) with code the engine has already optimised for the source; a batch longer than that
 * pays one cold start for the faster literal function.
 */
const LITERAL_AFTER = 20_000;

/** The variant's verdict function for the next record. */
function verdictFn(v: Variant): VerdictFn {
  if (v.calls < LITERAL_AFTER && ++v.calls === LITERAL_AFTER) v.fn = v.gen.literal();
  return v.fn;
}

/** The grade (or veto label) in the generated function's output array. */
function gradeFromOut(rubric: Rubric, v: Variant): string | null {
  const out = v.out;
  const L = v.gen.layout;
  const veto = out[L.veto]!;
  return veto >= 0 ? rubric.vetoes[veto]!.label : out[L.grade]! >= 0 ? rubric.grades[out[L.grade]!]!.label : null;
}

/** The verdict from the generated function's output array. */
function verdictFromOut(rubric: Rubric, v: Variant, read: ReadRecord): Verdict {
  const out = v.out;
  const L = v.gen.layout;
  const d = v.digits;
  const indicators: IndicatorResult[] = [];
  const categories: CategoryResult[] = new Array(v.categoryInfo.length);
  for (let c = 0; c < v.categoryInfo.length; c++) {
    const cat = v.categoryInfo[c]!;
    for (const info of v.indicatorInfo[c]!) {
      const r: IndicatorResult = { path: info.path, name: info.name, category: info.category, score: fromScaled(out[info.slot]!, d), max: info.max };
      if (info.weight) r.weight = info.weight;
      indicators.push(r);
    }
    for (const p of cat.pending) indicators.push({ path: p.path, name: p.name, category: cat.name, score: null, max: "0" });
    categories[c] = { name: cat.name, kind: cat.kind, score: fromScaled(out[L.categoryStart + c]!, d), max: cat.max };
  }
  const veto = out[L.veto]!;
  const grade = gradeFromOut(rubric, v);
  const e = out[L.eligible]!;
  const relaxed = e === 1 && L.relaxedLabels.length > 0 ? L.relaxedLabels.filter((_, k) => out[L.relaxedStart + k] === 1) : [];
  // fields assigned one by one in the reference's order (object spreads cost more than the scoring itself)
  const verdict = {} as Verdict;
  if (read.platform !== undefined) verdict.platform = read.platform;
  verdict.total = fromScaled(out[L.total]!, d);
  verdict.grade = grade;
  verdict.eligible = e < 0 ? null : e === 1;
  if (veto >= 0) verdict.vetoed = grade!;
  if (relaxed.length > 0) verdict.relaxed = relaxed;
  verdict.indicators = indicators;
  verdict.categories = categories;
  verdict.errors = [];
  return verdict;
}

/** The summary of a verdict, from the output array, into `into`. */
function summaryFromOut(rubric: Rubric, v: Variant, into: VerdictSummary): void {
  const out = v.out;
  const L = v.gen.layout;
  const d = v.digits;
  const n = v.categoryInfo.length;
  into.categories.length = n;
  for (let c = 0; c < n; c++) into.categories[c] = fromScaled(out[L.categoryStart + c]!, d);
  const grade = gradeFromOut(rubric, v);
  const e = out[L.eligible]!;
  into.total = fromScaled(out[L.total]!, d);
  into.grade = grade;
  into.eligible = e < 0 ? null : e === 1;
  into.vetoed = out[L.veto]! >= 0 ? grade! : undefined;
  into.errors = NO_ERRORS;
}

/** A scored record's errors: none (one array shared by every summary, so frozen: a consumer that pushed into it would give every later record that error). */
const NO_ERRORS: FieldError[] = Object.freeze([]) as unknown as FieldError[];

/** A summary saying why a record is not scored. */
function errorSummary(errors: FieldError[], into: VerdictSummary): void {
  into.total = null;
  into.grade = null;
  into.eligible = null;
  into.vetoed = undefined;
  into.categories.length = 0;
  into.errors = errors;
}

/** The verdict by the reference closures. */
function referenceVerdict(rubric: Rubric, v: Variant, read: ReadRecord): Verdict {
  const m = v.model;
  const fmt = (n: number) => fromScaled(n, v.digits);
  const indicators: IndicatorResult[] = [];
  const categories: CategoryResult[] = [];
  let t = 0;
  m.categories.forEach((c, k) => {
    const scores: number[] = [];
    const s = categoryScore(c, read, m.ctx, scores);
    t += s;
    c.indicators.forEach((f, j) => {
      const r: IndicatorResult = { path: f.indicator.path, name: f.indicator.name, category: c.category.name, score: fmt(scores[j]!), max: f.indicator.max ?? c.category.cap ?? "0" };
      if (f.indicator.weight) r.weight = f.indicator.weight;
      indicators.push(r);
    });
    for (const p of v.categoryInfo[k]!.pending) indicators.push({ path: p.path, name: p.name, category: c.category.name, score: null, max: "0" });
    categories.push({ name: c.category.name, kind: c.category.kind, score: fmt(s), max: v.categoryInfo[k]!.max });
  });
  const scores = scoresOf(m, read);
  const g = gradeOf(m, scores, read);
  const e = eligibilityOf(m, read, scores);
  return {
    ...(read.platform !== undefined ? { platform: read.platform } : {}),
    total: fmt(clampTotal(t)),
    grade: g.grade,
    eligible: e.eligible,
    ...(g.vetoed ? { vetoed: g.vetoed } : {}),
    ...(e.relaxed ? { relaxed: e.relaxed } : {}),
    indicators,
    categories,
    errors: [],
  };
}

/**
 * A scorer's scoring key (see Scorer.scoringKey). The base scale's source stands for every scale:
 * every number of the rubric is exact at the base scale, so equal constants there are equal values,
 * and equal values give equal constants (and the same out-of-range refusals) at any larger scale.
 */
function scoringKeyOf(rubric: Rubric, readingKey: string, gen: GeneratedVerdict): string | undefined {
  if (gen.helpers.r.length > 0 || gen.helpers.c.length > 0) return undefined;
  const labels = JSON.stringify([rubric.grades.map((g) => g.label), rubric.vetoes.map((v) => v.label)]);
  return `${readingKey}\n${labels}\n${gen.source}\n${gen.constants.join(",")}`;
}

/** Compiles a checked rubric (one without errors) into a scorer. */
export function compile(rubric: Rubric, options: { dataDigits?: number } = {}): Scorer {
  const reader = createReader(rubric);
  const variants = new Map<number, Variant | string>();
  /** The rubric at a scale, or why it cannot be scored there (a number of the rubric too large for it). */
  const variant = (digits: number): Variant | string => {
    let v = variants.get(digits);
    if (v === undefined) {
      try {
        v = makeVariant(rubric, digits);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        v = `数据的小数位数较多，需按${digits}位小数计算，而评价体系中的数字在这一精度下超出可精确计算的范围（绝对值不能超过${scaleLimit(digits)}）：请减少数据的小数位数`;
      }
      variants.set(digits, v);
    }
    return v;
  };
  // a caller's data decimals only set the smallest scale; every record still picks its own
  const base = options.dataDigits === undefined ? reader.baseDigits : digitsFor(reader.decimals, Math.min(options.dataDigits, MAX_DECIMALS));
  return scorerAt(rubric, reader, variant, base);
}

function scorerAt(rubric: Rubric, reader: RecordReader, variant: (digits: number) => Variant | string, digits: number): Scorer {
  const found = variant(digits);
  // the base scale holds every number of a rubric without errors (the binder checked them)
  if (typeof found === "string") throw new RangeError(`internal: ${found}`);
  const baseVariant = found;
  /** The variant a record needs, or an error verdict saying why there is none. */
  const at = (read: ReadRecord): Variant | Verdict => {
    const v = variant(read.digits);
    return typeof v === "string" ? errorVerdict(rubric, { ...read, errors: [{ field: "小数位数", message: v }] }) : v;
  };
  const row = (values: Values, present: boolean[] = [], derived: (Rational | undefined)[] = []): Row => ({ values, present, derived });

  const scoreRead = (read: ReadRecord): Verdict => {
    if (read.errors.length > 0) return errorVerdict(rubric, read);
    const v = at(read);
    if (!("gen" in v)) return v;
    verdictFn(v)(read.values, read.present, read.derived, v.out, v.gen.helpers);
    return verdictFromOut(rubric, v, read);
  };
  const summarizeInto = (read: ReadRecord, into: VerdictSummary): void => {
    if (read.errors.length > 0) return errorSummary(read.errors, into);
    const v = at(read);
    if (!("gen" in v)) return errorSummary(v.errors, into);
    verdictFn(v)(read.values, read.present, read.derived, v.out, v.gen.helpers);
    summaryFromOut(rubric, v, into);
  };
  const explainOf = (read: ReadRecord): Explanation => {
    if (read.errors.length > 0) return explainRead(rubric, baseVariant.model, read);
    const v = at(read);
    return "gen" in v ? explainRead(rubric, v.model, read) : explainRead(rubric, baseVariant.model, { ...read, errors: v.errors });
  };

  const scorer: Scorer = {
    rubric,
    digits,
    inputs: rubric.inputs,
    read: (record) => reader.read(record, digits),
    score: (record) => scoreRead(reader.read(record, digits)),
    scoreRead,
    summarizeInto,
    readingKey: `${reader.readingKey}@${digits}`,
    scoringKey: scoringKeyOf(rubric, `${reader.readingKey}@${digits}`, baseVariant.gen),
    referenceScore: (record) => {
      const read = reader.read(record, digits);
      if (read.errors.length > 0) return errorVerdict(rubric, read);
      const v = at(read);
      return "gen" in v ? referenceVerdict(rubric, v, read) : v;
    },
    explain: (record) => explainOf(reader.read(record, digits)),
    bindColumns(header) {
      const cols = reader.bindColumns(header, digits);
      return {
        platformColumn: cols.platformColumn,
        ...(cols.platformColumnError !== undefined ? { platformColumnError: cols.platformColumnError } : {}),
        missingColumns: cols.missingColumns,
        score: (cells) => scoreRead(cols.read(cells)),
        explain: (cells) => explainOf(cols.read(cells)),
      };
    },
    total: (values, present, derived) => {
      // the tightest loop there is (totals alone, record after record): the literal function from the first call, nothing counted
      const fn = baseVariant.gen.literal();
      scorer.total = (values, present = NO_PRESENT, derived = NO_EXACT) => fn(values, present, derived, baseVariant.out, baseVariant.gen.helpers);
      return scorer.total(values, present, derived);
    },
    referenceTotal: (values, present, derived) => {
      const r = row(values, present, derived);
      let t = 0;
      for (const c of baseVariant.model.categories) t += categoryScore(c, r, baseVariant.model.ctx);
      return clampTotal(t);
    },
    indicatorScore: (path, values, present) => {
      const f = baseVariant.model.byPath.get(path);
      return f ? evalIndicator(f, row(values, present)) : undefined;
    },
    ruleFunctions: (path) => baseVariant.model.byPath.get(path)?.rules.map((r) => ({ rule: r.rule, value: ruleAtScaled(r, baseVariant.model.ctx) })) ?? [],
    format: (n) => fromScaled(n, digits),
    scale: (value) => toScaled(value, digits),
    atDigits: (d) => scorerAt(rubric, reader, variant, d),
  };
  return scorer;
}
