/**
 * Scoring each kind of rule, as closures built once from the checked model: the reference
 * evaluator. The explanation calls these very closures, the checker and the curve read them,
 * and the generated function (codegen.ts) must agree with them exactly (a property test).
 *
 * A rule's subject is an entered input (a scaled integer) or a derived one (an exact rational).
 * Each part is written once against `Subject`, the few exact operations a rule needs, and built
 * for both kinds: a ratio is compared with its threshold exactly, never after rounding.
 */
import type { Reading } from "../ast.ts";
import {
  fromScaled,
  mulDivRound,
  mulScaled,
  pow10,
  ratCompareScaled,
  rationalOfScaled,
  ratRoundScaled,
  ratSub,
  ratToDecimal,
  ratToText,
  toScaled,
  type Rational,
} from "../decimal.ts";
import type { Condition, Indicator, Input, Interval, Part, Rubric, Rule, RuleGroup, ScoreTarget } from "../model.ts";
import { optionInputs, readsRational } from "../model-walk.ts";

/** The scale and the rubric's 精度 (decimals kept where a division rounds). */
export interface Ctx {
  digits: number;
  f: number;
  precision: number;
}

export function makeCtx(digits: number, precision: number): Ctx {
  return { digits, f: pow10(digits), precision: Math.min(precision, digits) };
}

/** A platform's values as the evaluator reads them (a ReadRecord is one). */
export interface Row {
  values: number[];
  present: boolean[];
  derived: (Rational | undefined)[];
}

export const ZERO: Rational = { n: 0n, d: 1n };

export const fmt = (n: number, ctx: Ctx) => fromScaled(n, ctx.digits);

/** A literal of the checked model at the scale. The binder has refused every number no scale can hold. */
export function scaled(value: string, ctx: Ctx): number {
  const n = toScaled(value, ctx.digits);
  if (n === undefined) throw new RangeError(`internal: ${value} does not fit scale ${ctx.digits}`);
  return n;
}

/** Whole steps in `amount` under a reading: the one place the partial-step rule lives. */
export function countSteps(amount: number, step: number, reading: Reading): number {
  if (amount <= 0) return 0;
  return reading === "ceil" ? Math.ceil(amount / step) : Math.floor(amount / step);
}

/** Whether x lies in the interval (ends closed or open as written). */
export function inInterval(x: number, lo: number | undefined, loClosed: boolean, hi: number | undefined, hiClosed: boolean): boolean {
  if (lo !== undefined && (loClosed ? x < lo : x <= lo)) return false;
  if (hi !== undefined && (hiClosed ? x > hi : x >= hi)) return false;
  return true;
}

// ---- exact operations on a rule's subject ------------------------------------------------------

/** The exact operations a rule performs on its subject x; thresholds, steps and points are scaled integers. */
export interface Subject<X> {
  /** Sign of x − t. */
  cmp(x: X, t: number): number;
  /** Whole steps of `step` in t − x (below) or x − t (above), under the reading. */
  steps(x: X, t: number, step: number, reading: "floor" | "ceil", below: boolean): number;
  /** round(p × (t − x) ÷ s) (below) or round(p × (x − t) ÷ s) to 精度 — pro rata and linear interpolation. */
  prorata(p: number, x: X, t: number, s: number, below: boolean): number;
  /** x as points (an entered score is exact; a derived one rounds to 精度). */
  asScore(x: X): number;
  /** x as the index of a 取值 input's value (entered inputs only). */
  asIndex(x: X): number;
  isZero(x: X): boolean;
  /** x as written in explanations. */
  text(x: X): string;
  /** |x − t| as written in explanations. */
  gapText(x: X, t: number): string;
}

export function intSubject(ctx: Ctx): Subject<number> {
  return {
    cmp: (x, t) => x - t,
    steps: (x, t, step, reading, below) => countSteps(below ? t - x : x - t, step, reading),
    prorata: (p, x, t, s, below) => mulDivRound(p, below ? t - x : x - t, s, ctx.digits, ctx.precision),
    asScore: (x) => x,
    asIndex: (x) => x,
    isZero: (x) => x === 0,
    text: (x) => fmt(x, ctx),
    gapText: (x, t) => fmt(Math.abs(x - t), ctx),
  };
}

/** The exact value of a rational as officers read it: 59.5, or 175/3（约58.3333）. */
export function exactText(q: Rational): string {
  const exact = ratToDecimal(q);
  if (exact !== undefined) return exact;
  return `${ratToText(q)}（约${fromScaled(ratRoundScaled(q, 4, 4), 4)}）`;
}

