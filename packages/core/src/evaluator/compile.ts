/**
 * Checked Rubric → closures over scaled integers. Built only from the model (never from
 * source text); `compile` runs once per rubric and dataset, `score` runs per platform.
 * The explanation of a score calls the very same closures, so the two cannot disagree.
 */
import type { Reading } from "../ast.ts";
import { decimalsOf, fromScaled, MAX_SCALE_DIGITS, mulDivRound, mulScaled, toScaled } from "../decimal.ts";
import type { Condition, Indicator, Input, Interval, Part, Rubric, Rule } from "../model.ts";
import { generateTotal, HELPERS } from "./codegen.ts";
import { indicatorNumbers } from "../model-walk.ts";

/** Values of one platform: scaled integers by input index (是 = 1, 否 = 0 for yes/no inputs). */
export type Values = number[];

export interface Explanation {
  label: string;
  text: string;
  score?: string;
  max?: string;
  children: Explanation[];
}

/** Whether an explanation's sentence already starts with its label as a word (「网站日常维护为「是」…」). */
export function namesItself(e: Explanation): boolean {
  return e.text.startsWith(e.label) && /^([ ：为]|$)/.test(e.text.slice(e.label.length));
}

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
  kind: "category" | "bonus";
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
  errors: { field: string; message: string }[];
}

interface Ctx {
  digits: number;
  f: number;
  precision: number;
}

const fmt = (n: number, ctx: Ctx) => fromScaled(n, ctx.digits);

interface PartFn {
  eval(x: number): number;
  explain(x: number, subject: string): string;
}

function scaled(value: string, ctx: Ctx): number {
  const n = toScaled(value, ctx.digits);
  if (n === undefined) throw new RangeError(`internal: ${value} does not fit scale ${ctx.digits}`);
  return n;
}

/** Whether x lies in the interval (ends closed or open as written). */
export function inInterval(x: number, lo: number | undefined, loClosed: boolean, hi: number | undefined, hiClosed: boolean): boolean {
  if (lo !== undefined && (loClosed ? x < lo : x <= lo)) return false;
  if (hi !== undefined && (hiClosed ? x > hi : x >= hi)) return false;
  return true;
}

function intervalFn(interval: Interval, ctx: Ctx): (x: number) => boolean {
  const lo = interval.lo && scaled(interval.lo.value, ctx);
  const hi = interval.hi && scaled(interval.hi.value, ctx);
  const loC = interval.lo?.closed ?? true;
  const hiC = interval.hi?.closed ?? true;
  return (x) => inInterval(x, lo, loC, hi, hiC);
}

/** Whole steps in `amount` under a reading: the one place the partial-step rule lives. */
export function countSteps(amount: number, step: number, reading: Reading): number {
  if (amount <= 0) return 0;
  return reading === "ceil" ? Math.ceil(amount / step) : Math.floor(amount / step);
}

const READING_TEXT: Record<Reading, string> = { floor: "不足一档不计", ceil: "不足一档按一档计", proRata: "按比例计" };

function unitText(u: string | undefined): string {
  return u ?? "";
}

