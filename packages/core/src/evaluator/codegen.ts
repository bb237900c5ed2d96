/**
 * The fast path every batch scores through: the checked model becomes the source of one
 * JavaScript function `(v, p, q, out, h) => total` that writes the whole verdict into `out` —
 * every indicator's score, every category's subtotal, the total, the grade or veto, and the
 * eligibility with its relaxations. Only the model goes in — inputs become array indices and
 * numbers become scaled integers checked with Number.isSafeInteger — so no text an officer
 * typed ever reaches the generated code. The rubric's numbers are not in the source: each is a
 * constant `kN` the function closes over, so an edit of a threshold or of points keeps the source
 * (and the engine's optimised code for it) and only changes the constants. A long batch takes the
 * same source with the numbers written in as literals (`literal()`): about 15% faster once warm,
 * but cold again for every new set of numbers. Rules on derived inputs (exact rationals) call the
 * reference closures of parts.ts. Results must equal the closures' exactly: a property test
 * checks both on every rubric in rules/.
 */
import { mulDivRound, mulScaled, toScaled, type Rational } from "../decimal.ts";
import type { Condition, Indicator, Interval, Part, Rubric, Rule, ScoreTarget } from "../model.ts";
import { readsRational } from "../model-walk.ts";
import { compileCondition, ZERO, type ConditionFn, type Model, type RuleFn } from "./parts.ts";

/** Where each part of the verdict sits in the output array. */
export interface VerdictLayout {
  /** Non-pending indicators in rubric order → slot. */
  indicators: Indicator[];
  categoryStart: number;
  total: number;
  /** Index into rubric.grades, or −1. */
  grade: number;
  /** Index into rubric.vetoes, or −1. */
  veto: number;
  /** 1 eligible, 0 not, −1 no eligibility rules. */
  eligible: number;
  /** One slot per relaxable label, in order of first appearance: 1 when that label was relaxed. */
  relaxedStart: number;
  relaxedLabels: string[];
  size: number;
}

export interface Helpers {
  mdr: typeof mulDivRound;
  mul: typeof mulScaled;
  /** Rules on a derived subject, by id. */
  r: ((x: Rational) => number)[];
  /** Conditions that need the closures (derived inputs, overrides), by id. */
  c: ((v: number[], p: boolean[], q: (Rational | undefined)[]) => boolean)[];
  Z: Rational;
}

export type VerdictFn = (v: number[], p: boolean[], q: (Rational | undefined)[], out: number[] | Float64Array, h: Helpers) => number;

interface Gen {
  digits: number;
  precision: number;
  index: Map<string, number>;
  model: Model;
  helpers: Helpers;
  layout: VerdictLayout;
  /** The scaled numbers the source names `k0`, `k1`, …, in order. */
  constants: number[];
}

/** A number of the rubric as a scaled integer at the function's scale. */
function scaled(value: string, g: Gen): number {
  const n = toScaled(value, g.digits);
  if (n === undefined || !Number.isSafeInteger(n)) throw new RangeError(`internal: ${value} does not fit scale ${g.digits}`);
  return n;
}

/** A number of the rubric in the source: the name of its constant. */
function lit(value: string, g: Gen): string {
  return constant(scaled(value, g), g);
}

/** An already scaled number of the rubric in the source: the name of its constant. */
function constant(n: number, g: Gen): string {
  g.constants.push(n);
  return `k${g.constants.length - 1}`;
}

function idx(name: string, g: Gen): number {
  const i = g.index.get(name);
  if (i === undefined || !Number.isInteger(i)) throw new Error(`internal: unknown input ${name}`);
  return i;
}

