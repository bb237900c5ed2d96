/**
 * Platforms for comparing the oracle with the engine, concentrated where scoring changes: every threshold
 * written in a rubric, one unit of its last digit either side (and a tenth and a hundredth of that unit for
 * non-integer inputs), step boundaries, derived inputs pushed across their thresholds, and totals pushed
 * across grade boundaries. Everything is read from the syntax tree and computed by the oracle; nothing
 * comes from the engine.
 */
import type { Comparison, ConditionAst, Expr, InputAst, Predicate } from "@zhunsheng/core";
import { add, cmp, dec, frac, HUNDRED, isInteger, max, mul, sub, toDecimal, ZERO, type Fraction } from "./fraction.ts";
import { q, type Oracle } from "./oracle.ts";

export type Record_ = Record<string, string>;

/** A small deterministic PRNG (mulberry32), so a failing record can be reproduced from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dec_ = (v: string): Fraction | undefined => (/^-?\d+(\.\d+)?$/.test(v) ? dec(v) : undefined);

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

function conditionValues(c: ConditionAst): Fraction[] {
  return c.kind === "between" ? [q(c.low), q(c.high)] : c.comparisons.map((k: Comparison) => q(k.value));
}

function predicateThresholds(p: Predicate, out: Map<string, Fraction[]>): void {
  switch (p.kind) {
    case "compare":
      // a score condition's subject is a category or indicator, not an input: no input to sweep
      if (!p.score) push(out, p.subject.text, [...conditionValues(p.condition), ...p.overrides.flatMap((o) => conditionValues(o.condition))]);
      break;
    case "quantified":
      if (!p.score) for (const s of p.subjects) push(out, s.text, conditionValues(p.condition));
      break;
    case "and":
    case "or":
      for (const o of p.operands) predicateThresholds(o, out);
      break;
    case "total":
    case "flags":
    case "is":
      break;
  }
}

function push(out: Map<string, Fraction[]>, name: string, values: Fraction[]): void {
  const list = out.get(name) ?? [];
  for (const v of values) if (!list.some((x) => cmp(x, v) === 0)) list.push(v);
  out.set(name, list);
}

/** Every value at which some input's (or derived input's) effect on the verdict can change. */
export function thresholdsOf(oracle: Oracle): Map<string, Fraction[]> {
  const out = new Map<string, Fraction[]>();
  const { ast } = oracle;
  for (const cat of ast.categories) {
    for (const ind of cat.indicators) {
      for (const rule of ind.rules) {
        const names = rule.subjects.map((s) => s.text);
        const values: Fraction[] = [];
        for (let k = 0; k < rule.clauses.length; k++) {
          const c = rule.clauses[k]!;
          if (c.kind === "award") for (const a of c.alternatives) push(out, a.subject.text, conditionValues(a.condition));
          if (c.kind === "award" && c.condition) {
            values.push(...conditionValues(c.condition));
            const next = rule.clauses[k + 1];
            if (next?.kind === "stepLess") {
              // step boundaries below the target: A − S, A − 2S, …
              const a = conditionValues(c.condition)[0]!;
              for (let s = 1; s <= 4; s++) values.push(sub(a, mul(frac(BigInt(s)), q(next.step))));
            }
          } else if (c.kind === "increments") {
            const a = q(c.from.value);
            for (let s = 0; s <= 4; s++) values.push(add(a, mul(frac(BigInt(s)), q(c.step))));
          } else if (c.kind === "each") {
            for (let s = 1; s <= 3; s++) values.push(mul(frac(BigInt(s)), q(c.per)));
          } else if (c.kind === "baseline") {
            values.push(q(c.base), q(c.full));
          }
        }
        if (rule.clauses.some((c) => c.kind === "expert" || c.kind === "discretionary")) {
          // an entered score counts itself: its range ends are where the indicator's cap may bite
          for (const n of names) {
            const input = oracle.entered.find((i) => i.name.text === n);
            if (input?.low) values.push(q(input.low));
            if (input?.high) values.push(q(input.high));
          }
        }
        if (values.length > 0) for (const n of names) push(out, n, values);
      }
      for (const v of ind.vetoes) predicateThresholds(v.predicate, out);
    }
  }
  for (const v of ast.vetoes) predicateThresholds(v.predicate, out);
  for (const c of ast.eligibility?.conditions ?? []) {
    predicateThresholds(c.predicate, out);
    for (const a of c.alternatives) predicateThresholds(a.predicate, out);
  }
  for (const r of ast.eligibility?.relaxations ?? []) predicateThresholds(r.predicate, out);
  return out;
}

