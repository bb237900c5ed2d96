/**
 * What a change does to real platforms: both rubrics score the same records, exactly
 * (decimal strings from the core's scorer, never floats), and the differences are listed.
 */
import { compile, type PlatformRecord, type Rubric, type Verdict } from "@zhunsheng/core";
import { compareDecimals as compare, sameDecimal as same, subDecimals as subtract } from "@zhunsheng/core";
import { matchIndicators } from "./diff.ts";

export interface IndicatorImpact {
  /** Indicator name in the new rubric (or the old one if it was removed). */
  name: string;
  before: string | null;
  after: string | null;
}

export interface PlatformImpact {
  platform: string;
  before: string | null;
  after: string | null;
  /** after − before; null when either could not be scored. */
  change: string | null;
  rankBefore: number | null;
  rankAfter: number | null;
  gradeBefore: string | null;
  gradeAfter: string | null;
  /** Lines such as 「升至80分以上」「跌破60分」「星级 三星 → 四星」. */
  crossings: string[];
  /** Star or grade movement: +1 gained a band, −1 lost one, 0 unchanged or not comparable. */
  bandMove: number;
  /** Indicators whose score differs. */
  indicators: IndicatorImpact[];
  /** Category (and bonus group) scores that differ. */
  categories: IndicatorImpact[];
  errorsBefore: string[];
  errorsAfter: string[];
}

export interface HistogramBin {
  /** Inclusive lower end, exclusive upper end (the last bin includes its upper end). */
  lo: number;
  hi: number;
  label: string;
  before: number;
  after: number;
}

export interface Impact {
  platforms: PlatformImpact[];
  /** The score lines watched for crossings: 60, 80 and every grade boundary of either rubric. */
  lines: string[];
  histogram: HistogramBin[];
  summary: {
    platforms: number;
    scored: number;
    changed: number;
    up: number;
    down: number;
    /** Largest rise and fall. */
    maxUp: string;
    maxDown: string;
    crossings: number;
    gradeChanged: number;
  };
}

export interface ImpactOptions {
  /** Extra score lines to watch besides 60 and 80 and the grade boundaries. */
  lines?: string[];
  /** Width of histogram bins in points (default 10). */
  binWidth?: number;
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; unscored platforms get null. O(n log n). */
export function rankTotals(totals: (string | null)[]): (number | null)[] {
  const order = totals.map((t, i) => ({ t, i })).filter((x): x is { t: string; i: number } => x.t !== null);
  order.sort((a, b) => compare(b.t, a.t));
  const ranks: (number | null)[] = totals.map(() => null);
  order.forEach((x, k) => {
    const prev = order[k - 1];
    ranks[x.i] = prev && compare(prev.t, x.t) === 0 ? ranks[prev.i]! : k + 1;
  });
  return ranks;
}

function boundaries(r: Rubric): string[] {
  return r.grades.flatMap((g) => [g.interval.lo?.value, g.interval.hi?.value]).filter((v): v is string => v !== undefined);
}

/** Bands ordered from lowest to highest, to tell a gained star from a lost one. */
function bandOrder(r: Rubric): string[] {
  const lo = (g: Rubric["grades"][number]) => g.interval.lo?.value ?? "-1";
  return [...r.grades].sort((a, b) => compare(lo(a), lo(b))).map((g) => g.label);
}

function uniqueSorted(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) if (!out.some((x) => same(x, v))) out.push(v);
  return out.sort(compare);
}

function histogram(before: (string | null)[], after: (string | null)[], max: number, width: number): HistogramBin[] {
  const top = Math.max(width, Math.ceil(max / width) * width);
  const bins: HistogramBin[] = [];
  for (let lo = 0; lo < top; lo += width) bins.push({ lo, hi: lo + width, label: lo + width >= top ? `${lo}～${lo + width}分` : `${lo}～${lo + width}分（不含）`, before: 0, after: 0 });
  const place = (t: string | null, key: "before" | "after") => {
    if (t === null) return;
    const x = Number(t);
    let k = Math.floor(x / width);
    if (k >= bins.length) k = bins.length - 1;
    if (k < 0) k = 0;
    bins[k]![key]++;
  };
  before.forEach((t) => place(t, "before"));
  after.forEach((t) => place(t, "after"));
  return bins;
}

/**
 * Scores `records` under both rubrics and lists, per platform, what moved.
 * Indicators are paired as the diff pairs them, so a renamed indicator is compared with itself.
 */