/** `x` in the interval: `&&` for a condition; for `bits`, each comparison is 0 or 1 and `&` joins them without a branch. */
function intervalTest(x: string, interval: Interval, g: Gen, bits = false): string {
  const parts: string[] = [];
  if (interval.lo) parts.push(`${x} ${interval.lo.closed ? ">=" : ">"} ${lit(interval.lo.value, g)}`);
  if (interval.hi) parts.push(`${x} ${interval.hi.closed ? "<=" : "<"} ${lit(interval.hi.value, g)}`);
  if (parts.length === 0) return "true";
  return bits ? `(${parts.map((c) => `(${c})`).join(" & ")})` : `(${parts.join(" && ")})`;
}

/**
 * `points` when `test` holds, else 0. Positive points are the product of the test (0 or 1) and
 * the points: no branch on the platform's answers, which vary from record to record and make a
 * branch mispredict (national norm, 10,000 generated records: 18% faster with its yes/no points
 * branch-free). Other points keep the conditional, since false × −k is −0.
 */
function award(test: string, points: string, g: Gen): string {
  const n = scaled(points, g);
  return n > 0 ? `(${test} * ${constant(n, g)})` : `(${test} ? ${constant(n, g)} : 0)`;
}

function stepsExpr(amount: string, step: string, reading: "floor" | "ceil"): string {
  return `(${amount} > 0 ? Math.${reading}((${amount}) / ${step}) : 0)`;
}

function partExpr(part: Part, max: string, g: Gen): string {
  const P = g.model.ctx.precision;
  switch (part.kind) {
    case "tiers":
      // the highest satisfied band
      return part.tiers.reduce((acc, t) => `Math.max(${acc}, ${award(intervalTest("x", t.interval, g, true), t.points, g)})`, "0");
    case "add":
      return award(intervalTest("x", part.interval, g, true), part.points, g);
    case "flag":
      return award("(x !== 0)", part.points, g);
    case "stepDeduction": {
      const t = lit(part.threshold.value, g);
      const full = lit(part.full, g);
      const step = lit(part.step, g);
      const per = lit(part.per, g);
      const met = `x ${part.threshold.closed ? ">=" : ">"} ${t}`;
      const ded = part.reading === "proRata" ? `h.mdr(${per}, ${t} - x, ${step}, ${g.digits}, ${P})` : `${per} * ${stepsExpr(`${t} - x`, step, part.reading)}`;
      return `(${met} ? ${full} : Math.max(0, ${full} - ${ded}))`;
    }
    case "increments": {
      const from = lit(part.from.value, g);
      const step = lit(part.step, g);
      const pts = lit(part.points, g);
      const met = `x ${part.from.closed ? ">=" : ">"} ${from}`;
      const inc = part.reading === "proRata" ? `h.mdr(${pts}, x - ${from}, ${step}, ${g.digits}, ${P})` : `${pts} * ${stepsExpr(`x - ${from}`, step, part.reading)}`;
      return `(${met} ? ${inc} : 0)`;
    }
    case "perItem":
      return `${lit(part.points, g)} * ${stepsExpr("x", lit(part.per, g), "floor")}`;
    case "countDeduction":
      return `-${lit(part.points, g)} * ${stepsExpr("x", lit(part.per, g), "floor")}`;
    case "expert":
    case "discretionary":
      return "x";
    case "levels": {
      // x is the index of the value; each value's points, looked up in order
      const points = part.all.map((v) => {
        const band = part.bands.find((b) => b.values.includes(v));
        return band ? lit(band.points, g) : part.otherwise !== undefined ? lit(part.otherwise, g) : "0";
      });
      return `(${points.map((p, k) => `x === ${k} ? ${p} : `).join("")}0)`;
    }
    case "baseline": {
      const base = lit(part.base, g);
      const full = lit(part.full, g);
      const between = part.between === "linear" ? `h.mdr(${max}, x - ${base}, ${full} - ${base}, ${g.digits}, ${P})` : lit(part.between, g);
      return `(x < ${base} ? 0 : x >= ${full} ? ${max} : ${between})`;
    }
  }
}