/** Decimals of a threshold as written (60 → 0, 59.9 → 1). */
function decimalsOf(t: Fraction): number {
  const s = toDecimal(t);
  return s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
}

function bounds(input: InputAst): [Fraction, Fraction | undefined] {
  const lo = input.low ? q(input.low) : ZERO;
  const hi = input.high ? q(input.high) : input.type === "percent" ? HUNDRED : undefined;
  return [lo, hi];
}

function inRange(input: InputAst, v: Fraction): boolean {
  const [lo, hi] = bounds(input);
  return cmp(v, lo) >= 0 && (!hi || cmp(v, hi) <= 0);
}

/** t and one unit of its last digit either side (for non-integer inputs also a tenth and a hundredth of that unit). */
export function neighbourhood(input: InputAst, t: Fraction): Fraction[] {
  const out: Fraction[] = [];
  if (input.type === "count") {
    const whole = isInteger(t) ? t : frac(t.n / t.d);
    out.push(sub(whole, frac(1n)), whole, add(whole, frac(1n)), add(whole, frac(2n)));
  } else {
    const d = decimalsOf(t);
    out.push(t);
    // one unit of the last digit, a tenth and a hundredth of it, and a millionth (the finest data the engine reads, 6 decimals)
    for (const e of new Set([d, d + 1, d + 2, Math.max(d, 6)])) {
      const unit = frac(1n, 10n ** BigInt(e));
      out.push(sub(t, unit), add(t, unit));
    }
  }
  return out.filter((v) => inRange(input, v));
}

/** Values to draw an input from when it is not the one being swept: around its thresholds, 0, its range ends, far above. */
export function poolOf(input: InputAst, thresholds: Fraction[]): string[] {
  if (input.kind === "evidence" || input.type === "yesno") return ["是", "否"];
  const labels = input.values.map((v) => v.text);
  if (input.type === "enum") return labels;
  // 清单: none, each level alone, each level twice, one of every level, the highest three times
  if (input.type === "list") return ["无", ...labels, ...labels.map((l) => `${l}、${l}`), labels.join("、"), [labels[0], labels[0], labels[0]].join("、")];
  if (input.type === "text") return ["（示例）"];
  const [lo, hi] = bounds(input);
  const values: Fraction[] = [lo];
  if (hi) values.push(hi);
  for (const t of thresholds) values.push(...neighbourhood(input, t));
  const top = thresholds.reduce((m, t) => max(m, t), ZERO);
  const far = hi ?? add(mul(top, frac(2n)), frac(10n));
  values.push(input.type === "count" ? frac(far.n / far.d) : far);
  if (input.type === "score" && hi) values.push(frac(lo.n * hi.d + hi.n * lo.d, 2n * lo.d * hi.d));
  return [...new Set(values.filter((v) => inRange(input, v)).map(toDecimal))];
}

export interface Generated {
  record: Record_;
  /** Why this record was made (for failure messages). */
  why: string;
}

export class PlatformMaker {
  readonly thresholds: Map<string, Fraction[]>;
  readonly pools: Map<string, string[]>;
  private readonly alternatives: Set<string>;
  /** Inputs of one 选项 each: filled only when their option is the chosen one. */
  private readonly optionOwn: Set<string>;
  /** The crossings found (derived thresholds and grade boundaries), for coverage assertions. */
  readonly crossed = new Set<string>();
  /** Ten times the largest number in any pool: far enough for one input to move a ratio of two others across. */
  private readonly far: Fraction;

  /**
   * @param bases platforms to vary one input of, besides random ones: the rubric's own 用例 (hand-written,
   * so some meet every condition — without them a sweep over an eligibility rubric would almost always
   * vary one condition while another already fails, and a shifted threshold would go unseen).
   */
  constructor(
    readonly oracle: Oracle,
    readonly bases: Record_[] = [],
  ) {
    this.thresholds = thresholdsOf(oracle);
    this.pools = new Map(oracle.entered.map((i) => [i.name.text, poolOf(i, this.thresholds.get(i.name.text) ?? [])]));
    this.alternatives = new Set(oracle.chooseOneGroups.flat());
    this.optionOwn = new Set(oracle.optionGroups.flatMap((g) => g.options.flatMap((o) => o.own)));
    const numbers = [...this.pools.values()].flat().flatMap((v) => (dec_(v) ? [dec_(v)!] : []));
    this.far = mul(numbers.reduce((m, v) => max(m, v), frac(100n)), frac(10n));
  }