export function ratSubject(ctx: Ctx): Subject<Rational> {
  const F = BigInt(ctx.f);
  const real = (t: number): Rational => rationalOfScaled(t, ctx.digits);
  /** (t − x) or (x − t) as n ÷ (d × 10^digits), returned as [numerator over d·F]. */
  const gap = (x: Rational, t: number, below: boolean): bigint => {
    const a = BigInt(t) * x.d - x.n * F;
    return below ? a : -a;
  };
  return {
    cmp: (x, t) => ratCompareScaled(x, t, ctx.digits),
    steps: (x, t, step, reading, below) => {
      const num = gap(x, t, below); // amount × d·F
      if (num <= 0n) return 0;
      const den = BigInt(step) * x.d; // step × d·F ÷ F
      const q = num / den;
      return Number(reading === "ceil" && q * den !== num ? q + 1n : q);
    },
    prorata: (p, x, t, s, below) => {
      // p × (amount) ÷ s, scaled: p × num ÷ (d·F) ÷ s × F = p × num ÷ (d × s)
      const num = gap(x, t, below);
      return ratRoundScaled({ n: BigInt(p) * num, d: x.d * BigInt(s) * F }, ctx.precision, ctx.digits);
    },
    asScore: (x) => ratRoundScaled(x, ctx.precision, ctx.digits),
    asIndex: (x) => Number(x.n / x.d),
    isZero: (x) => x.n === 0n,
    text: (x) => exactText(x),
    gapText: (x, t) => {
      const g = ratSub(x, real(t));
      return exactText(g.n < 0n ? { n: -g.n, d: g.d } : g);
    },
  };
}

// ---- parts ------------------------------------------------------------------------------------

export interface PartFn<X> {
  eval(x: X): number;
  explain(x: X, subject: string): string;
}

export const READING_TEXT: Record<Reading, string> = { floor: "不足一档不计", ceil: "不足一档按一档计", proRata: "按比例计" };

interface ScaledInterval {
  lo: number | undefined;
  loClosed: boolean;
  hi: number | undefined;
  hiClosed: boolean;
}

export function scaleInterval(interval: Interval, ctx: Ctx): ScaledInterval {
  return {
    lo: interval.lo && scaled(interval.lo.value, ctx),
    loClosed: interval.lo?.closed ?? true,
    hi: interval.hi && scaled(interval.hi.value, ctx),
    hiClosed: interval.hi?.closed ?? true,
  };
}

function intervalTest<X>(i: ScaledInterval, sub: Subject<X>): (x: X) => boolean {
  return (x) => {
    if (i.lo !== undefined) {
      const c = sub.cmp(x, i.lo);
      if (i.loClosed ? c < 0 : c <= 0) return false;
    }
    if (i.hi !== undefined) {
      const c = sub.cmp(x, i.hi);
      if (i.hiClosed ? c > 0 : c >= 0) return false;
    }
    return true;
  };
}

/** Where a failed interval leaves x, in the Civil Code's words: 「低于60%」「超过100家」. */
export function relationText(i: Interval, c: { lo: number; hi: number }, unit: string): string {
  if (i.lo && (i.lo.closed ? c.lo < 0 : c.lo <= 0)) return i.lo.closed ? `${i.text.includes("不少于") ? "少于" : "低于"}${i.lo.value}${unit}` : `未超过${i.lo.value}${unit}`;
  if (i.hi && (i.hi.closed ? c.hi > 0 : c.hi >= 0)) return i.hi.closed ? `超过${i.hi.value}${unit}` : `达到${i.hi.value}${unit}`;
  return i.text;
}

