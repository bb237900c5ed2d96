/**
 * Where a rule's value can change: the numbers written in it, each with its neighbours one unit
 * either side, and every step boundary. Rules are functions of one input each, piecewise constant
 * or linear between these points, so evaluating them there is exhaustive (the checker's extents
 * and monotonicity, the curve view and hover all read the same points).
 */
import type { Input, Part, Rule } from "../model.ts";
import type { Scorer } from "./scorer.ts";

const MAX_POINTS_PER_INPUT = 4000;

/**
 * Where a rule's value can change, as scaled values within the input's range. For an input
 * without an upper bound the range is taken far enough for every accumulating part (每项加,
 * 每增加…加) to pass `limit` points (the indicator's maximum; 100 when not given).
 */
export function criticalPoints(rule: Rule, input: Input, scorer: Scorer, limit = "100"): number[] {
  // a 取值 input is the index of one of its values
  if (input.type === "enum") return input.values.map((_, k) => k);
  const cache = new Map<string, number>();
  const s = (v: string) => {
    let n = cache.get(v);
    if (n === undefined) cache.set(v, (n = scorer.scale(v) ?? 0));
    return n;
  };
  const unit = input.type === "count" ? s("1") : 1;
  const lo = input.min !== undefined ? s(input.min) : Math.min(0, -unit);
  const marks: number[] = [];
  const add = (x: number) => marks.push(x - unit, x, x + unit);
  for (const p of rule.parts) addPartMarks(p, s, add, marks);
  const top = Math.max(lo, ...marks);
  const saturate = (from: number, step: string, points: string) => from + s(step) * (Math.ceil(s(limit) / Math.max(1, s(points))) + 1);
  const reach = rule.parts.map((p) =>
    p.kind === "increments" ? saturate(s(p.from.value), p.step, p.points) : p.kind === "perItem" || p.kind === "countDeduction" ? saturate(0, p.per, p.points) : lo,
  );
  const hi = input.max !== undefined ? s(input.max) : Math.max(top + 10 * Math.max(unit, s("1")) + Math.abs(top), ...reach);
  marks.push(lo, hi);
  if (input.type === "yesno") return [0, 1];
  // walk the range densely enough to see every step
  const steps = rule.parts
    .map((p) => (p.kind === "stepDeduction" || p.kind === "increments" ? s(p.step) : p.kind === "perItem" || p.kind === "countDeduction" ? s(p.per) : 0))
    .filter((x) => x > 0);
  // each step boundary with the values just below and above it (hover and curves show both sides)
  for (const st of steps) {
    const n = Math.min(MAX_POINTS_PER_INPUT, Math.floor((hi - lo) / st));
    for (let k = 0; k <= n; k++) add(lo + k * st);
  }
  const inRange = marks.filter((x) => x >= lo && x <= hi && (input.type !== "count" || x % s("1") === 0));
  return [...new Set(inRange)].sort((a, b) => a - b);
}

function addPartMarks(p: Part, s: (v: string) => number, add: (x: number) => void, marks: number[]): void {
  switch (p.kind) {
    case "tiers":
      for (const t of p.tiers) {
        if (t.interval.lo) add(s(t.interval.lo.value));
        if (t.interval.hi) add(s(t.interval.hi.value));
      }
      return;
    case "add":
      if (p.interval.lo) add(s(p.interval.lo.value));
      if (p.interval.hi) add(s(p.interval.hi.value));
      return;
    case "stepDeduction":
      add(s(p.threshold.value));
      return;
    case "increments":
      add(s(p.from.value));
      return;
    case "baseline":
      add(s(p.base));
      add(s(p.full));
      marks.push(Math.floor((s(p.base) + s(p.full)) / 2));
      return;
    case "levels":
    case "perItem":
    case "countDeduction":
    case "flag":
    case "expert":
    case "discretionary":
      return;
  }
}
