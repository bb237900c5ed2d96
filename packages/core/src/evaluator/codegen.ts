/**
 * The fast path for scoring many platforms: the checked model becomes the source of one
 * JavaScript function `(v, p, h) => total`. Only the model goes in — inputs become array
 * indices and numbers become integer literals checked with Number.isSafeInteger — so no text
 * an officer typed ever reaches the generated code. Its results must equal the closure
 * evaluator's (`compile.ts`), which a property test checks for every rubric in rules/.
 */
import { mulDivRound, mulScaled, toScaled } from "../decimal.ts";
import type { Condition, Indicator, Interval, Part, Rubric, Rule } from "../model.ts";

export interface Helpers {
  mdr: typeof mulDivRound;
  mul: typeof mulScaled;
}

export type TotalFn = (v: number[], p: boolean[], h: Helpers) => number;

interface Gen {
  digits: number;
  precision: number;
  index: Map<string, number>;
}

function lit(value: string, g: Gen): string {
  const n = toScaled(value, g.digits);
  if (n === undefined || !Number.isSafeInteger(n)) throw new RangeError(`internal: ${value} does not fit scale ${g.digits}`);
  return String(n);
}

function idx(name: string, g: Gen): number {
  const i = g.index.get(name);
  if (i === undefined || !Number.isInteger(i)) throw new Error(`internal: unknown input ${name}`);
  return i;
}

function intervalTest(x: string, interval: Interval, g: Gen): string {
  const parts: string[] = [];
  if (interval.lo) parts.push(`${x} ${interval.lo.closed ? ">=" : ">"} ${lit(interval.lo.value, g)}`);
  if (interval.hi) parts.push(`${x} ${interval.hi.closed ? "<=" : "<"} ${lit(interval.hi.value, g)}`);
  return parts.length ? `(${parts.join(" && ")})` : "true";
}

function stepsExpr(amount: string, step: string, reading: "floor" | "ceil"): string {
  return `(${amount} > 0 ? Math.${reading}((${amount}) / ${step}) : 0)`;
}

function partExpr(part: Part, max: string, g: Gen): string {
  switch (part.kind) {
    case "tiers": {
      // the highest satisfied band
      return part.tiers.reduce((acc, t) => {
        const pts = lit(t.points, g);
        return `Math.max(${acc}, ${intervalTest("x", t.interval, g)} ? ${pts} : 0)`;
      }, "0");
    }
    case "add":
      return `(${intervalTest("x", part.interval, g)} ? ${lit(part.points, g)} : 0)`;
    case "flag":
      return `(x !== 0 ? ${lit(part.points, g)} : 0)`;
    case "stepDeduction": {
      const t = lit(part.threshold.value, g);
      const full = lit(part.full, g);
      const step = lit(part.step, g);
      const per = lit(part.per, g);
      const met = `x ${part.threshold.closed ? ">=" : ">"} ${t}`;
      const ded =
        part.reading === "proRata" ? `h.mdr(${per}, ${t} - x, ${step}, ${g.digits}, ${g.precision})` : `${per} * ${stepsExpr(`${t} - x`, step, part.reading)}`;
      return `(${met} ? ${full} : Math.max(0, ${full} - ${ded}))`;
    }
    case "increments": {
      const from = lit(part.from.value, g);
      const step = lit(part.step, g);
      const pts = lit(part.points, g);
      const met = `x ${part.from.closed ? ">=" : ">"} ${from}`;
      const inc =
        part.reading === "proRata" ? `h.mdr(${pts}, x - ${from}, ${step}, ${g.digits}, ${g.precision})` : `${pts} * ${stepsExpr(`x - ${from}`, step, part.reading)}`;
      return `(${met} ? ${inc} : 0)`;
    }
    case "perItem":
      return `${lit(part.points, g)} * ${stepsExpr("x", lit(part.per, g), "floor")}`;
    case "countDeduction":
      return `-${lit(part.points, g)} * ${stepsExpr("x", lit(part.per, g), "floor")}`;
    case "expert":
    case "discretionary":
      return "x";
    case "baseline": {
      const base = lit(part.base, g);
      const full = lit(part.full, g);
      const between = part.between === "linear" ? `h.mdr(${max}, x - ${base}, ${full} - ${base}, ${g.digits}, ${g.precision})` : lit(part.between, g);
      return `(x < ${base} ? 0 : x >= ${full} ? ${max} : ${between})`;
    }
  }
}

