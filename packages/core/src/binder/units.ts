/**
 * Units that measure one quantity at different sizes, and the exact conversion between them:
 * the one table behind ZS2016/ZS2018 (a threshold written in another unit than its input's).
 */
// the one table of units, shared with data files' headers (ZS6014)
import { UNIT_FAMILIES } from "@zhunsheng/data/units";
import { ratDiv, ratMul, rationalOfDecimal, ratToDecimal, type Rational } from "../decimal.ts";

const SIZES = new Map<string, { family: number; size: Rational }>(
  UNIT_FAMILIES.flatMap((units, family) => units.map(([unit, size]) => [unit, { family, size: rationalOfDecimal(size)! }] as const)),
);

/**
 * How a number written in `written` reads in `kept`, when both are units of one family:
 * `same` for two names of one size; else the factor between them (the larger size ÷ the smaller)
 * and the number converted exactly (`converted` undefined when it has no finite decimal: 10分钟 in 小时).
 */
export function unitConversion(value: string, written: string, kept: string): { same: true } | { same: false; factor: string; converted: string | undefined } | undefined {
  const w = SIZES.get(written);
  const k = SIZES.get(kept);
  if (!w || !k || w.family !== k.family) return undefined;
  const ratio = ratDiv(w.size, k.size)!;
  if (ratio.n === ratio.d) return { same: true };
  const factor = ratToDecimal(ratio.n > ratio.d ? ratio : ratDiv({ n: 1n, d: 1n }, ratio)!)!;
  const number = rationalOfDecimal(value);
  return { same: false, factor, converted: number && ratToDecimal(ratMul(number, ratio)) };
}