function compilePart(part: Part, indicatorMax: number, ctx: Ctx): PartFn {
  switch (part.kind) {
    case "tiers": {
      const tiers = part.tiers.map((t) => ({ test: intervalFn(t.interval, ctx), points: scaled(t.points, ctx), text: t.interval.text }));
      const evalTiers = (x: number) => {
        let best = 0;
        for (const t of tiers) if (t.points > best && t.test(x)) best = t.points;
        return best;
      };
      return {
        eval: evalTiers,
        explain: (x) => {
          const v = evalTiers(x);
          const hit = tiers.find((t) => t.points === v && t.test(x));
          return hit ? `${hit.text}，得${fmt(v, ctx)}分` : `未达到任何一档（${tiers.map((t) => t.text).join("；")}），得0分`;
        },
      };
    }
    case "add": {
      const test = intervalFn(part.interval, ctx);
      const points = scaled(part.points, ctx);
      return {
        eval: (x) => (test(x) ? points : 0),
        explain: (x) => (test(x) ? `${part.interval.text}，加${part.points}分` : `不满足「${part.interval.text}」，不加分`),
      };
    }
    case "flag": {
      const points = scaled(part.points, ctx);
      return {
        eval: (x) => (x !== 0 ? points : 0),
        explain: (x, subject) => (x !== 0 ? `${subject}为「是」，得${part.points}分` : `${subject}为「否」，不得分`),
      };
    }
    case "stepDeduction": {
      const t = scaled(part.threshold.value, ctx);
      const closed = part.threshold.closed;
      const full = scaled(part.full, ctx);
      const step = scaled(part.step, ctx);
      const per = scaled(part.per, ctx);
      const u = unitText(part.unit);
      const deduction = (x: number) => {
        const short = t - x;
        if (part.reading === "proRata") return mulDivRound(per, short, step, ctx.digits, ctx.precision);
        return per * countSteps(short, step, part.reading);
      };
      const evalStep = (x: number) => {
        if (closed ? x >= t : x > t) return full;
        const v = full - deduction(x);
        return v > 0 ? v : 0;
      };
      return {
        eval: evalStep,
        explain: (x, subject) => {
          const v = evalStep(x);
          if (closed ? x >= t : x > t) return `${subject} ${fmt(x, ctx)}${u}，${part.thresholdText}，得${part.full}分`;
          const short = t - x;
          const d = deduction(x);
          if (d === 0) return `${subject} ${fmt(x, ctx)}${u}，比${part.threshold.value}少${fmt(short, ctx)}${u}，不满一档（每少${part.step}${u}减${part.per}分，${READING_TEXT[part.reading]}），不扣分，得${fmt(v, ctx)}分`;
          const steps = part.reading === "proRata" ? "" : `${countSteps(short, step, part.reading)}档`;
          return `${subject} ${fmt(x, ctx)}${u}，比${part.threshold.value}少${fmt(short, ctx)}${u}，按每少${part.step}${u}减${part.per}分（${READING_TEXT[part.reading]}）扣${steps ? steps + "共" : ""}${fmt(d, ctx)}分，得${fmt(v, ctx)}分`;
        },
      };
    }
    case "increments": {
      const from = scaled(part.from.value, ctx);
      const closed = part.from.closed;
      const step = scaled(part.step, ctx);
      const points = scaled(part.points, ctx);
      const u = unitText(part.unit);
      const evalInc = (x: number) => {
        if (closed ? x < from : x <= from) return 0;
        if (part.reading === "proRata") return mulDivRound(points, x - from, step, ctx.digits, ctx.precision);
        return points * countSteps(x - from, step, part.reading);
      };
      return {
        eval: evalInc,
        explain: (x) => {
          if (closed ? x < from : x <= from) return `未${part.fromText}，不加分`;
          return `${part.fromText}后多${fmt(x - from, ctx)}${u}，每增加${part.step}${u}加${part.points}分，加${fmt(evalInc(x), ctx)}分`;
        },
      };
    }
    case "perItem": {
      const per = scaled(part.per, ctx);
      const points = scaled(part.points, ctx);
      const u = unitText(part.unit);
      const evalPer = (x: number) => points * countSteps(x, per, "floor");
      return {
        eval: evalPer,
        explain: (x, subject) => `${subject} ${fmt(x, ctx)}${u}，每${part.per === "1" ? "" : part.per}${u}加${part.points}分，共${fmt(evalPer(x), ctx)}分`,
      };
    }
    case "countDeduction": {
      const per = scaled(part.per, ctx);
      const points = scaled(part.points, ctx);
      const u = unitText(part.unit);
      const evalDed = (x: number) => -points * countSteps(x, per, "floor");
      return {
        eval: evalDed,
        explain: (x, subject) => `${subject} ${fmt(x, ctx)}${u}，每${part.per === "1" ? "" : part.per}${u}减${part.points}分，扣${fmt(-evalDed(x), ctx)}分`,
      };
    }
    case "expert":
    case "discretionary":
      return {
        eval: (x) => x,
        explain: (x, subject) => `${subject}：${part.kind === "expert" ? "综合评定" : "酌情加分"}${fmt(x, ctx)}分`,
      };
    case "baseline": {
      const base = scaled(part.base, ctx);
      const full = scaled(part.full, ctx);
      const between = part.between === "linear" ? undefined : scaled(part.between, ctx);
      const u = unitText(part.unit);
      const evalBase = (x: number) => {
        if (x < base) return 0;
        if (x >= full) return indicatorMax;
        return between ?? mulDivRound(indicatorMax, x - base, full - base, ctx.digits, ctx.precision);
      };
      return {
        eval: evalBase,
        explain: (x) => {
          if (x < base) return `${fmt(x, ctx)}${u}，低于基准值${part.base}${u}，得0分`;
          if (x >= full) return `${fmt(x, ctx)}${u}，达到满分值${part.full}${u}，得满分${fmt(indicatorMax, ctx)}分`;
          if (between !== undefined) return `${fmt(x, ctx)}${u}，在基准值${part.base}${u}与满分值${part.full}${u}之间，得${part.between}分`;
          return `${fmt(x, ctx)}${u}，在基准值${part.base}${u}与满分值${part.full}${u}之间按线性计：${fmt(indicatorMax, ctx)}×(${fmt(x, ctx)}−${part.base})÷(${part.full}−${part.base})，保留${ctx.precision}位小数得${fmt(evalBase(x), ctx)}分`;
        },
      };
    }
  }
}