function subjectExpr(rule: Rule, g: Gen): string {
  if (!rule.chooseOne) return `v[${idx(rule.subjects[0]!.name, g)}]`;
  return rule.subjects.reduceRight((acc, s) => `(p[${idx(s.name, g)}] ? v[${idx(s.name, g)}] : ${acc})`, "0");
}

/** A condition that needs the closures (a derived input, overrides) becomes a call to its reference closure with the row. */
function closureCondition(fn: ConditionFn, g: Gen): string {
  const id = g.helpers.c.length;
  const test = fn.test;
  g.helpers.c.push((v, p, q) => test({ values: v, present: p, derived: q }));
  return `h.c[${id}](v, p, q)`;
}

/** The score a score condition reads, as an expression over the verdict being written. */
function scoreExpr(target: ScoreTarget, g: Gen): string {
  const L = g.layout;
  switch (target.kind) {
    case "total":
      return "t";
    case "category":
      return `out[${L.categoryStart + g.model.compiled.categoryIndex.get(target.name)!}]`;
    case "group":
      return `(${target.categories.map((name) => `out[${L.categoryStart + g.model.compiled.categoryIndex.get(name)!}]`).join(" + ")})`;
    case "indicator":
      return `out[${g.model.compiled.indicatorIndex.get(target.path)!}]`;
  }
}

function conditionExpr(c: Condition, fn: ConditionFn, g: Gen): string {
  switch (c.kind) {
    case "compare":
      if (readsRational(c.input) || c.overrides.length > 0) return closureCondition(fn, g);
      return intervalTest(`v[${idx(c.input.name, g)}]`, c.interval, g);
    case "flags":
      return `(${c.inputs.map((i) => `v[${idx(i.name, g)}] !== 0`).join(" || ")})`;
    case "score":
      return intervalTest(scoreExpr(c.target, g), c.interval, g);
    case "is": {
      const i = idx(c.input.name, g);
      return `(${c.values.map((v) => `v[${i}] === ${c.input.values.indexOf(v)}`).join(" || ")})`;
    }
    case "all":
    case "any": {
      // sub-conditions compiled on their own (their closures serve derived parts)
      const parts = c.conditions.map((part) => conditionExpr(part, compileCondition(part, g.model.compiled), g));
      return `(${parts.join(c.kind === "all" ? " && " : " || ")})`;
    }
  }
}

function ruleLine(rule: Rule, fn: RuleFn, missing: string[], max: string, g: Gen): string {
  if (fn.derived) {
    const id = g.helpers.r.length;
    const impl = fn.impl;
    g.helpers.r.push((x) => {
      let v = 0;
      for (const p of impl.parts) v += p.eval(x);
      return impl.atMost !== undefined && v > impl.atMost ? impl.atMost : v;
    });
    const i = idx(rule.subjects[0]!.name, g);
    const arg = missing.length ? `(${missing.join(" || ")}) ? h.Z : (q[${i}] ?? h.Z)` : `q[${i}] ?? h.Z`;
    return `r = h.r[${id}](${arg});`;
  }
  const x = missing.length ? `(${missing.join(" || ")}) ? 0 : ${subjectExpr(rule, g)}` : subjectExpr(rule, g);
  const body = rule.parts.map((p) => partExpr(p, max, g)).join(" + ") || "0";
  const lines = [`x = ${x}; r = ${body};`];
  if (rule.atMost !== undefined) lines.push(`if (r > ${lit(rule.atMost, g)}) r = ${lit(rule.atMost, g)};`);
  return lines.join(" ");
}

