/**
 * 对比: 2–4 rubrics side by side, one row per concept, one column per rubric; each cell lists
 * the indicators tagged with that concept, their share of the total, the rule in the officer's
 * words and the thresholds it turns on.
 */
import type { Indicator, Rubric } from "@zhunsheng/core";
import { addDecimals as sum, percentOf } from "@zhunsheng/core";
import { rootConcept, type Vocabulary } from "./concepts.ts";
import { indicatorRuleText, thresholdsOf } from "./rule-text.ts";

export interface CellIndicator {
  name: string;
  concept: string | undefined;
  /** 「15分」 or 「权重0.05」. */
  value: string;
  /** Percentage of the rubric's base total (points ÷ 满分, or the weight; bonus against its cap). */
  share: string;
  words: string;
  thresholds: string[];
  bonus: boolean;
}

export interface ComparisonRow {
  concept: string;
  cells: CellIndicator[][];
  /** Share per rubric, summed over the cell (base points only). */
  shares: string[];
}

export interface Comparison {
  columns: { title: string; region: string | undefined; year: string | undefined; fullMarks: string; weighted: boolean }[];
  rows: ComparisonRow[];
}

export const UNTAGGED = "（未标注概念）";

/**
 * Percentage of the rubric's base total that these indicators hold: their points ÷ 满分, or the sum
 * of their weights; bonus indicators hold none. One place for the 对比 cells and cross-province coverage.
 */
export function shareOfBase(r: Rubric, indicators: readonly Indicator[], digits = 1): string {
  const base = indicators.filter((i) => !i.bonus);
  if (r.weighted) return percentOf(sum(base.map((i) => i.weight ?? "0")), "1", digits);
  if (r.fullMarks === "0") return "0";
  return percentOf(sum(base.map((i) => i.points ?? "0")), r.fullMarks, digits);
}

function cellOf(r: Rubric, i: Indicator): CellIndicator {
  return {
    name: i.name,
    concept: i.concept,
    value: i.weight !== undefined ? `权重${i.weight}` : i.points !== undefined ? `${i.points}分` : i.bonus ? "加分" : "分值待定",
    share: shareOfBase(r, [i]),
    words: i.description ?? indicatorRuleText(i),
    thresholds: thresholdsOf(i),
    bonus: i.bonus,
  };
}

/** Builds the side-by-side comparison; rows in vocabulary order, untagged indicators last. */
export function compareSideBySide(rubrics: Rubric[], vocabulary: Vocabulary): Comparison {
  const rowKey = (i: Indicator) => (i.concept ? rootConcept(vocabulary, i.concept) : UNTAGGED);
  const keys = new Set(rubrics.flatMap((r) => r.indicators.map(rowKey)));
  const order = [...vocabulary.concepts.map((c) => c.name), ...[...keys].filter((k) => k !== UNTAGGED && !vocabulary.concepts.some((c) => c.name === k)).sort(), UNTAGGED];
  const rows: ComparisonRow[] = order
    .filter((k) => keys.has(k))
    .map((concept) => {
      const cells = rubrics.map((r) => r.indicators.filter((i) => rowKey(i) === concept).map((i) => cellOf(r, i)));
      return { concept, cells, shares: cells.map((c) => sum(c.filter((x) => !x.bonus).map((x) => x.share))) };
    });
  return {
    columns: rubrics.map((r) => ({ title: r.header.title, region: r.header.region, year: r.header.year, fullMarks: r.fullMarks, weighted: r.weighted })),
    rows,
  };
}