export function compilePart<X>(part: Part, indicatorMax: number, ctx: Ctx, sub: Subject<X>, unitOfSubject: string): PartFn<X> {
  const u = unitOfSubject;
  switch (part.kind) {
    case "tiers": {
      const tiers = part.tiers.map((t) => ({ test: intervalTest(scaleInterval(t.interval, ctx), sub), points: scaled(t.points, ctx), text: t.interval.text }));
      const evalTiers = (x: X) => {
        let best = 0;
        for (const t of tiers) if (t.points > best && t.test(x)) best = t.points;
        return best;
      };
      return {
        eval: evalTiers,
        explain: (x, subject) => {
          const v = evalTiers(x);
          const hit = tiers.find((t) => t.points === v && t.test(x));
          const head = `${subject} ${sub.text(x)}${u}，`;
          return hit ? `${head}${hit.text}，得${fmt(v, ctx)}分` : `${head}未达到任何一档（${tiers.map((t) => t.text).join("；")}），得0分`;
        },
      };
    }
    case "add": {
      const test = intervalTest(scaleInterval(part.interval, ctx), sub);
      const points = scaled(part.points, ctx);
      return {
        eval: (x) => (test(x) ? points : 0),
        explain: (x, subject) =>
          points < 0
            ? `${subject} ${sub.text(x)}${u}，${test(x) ? `${part.interval.text}，扣${fmt(-points, ctx)}分` : `不满足「${part.interval.text}」，不扣分`}`
            : `${subject} ${sub.text(x)}${u}，${test(x) ? `${part.interval.text}，加${part.points}分` : `不满足「${part.interval.text}」，不加分`}`,
      };
    }
    case "flag": {
      const points = scaled(part.points, ctx);
      return {
        eval: (x) => (sub.isZero(x) ? 0 : points),
        explain: (x, subject) =>
          points < 0 ? (sub.isZero(x) ? `${subject}为「否」，不扣分` : `${subject}为「是」，扣${fmt(-points, ctx)}分`) : sub.isZero(x) ? `${subject}为「否」，不得分` : `${subject}为「是」，得${part.points}分`,
      };
    }
    case "stepDeduction": {
      const t = scaled(part.threshold.value, ctx);
      const closed = part.threshold.closed;
      const full = scaled(part.full, ctx);
      const step = scaled(part.step, ctx);
      const per = scaled(part.per, ctx);
      const met = (x: X) => (closed ? sub.cmp(x, t) >= 0 : sub.cmp(x, t) > 0);
      const deduction = (x: X) => (part.reading === "proRata" ? sub.prorata(per, x, t, step, true) : per * sub.steps(x, t, step, part.reading, true));
      const evalStep = (x: X) => {
        if (met(x)) return full;
        const v = full - deduction(x);
        return v > 0 ? v : 0;
      };
      return {
        eval: evalStep,
        explain: (x, subject) => {
          const v = evalStep(x);
          const head = `${subject} ${sub.text(x)}${u}`;
          if (met(x)) return `${head}，${part.thresholdText}，得${part.full}分`;
          const d = deduction(x);
          const short = `比${part.threshold.value}少${sub.gapText(x, t)}${u}`;
          if (d === 0) return `${head}，${short}，不满一档（每少${part.step}${u}减${part.per}分，${READING_TEXT[part.reading]}），不扣分，得${fmt(v, ctx)}分`;
          const steps = part.reading === "proRata" ? "" : `${sub.steps(x, t, step, part.reading, true)}档`;
          return `${head}，${short}，按每少${part.step}${u}减${part.per}分（${READING_TEXT[part.reading]}）扣${steps ? steps + "共" : ""}${fmt(d, ctx)}分，得${fmt(v, ctx)}分`;
        },
      };
    }
    case "increments": {
      const from = scaled(part.from.value, ctx);
      const closed = part.from.closed;
      const step = scaled(part.step, ctx);
      const points = scaled(part.points, ctx);
      const reached = (x: X) => (closed ? sub.cmp(x, from) >= 0 : sub.cmp(x, from) > 0);
      const evalInc = (x: X) => {
        if (!reached(x)) return 0;
        if (part.reading === "proRata") return sub.prorata(points, x, from, step, false);
        return points * sub.steps(x, from, step, part.reading, false);
      };
      return {
        eval: evalInc,
        explain: (x, subject) => {
          const head = `${subject} ${sub.text(x)}${u}，`;
          if (!reached(x)) return `${head}未${part.fromText}，不加分`;
          return `${head}${part.fromText}后多${sub.gapText(x, from)}${u}，每增加${part.step}${u}加${part.points}分，加${fmt(evalInc(x), ctx)}分`;
        },
      };
    }
    case "perItem": {
      const per = scaled(part.per, ctx);
      const points = scaled(part.points, ctx);
      const evalPer = (x: X) => points * sub.steps(x, 0, per, "floor", false);
      return {
        eval: evalPer,
        explain: (x, subject) => `${subject} ${sub.text(x)}${u}，每${part.per === "1" ? "" : part.per}${u}加${part.points}分，共${fmt(evalPer(x), ctx)}分`,
      };
    }
    case "countDeduction": {
      const per = scaled(part.per, ctx);
      const points = scaled(part.points, ctx);
      const evalDed = (x: X) => -points * sub.steps(x, 0, per, "floor", false);
      return {
        eval: evalDed,
        explain: (x, subject) => `${subject} ${sub.text(x)}${u}，每${part.per === "1" ? "" : part.per}${u}减${part.points}分，扣${fmt(-evalDed(x), ctx)}分`,
      };
    }
    case "expert":
    case "discretionary":
      return {
        eval: (x) => sub.asScore(x),
        explain: (x, subject) => `${subject}：${part.kind === "expert" ? "综合评定" : "酌情加分"}${fmt(sub.asScore(x), ctx)}分`,
      };
    case "levels": {
      // x is the index of the platform's value among the declared values (highest first)
      const byIndex = part.all.map((v) => {
        const band = part.bands.find((b) => b.values.includes(v));
        return band ? scaled(band.points, ctx) : part.otherwise !== undefined ? scaled(part.otherwise, ctx) : 0;
      });
      const evalLevels = (x: X) => byIndex[sub.asIndex(x)] ?? 0;
      return {
        eval: evalLevels,
        explain: (x, subject) => {
          const value = part.all[sub.asIndex(x)] ?? "";
          const listed = part.bands.some((b) => b.values.includes(value));
          const v = evalLevels(x);
          const verdict = v < 0 ? `扣${fmt(-v, ctx)}分` : v === 0 ? "不得分" : `得${fmt(v, ctx)}分`;
          return `${subject}为「${value}」${listed || part.otherwise === undefined ? "" : "，属于其他"}，${verdict}`;
        },
      };
    }
    case "baseline": {
      const base = scaled(part.base, ctx);
      const full = scaled(part.full, ctx);
      const between = part.between === "linear" ? undefined : scaled(part.between, ctx);
      const evalBase = (x: X) => {
        if (sub.cmp(x, base) < 0) return 0;
        if (sub.cmp(x, full) >= 0) return indicatorMax;
        return between ?? sub.prorata(indicatorMax, x, base, full - base, false);
      };
      return {
        eval: evalBase,
        explain: (x, subject) => {
          const head = `${subject} ${sub.text(x)}${u}，`;
          if (sub.cmp(x, base) < 0) return `${head}低于基准值${part.base}${u}，得0分`;
          if (sub.cmp(x, full) >= 0) return `${head}达到满分值${part.full}${u}，得满分${fmt(indicatorMax, ctx)}分`;
          if (between !== undefined) return `${head}在基准值${part.base}${u}与满分值${part.full}${u}之间，得${part.between}分`;
          return `${head}在基准值${part.base}${u}与满分值${part.full}${u}之间按线性计：${fmt(indicatorMax, ctx)}×(${sub.text(x)}−${part.base})÷(${part.full}−${part.base})，保留${ctx.precision}位小数得${fmt(evalBase(x), ctx)}分`;
        },
      };
    }
  }
}