function indicatorBlock(ind: Indicator, slot: number, g: Gen): string {
  const fn = g.model.byPath.get(ind.path)!;
  const max = ind.max !== undefined ? lit(ind.max, g) : "0";
  const lines: string[] = [];
  lines.push(`s = ${ind.startsFull && ind.max !== undefined ? max : "0"};`);
  const evidence = ind.requires.map((r) => `v[${idx(r.name, g)}] === 0`);
  const ruleOf = (k: number) => {
    const rule = ind.rules[k]!;
    const missing = [...evidence, ...rule.requires.map((r) => `v[${idx(r.name, g)}] === 0`)];
    return ruleLine(rule, fn.rules[k]!, missing, max, g);
  };
  // options: the first whose own inputs are filled in (the reader lets exactly one through)
  const chosen = fn.optionInputs.map((inputs, k) => `${k === 0 ? "" : "else "}if (${inputs.map((i) => `p[${i}]`).join(" || ") || "false"}) o = ${k};`);
  if (chosen.length > 0) lines.push(`o = -1; ${chosen.join(" ")}`);
  for (const grp of fn.groups) {
    const body: string[] = [];
    if (grp.group.combine === "sum") {
      for (const k of grp.members) body.push(ruleOf(k), "w += r;");
      body.unshift("w = 0;");
    } else {
      // 取其高者 / 取其低者: the first sentence, then each better (or worse) one
      grp.members.forEach((k, j) => body.push(ruleOf(k), j === 0 ? "w = r;" : `if (r ${grp.group.combine === "max" ? ">" : "<"} w) w = r;`));
    }
    if (grp.atMost !== undefined) {
      const atMost = constant(grp.atMost, g);
      body.push(`if (w > ${atMost}) w = ${atMost};`);
    }
    body.push("s += w;");
    lines.push(grp.option >= 0 ? `if (o === ${grp.option}) { ${body.join(" ")} }` : body.join(" "));
  }
  const cap = ind.cap !== undefined ? lit(ind.cap, g) : undefined;
  const maxN = ind.max !== undefined ? scaled(ind.max, g) : 0;
  const capN = ind.cap !== undefined ? scaled(ind.cap, g) : undefined;
  if (ind.deduction) {
    // a 扣分项's indicator: between minus its points and 0
    if (ind.max !== undefined) lines.push(`if (s < -${max}) s = -${max};`);
    lines.push("if (s > 0) s = 0;");
  } else {
    if (cap !== undefined) lines.push(`if (s > ${cap}) s = ${cap};`);
    if (ind.max !== undefined && !ind.bonus && (capN === undefined || capN > maxN)) lines.push(`if (s > ${max}) s = ${max};`);
    lines.push("if (s < 0) s = 0;");
  }
  ind.vetoes.forEach((veto, k) => lines.push(`if (${conditionExpr(veto.condition, fn.vetoes[k]!, g)}) s = 0;`));
  lines.push(`out[${slot}] = s;`);
  if (ind.weight !== undefined) {
    const w = lit(ind.weight, g);
    const hundred = lit("100", g);
    const hundredN = scaled("100", g);
    const wN = scaled(ind.weight, g);
    const f = 10 ** g.digits;
    const top = Math.max(maxN, capN ?? 0, hundredN);
    if (ind.max === undefined || maxN === hundredN) {
      // weight × score: exact at this scale (it holds the weight's decimals plus the score's),
      // so plain arithmetic is exact whenever the product stays below 2^53; else the BigInt helper
      lines.push(wN * top < Number.MAX_SAFE_INTEGER ? `c += Math.round(${w} * s / ${f});` : `c += h.mul(${w}, s, ${g.digits});`);
    } else lines.push(`c += h.mdr(h.mul(${w}, s, ${g.digits}), ${hundred}, ${max}, ${g.digits}, ${g.model.ctx.precision});`);
  } else lines.push("c += s;");
  return lines.join("\n    ");
}