interface RuleFn {
  subjects: number[];
  /** Inputs that must be 是 for this sentence to count (（需提供 …）). */
  requires: number[];
  chooseOne: boolean;
  parts: PartFn[];
  atMost: number | undefined;
  rule: Rule;
}

function compileRule(rule: Rule, indicatorMax: number, index: Map<string, number>, ctx: Ctx): RuleFn {
  return {
    subjects: rule.subjects.map((s) => index.get(s.name)!),
    requires: rule.requires.map((s) => index.get(s.name)!),
    chooseOne: rule.chooseOne,
    parts: rule.parts.map((p) => compilePart(p, indicatorMax, ctx)),
    atMost: rule.atMost === undefined ? undefined : scaled(rule.atMost, ctx),
    rule,
  };
}

/** The value a rule reads: its subject, or for 选其一 the one alternative that was filled in. */
function subjectValue(r: RuleFn, values: Values, present: boolean[]): { value: number; index: number } {
  if (!r.chooseOne) return { value: values[r.subjects[0]!]!, index: r.subjects[0]! };
  for (const i of r.subjects) if (present[i]) return { value: values[i]!, index: i };
  return { value: 0, index: r.subjects[0]! };
}

function evalRule(r: RuleFn, x: number): number {
  let v = 0;
  for (const p of r.parts) v += p.eval(x);
  if (r.atMost !== undefined && v > r.atMost) v = r.atMost;
  return v;
}

function conditionFn(c: Condition, index: Map<string, number>, ctx: Ctx): (v: Values) => boolean {
  if (c.kind === "compare") {
    const i = index.get(c.input.name)!;
    const test = intervalFn(c.interval, ctx);
    return (v) => test(v[i]!);
  }
  const idx = c.inputs.map((x) => index.get(x.name)!);
  return (v) => idx.some((i) => v[i] !== 0);
}

function conditionText(c: Condition, v: Values, index: Map<string, number>, ctx: Ctx): string {
  if (c.kind === "compare") {
    const i = index.get(c.input.name)!;
    return `${c.input.name} ${fmt(v[i]!, ctx)}${c.input.unit ?? ""}，${c.interval.text}`;
  }
  return c.inputs.map((x) => `${x.name}为「${v[index.get(x.name)!] ? "是" : "否"}」`).join("、");
}

interface IndicatorFn {
  indicator: Indicator;
  max: number | undefined;
  weight: number | undefined;
  rules: RuleFn[];
  cap: number | undefined;
  vetoes: { test: (v: Values) => boolean; condition: Condition }[];
  requires: number[];
}

/** Whether a sentence's own required evidence is missing. */
function lacks(r: RuleFn, values: Values): boolean {
  for (const i of r.requires) if (values[i] === 0) return true;
  return false;
}

function evalIndicator(ind: IndicatorFn, values: Values, present: boolean[]): number {
  let evidenceMissing = false;
  for (const r of ind.requires) if (values[r] === 0) evidenceMissing = true;
  let v = ind.indicator.startsFull && ind.max !== undefined ? ind.max : 0;
  for (const r of ind.rules) v += evalRule(r, evidenceMissing || lacks(r, values) ? 0 : subjectValue(r, values, present).value);
  if (ind.cap !== undefined && v > ind.cap) v = ind.cap;
  if (ind.max !== undefined && !ind.indicator.bonus && v > ind.max) v = ind.max;
  if (v < 0) v = 0;
  for (const veto of ind.vetoes) if (veto.test(values)) return 0;
  return v;
}

export interface ScoreOptions {
  /** Decimals the data may carry; picks the scale together with the rubric's own numbers. */
  dataDigits?: number;
}