// ---- rules ------------------------------------------------------------------------------------

interface RuleImpl<X> {
  parts: PartFn<X>[];
  atMost: number | undefined;
}

function ruleValue<X>(r: RuleImpl<X>, x: X): number {
  let v = 0;
  for (const p of r.parts) v += p.eval(x);
  if (r.atMost !== undefined && v > r.atMost) v = r.atMost;
  return v;
}

/** A compiled rule: its subject (entered or derived) and its parts. */
export type RuleFn = {
  rule: Rule;
  subjects: number[];
  /** Inputs that must be 是 for this sentence to count (（需提供 …）). */
  requires: number[];
  chooseOne: boolean;
  atMost: number | undefined;
} & ({ derived: false; impl: RuleImpl<number>; sub: Subject<number> } | { derived: true; impl: RuleImpl<Rational>; sub: Subject<Rational> });

export interface Compiled {
  ctx: Ctx;
  index: Map<string, number>;
  inputsByName: ReadonlyMap<string, Input>;
  /** Category name → its index in the model; indicator path → its slot (score conditions read these). */
  categoryIndex: Map<string, number>;
  indicatorIndex: Map<string, number>;
  intSub: Subject<number>;
  ratSub: Subject<Rational>;
}

export function compileRule(rule: Rule, indicatorMax: number, c: Compiled): RuleFn {
  const subjects = rule.subjects.map((s) => c.index.get(s.name)!);
  const requires = rule.requires.map((s) => c.index.get(s.name)!);
  const atMost = rule.atMost === undefined ? undefined : scaled(rule.atMost, c.ctx);
  const unit = rule.subjects[0]?.unit ?? "";
  const chooseOne = rule.chooseOne;
  // (whole literals, never `{ ...base, more }`: V8 gives each object spread into a literal that adds
  //  properties its own hidden class — about 1 KB per rule, 4 MB at 100 copies of the national norm)
  if (!chooseOne && rule.subjects[0] !== undefined && readsRational(rule.subjects[0])) {
    const impl = { parts: rule.parts.map((p) => compilePart(p, indicatorMax, c.ctx, c.ratSub, unit)), atMost };
    return { rule, subjects, requires, chooseOne, atMost, derived: true, sub: c.ratSub, impl };
  }
  const impl = { parts: rule.parts.map((p) => compilePart(p, indicatorMax, c.ctx, c.intSub, unit)), atMost };
  return { rule, subjects, requires, chooseOne, atMost, derived: false, sub: c.intSub, impl };
}