function subjectExpr(rule: Rule, g: Gen): string {
  if (!rule.chooseOne) return `v[${idx(rule.subjects[0]!.name, g)}]`;
  return rule.subjects.reduceRight((acc, s) => `(p[${idx(s.name, g)}] ? v[${idx(s.name, g)}] : ${acc})`, "0");
}

function conditionExpr(c: Condition, g: Gen): string {
  if (c.kind === "compare") return intervalTest(`v[${idx(c.input.name, g)}]`, c.interval, g);
  return `(${c.inputs.map((i) => `v[${idx(i.name, g)}] !== 0`).join(" || ")})`;
}

function indicatorBlock(ind: Indicator, g: Gen): string {
  const max = ind.max !== undefined ? lit(ind.max, g) : "0";
  const lines: string[] = [];
  lines.push(`s = ${ind.startsFull && ind.max !== undefined ? max : "0"};`);
  const evidence = ind.requires.map((r) => `v[${idx(r.name, g)}] === 0`);
  for (const rule of ind.rules) {
    const missing = [...evidence, ...rule.requires.map((r) => `v[${idx(r.name, g)}] === 0`)];
    const x = missing.length ? `(${missing.join(" || ")}) ? 0 : ${subjectExpr(rule, g)}` : subjectExpr(rule, g);
    const body = rule.parts.map((p) => partExpr(p, max, g)).join(" + ") || "0";
    lines.push(`x = ${x}; r = ${body};`);
    if (rule.atMost !== undefined) lines.push(`if (r > ${lit(rule.atMost, g)}) r = ${lit(rule.atMost, g)};`);
    lines.push("s += r;");
  }
  const cap = ind.cap !== undefined ? lit(ind.cap, g) : undefined;
  if (cap !== undefined) lines.push(`if (s > ${cap}) s = ${cap};`);
  if (ind.max !== undefined && !ind.bonus && (cap === undefined || Number(cap) > Number(max))) lines.push(`if (s > ${max}) s = ${max};`);
  lines.push("if (s < 0) s = 0;");
  for (const veto of ind.vetoes) lines.push(`if (${conditionExpr(veto.condition, g)}) s = 0;`);
  if (ind.weight !== undefined) {
    const w = lit(ind.weight, g);
    const hundred = lit("100", g);
    const f = 10 ** g.digits;
    const top = Math.max(Number(max), Number(cap ?? 0), Number(hundred));
    if (ind.max === undefined || max === hundred) {
      // weight × score: exact at this scale (the scale holds the weight's decimals plus the score's),
      // so plain arithmetic is exact whenever the product stays below 2^53; else the BigInt helper
      lines.push(Number(w) * top < Number.MAX_SAFE_INTEGER ? `c += Math.round(${w} * s / ${f});` : `c += h.mul(${w}, s, ${g.digits});`);
    } else lines.push(`c += h.mdr(h.mul(${w}, s, ${g.digits}), ${hundred}, ${max}, ${g.digits}, ${g.digits});`);
  } else lines.push("c += s;");
  return lines.join("\n    ");
}

/** JavaScript source of the total function (exposed for inspection in tests). */
export function totalSource(rubric: Rubric, digits: number, index: Map<string, number>): string {
  const g: Gen = { digits, precision: rubric.precision, index };
  const out: string[] = ["let t = 0, c = 0, s = 0, r = 0, x = 0;"];
  for (const cat of rubric.categories) {
    out.push("c = 0;");
    for (const ind of cat.indicators) if (!ind.pending) out.push(`{ ${indicatorBlock(ind, g)} }`);
    if (cat.cap !== undefined) out.push(`if (c > ${lit(cat.cap, g)}) c = ${lit(cat.cap, g)};`);
    out.push("t += c;");
  }
  out.push("return t;");
  return out.join("\n");
}

export function generateTotal(rubric: Rubric, digits: number, index: Map<string, number>): TotalFn {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from the checked model only (see file comment)
  return new Function("v", "p", "h", totalSource(rubric, digits, index)) as TotalFn;
}

export const HELPERS: Helpers = { mdr: mulDivRound, mul: mulScaled };
