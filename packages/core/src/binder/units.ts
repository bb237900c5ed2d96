/**
 * Units that measure one quantity at different sizes, and the exact conversion between them:
 * the one table behind ZS2016/ZS2018 (a threshold written in another unit than its input's).
 */
import { ratDiv, ratMul, rationalOfDecimal, ratToDecimal, type Rational } from "../decimal.ts";

/**
 * Each family: its units with their size in the family's first unit. Only exact, unambiguous
 * sizes belong here (SI prefixes and statutory units): not 亩 (10000/15 平方米), 斤 (市斤 or 台斤),
 * 天 (a working or a calendar day, 24 hours or an office day), 月 or 年 (of unequal length).
 * Two units of one size (千米 and 公里) are the same unit written two ways.
 */
export const UNIT_FAMILIES: readonly (readonly (readonly [unit: string, size: string])[])[] = [
  [["元", "1"], ["千元", "1000"], ["万元", "10000"], ["亿元", "100000000"]],
  [["平方米", "1"], ["万平方米", "10000"], ["公顷", "10000"], ["平方公里", "1000000"]],
  [["人", "1"], ["万人", "10000"]],
  [["人次", "1"], ["万人次", "10000"]],
  [["克", "1"], ["千克", "1000"], ["公斤", "1000"], ["吨", "1000000"]],
  [["米", "1"], ["千米", "1000"], ["公里", "1000"]],
  [["分钟", "1"], ["小时", "60"]],
];

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