/** The input index a rule reads for this platform: its subject, or for 选其一 the alternative filled in. */
export function subjectIndex(r: RuleFn, row: Row): number {
  if (!r.chooseOne) return r.subjects[0]!;
  for (const i of r.subjects) if (row.present[i]) return i;
  return r.subjects[0]!;
}

/** The rule's value for a platform; `blocked` (required evidence missing) reads the subject as 0. */
export function evalRule(r: RuleFn, row: Row, blocked: boolean): number {
  if (r.derived) return ruleValue(r.impl, blocked ? ZERO : (row.derived[r.subjects[0]!] ?? ZERO));
  if (blocked) return ruleValue(r.impl, 0);
  if (!r.chooseOne) return ruleValue(r.impl, row.values[r.subjects[0]!]!);
  for (const i of r.subjects) if (row.present[i]) return ruleValue(r.impl, row.values[i]!);
  return ruleValue(r.impl, 0);
}

/** The rule's parts explained, and the summed value before the sentence's 最多 cap. */
export function explainRule(r: RuleFn, row: Row, blocked: boolean, subject: string): { texts: string[]; raw: number; value: number; shown: string } {
  if (r.derived) {
    const q = blocked ? ZERO : (row.derived[r.subjects[0]!] ?? ZERO);
    return { texts: r.impl.parts.map((p) => p.explain(q, subject)), raw: r.impl.parts.reduce((a, p) => a + p.eval(q), 0), value: ruleValue(r.impl, q), shown: r.sub.text(q) };
  }
  const i = subjectIndex(r, row);
  const x = blocked ? 0 : r.chooseOne && !row.present[i] ? 0 : row.values[i]!;
  return { texts: r.impl.parts.map((p) => p.explain(x, subject)), raw: r.impl.parts.reduce((a, p) => a + p.eval(x), 0), value: ruleValue(r.impl, x), shown: r.sub.text(x) };
}

/** The rule as a function of its subject's scaled value (checker, curve): derived subjects are read exactly. */
export function ruleAtScaled(r: RuleFn, ctx: Ctx): (x: number) => number {
  if (r.derived) {
    const impl = r.impl;
    return (x) => ruleValue(impl, rationalOfScaled(x, ctx.digits));
  }
  const impl = r.impl;
  return (x) => ruleValue(impl, x);
}

// ---- conditions -------------------------------------------------------------------------------

/** A platform's scores as conditions on scores read them (scaled). */
export interface ScoreView {
  total: number;
  /** By category, in the model's order. */
  categories: ArrayLike<number>;
  /** By indicator slot (the model's non-pending indicators, in order). */
  indicators: ArrayLike<number>;
}

export interface ConditionFn {
  condition: Condition;
  /** `scores` is needed by conditions on scores only (never inside an indicator). */
  test(row: Row, scores?: ScoreView): boolean;
  /** The input compared (compare conditions), for explanations. */
  input: number | undefined;
}

function needScores(scores: ScoreView | undefined): ScoreView {
  if (!scores) throw new Error("internal: a condition on scores was evaluated before the scores");
  return scores;
}

/** The score a score condition reads. */
export function scoreOf(target: ScoreTarget, c: Compiled, scores: ScoreView): number {
  switch (target.kind) {
    case "total":
      return scores.total;
    case "category":
      return scores.categories[c.categoryIndex.get(target.name)!]!;
    case "group": {
      let sum = 0;
      for (const name of target.categories) sum += scores.categories[c.categoryIndex.get(name)!]!;
      return sum;
    }
    case "indicator":
      return scores.indicators[c.indicatorIndex.get(target.path)!]!;
  }
}