export interface Scorer {
  rubric: Rubric;
  /** Decimals of the scale (values are integers counting 10^-digits). */
  digits: number;
  inputs: Input[];
  /** Reads one platform's record (strings, numbers, booleans) into scaled values, with per-field errors. */
  read(record: Record<string, unknown>): { values: Values; present: boolean[]; errors: { field: string; message: string }[]; platform?: string };
  /** Fast path: total (scaled) from already-read values, by the generated function. */
  total(values: Values, present?: boolean[]): number;
  /** The same total by the closure evaluator that also explains scores (the reference). */
  referenceTotal(values: Values, present?: boolean[]): number;
  score(record: Record<string, unknown>): Verdict;
  explain(record: Record<string, unknown>): Explanation;
  /** Score of one indicator (scaled) from values. */
  indicatorScore(path: string, values: Values, present?: boolean[]): number | undefined;
  /** The value of each rule of an indicator as a function of its subject (for the checker and the curve view). */
  ruleFunctions(path: string): { rule: Rule; value: (x: number) => number }[];
  format(n: number): string;
  scale(value: string): number | undefined;
}

function literalDigits(rubric: Rubric): { lits: number; weights: number } {
  const weightValues = rubric.categories.flatMap((c) => [c.weight, ...c.indicators.map((i) => i.weight)]).filter((w): w is string => w !== undefined);
  const values = [
    ...rubric.inputs.flatMap((i) => [i.min, i.max]),
    ...rubric.categories.flatMap((c) => [c.points, c.cap]),
    ...rubric.indicators.flatMap((ind) => indicatorNumbers({ ...ind, weight: undefined })),
    ...rubric.grades.flatMap((g) => [g.interval.lo?.value, g.interval.hi?.value]),
  ].filter((v): v is string => v !== undefined);
  return { lits: Math.max(0, ...values.map(decimalsOf)), weights: Math.max(0, ...weightValues.map(decimalsOf)) };
}

/** Picks the scale for a rubric and dataset: exact for every sum, step and weighted product. */
export function chooseDigits(rubric: Rubric, dataDigits = 2): number {
  const { lits, weights } = literalDigits(rubric);
  return Math.min(MAX_SCALE_DIGITS, Math.max(lits, rubric.precision, dataDigits) + weights);
}

const YES = new Set(["是", "true", "TRUE", "True", "1", "有", "√", "Y", "y", "yes"]);
const NO = new Set(["否", "false", "FALSE", "False", "0", "无", "×", "N", "n", "no", ""]);