/** Where each part of a rubric's verdict goes in the output array. */
export function verdictLayout(rubric: Rubric): VerdictLayout {
  const indicators = rubric.indicators.filter((i) => !i.pending);
  const categoryStart = indicators.length;
  const total = categoryStart + rubric.categories.length;
  const relaxedLabels: string[] = [];
  for (const r of rubric.eligibility?.rules ?? []) {
    const relaxable = r.label !== undefined && rubric.eligibility!.relaxations.some((x) => x.relaxed.includes(r.label!));
    if (relaxable && !relaxedLabels.includes(r.label!)) relaxedLabels.push(r.label!);
  }
  return { indicators, categoryStart, total, grade: total + 1, veto: total + 2, eligible: total + 3, relaxedStart: total + 4, relaxedLabels, size: total + 4 + relaxedLabels.length };
}

function gradeAndEligibility(rubric: Rubric, L: VerdictLayout, g: Gen): string[] {
  const out: string[] = [];
  const e = rubric.eligibility;
  // eligibility first: a grade may depend on it (不符合认定条件的，不予评定等级)
  if (!e) out.push(`out[${L.eligible}] = -1;`);
  else {
    out.push("e = 1;");
    L.relaxedLabels.forEach((_, k) => out.push(`out[${L.relaxedStart + k}] = 0;`));
    const relaxing = e.relaxations.map((x, k) => conditionExpr(x.condition, g.model.eligibility!.relaxations[k]!.test, g));
    e.rules.forEach((r, k) => {
      const test = conditionExpr(r.condition, g.model.eligibility!.rules[k]!.test, g);
      const slot = r.label !== undefined ? L.relaxedLabels.indexOf(r.label) : -1;
      if (slot < 0) {
        out.push(`if (!${test}) e = 0;`);
        return;
      }
      const lifted = e.relaxations.flatMap((x, j) => (x.relaxed.includes(r.label!) ? [relaxing[j]!] : []));
      out.push(`if (!${test}) { if (${lifted.join(" || ")}) out[${L.relaxedStart + slot}] = 1; else e = 0; }`);
    });
    out.push(`out[${L.eligible}] = e;`);
  }
  out.push(`out[${L.veto}] = -1; out[${L.grade}] = -1;`);
  const vetoes = rubric.vetoes.map((v, k) => `if (${conditionExpr(v.condition, g.model.vetoes[k]!, g)}) out[${L.veto}] = ${k};`);
  const grades = rubric.grades.map((gr, k) => {
    const also = gr.also ? ` && ${conditionExpr(gr.also, g.model.grades[k]!.also!, g)}` : "";
    return `if (${intervalTest("t", gr.interval, g)}${also}) out[${L.grade}] = ${k};`;
  });
  // the first veto that holds decides; else the first band containing the total
  const chain = (list: string[]) => list.map((s, k) => (k === 0 ? s : `else ${s}`)).join("\n");
  const body: string[] = [];
  if (vetoes.length > 0) body.push(chain(vetoes));
  if (grades.length > 0) body.push(vetoes.length > 0 ? `if (out[${L.veto}] < 0) {\n${chain(grades)}\n}` : chain(grades));
  if (body.length > 0) out.push(rubric.gradeNeedsEligibility && e ? `if (out[${L.eligible}] !== 0) {\n${body.join("\n")}\n}` : body.join("\n"));
  return out;
}

/**
 * JavaScript source of the verdict function (exposed for inspection in tests): the body of a
 * factory `(k) => verdict function` that takes the rubric's numbers, with those numbers and the
 * helpers the function calls.
 */