export function compileCondition(cond: Condition, c: Compiled): ConditionFn {
  switch (cond.kind) {
    case "compare": {
      const i = c.index.get(cond.input.name)!;
      const derived = readsRational(cond.input);
      const testOf = (interval: Interval): ((row: Row) => boolean) => {
        const si = scaleInterval(interval, c.ctx);
        if (derived) {
          const test = intervalTest(si, c.ratSub);
          return (row) => test(row.derived[i] ?? ZERO);
        }
        const test = intervalTest(si, c.intSub);
        return (row) => test(row.values[i]!);
      };
      const own = testOf(cond.interval);
      if (cond.overrides.length === 0) return { condition: cond, input: i, test: own };
      // the first override whose kind of platform matches replaces the condition's own interval
      const overrides = cond.overrides.map((o) => ({ when: compileCondition(o.when, c), test: testOf(o.interval) }));
      return {
        condition: cond,
        input: i,
        test: (row) => {
          for (const o of overrides) if (o.when.test(row)) return o.test(row);
          return own(row);
        },
      };
    }
    case "flags": {
      const idx = cond.inputs.map((x) => c.index.get(x.name)!);
      return { condition: cond, input: undefined, test: (row) => idx.some((i) => row.values[i] !== 0) };
    }
    case "score": {
      const si = scaleInterval(cond.interval, c.ctx);
      const test = intervalTest(si, c.intSub);
      return { condition: cond, input: undefined, test: (_row, scores) => test(scoreOf(cond.target, c, needScores(scores))) };
    }
    case "is": {
      const i = c.index.get(cond.input.name)!;
      const wanted = new Set(cond.values.map((v) => cond.input.values.indexOf(v)));
      return { condition: cond, input: i, test: (row) => wanted.has(row.values[i]!) };
    }
    case "all":
    case "any": {
      const parts = cond.conditions.map((x) => compileCondition(x, c));
      const all = cond.kind === "all";
      return {
        condition: cond,
        input: undefined,
        test: (row, scores) => (all ? parts.every((p) => p.test(row, scores)) : parts.some((p) => p.test(row, scores))),
      };
    }
  }
}

// ---- indicators, categories, grades, eligibility ----------------------------------------------

/** A group of an indicator's rules, compiled: its members by index into the indicator's rules. */
export interface GroupFn {
  group: RuleGroup;
  members: number[];
  atMost: number | undefined;
  /** Index into the indicator's options, or −1 (counted for every platform). */
  option: number;
}

export interface IndicatorFn {
  indicator: Indicator;
  max: number | undefined;
  weight: number | undefined;
  rules: RuleFn[];
  groups: GroupFn[];
  /** Per option, the entered inputs only it reads: the option chosen is the one whose inputs are filled in. */
  optionInputs: number[][];
  cap: number | undefined;
  vetoes: ConditionFn[];
  requires: number[];
}

export function compileIndicator(ind: Indicator, c: Compiled): IndicatorFn {
  const max = ind.max === undefined ? undefined : scaled(ind.max, c.ctx);
  const own = optionInputs(ind.groups, { inputs: c.inputsByName });
  return {
    indicator: ind,
    max,
    weight: ind.weight === undefined ? undefined : scaled(ind.weight, c.ctx),
    rules: ind.rules.map((r) => compileRule(r, max ?? 0, c)),
    groups: ind.groups.map((g) => ({
      group: g,
      members: g.rules.map((r) => ind.rules.indexOf(r)),
      atMost: g.atMost === undefined ? undefined : scaled(g.atMost, c.ctx),
      option: g.option === undefined ? -1 : ind.options.indexOf(g.option),
    })),
    optionInputs: ind.options.map((o) => (own.get(o) ?? []).map((name) => c.index.get(name)!)),
    cap: ind.cap === undefined ? undefined : scaled(ind.cap, c.ctx),
    vetoes: ind.vetoes.map((v) => compileCondition(v.condition, c)),
    requires: ind.requires.map((r) => c.index.get(r.name)!),
  };
}

/** The option a platform chose: the first whose own inputs are filled in (the reader allows exactly one), or −1. */
export function chosenOption(f: IndicatorFn, row: Row): number {
  for (let k = 0; k < f.optionInputs.length; k++) for (const i of f.optionInputs[k]!) if (row.present[i]) return k;
  return -1;
}

/** A group's value from its members' values: summed, the highest or the lowest, then its 最多 cap. */
export function combineGroup(g: GroupFn, values: readonly number[]): number {
  let v = 0;
  if (g.group.combine === "sum") for (const x of values) v += x;
  else if (values.length > 0) {
    v = values[0]!;
    for (const x of values) if (g.group.combine === "max" ? x > v : x < v) v = x;
  }
  return g.atMost !== undefined && v > g.atMost ? g.atMost : v;
}

/** Whether a sentence's own required evidence is missing. */
export function lacks(requires: readonly number[], row: Row): boolean {
  for (const i of requires) if (row.values[i] === 0) return true;
  return false;
}

/**
 * Clamp order of an indicator: its cap (直到满分), its maximum (not for bonus items), then 0.
 * A 扣分项's indicator is a deduction: between minus its points (when written) and 0.
 */