export function measureImpact(oldR: Rubric, newR: Rubric, records: readonly PlatformRecord[], options: ImpactOptions = {}): Impact {
  // each record is scored at the scale it needs, by the generated function (Scorer.score)
  const a = compile(oldR);
  const b = compile(newR);
  const va: Verdict[] = records.map((r) => a.score(r));
  const vb: Verdict[] = records.map((r) => b.score(r));
  const ra = rankTotals(va.map((v) => v.total));
  const rb = rankTotals(vb.map((v) => v.total));
  const lines = uniqueSorted(["60", "80", ...(options.lines ?? []), ...boundaries(oldR), ...boundaries(newR)]).filter((l) => compare(l, "0") > 0);
  const orderA = bandOrder(oldR);
  const orderB = bandOrder(newR);
  const matches = matchIndicators(oldR, newR);
  const platforms: PlatformImpact[] = records.map((_, i) => {
    const x = va[i]!;
    const y = vb[i]!;
    const crossings: string[] = [];
    if (x.total !== null && y.total !== null) {
      for (const l of lines) {
        if (compare(x.total, l) < 0 && compare(y.total, l) >= 0) crossings.push(`升至${l}分以上`);
        if (compare(x.total, l) >= 0 && compare(y.total, l) < 0) crossings.push(`跌破${l}分`);
      }
    }
    let bandMove = 0;
    if (x.grade !== y.grade) {
      const kind = newR.gradeKind;
      crossings.push(`${kind} ${x.grade ?? "无"} → ${y.grade ?? "无"}`);
      const ia = x.grade === null ? -1 : orderA.indexOf(x.grade);
      const ib = y.grade === null ? -1 : orderB.indexOf(y.grade);
      const sameBands = orderA.join("|") === orderB.join("|");
      if (sameBands || x.grade === null || y.grade === null) bandMove = Math.sign(ib - ia);
    }
    const indicators: IndicatorImpact[] = [];
    for (const m of matches) {
      const before = m.old ? (x.indicators.find((r) => r.path === m.old!.path)?.score ?? null) : null;
      const after = m.new ? (y.indicators.find((r) => r.path === m.new!.path)?.score ?? null) : null;
      if (!same(before, after)) indicators.push({ name: (m.new ?? m.old)!.name, before, after });
    }
    const categories: IndicatorImpact[] = [];
    const names = [...new Set([...x.categories.map((c) => c.name), ...y.categories.map((c) => c.name)])];
    for (const n of names) {
      const before = x.categories.find((c) => c.name === n)?.score ?? null;
      const after = y.categories.find((c) => c.name === n)?.score ?? null;
      if (!same(before, after)) categories.push({ name: n, before, after });
    }
    return {
      platform: x.platform ?? y.platform ?? `第${i + 1}个平台`,
      before: x.total,
      after: y.total,
      change: x.total !== null && y.total !== null ? subtract(y.total, x.total) : null,
      rankBefore: ra[i]!,
      rankAfter: rb[i]!,
      gradeBefore: x.grade,
      gradeAfter: y.grade,
      crossings,
      bandMove,
      indicators,
      categories,
      errorsBefore: x.errors.map((e) => e.message),
      errorsAfter: y.errors.map((e) => e.message),
    };
  });
  const changes = platforms.map((p) => p.change).filter((c): c is string => c !== null);
  const maxOf = (sign: number) => changes.filter((c) => compare(c, "0") * sign > 0).reduce((m, c) => (compare(c, m) * sign > 0 ? c : m), "0");
  const max = Math.max(Number(oldR.maxTotal), Number(newR.maxTotal), 100);
  return {
    platforms,
    lines,
    histogram: histogram(
      va.map((v) => v.total),
      vb.map((v) => v.total),
      max,
      options.binWidth ?? 10,
    ),
    summary: {
      platforms: records.length,
      scored: platforms.filter((p) => p.change !== null).length,
      changed: changes.filter((c) => !same(c, "0")).length,
      up: changes.filter((c) => compare(c, "0") > 0).length,
      down: changes.filter((c) => compare(c, "0") < 0).length,
      maxUp: maxOf(1),
      maxDown: maxOf(-1),
      crossings: platforms.filter((p) => p.crossings.length > 0).length,
      gradeChanged: platforms.filter((p) => p.gradeBefore !== p.gradeAfter).length,
    },
  };
}
