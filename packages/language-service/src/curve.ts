/**
 * The score curve for the workbench: the core's `curve` (the one place that decides what a
 * rule scores along its input), with numbers for plotting, and which curve the cursor is on.
 */
import { curve as coreCurve, type Indicator, type Rubric, type Scorer } from "@zhunsheng/core";
import { contains, type LanguageDocument } from "./document.ts";

export interface Curve {
  indicator: string;
  path: string;
  input: string;
  unit: string | undefined;
  max: string | undefined;
  /** Sorted by x; decimals as written, numbers for plotting. */
  points: { x: number; y: number; xText: string; yText: string }[];
  /** Where the rule's conditions change, and whether the value itself belongs to the upper side. */
  thresholds: { x: number; xText: string; closed: boolean; label: string }[];
}

/**
 * The curve of the indicator at `indicatorPath` against `inputName` (its rules on that input only),
 * computed with the analysis' compiled rubric (`analysis.scorer`) when given.
 */
export function curve(rubric: Rubric, indicatorPath: string, inputName: string, scorer?: Scorer): Curve | undefined {
  const c = coreCurve(rubric, indicatorPath, inputName, ...(scorer ? [scorer] : []));
  if (!c) return undefined;
  return {
    indicator: c.indicator,
    path: indicatorPath,
    input: c.input,
    unit: c.unit,
    max: c.max,
    points: c.points.map((p) => ({ x: Number(p.x), y: Number(p.y), xText: p.x, yText: p.y })),
    thresholds: c.thresholds
      .map((t) => ({ x: Number(t.x), xText: t.x, closed: t.closed, label: t.label })),
  };
}

/** The indicator and input under the cursor: the rule containing `offset`, else the indicator's first rule. */
export function curveTargetAt(doc: LanguageDocument, offset: number): { path: string; input: string } | undefined {
  const rubric = doc.analysis.rubric;
  if (!rubric) return undefined;
  const ind: Indicator | undefined = rubric.indicators.find((i) => contains(i.range, offset));
  if (!ind) return undefined;
  const rule = ind.rules.find((r) => contains(r.range, offset)) ?? ind.rules.find((r) => r.subjects[0]?.type !== "text");
  const subject = rule?.subjects[0];
  return subject ? { path: ind.path, input: subject.name } : undefined;
}