export function clampIndicator(f: IndicatorFn, v: number): number {
  if (f.indicator.deduction) {
    if (f.max !== undefined && v < -f.max) v = -f.max;
    return v > 0 ? 0 : v;
  }
  if (f.cap !== undefined && v > f.cap) v = f.cap;
  if (f.max !== undefined && !f.indicator.bonus && v > f.max) v = f.max;
  return v < 0 ? 0 : v;
}

export function evalIndicator(f: IndicatorFn, row: Row): number {
  const evidenceMissing = lacks(f.requires, row);
  let v = f.indicator.startsFull && f.max !== undefined ? f.max : 0;
  const chosen = f.optionInputs.length > 0 ? chosenOption(f, row) : -1;
  for (const g of f.groups) {
    if (g.option >= 0 && g.option !== chosen) continue;
    const values = g.members.map((k) => {
      const r = f.rules[k]!;
      return evalRule(r, row, evidenceMissing || lacks(r.requires, row));
    });
    v += combineGroup(g, values);
  }
  v = clampIndicator(f, v);
  for (const veto of f.vetoes) if (veto.test(row)) return 0;
  return v;
}

/**
 * Contribution of an indicator to its category: points, or weight × score for weighted rubrics
 * (scaled to 100 when the indicator is scored out of another maximum, rounded to 精度).
 */
export function contribution(f: IndicatorFn, s: number, ctx: Ctx): number {
  if (f.weight === undefined) return s;
  const ws = mulScaled(f.weight, s, ctx.digits);
  const hundred = 100 * ctx.f;
  const scaleMax = f.max ?? hundred;
  return scaleMax === hundred ? ws : mulDivRound(ws, hundred, scaleMax, ctx.digits, ctx.precision);
}

export interface CategoryFn {
  category: Rubric["categories"][number];
  indicators: IndicatorFn[];
  cap: number | undefined;
}

export function categoryScore(c: CategoryFn, row: Row, ctx: Ctx, out?: number[]): number {
  let sum = 0;
  for (const f of c.indicators) {
    const s = evalIndicator(f, row);
    out?.push(s);
    sum += contribution(f, s, ctx);
  }
  return clampCategory(c, sum);
}

/** A 加分项 up to its cap; a 扣分项 takes off at most its cap (最多扣10分). */
export function clampCategory(c: CategoryFn, sum: number): number {
  if (c.cap === undefined) return sum;
  if (c.category.kind === "deduction") return sum < -c.cap ? -c.cap : sum;
  return sum > c.cap ? c.cap : sum;
}

/** The total never goes below 0 (deductions stop there). */
export function clampTotal(t: number): number {
  return t < 0 ? 0 : t;
}

/** 满分 of a category as written or derived (a weighted category: weight × 100). */
export function categoryMax(c: Rubric["categories"][number], ctx: Ctx): string {
  if (c.kind === "bonus") return c.cap ?? "0";
  if (c.kind === "deduction") return "0";
  if (c.weight !== undefined) return fromScaled(mulScaled(scaled(c.weight, ctx), 100 * ctx.f, ctx.digits), ctx.digits);
  if (c.points !== undefined) return c.points;
  return fromScaled(
    c.indicators.reduce((s, i) => s + (i.points ? scaled(i.points, ctx) : 0), 0),
    ctx.digits,
  );
}

export interface GradeFn {
  label: string;
  /** Whether the total lies in the band. */
  test: (x: number) => boolean;
  /** The band's further conditions (其中 …). */
  also: ConditionFn | undefined;
}

export interface EligibilityFn {
  rules: { rule: NonNullable<Rubric["eligibility"]>["rules"][number]; test: ConditionFn }[];
  relaxations: { relaxation: NonNullable<Rubric["eligibility"]>["relaxations"][number]; test: ConditionFn }[];
}

/** The whole rubric as closures at one scale. */
export interface Model {
  ctx: Ctx;
  compiled: Compiled;
  indicators: IndicatorFn[];
  byPath: Map<string, IndicatorFn>;
  categories: CategoryFn[];
  grades: GradeFn[];
  vetoes: (ConditionFn & { label: string })[];
  eligibility: EligibilityFn | undefined;
  /** 不符合认定条件的，不予评定等级 */
  gradeNeedsEligibility: boolean;
}