export function verdictSource(rubric: Rubric, model: Model): { source: string; constants: number[]; helpers: Helpers; layout: VerdictLayout } {
  const helpers: Helpers = { mdr: mulDivRound, mul: mulScaled, r: [], c: [], Z: ZERO };
  const L = verdictLayout(rubric);
  const g: Gen = { digits: model.ctx.digits, precision: model.ctx.precision, index: model.compiled.index, model, helpers, layout: L, constants: [] };
  const slotOf = new Map(L.indicators.map((ind, k) => [ind, k]));
  const out: string[] = ["let t = 0, c = 0, s = 0, r = 0, x = 0, e = 0, w = 0, o = -1;"];
  rubric.categories.forEach((cat, k) => {
    out.push("c = 0;");
    for (const ind of cat.indicators) if (!ind.pending) out.push(`{ ${indicatorBlock(ind, slotOf.get(ind)!, g)} }`);
    if (cat.cap !== undefined) out.push(cat.kind === "deduction" ? `if (c < -${lit(cat.cap, g)}) c = -${lit(cat.cap, g)};` : `if (c > ${lit(cat.cap, g)}) c = ${lit(cat.cap, g)};`);
    out.push(`out[${L.categoryStart + k}] = c;`);
    out.push("t += c;");
  });
  // deductions never take the total below 0
  out.push("if (t < 0) t = 0;");
  out.push(`out[${L.total}] = t;`);
  out.push(...gradeAndEligibility(rubric, L, g));
  out.push("return t;");
  const names = g.constants.map((_, i) => `k${i} = k[${i}]`);
  const source = `${names.length > 0 ? `var ${names.join(", ")};\n` : ""}return function verdict(v, p, q, out, h) {\n${out.join("\n")}\n};`;
  return { source, constants: g.constants, helpers, layout: L };
}

export interface GeneratedVerdict {
  fn: VerdictFn;
  helpers: Helpers;
  layout: VerdictLayout;
  /** The factory's source: with `constants` and no closures in `helpers`, it decides the whole output. */
  source: string;
  /** The rubric's numbers, scaled, as the function's constants k0, k1, … */
  constants: readonly number[];
  /** The same function with the numbers as literals in its source (made on first call, then kept). */
  literal: () => VerdictFn;
}

type VerdictFactory = (k: readonly number[]) => VerdictFn;

/**
 * The factories of the last few sources, by source text. An editor compiles the rubric again on
 * every keystroke; most keystrokes leave the source as it was (a word in a 描述, a comment, a
 * space, and — the numbers being constants — a digit of a threshold or of points). The functions
 * one factory makes share the feedback and optimised code the engine gathered for that source,
 * instead of starting cold in the interpreter. A factory is fully determined by its source (the
 * function reads nothing but its arguments and its constants; closures come in `h`).
 */
const factories = new Map<string, VerdictFactory>();
const FACTORIES_KEPT = 8;

function verdictFactory(source: string): VerdictFactory {
  let make = factories.get(source);
  if (make) factories.delete(source);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from the checked model only (see file comment)
  else make = new Function("k", source) as VerdictFactory;
  // most recently used last: the oldest goes first
  factories.set(source, make);
  if (factories.size > FACTORIES_KEPT) factories.delete(factories.keys().next().value!);
  return make;
}

const literals = new Map<string, VerdictFn>();

/** The factory's function with each constant's name replaced by its value (the generator names nothing else `k` + digits). */
function literalFunction(source: string, constants: readonly number[]): VerdictFn {
  const body = source.slice(source.indexOf("return function verdict")).replace(/\bk(\d+)\b/g, (_, i: string) => {
    const n = constants[Number(i)]!;
    return n < 0 ? `(${n})` : String(n);
  });
  let fn = literals.get(body);
  if (fn) literals.delete(body);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from the checked model only (see file comment)
  else fn = (new Function(body) as () => VerdictFn)();
  literals.set(body, fn);
  if (literals.size > FACTORIES_KEPT) literals.delete(literals.keys().next().value!);
  return fn;
}

export function generateVerdict(rubric: Rubric, model: Model): GeneratedVerdict {
  const { source, constants, helpers, layout } = verdictSource(rubric, model);
  let literal: VerdictFn | undefined;
  return { fn: verdictFactory(source)(constants), helpers, layout, source, constants, literal: () => (literal ??= literalFunction(source, constants)) };
}

/** JavaScript source of the verdict function for a rubric at `digits` (inspection in tests). */
export function totalSource(rubric: Rubric, model: Model): string {
  return verdictSource(rubric, model).source;
}
