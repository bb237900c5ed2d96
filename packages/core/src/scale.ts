/**
 * The scale a rubric is scored at: how many decimals every value is counted in. One place decides
 * it, from the rubric's own numbers and the decimals of the record being scored, so that no front
 * end ever chooses a scale. Every operation is exact at any scale that holds the values, and
 * rounding goes to the rubric's 精度, never to the scale: results do not depend on it.
 */
import { decimalsOf, MAX_DECIMALS } from "./decimal.ts";
import { conditionNumbers, indicatorNumbers } from "./model-walk.ts";
import type { Rubric } from "./model.ts";

/** Decimals the rubric's numbers need: `values` for thresholds, points and bounds; `weights` for weights. */
export interface RubricDecimals {
  values: number;
  weights: number;
  precision: number;
}

export function rubricDecimals(rubric: Rubric): RubricDecimals {
  // a running maximum: the numbers of a large rubric are too many to spread into Math.max's arguments
  let values = 0;
  let weights = 0;
  const value = (v: string | undefined) => {
    if (v !== undefined) values = Math.max(values, decimalsOf(v));
  };
  const weight = (v: string | undefined) => {
    if (v !== undefined) weights = Math.max(weights, decimalsOf(v));
  };
  for (const c of rubric.categories) {
    weight(c.weight);
    for (const i of c.indicators) weight(i.weight);
  }
  for (const i of rubric.inputs) {
    value(i.min);
    value(i.max);
  }
  for (const c of rubric.categories) {
    value(c.points);
    value(c.cap);
  }
  for (const ind of rubric.indicators) for (const v of indicatorNumbers({ ...ind, weight: undefined })) value(v);
  for (const g of rubric.grades) {
    value(g.interval.lo?.value);
    value(g.interval.hi?.value);
    if (g.also) for (const v of conditionNumbers(g.also)) value(v);
  }
  for (const v of rubric.vetoes) for (const n of conditionNumbers(v.condition)) value(n);
  for (const r of rubric.eligibility?.rules ?? []) for (const n of conditionNumbers(r.condition)) value(n);
  for (const r of rubric.eligibility?.relaxations ?? []) for (const n of conditionNumbers(r.condition)) value(n);
  return {
    values: Math.min(MAX_DECIMALS, values),
    weights: Math.min(MAX_DECIMALS, weights),
    precision: Math.min(MAX_DECIMALS, rubric.precision),
  };
}

/**
 * The scale for a record whose values carry `dataDecimals` decimals: every sum, step and
 * weighted product is exact there (a weight's decimals plus a score's).
 */
export function digitsFor(d: RubricDecimals, dataDecimals: number): number {
  return Math.max(d.values, d.precision, dataDecimals) + d.weights;
}

/** The scale for a rubric and data carrying `dataDigits` decimals (2 when not said). */
export function chooseDigits(rubric: Rubric, dataDigits = 2): number {
  return digitsFor(rubricDecimals(rubric), Math.min(dataDigits, MAX_DECIMALS));
}