export function buildModel(rubric: Rubric, digits: number): Model {
  const ctx = makeCtx(digits, rubric.precision);
  const scored = rubric.indicators.filter((ind) => !ind.pending);
  const compiled: Compiled = {
    ctx,
    index: new Map(rubric.inputs.map((i, n) => [i.name, n])),
    inputsByName: rubric.inputByName,
    categoryIndex: new Map(rubric.categories.map((cat, k) => [cat.name, k])),
    indicatorIndex: new Map(scored.map((ind, k) => [ind.path, k])),
    intSub: intSubject(ctx),
    ratSub: ratSubject(ctx),
  };
  const indicators = scored.map((ind) => compileIndicator(ind, compiled));
  // each category's indicators in rubric order, grouped in one pass (a filter per category was
  // categories × indicators: 850,000 tests at 100× the national norm)
  const byCategory = new Map<string, IndicatorFn[]>();
  for (const f of indicators) {
    const list = byCategory.get(f.indicator.category);
    if (list) list.push(f);
    else byCategory.set(f.indicator.category, [f]);
  }
  return {
    ctx,
    compiled,
    indicators,
    byPath: new Map(indicators.map((f) => [f.indicator.path, f])),
    categories: rubric.categories.map((c) => ({
      category: c,
      indicators: byCategory.get(c.name)?.slice() ?? [],
      cap: c.cap === undefined ? undefined : scaled(c.cap, ctx),
    })),
    grades: rubric.grades.map((g) => {
      const si = scaleInterval(g.interval, ctx);
      const also = g.also && compileCondition(g.also, compiled);
      return { label: g.label, also, test: (x: number) => inInterval(x, si.lo, si.loClosed, si.hi, si.hiClosed) };
    }),
    vetoes: rubric.vetoes.map((v) => ({ ...compileCondition(v.condition, compiled), label: v.label })),
    eligibility: rubric.eligibility && {
      rules: rubric.eligibility.rules.map((r) => ({ rule: r, test: compileCondition(r.condition, compiled) })),
      relaxations: rubric.eligibility.relaxations.map((r) => ({ relaxation: r, test: compileCondition(r.condition, compiled) })),
    },
    gradeNeedsEligibility: rubric.gradeNeedsEligibility,
  };
}

export function totalOf(m: Model, row: Row): number {
  let sum = 0;
  for (const c of m.categories) sum += categoryScore(c, row, m.ctx);
  return clampTotal(sum);
}

/** Every score of a platform (what conditions on scores read), by the closures. */
export function scoresOf(m: Model, row: Row): ScoreView {
  const indicators: number[] = [];
  const categories: number[] = [];
  let total = 0;
  for (const c of m.categories) {
    const s = categoryScore(c, row, m.ctx, indicators);
    categories.push(s);
    total += s;
  }
  total = clampTotal(total);
  // indicators were pushed category by category; the slots follow the rubric's order
  const slots: number[] = new Array<number>(m.indicators.length);
  let k = 0;
  for (const c of m.categories) for (const f of c.indicators) slots[m.compiled.indicatorIndex.get(f.indicator.path)!] = indicators[k++]!;
  return { total, categories, indicators: slots };
}

/**
 * The grade of a platform: without eligibility where the rubric says 不予评定 (no grade, no veto);
 * else a rubric veto decides first (its label is the grade), else the first band whose interval
 * holds the total and whose further conditions hold.
 */
export function gradeOf(m: Model, scores: ScoreView, row: Row): { grade: string | null; vetoed?: string; ungraded?: true } {
  if (m.gradeNeedsEligibility && eligibilityOf(m, row, scores).eligible === false) return { grade: null, ungraded: true };
  for (const v of m.vetoes) if (v.test(row, scores)) return { grade: v.label, vetoed: v.label };
  for (const g of m.grades) if (g.test(scores.total) && (!g.also || g.also.test(row, scores))) return { grade: g.label };
  return { grade: null };
}

/** Labels a platform's active relaxations (放宽) lift. */
export function relaxedLabels(e: EligibilityFn, row: Row, scores: ScoreView): Set<string> {
  return new Set(e.relaxations.filter((r) => r.test.test(row, scores)).flatMap((r) => r.relaxation.relaxed));
}

/** 认定: every condition holds, or fails only where a relaxation that applies lifts it (recorded). */
export function eligibilityOf(m: Model, row: Row, scores: ScoreView): { eligible: boolean | null; relaxed?: string[] } {
  const e = m.eligibility;
  if (!e) return { eligible: null };
  const lifted = relaxedLabels(e, row, scores);
  const relaxed = new Set<string>();
  let ok = true;
  for (const r of e.rules) {
    if (r.test.test(row, scores)) continue;
    if (r.rule.label !== undefined && lifted.has(r.rule.label)) relaxed.add(r.rule.label);
    else ok = false;
  }
  // a relaxation is recorded only when it decided the outcome; labels in order of first appearance
  if (!ok || relaxed.size === 0) return { eligible: ok };
  const order = [...new Set(e.rules.map((r) => r.rule.label).filter((l): l is string => l !== undefined && relaxed.has(l)))];
  return { eligible: ok, relaxed: order };
}

export type { Input };
