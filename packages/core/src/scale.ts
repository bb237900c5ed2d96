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
  const weightValues = rubric.categories.flatMap((c) => [c.weight, ...c.indicators.map((i) => i.weight)]).filter((w): w is string => w !== undefined);
  const values = [
    ...rubric.inputs.flatMap((i) => [i.min, i.max]),
    ...rubric.categories.flatMap((c) => [c.points, c.cap]),
    ...rubric.indicators.flatMap((ind) => indicatorNumbers({ ...ind, weight: undefined })),
    ...rubric.grades.flatMap((g) => [g.interval.lo?.value, g.interval.hi?.value, ...(g.also ? conditionNumbers(g.also) : [])]),
    ...rubric.vetoes.flatMap((v) => conditionNumbers(v.condition)),
    ...(rubric.eligibility?.rules ?? []).flatMap((r) => conditionNumbers(r.condition)),
    ...(rubric.eligibility?.relaxations ?? []).flatMap((r) => conditionNumbers(r.condition)),
  ].filter((v): v is string => v !== undefined);
  return {
    values: Math.min(MAX_DECIMALS, Math.max(0, ...values.map(decimalsOf))),
    weights: Math.min(MAX_DECIMALS, Math.max(0, ...weightValues.map(decimalsOf))),
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
