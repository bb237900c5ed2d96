/**
 * What a rule means, for hover and the curve view: the interval of each band after the Civil
 * Code rule, the formula in words, and the score at the key points — all computed by the same
 * closures that score platforms.
 */
import { criticalPoints } from "./critical-points.ts";
import type { Bound, Indicator, Input, Interval, Part, Rubric } from "../model.ts";
import { compile, type Scorer } from "./scorer.ts";

export interface CurvePoint {
  x: string;
  y: string;
}

export interface Curve {
  indicator: string;
  input: string;
  unit: string | undefined;
  max: string | undefined;
  /** Score of the indicator's rules on this input (other rules left out), at every point where it can change. */
  points: CurvePoint[];
  /** Threshold values with whether the value itself belongs to the upper side (≥) or not (>). */
  thresholds: { x: string; closed: boolean; label: string }[];
}

function boundText(b: Bound | undefined, side: "lo" | "hi", unit: string): string {
  if (!b) return side === "lo" ? "−∞" : "+∞";
  return `${b.value}${unit}`;
}

/** 「[1500家次, +∞)」 — the interval of a band in mathematical notation. */
export function intervalNotation(i: Interval, unit = ""): string {
  const open = i.lo ? (i.lo.closed ? "[" : "(") : "(";
  const close = i.hi ? (i.hi.closed ? "]" : ")") : ")";
  return `${open}${boundText(i.lo, "lo", unit)}, ${boundText(i.hi, "hi", unit)}${close}`;
}

const READING: Record<string, string> = { floor: "不足一档不计", ceil: "不足一档按一档计", proRata: "按比例计" };

/** One sentence stating exactly what a part computes. */
export function partMeaning(p: Part, input: Input, indicatorMax: string | undefined): string {
  const u = input.unit ?? "";
  const x = input.name;
  switch (p.kind) {
    case "tiers":
      return p.tiers.map((t) => `${x} ∈ ${intervalNotation(t.interval, u)} 得${t.points}分`).join("；") + (p.tiers.length > 1 ? "（多档满足时取最高一档）" : "");
    case "add":
      return `${x} ∈ ${intervalNotation(p.interval, u)} 时加${p.points}分`;
    case "flag":
      return `${x}为「是」时得${p.points}分，为「否」得0分`;
    case "stepDeduction":
      return `${x} ${p.threshold.closed ? "≥" : ">"} ${p.threshold.value}${u} 得${p.full}分；不足时每差${p.step}${u}减${p.per}分（${READING[p.reading]}${p.readingExplicit ? "" : "，默认读法"}），最低0分`;
    case "increments":
      return `${x} ${p.from.closed ? "≥" : ">"} ${p.from.value}${u} 后，每增加${p.step}${u}加${p.points}分（${READING[p.reading]}）`;
    case "perItem":
      return `每${p.per === "1" ? "" : p.per}${u}加${p.points}分：${p.points} × ⌊${x} ÷ ${p.per}⌋`;
    case "countDeduction":
      return `每${p.per === "1" ? "" : p.per}${u}减${p.points}分，从满分起扣，最低0分`;
    case "expert":
      return `得分即录入的评定分（${input.min ?? "?"}～${input.max ?? "?"}分，超出范围是数据错误）`;
    case "discretionary":
      return `酌情加分：录入的分数（${input.min ?? "?"}～${input.max ?? "?"}分），受封顶约束`;
    case "levels":
      return p.all.map((v) => {
        const band = p.bands.find((b) => b.values.includes(v));
        return `${x}为「${v}」得${band ? band.points : (p.otherwise ?? "0")}分`;
      }).join("；");
    case "baseline":
      return `${x} < ${p.base}${u} 得0分；${x} ≥ ${p.full}${u} 得满分${indicatorMax ?? ""}分；其间${p.between === "linear" ? "按线性插值" : `得${p.between}分`}`;
  }
}

function findIndicator(rubric: Rubric, name: string): Indicator | undefined {
  // a path (类别/指标) first: an indicator's own name may contain 「/」
  return rubric.indicators.find((i) => i.path === name) ?? rubric.indicators.find((i) => i.name === name);
}

/** The score curve of an indicator against one of its inputs. */
export function curve(rubric: Rubric, indicatorName: string, inputName: string, scorer: Scorer = compile(rubric)): Curve | undefined {
  const ind = findIndicator(rubric, indicatorName);
  const input = rubric.inputByName.get(inputName);
  if (!ind || !input || ind.pending || input.type === "enum") return undefined;
  const fns = scorer.ruleFunctions(ind.path).filter((f) => f.rule.subjects.includes(input));
  if (fns.length === 0) return undefined;
  const max = ind.max !== undefined ? scorer.scale(ind.max) : undefined;
  const cap = ind.cap !== undefined ? scorer.scale(ind.cap) : undefined;
  const xs = new Set<number>();
  for (const f of fns) for (const x of criticalPoints(f.rule, input, scorer, ind.cap ?? ind.max)) xs.add(x);
  const sorted = [...xs].sort((a, b) => a - b);
  // linear segments: add a few points between neighbours so the plot is straight where it should be;
  // a count takes whole values only
  const grain = input.type === "count" ? (scorer.scale("1") ?? 1) : 1;
  const dense: number[] = [];
  sorted.forEach((x, i) => {
    dense.push(x);
    const next = sorted[i + 1];
    if (next !== undefined && next - x > grain) for (let k = 1; k < 4; k++) dense.push(grain * Math.round((x + ((next - x) * k) / 4) / grain));
  });
  const base = ind.startsFull && max !== undefined ? max : 0;
  const points = [...new Set(dense)]
    .sort((a, b) => a - b)
    .map((x) => {
      let y = base + fns.reduce((s, f) => s + f.value(x), 0);
      if (cap !== undefined && y > cap) y = cap;
      if (max !== undefined && !ind.bonus && y > max) y = max;
      if (y < 0) y = 0;
      return { x: scorer.format(x), y: scorer.format(y) };
    });
  const thresholds: Curve["thresholds"] = [];
  const u = input.unit ?? "";
  for (const f of fns) {
    for (const p of f.rule.parts) {
      const add = (b: Bound | undefined, label: string) => b && !thresholds.some((t) => t.x === b.value && t.closed === b.closed) && thresholds.push({ x: b.value, closed: b.closed, label });
      if (p.kind === "tiers") p.tiers.forEach((t) => (add(t.interval.lo, t.interval.text), add(t.interval.hi, t.interval.text)));
      if (p.kind === "add") (add(p.interval.lo, p.interval.text), add(p.interval.hi, p.interval.text));
      if (p.kind === "stepDeduction") add(p.threshold, p.thresholdText);
      if (p.kind === "increments") add(p.from, p.fromText);
      if (p.kind === "baseline") (add({ value: p.base, closed: true }, `基准${p.base}${u}`), add({ value: p.full, closed: true }, `满分${p.full}${u}`));
    }
  }
  return { indicator: ind.name, input: input.name, unit: input.unit, max: ind.max, points, thresholds };
}

/** Key points of a rule for hover: the score at each threshold and just below it. */
export function keyPoints(c: Curve, limit = 6): CurvePoint[] {
  const wanted = new Set(c.thresholds.map((t) => t.x));
  const picked = c.points.filter((p) => wanted.has(p.x));
  const first = c.points[0];
  if (first && !picked.includes(first)) picked.unshift(first);
  return picked.slice(0, limit);
}
