/** Walks over the numbers written in the model (one place, used by the scale choice and the prose check). */
import type { Condition, Indicator, Interval, Part } from "./model.ts";

function intervalNumbers(i: Interval): string[] {
  return [i.lo?.value, i.hi?.value].filter((v): v is string => v !== undefined);
}

/** Every number a part was written with: thresholds, steps, points, bounds. */
export function partNumbers(p: Part): string[] {
  switch (p.kind) {
    case "tiers":
      return p.tiers.flatMap((t) => [t.points, ...intervalNumbers(t.interval)]);
    case "add":
      return [p.points, ...intervalNumbers(p.interval)];
    case "flag":
      return [p.points];
    case "stepDeduction":
      return [p.threshold.value, p.full, p.step, p.per];
    case "increments":
      return [p.from.value, p.step, p.points];
    case "perItem":
    case "countDeduction":
      return [p.per, p.points];
    case "baseline":
      return p.between === "linear" ? [p.base, p.full] : [p.base, p.full, p.between];
    case "expert":
    case "discretionary":
      return [];
  }
}

export function conditionNumbers(c: Condition): string[] {
  return c.kind === "compare" ? intervalNumbers(c.interval) : [];
}

/** Every number an indicator was written with, its own points, caps and vetoes included. */
export function indicatorNumbers(ind: Indicator): string[] {
  return [
    ...[ind.points, ind.max, ind.cap, ind.weight].filter((v): v is string => v !== undefined),
    ...ind.rules.flatMap((r) => [...(r.atMost !== undefined ? [r.atMost] : []), ...r.parts.flatMap(partNumbers)]),
    ...ind.vetoes.flatMap((v) => ["0", ...conditionNumbers(v.condition)]),
  ];
}