  /** A random platform: each input from its pool; one alternative of each 选其一 filled in. */
  background(rnd: () => number): Record_ {
    const r: Record_ = {};
    for (const i of this.oracle.entered) r[i.name.text] = this.alternatives.has(i.name.text) ? "" : pick(this.pools.get(i.name.text)!, rnd);
    for (const group of this.oracle.chooseOneGroups) {
      const chosen = pick(group, rnd);
      r[chosen] = pick(this.pools.get(chosen)!, rnd);
    }
    for (const g of this.oracle.optionGroups) this.choose(r, g, pick(g.options, rnd).label, rnd);
    return r;
  }

  /** Fills in the own inputs of one option of `g` (keeping values already there) and empties the others'. */
  private choose(r: Record_, g: Oracle["optionGroups"][number], label: string, rnd: () => number): void {
    for (const o of g.options) {
      for (const n of o.own) {
        if (o.label !== label) r[n] = "";
        else if (!r[n]) r[n] = pick(this.pools.get(n)!, rnd);
      }
    }
  }

  /** A random platform, or one of the bases (half the time, when there are bases). */
  backgroundOrBase(rnd: () => number): Record_ {
    return this.bases.length > 0 && rnd() < 0.5 ? { ...pick(this.bases, rnd) } : this.background(rnd);
  }

  /** Every entered input at every value of its threshold neighbourhoods, over every base and `perValue` random backgrounds. */
  *sweep(rnd: () => number, perValue = 1): Generator_<Generated> {
    for (const input of this.oracle.entered) {
      const name = input.name.text;
      const values =
        input.kind === "evidence" || input.type === "yesno"
          ? ["是", "否"]
          : input.type === "enum" || input.type === "list"
            ? this.pools.get(name)!
            : (this.thresholds.get(name) ?? []).flatMap((t) => neighbourhood(input, t)).map(toDecimal);
      for (const v of new Set(values)) {
        for (let k = 0; k < perValue + this.bases.length; k++) {
          const r = k < perValue ? this.background(rnd) : { ...this.bases[k - perValue]! };
          if (this.alternatives.has(name)) for (const g of this.oracle.chooseOneGroups) if (g.includes(name)) for (const n of g) r[n] = "";
          for (const g of this.oracle.optionGroups) {
            const mine = g.options.find((o) => o.own.includes(name));
            if (mine) this.choose(r, g, mine.label, rnd);
          }
          r[name] = v;
          yield { record: r, why: `${name} = ${v}` };
        }
      }
    }
  }

  /** Derived inputs pushed across each of their thresholds by one entered input they are computed from. */
  *derivedCrossings(rnd: () => number, tries = 6): Generator_<Generated> {
    for (const d of this.oracle.derivedInputs) {
      const name = d.name.text;
      const refs = [...new Set(enteredRefs(d.expression!, this.oracle))];
      for (const t of this.thresholds.get(name) ?? []) {
        for (let k = 0; k < tries; k++) {
          const r = this.backgroundOrBase(rnd);
          const ref = pick(refs, rnd);
          const by = this.oracle.entered.find((i) => i.name.text === ref);
          if (!by) throw new Error(`oracle inputs: ${name} refers to ${ref}, which is not an entered input`);
          const at = (v: Fraction | undefined) => (v === undefined ? undefined : cmp(v, t));
          yield* this.crossing(r, by, (rec) => at(this.oracle.evaluate(rec).derived.get(name)), `${name} 越过 ${toDecimal(t)}`);
        }
      }
    }
  }

  /**
   * Totals pushed across each grade boundary: walk from the worst platform (every input at its least
   * favourable value) to the best one input at a time, in a random order, until the total crosses; then
   * search that input's values for the crossing.
   */
  *gradeCrossings(rnd: () => number, tries = 6): Generator_<Generated> {
    const edges = this.oracle.ast.grades.flatMap((g) => conditionValues(g.condition));
    const worst = this.extreme(false);
    const best = this.extreme(true);
    const order = this.oracle.entered.map((i) => i.name.text).filter((n) => !this.alternatives.has(n));
    for (const b of edges) {
      const side = (rec: Record_) => {
        const v = this.oracle.evaluate(rec);
        return v.total ? cmp(v.total, b) : undefined;
      };
      for (let t = 0; t < tries; t++) {
        const names = [...order].sort(() => rnd() - 0.5);
        let rec = { ...worst };
        let before = side(rec);
        for (const n of names) {
          const next = { ...rec, [n]: best[n]! };
          const after = side(next);
          if (before !== undefined && after !== undefined && before < 0 && after >= 0) {
            const input = this.oracle.entered.find((i) => i.name.text === n)!;
            if (input.type === "yesno" || input.kind === "evidence" || input.type === "enum" || input.type === "list") {
              this.crossed.add(`总分越过 ${toDecimal(b)}`);
              yield { record: rec, why: `总分越过 ${toDecimal(b)}（${n} = 否）` };
              yield { record: next, why: `总分越过 ${toDecimal(b)}（${n} = 是）` };
            } else yield* this.crossing(rec, input, side, `总分越过 ${toDecimal(b)}`);
            break;
          }
          rec = next;
          before = after;
        }
      }
    }
  }

