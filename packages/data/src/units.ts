/**
 * Units that measure one quantity at different sizes: one table for the engine (a threshold
 * written in another unit than its input's, ZS2016/ZS2018) and for data files (a column whose
 * header names another unit than the rubric's, ZS6014). The engine converts with exact
 * rationals; here the sizes stay decimal strings.
 */

/**
 * Each family: its units with their size in the family's first unit. Only exact, unambiguous
 * sizes belong here (SI prefixes and statutory units): not 亩 (10000/15 平方米), 斤 (市斤 or 台斤),
 * 天 (a working or a calendar day, 24 hours or an office day), 月 or 年 (of unequal length).
 * Two units of one size (千米 and 公里) are the same unit written two ways.
 */
export const UNIT_FAMILIES: readonly (readonly (readonly [unit: string, size: string])[])[] = [
  [["元", "1"], ["千元", "1000"], ["万元", "10000"], ["百万元", "1000000"], ["亿元", "100000000"]],
  [["平方米", "1"], ["万平方米", "10000"], ["公顷", "10000"], ["平方公里", "1000000"]],
  [["人", "1"], ["万人", "10000"]],
  [["人次", "1"], ["万人次", "10000"]],
  [["克", "1"], ["千克", "1000"], ["公斤", "1000"], ["吨", "1000000"]],
  [["米", "1"], ["千米", "1000"], ["公里", "1000"]],
  [["分钟", "1"], ["小时", "60"]],
];

const UNITS = new Map<string, { family: number; size: string }>(UNIT_FAMILIES.flatMap((units, family) => units.map(([unit, size]) => [unit, { family, size }] as const)));

/** Other ways a spreadsheet header writes a unit of the table (平米, ㎡, m², kg…), by the unit. */
const WRITTEN_AS = new Map<string, string>([
  ["平米", "平方米"],
  ["㎡", "平方米"],
  ["m²", "平方米"],
  ["m2", "平方米"],
  ["万平米", "万平方米"],
  ["万㎡", "万平方米"],
  ["万m²", "万平方米"],
  ["㎢", "平方公里"],
  ["km²", "平方公里"],
  ["㎏", "千克"],
  ["kg", "千克"],
  ["㎞", "千米"],
  ["km", "千米"],
]);

/** Whether `written` measures what `kept` measures at another size (万平方米 or ㎡ for 平方米; not 公斤 for 千克, not 人 for 元). */
export function isOtherSizeOfUnit(written: string, kept: string): boolean {
  const w = UNITS.get(WRITTEN_AS.get(written.toLowerCase()) ?? written);
  const k = UNITS.get(kept);
  return w !== undefined && k !== undefined && w.family === k.family && w.size !== k.size;
}

/** Whether `written` is a unit of the table (元, 万元, ㎡, 公斤…): a size the rubric's unit may differ from. */
export function isSizedUnit(written: string): boolean {
  return UNITS.has(WRITTEN_AS.get(written.toLowerCase()) ?? written);
}