/** Compiles a checked rubric into a scorer. */
export function compile(rubric: Rubric, options: ScoreOptions = {}): Scorer {
  const digits = chooseDigits(rubric, options.dataDigits);
  const ctx: Ctx = { digits, f: 10 ** digits, precision: rubric.precision };
  const inputs = rubric.inputs;
  const index = new Map(inputs.map((i, n) => [i.name, n]));
  const bounds = inputs.map((i) => ({
    min: i.min === undefined ? undefined : toScaled(i.min, digits),
    max: i.max === undefined ? undefined : toScaled(i.max, digits),
  }));
  const requiredNames = new Set(rubric.indicators.flatMap((ind) => [...ind.requires, ...ind.rules.flatMap((r) => r.requires)].map((i) => i.name)));
  const unrequiredEvidence = new Set(inputs.filter((i) => i.kind === "evidence" && !requiredNames.has(i.name)).map((i) => i.name));
  const chooseOneMembers = new Set(rubric.indicators.flatMap((ind) => ind.rules.filter((r) => r.chooseOne).flatMap((r) => r.subjects.map((s) => s.name))));

  const indicatorFns: IndicatorFn[] = rubric.indicators
    .filter((ind) => !ind.pending)
    .map((ind) => {
      const max = ind.max === undefined ? undefined : scaled(ind.max, ctx);
      return {
        indicator: ind,
        max,
        weight: ind.weight === undefined ? undefined : scaled(ind.weight, ctx),
        rules: ind.rules.map((r) => compileRule(r, max ?? 0, index, ctx)),
        cap: ind.cap === undefined ? undefined : scaled(ind.cap, ctx),
        vetoes: ind.vetoes.map((v) => ({ test: conditionFn(v.condition, index, ctx), condition: v.condition })),
        requires: ind.requires.map((r) => index.get(r.name)!),
      };
    });
  const byPath = new Map(indicatorFns.map((f) => [f.indicator.path, f]));
  const categoryFns = rubric.categories.map((c) => ({
    category: c,
    indicators: indicatorFns.filter((f) => f.indicator.category === c.name),
    cap: c.cap === undefined ? undefined : scaled(c.cap, ctx),
  }));
  const grades = rubric.grades.map((g) => ({ label: g.label, test: intervalFn(g.interval, ctx) }));
  const vetoes = rubric.vetoes.map((v) => ({ label: v.label, test: conditionFn(v.condition, index, ctx), condition: v.condition }));
  const eligibility = rubric.eligibility && {
    rules: rubric.eligibility.rules.map((r) => ({ rule: r, test: conditionFn(r.condition, index, ctx) })),
    relaxations: rubric.eligibility.relaxations.map((r) => ({ relaxation: r, flag: index.get(r.flag.name)! })),
  };
  const derived = inputs.map((i, n) => ({ input: i, n })).filter((x) => x.input.kind === "derived" && x.input.expression);

  /** Contribution of an indicator to its category: points, or weight × score for weighted rubrics. */
  const contribution = (f: IndicatorFn, s: number) => {
    if (f.weight === undefined) return s;
    const ws = mulScaled(f.weight, s, digits);
    const scaleMax = f.max ?? 100 * ctx.f;
    return scaleMax === 100 * ctx.f ? ws : mulDivRound(ws, 100 * ctx.f, scaleMax, digits, digits);
  };

  function categoryScore(c: (typeof categoryFns)[number], values: Values, present: boolean[], out?: number[]): number {
    let sum = 0;
    for (const f of c.indicators) {
      const s = evalIndicator(f, values, present);
      out?.push(s);
      sum += contribution(f, s);
    }
    if (c.cap !== undefined && sum > c.cap) sum = c.cap;
    return sum;
  }

  const fastTotal = generateTotal(rubric, digits, index);

  function total(values: Values, present: boolean[] = []): number {
    let sum = 0;
    for (const c of categoryFns) sum += categoryScore(c, values, present);
    return sum;
  }

  function read(record: Record<string, unknown>) {
    const values: Values = new Array(inputs.length).fill(0);
    const present: boolean[] = new Array(inputs.length).fill(false);
    const errors: { field: string; message: string }[] = [];
    const nameValue = record["名称"] ?? record["platform"] ?? record["平台名称"];
    const platform = nameValue === undefined || nameValue === null ? undefined : String(nameValue);
    inputs.forEach((input, n) => {
      if (input.kind === "derived" || input.type === "text") return;
      const raw = record[input.name];
      const missing = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
      if (missing) {
        // an attachment on the checklist that no indicator requires may be absent from the data
        if (!chooseOneMembers.has(input.name) && !unrequiredEvidence.has(input.name)) errors.push({ field: input.name, message: `缺少「${input.name}」的数据` });
        return;
      }
      present[n] = true;
      if (input.type === "yesno") {
        const s = typeof raw === "boolean" ? (raw ? "是" : "否") : String(raw).trim();
        if (YES.has(s)) values[n] = 1;
        else if (NO.has(s)) values[n] = 0;
        else errors.push({ field: input.name, message: `「${input.name}」应填「是」或「否」，实际为「${s}」` });
        return;
      }
      const text = typeof raw === "number" ? (Number.isFinite(raw) ? numberToDecimal(raw) : "") : String(raw).trim().replace(/[,，]/g, "").replace(/[%％]$/, "");
      const v = toScaled(text, digits);
      if (v === undefined) {
        const tooPrecise = /^[+-]?\d+\.\d+$/.test(text);
        errors.push({
          field: input.name,
          message: tooPrecise ? `「${input.name}」的值「${String(raw)}」小数位数超过${digits}位` : `「${input.name}」应为数字，实际为「${String(raw)}」`,
        });
        return;
      }
      const b = bounds[n]!;
      const u = input.unit ?? "";
      if (input.type === "count" && v % ctx.f !== 0) errors.push({ field: input.name, message: `「${input.name}」是计数，应为整数，实际为${fromScaled(v, digits)}` });
      else if (b.min !== undefined && v < b.min) {
        errors.push({
          field: input.name,
          message: v < 0 && (input.type === "count" || input.type === "money") ? `「${input.name}」不能为负数（${fromScaled(v, digits)}${u}）` : `「${input.name}」为${fromScaled(v, digits)}${u}，低于范围下限${input.min}${u}`,
        });
      } else if (b.max !== undefined && v > b.max) {
        errors.push({ field: input.name, message: `「${input.name}」为${fromScaled(v, digits)}${u}，超出范围${input.min ?? ""}～${input.max}${u}` });
      } else values[n] = v;
    });
    for (const ind of rubric.indicators) {
      for (const r of ind.rules) {
        if (!r.chooseOne) continue;
        const filled = r.subjects.filter((s) => present[index.get(s.name)!]);
        if (filled.length !== 1) {
          errors.push({
            field: r.subjects.map((s) => s.name).join("、"),
            message: filled.length === 0 ? `选其一：「${r.subjects.map((s) => s.name).join("」「")}」须填写其中一项` : `选其一：只能填写一项，实际填写了「${filled.map((s) => s.name).join("」「")}」`,
          });
        }
      }
    }
    // derived inputs, in declaration order (references to later derived inputs resolve on a second pass)
    for (let pass = 0; pass < 2; pass++) {
      for (const { input, n } of derived) {
        const r = evalExpr(input.expression!, values, present, index, ctx);
        if (typeof r === "number") {
          values[n] = r;
          present[n] = true;
        } else if (pass === 1 && !errors.some((e) => e.field === input.name)) {
          if (r.reason !== "missing") errors.push({ field: input.name, message: `无法计算「${input.name}」：${r.reason}` });
        }
      }
    }
    return { values, present, errors, ...(platform !== undefined ? { platform } : {}) };
  }

  function gradeOf(t: number, values: Values): { grade: string | null; vetoed?: string } {
    for (const v of vetoes) if (v.test(values)) return { grade: v.label, vetoed: v.label };
    for (const g of grades) if (g.test(t)) return { grade: g.label };
    return { grade: null };
  }

  function eligibilityOf(values: Values): { eligible: boolean | null; relaxed?: string[] } {
    if (!eligibility) return { eligible: null };
    const relaxedLabels = new Set(eligibility.relaxations.filter((r) => values[r.flag] !== 0).flatMap((r) => r.relaxation.relaxed));
    const relaxed = new Set<string>();
    let ok = true;
    for (const r of eligibility.rules) {
      if (r.test(values)) continue;
      if (r.rule.label !== undefined && relaxedLabels.has(r.rule.label)) relaxed.add(r.rule.label);
      else ok = false;
    }
    // a relaxation is recorded only when it decided the outcome
    return ok && relaxed.size > 0 ? { eligible: ok, relaxed: [...relaxed] } : { eligible: ok };
  }

  function score(record: Record<string, unknown>): Verdict {
    const { values, present, errors, platform } = read(record);
    const base = platform !== undefined ? { platform } : {};
    const indicators: IndicatorResult[] = [];
    const categories: CategoryResult[] = [];
    if (errors.length > 0) {
      for (const ind of rubric.indicators) indicators.push({ path: ind.path, name: ind.name, category: ind.category, score: null, max: ind.max ?? "0", ...(ind.weight ? { weight: ind.weight } : {}) });
      return { ...base, total: null, grade: null, eligible: null, indicators, categories, errors };
    }
    let t = 0;
    for (const c of categoryFns) {
      const scores: number[] = [];
      const s = categoryScore(c, values, present, scores);
      t += s;
      c.indicators.forEach((f, k) =>
        indicators.push({
          path: f.indicator.path,
          name: f.indicator.name,
          category: c.category.name,
          score: fmt(scores[k]!, ctx),
          max: f.indicator.max ?? c.category.cap ?? "0",
          ...(f.indicator.weight ? { weight: f.indicator.weight } : {}),
        }),
      );
      for (const ind of c.category.indicators) {
        if (ind.pending) indicators.push({ path: ind.path, name: ind.name, category: c.category.name, score: null, max: "0" });
      }
      categories.push({ name: c.category.name, kind: c.category.kind, score: fmt(s, ctx), max: categoryMax(c.category) });
    }
    const g = gradeOf(t, values);
    const e = eligibilityOf(values);
    return {
      ...base,
      total: fmt(t, ctx),
      grade: g.grade,
      eligible: e.eligible,
      ...(g.vetoed ? { vetoed: g.vetoed } : {}),
      ...(e.relaxed ? { relaxed: e.relaxed } : {}),
      indicators,
      categories,
      errors,
    };
  }

  function categoryMax(c: Rubric["categories"][number]): string {
    if (c.kind === "bonus") return c.cap ?? "0";
    if (c.weight !== undefined) return fromScaled(mulScaled(scaled(c.weight, ctx), 100 * ctx.f, digits), digits);
    if (c.points !== undefined) return c.points;
    return fromScaled(
      c.indicators.reduce((s, i) => s + (i.points ? scaled(i.points, ctx) : 0), 0),
      digits,
    );
  }

  function explainIndicator(f: IndicatorFn, values: Values, present: boolean[]): Explanation {
    const s = evalIndicator(f, values, present);
    const children: Explanation[] = [];
    const missingEvidence = f.requires.filter((r) => values[r] === 0).map((r) => inputs[r]!.name);
    if (missingEvidence.length > 0) {
      children.push({ label: "证明材料", text: `未提供「${missingEvidence.join("」「")}」：不按要求提供则视为无，不计入评分，按无此项计`, children: [] });
    }
    if (f.indicator.startsFull && f.max !== undefined) children.push({ label: "起点", text: `从满分${fmt(f.max, ctx)}分起扣`, children: [] });
    let raw = f.indicator.startsFull && f.max !== undefined ? f.max : 0;
    for (const r of f.rules) {
      const { value, index: i } = subjectValue(r, values, present);
      const ruleMissing = r.requires.filter((k) => values[k] === 0).map((k) => inputs[k]!.name);
      const x = missingEvidence.length > 0 || ruleMissing.length > 0 ? 0 : value;
      const v = evalRule(r, x);
      raw += v;
      const name = inputs[i]!.name;
      const texts = r.parts.map((p) => p.explain(x, name));
      let text = texts.join("；");
      if (!text.startsWith(name)) text = `${name} ${fmt(x, ctx)}${inputs[i]!.unit ?? ""}：${text}`;
      if (r.atMost !== undefined && r.parts.reduce((a, p) => a + p.eval(x), 0) > r.atMost) text += `；本句最多${fmt(r.atMost, ctx)}分`;
      if (ruleMissing.length > 0) text = `未提供「${ruleMissing.join("」「")}」，本句视为无：${text}`;
      children.push({ label: name, text, score: fmt(v, ctx), children: [] });
    }
    const max = f.max;
    const notes: string[] = [];
    if (f.cap !== undefined && raw > f.cap) notes.push(`合计${fmt(raw, ctx)}分，直到满分${fmt(f.cap, ctx)}分为止`);
    else if (max !== undefined && !f.indicator.bonus && raw > max) notes.push(`合计${fmt(raw, ctx)}分，以满分${fmt(max, ctx)}分为限`);
    if (raw < 0) notes.push(`合计${fmt(raw, ctx)}分，最低0分`);
    for (const veto of f.vetoes) {
      if (veto.test(values)) notes.push(`否决：${conditionText(veto.condition, values, index, ctx)}，本指标为0分`);
    }
    const maxText = max !== undefined ? `（满分${fmt(max, ctx)}分）` : "";
    const weightText = f.weight !== undefined ? `，权重${f.indicator.weight}，计入总分${fmt(contribution(f, s), ctx)}分` : "";
    const summary = children.length === 1 && notes.length === 0 && !f.indicator.startsFull ? `${children[0]!.text}${maxText}${weightText}` : `${[...children.map((c) => c.text), ...notes].join("；")}；得${fmt(s, ctx)}分${maxText}${weightText}`;
    return { label: f.indicator.name, text: summary, score: fmt(s, ctx), ...(max !== undefined ? { max: fmt(max, ctx) } : {}), children };
  }

  function explain(record: Record<string, unknown>): Explanation {
    const { values, present, errors, platform } = read(record);
    const title = platform ?? "平台";
    if (errors.length > 0) {
      return {
        label: title,
        text: `数据有${errors.length}处错误，无法评分`,
        children: errors.map((e) => ({ label: e.field, text: e.message, children: [] })),
      };
    }
    const children: Explanation[] = [];
    let t = 0;
    for (const c of categoryFns) {
      const s = categoryScore(c, values, present);
      t += s;
      const kids = c.indicators.map((f) => explainIndicator(f, values, present));
      const sum = c.indicators.reduce((a, f) => a + contribution(f, evalIndicator(f, values, present)), 0);
      const capText = c.cap !== undefined && sum > c.cap ? `，合计${fmt(sum, ctx)}分，不超过${fmt(c.cap, ctx)}分` : "";
      children.push({
        label: c.category.name,
        text: `${c.category.kind === "bonus" ? "加分项" : "类别"}「${c.category.name}」得${fmt(s, ctx)}分${capText}（满分${categoryMax(c.category)}分）`,
        score: fmt(s, ctx),
        max: categoryMax(c.category),
        children: kids,
      });
    }
    const g = gradeOf(t, values);
    if (g.vetoed) {
      const v = vetoes.find((x) => x.label === g.vetoed && x.test(values))!;
      children.push({ label: "否决", text: `${conditionText(v.condition, values, index, ctx)}：直接视为${v.label}`, children: [] });
    } else if (rubric.grades.length > 0) {
      children.push({ label: rubric.gradeKind, text: g.grade ? `总分${fmt(t, ctx)}分，${rubric.gradeKind}为「${g.grade}」` : `总分${fmt(t, ctx)}分不在任何${rubric.gradeKind}区间内`, children: [] });
    }
    if (eligibility) {
      const e = eligibilityOf(values);
      const relaxedLabels = new Set(eligibility.relaxations.filter((r) => values[r.flag] !== 0).flatMap((r) => r.relaxation.relaxed));
      const kids = eligibility.rules.map((r) => {
        const ok = r.test(values);
        const label = r.rule.label ? `（${r.rule.label}）` : "";
        const by = eligibility.relaxations.filter((x) => values[x.flag] !== 0).map((x) => `${x.relaxation.label ? `（${x.relaxation.label}）` : ""}${x.relaxation.flag.name}`).join("、");
        const relaxedNote = !ok && r.rule.label && relaxedLabels.has(r.rule.label) ? (e.eligible ? `；依${by}放宽` : `；依${by}本可放宽`) : "";
        return { label: `条件${label}`, text: `${conditionText(r.rule.condition, values, index, ctx)}：${ok ? "符合" : "不符合"}${relaxedNote}`, children: [] };
      });
      children.push({ label: "认定条件", text: e.eligible ? (e.relaxed ? `符合认定条件（放宽了条件${e.relaxed.map((l) => `（${l}）`).join("")}，已记录）` : "符合全部认定条件") : "不符合认定条件", children: kids });
    }
    return {
      label: title,
      text: `总分${fmt(t, ctx)}分${rubric.maxTotal ? `（最高${rubric.maxTotal}分）` : ""}${g.grade ? `，${rubric.gradeKind}「${g.grade}」` : ""}`,
      score: fmt(t, ctx),
      children,
    };
  }

  return {
    rubric,
    digits,
    inputs,
    read,
    total: (values, present = []) => fastTotal(values, present, HELPERS),
    referenceTotal: total,
    score,
    explain,
    indicatorScore: (path, values, present = []) => {
      const f = byPath.get(path);
      return f ? evalIndicator(f, values, present) : undefined;
    },
    ruleFunctions: (path) => byPath.get(path)?.rules.map((r) => ({ rule: r.rule, value: (x: number) => evalRule(r, x) })) ?? [],
    format: (n) => fmt(n, ctx),
    scale: (v) => toScaled(v, digits),
  };
}

