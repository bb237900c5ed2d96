/**
 * The score curve of an indicator against one of its inputs: the indicator's score (with its
 * caps and vetoes) as that input runs over its range, the other inputs held at a platform's
 * values. Points are sampled at every place the score can change and just beside it.
 */
import { compile, criticalPoints, type Bound, type Part, type Rubric, type Indicator } from "@zhunsheng/core";
import { contains, type LanguageDocument } from "./document.ts";

export interface Curve {
  indicator: string;
  path: string;
  input: string;
  unit: string | undefined;
  max: string | undefined;
  /** Sorted by x; decimals as strings, numbers for plotting. */
  points: { x: number; y: number; xText: string; yText: string }[];
  /** Where the rule's conditions change, with whether the value itself belongs to the upper side. */
  thresholds: { x: number; xText: string; closed: boolean; label: string }[];
}

function partBounds(p: Part): { bound: Bound; label: string }[] {
  switch (p.kind) {
    case "tiers":
      return p.tiers.flatMap((t) => [t.interval.lo && { bound: t.interval.lo, label: t.interval.text }, t.interval.hi && { bound: t.interval.hi, label: t.interval.text }].filter((x): x is { bound: Bound; label: string } => !!x));
    case "add":
      return [p.interval.lo && { bound: p.interval.lo, label: p.interval.text }, p.interval.hi && { bound: p.interval.hi, label: p.interval.text }].filter((x): x is { bound: Bound; label: string } => !!x);
    case "stepDeduction":
      return [{ bound: p.threshold, label: p.thresholdText }];
    case "increments":
      return [{ bound: p.from, label: p.fromText }];
    case "baseline":
      return [
        { bound: { value: p.base, closed: true }, label: `基准${p.base}` },
        { bound: { value: p.full, closed: true }, label: `满分${p.full}` },
      ];
    default:
      return [];
  }
}

const SAMPLES = 240;

/** The curve of `indicator` against `inputName`; `record` gives the other inputs (default 0／否). */
export function curve(rubric: Rubric, indicatorPath: string, inputName: string, record: Record<string, unknown> = {}): Curve | undefined {
  const indicator = rubric.indicators.find((i) => i.path === indicatorPath);
  const input = rubric.inputByName.get(inputName);
  if (!indicator || !input) return undefined;
  const rules = indicator.rules.filter((r) => r.subjects.some((s) => s.name === inputName));
  if (rules.length === 0) return undefined;
  const scorer = compile(rubric);
  const index = scorer.inputs.findIndex((i) => i.name === inputName);
  const { values, present } = scorer.read(record);
  const marks = new Set<number>();
  for (const r of rules) for (const x of criticalPoints(r, input, scorer)) marks.add(x);
  const sorted = [...marks].sort((a, b) => a - b);
  const lo = sorted[0] ?? 0;
  const hi = sorted[sorted.length - 1] ?? 0;
  if (input.type !== "yesno" && hi > lo) {
    const unit = input.type === "count" ? scorer.scale("1") ?? 1 : 1;
    const step = Math.max(unit, Math.round((hi - lo) / SAMPLES / unit) * unit);
    for (let x = lo; x <= hi; x += step) marks.add(x);
  }
  const xs = [...marks].filter((x) => x >= lo).sort((a, b) => a - b);
  const f = 10 ** scorer.digits;
  const points = xs.map((x) => {
    const v = [...values];
    v[index] = x;
    const p = [...present];
    p[index] = true;
    const y = scorer.indicatorScore(indicator.path, v, p) ?? 0;
    return { x: x / f, y: y / f, xText: scorer.format(x), yText: scorer.format(y) };
  });
  const thresholds = rules
    .flatMap((r) => r.parts.flatMap(partBounds))
    .map(({ bound, label }) => {
      const s = scorer.scale(bound.value) ?? 0;
      return { x: s / f, xText: bound.value, closed: bound.closed, label };
    });
  return { indicator: indicator.name, path: indicator.path, input: inputName, unit: input.unit, max: indicator.max, points, thresholds };
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