  /** Every input at its most (or least) favourable pool value, by its declared direction (是 for yes/no). */
  private extreme(favourable: boolean): Record_ {
    const r: Record_ = {};
    for (const i of this.oracle.entered) {
      const name = i.name.text;
      const pool = this.pools.get(name)!;
      if (this.alternatives.has(name)) r[name] = "";
      else if (i.kind === "evidence" || i.type === "yesno") r[name] = favourable ? "是" : "否";
      else if (i.type === "enum") r[name] = favourable ? pool[0]! : pool[pool.length - 1]!;
      else if (i.type === "list") r[name] = favourable ? pool[pool.length - 1]! : "无";
      else if (i.type === "text") r[name] = pool[0]!;
      else {
        const sorted = [...pool].sort((a, b) => cmp(dec(a), dec(b)));
        const up = i.direction !== "down";
        r[name] = up === favourable ? sorted[sorted.length - 1]! : sorted[0]!;
      }
    }
    for (const group of this.oracle.chooseOneGroups) {
      const pool = [...this.pools.get(group[0]!)!].sort((a, b) => cmp(dec(a), dec(b)));
      r[group[0]!] = favourable ? pool[pool.length - 1]! : pool[0]!;
    }
    // 选项: the first option's own inputs (at their extreme, set above); the others empty
    for (const g of this.oracle.optionGroups) for (const o of g.options.slice(1)) for (const n of o.own) r[n] = "";
    return r;
  }

  /**
   * Binary search on `by` over its grid (whole numbers for counts, hundredths otherwise) for where `side`
   * changes sign (either way: a ratio falls as its denominator grows); yields the records one grid step
   * either side of the change and at it. `side` is undefined where the platform's data is in error.
   */
  private *crossing(base: Record_, by: InputAst, side: (r: Record_) => number | undefined, why: string): Generator_<Generated> {
    const grid = by.type === "count" ? frac(1n) : frac(1n, 100n);
    const [lo, hiBound] = bounds(by);
    const hi = hiBound && cmp(hiBound, this.far) < 0 ? hiBound : this.far;
    const valueAt = (k: bigint) => add(lo, mul(frac(k), grid));
    const with_ = (k: bigint): Record_ => ({ ...base, [by.name.text]: toDecimal(valueAt(k)) });
    const at = (k: bigint) => side(with_(k));
    let kLo = 0n;
    let sLo = at(kLo);
    if (sLo === undefined) sLo = at(++kLo);
    let kHi = (sub(hi, lo).n * grid.d) / (sub(hi, lo).d * grid.n);
    let sHi = at(kHi);
    if (sLo !== undefined && sHi === undefined) {
      // data turns invalid somewhere above (a ratio over 100%): search for the last valid grid point
      let ok = kLo;
      let bad = kHi;
      while (bad - ok > 1n) {
        const m = (ok + bad) / 2n;
        if (at(m) === undefined) bad = m;
        else ok = m;
      }
      kHi = ok;
      sHi = at(kHi);
    }
    if (sLo === undefined || sHi === undefined || sLo < 0 === sHi < 0) return; // not crossed along this input
    const before = sLo < 0;
    let a = kLo;
    let b = kHi;
    while (b - a > 1n) {
      const m = (a + b) / 2n;
      const s = at(m);
      if (s === undefined) return;
      if (s < 0 === before) a = m;
      else b = m;
    }
    this.crossed.add(why);
    for (const k of [a - 1n, a, b, b + 1n]) if (k >= 0n) yield { record: with_(k), why: `${why}（${by.name.text} = ${toDecimal(valueAt(k))}）` };
  }
}

type Generator_<T> = Generator<T, void, undefined>;

function enteredRefs(e: Expr, oracle: Oracle): string[] {
  switch (e.kind) {
    case "number":
      return [];
    case "ref": {
      const d = oracle.derivedInputs.find((x) => x.name.text === e.name.text);
      return d ? enteredRefs(d.expression!, oracle) : [e.name.text];
    }
    case "neg":
      return enteredRefs(e.operand, oracle);
    case "binary":
      return [...enteredRefs(e.left, oracle), ...enteredRefs(e.right, oracle)];
  }
}