/** A JSON number as the decimal an officer typed (0.1 → "0.1", 1e21 → rejected later). */
function numberToDecimal(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(20).replace(/\.?0+$/, "") : s;
}

type ExprResult = number | { reason: string };

function evalExpr(e: NonNullable<Input["expression"]>, values: Values, present: boolean[], index: Map<string, number>, ctx: Ctx): ExprResult {
  switch (e.kind) {
    case "number": {
      const v = toScaled(e.value, ctx.digits);
      return v === undefined ? { reason: `数字${e.value}超出精度` } : v;
    }
    case "ref": {
      const i = index.get(e.name.text);
      if (i === undefined || !present[i]) return { reason: "missing" };
      return values[i]!;
    }
    case "neg": {
      const v = evalExpr(e.operand, values, present, index, ctx);
      return typeof v === "number" ? -v : v;
    }
    case "binary": {
      const a = evalExpr(e.left, values, present, index, ctx);
      if (typeof a !== "number") return a;
      const b = evalExpr(e.right, values, present, index, ctx);
      if (typeof b !== "number") return b;
      switch (e.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return mulDivRound(a, b, ctx.f, ctx.digits, ctx.digits);
        case "/":
          if (b === 0) return { reason: "除数为0" };
          return mulDivRound(a, ctx.f, b, ctx.digits, ctx.precision);
      }
    }
  }
}

