/**
 * 跨地区评分: one dataset, written for rubric A, scored under rubric B through the concept mappings
 * of rules/concepts/概念.json. An input of B that nothing carries over is *missing*: it is never
 * filled with 0 or 否 (for a 越少越好 input 0 is full marks). Only B's indicators whose every input
 * is carried are scored — B's comparable part — and B's ranking is shown only when that part holds
 * at least RANK_THRESHOLD of B's base points; otherwise the result says what is missing and ranks
 * nothing.
 */
import { compile, compareDecimals, indicatorInputs, platformNameOf, TYPE_LABEL, addDecimals } from "@zhunsheng/core";
import type { Indicator, Input, PlatformRecord, Rubric, Verdict } from "@zhunsheng/core";
import type { Vocabulary } from "./concepts.ts";
import { rankTotals } from "./impact.ts";
import { shareOfBase } from "./side-by-side.ts";

/**
 * The least share (%) of B's base points that must be comparable before B ranks the platforms.
 * 60 is the pass line of these rubrics (「60分以上」): a ranking decided by less than the points a
 * platform needs to pass says more about the missing data than about B's rules.
 */
export const RANK_THRESHOLD = "60";

/** An input of B filled from a column of A's data. */
export interface CarriedInput {
  /** A's input (the data column). */
  from: string;
  /** B's input. */
  to: string;
  /** The concept that maps them; undefined when both rubrics use the same name. */
  concept: string | undefined;
  /** The mapping's note on where the two measures differ (口径). */
  note: string;
}

/** An input of B that the data cannot give: missing, never 0 / 否. */
export interface MissingInput {
  name: string;
  /** Why nothing carries it (no mapping, or a mapping between inputs of another type or unit). */
  reason: string;
  /** B's indicators (paths) that read it. */
  indicators: string[];
}

export interface CrossIndicator {
  path: string;
  name: string;
  bonus: boolean;
  /** Share (%) of B's base points. */
  share: string;
  comparable: boolean;
  /** B's inputs this indicator reads that the data cannot give. */
  missing: string[];
}

export interface CrossRow {
  platform: string;
  totalA: string | null;
  rankA: number | null;
  /** B's comparable part; null when B does not rank or this platform's data cannot be read. */
  partB: string | null;
  rankB: number | null;
  /** Why this platform's comparable part could not be scored. */
  errorB: string | undefined;
}

export interface CrossScore {
  carried: CarriedInput[];
  missing: MissingInput[];
  /** B's scored indicators (pending ones left out), in rubric order. */
  indicators: CrossIndicator[];
  /** Whether B is weighted (then `coveredPoints` is a sum of weights). */
  weighted: boolean;
  fullMarks: string;
  /** Points (or weights) of B's comparable base indicators. */
  coveredPoints: string;
  /** Share (%) of B's base points that is comparable, one decimal. */
  coverage: string;
  /** Share (%) of B's base points held by indicators that cannot be scored from this data. */
  missingShare: string;
  threshold: string;
  /** Why B's scores are not ranked (Chinese), or undefined when they are. */
  refusal: string | undefined;
  rows: CrossRow[];
}

/**
 * Whether a value of A's input means the same quantity for B's: the same type, counts of things in
 * any unit (家, 家次, 户 — the note says where the 口径 differs), otherwise the same unit, and for
 * expert scores the same range. Returns why not, or undefined.
 */
export function carryProblem(a: Input, b: Input): string | undefined {
  if (a.type !== b.type) return `「${a.name}」是${TYPE_LABEL[a.type]}，「${b.name}」是${TYPE_LABEL[b.type]}`;
  if (a.type !== "count" && (a.unit ?? "") !== (b.unit ?? "")) return `单位不同（「${a.name}」${a.unit ?? "无单位"}，「${b.name}」${b.unit ?? "无单位"}）`;
  if (a.type === "score" && (a.min !== b.min || a.max !== b.max)) return `评分范围不同（${a.min ?? ""}～${a.max ?? ""}分 与 ${b.min ?? ""}～${b.max ?? ""}分）`;
  return undefined;
}

/** Inputs read from the data (not derived, not text). */
function isEntered(i: Input): boolean {
  return i.kind !== "derived" && i.type !== "text";
}

/** Which of B's entered inputs A's data can fill, and why the others cannot. */
function carryInputs(v: Vocabulary, a: { id: string; rubric: Rubric }, b: { id: string; rubric: Rubric }) {
  const carried: CarriedInput[] = [];
  const uncarried = new Map<string, string>();
  for (const input of b.rubric.inputs.filter(isEntered)) {
    const mapping = v.mappings.find((m) => m.inputs[b.id] === input.name);
    const fromName = mapping ? mapping.inputs[a.id] : input.name;
    const from = fromName === undefined ? undefined : a.rubric.inputByName.get(fromName);
    if (!from || !isEntered(from)) {
      uncarried.set(input.name, mapping ? `概念「${mapping.concept}」没有对应体系甲的输入` : "概念表中没有对应，体系甲也没有同名输入");
      continue;
    }
    const problem = carryProblem(from, input);
    if (problem) uncarried.set(input.name, `${mapping ? `概念「${mapping.concept}」的对应不能带入：` : "同名但不能带入："}${problem}`);
    else carried.push({ from: from.name, to: input.name, concept: mapping?.concept, note: mapping ? mapping.note : "两个体系中同名" });
  }
  return { carried, uncarried };
}

/** B with only the given indicators (and the inputs they read): the comparable part, scored by the core's compiled scorer. */
function comparablePart(r: Rubric, keep: ReadonlySet<Indicator>): Rubric {
  const reads = new Set(r.indicators.filter((i) => keep.has(i)).flatMap((i) => indicatorInputs(i, r.inputByName).map((x) => x.name)));
  const inputs = r.inputs.filter((i) => reads.has(i.name));
  const categories = r.categories.map((c) => ({ ...c, indicators: c.indicators.filter((i) => keep.has(i)) })).filter((c) => c.indicators.length > 0);
  const kept = new Set(categories.map((c) => c.name));
  return {
    ...r,
    inputs,
    inputByName: new Map(inputs.map((i) => [i.name, i])),
    categories,
    indicators: r.indicators.filter((i) => keep.has(i)),
    groups: r.groups.map((g) => ({ ...g, categories: g.categories.filter((n) => kept.has(n)) })).filter((g) => g.categories.length > 0),
    // grades, vetoes and 认定条件 judge the whole rubric: the comparable part has none
    grades: [],
    vetoes: [],
    eligibility: undefined,
  };
}

function errorText(v: Verdict, carried: readonly CarriedInput[]): string {
  return v.errors
    .map((e) => {
      const c = carried.find((x) => x.to === e.field);
      return c && c.from !== c.to ? `${e.message}（数据列「${c.from}」）` : e.message;
    })
    .join("；");
}

/**
 * Scores one dataset (written for rubric A) under A and, through the declared concept mappings and
 * identical names, under B's comparable part. A's own totals and ranks are always given; B's only
 * when the comparable part holds at least RANK_THRESHOLD of B's base points.
 */
export function scoreAcross(v: Vocabulary, a: { id: string; rubric: Rubric }, b: { id: string; rubric: Rubric }, records: readonly PlatformRecord[]): CrossScore {
  const { carried, uncarried } = carryInputs(v, a, b);
  const carriedTo = new Set(carried.map((c) => c.to));
  const indicators: CrossIndicator[] = [];
  const comparable = new Set<Indicator>();
  const blocked = new Map<string, string[]>();
  for (const ind of b.rubric.indicators) {
    if (ind.pending) continue;
    const missing = indicatorInputs(ind, b.rubric.inputByName)
      .filter((i) => isEntered(i) && !carriedTo.has(i.name))
      .map((i) => i.name);
    for (const name of missing) blocked.set(name, [...(blocked.get(name) ?? []), ind.path]);
    if (missing.length === 0) comparable.add(ind);
    indicators.push({ path: ind.path, name: ind.name, bonus: ind.bonus, share: shareOfBase(b.rubric, [ind]), comparable: missing.length === 0, missing });
  }
  const missing: MissingInput[] = [...blocked].map(([name, paths]) => ({ name, reason: uncarried.get(name) ?? "", indicators: paths }));

  const base = b.rubric.indicators.filter((i) => !i.bonus && !i.pending);
  const covered = [...comparable].filter((i) => !i.bonus);
  const coveredPoints = addDecimals(covered.map((i) => (b.rubric.weighted ? (i.weight ?? "0") : (i.points ?? "0"))));
  const coverage = shareOfBase(b.rubric, covered);
  let refusal: string | undefined;
  if (base.length === 0 || compareDecimals(b.rubric.fullMarks, "0") <= 0) refusal = "体系乙没有计分的指标（只有认定条件或分值待定），不能按分数排名";
  else if (compareDecimals(shareOfBase(b.rubric, covered, 6), RANK_THRESHOLD) < 0)
    refusal = `体系乙的指标中，输入都能从这份数据带入的只占满分的${coverage}%，不足${RANK_THRESHOLD}%：缺少的输入不能按0分或「否」计，因此不排名`;

  const scorerA = compile(a.rubric);
  const totalsA = records.map((r) => scorerA.score(r).total);
  const ranksA = rankTotals(totalsA);
  let partsB: Verdict[] | undefined;
  if (!refusal) {
    try {
      const scorerB = compile(comparablePart(b.rubric, comparable));
      partsB = records.map((r) => {
        const out: PlatformRecord = {};
        for (const c of carried) if (r[c.from] !== undefined) out[c.to] = r[c.from];
        return scorerB.score(out);
      });
    } catch (e) {
      // a model the core cannot compile in part is a bug of ours: refuse rather than guess
      refusal = `无法只按可比部分评分（${(e as Error).message}），不排名`;
    }
  }
  const ranksB = rankTotals(partsB ? partsB.map((x) => x.total) : records.map(() => null));
  return {
    carried,
    missing,
    indicators,
    weighted: b.rubric.weighted,
    fullMarks: b.rubric.fullMarks,
    coveredPoints,
    coverage,
    missingShare: shareOfBase(b.rubric, base.filter((i) => !comparable.has(i))),
    threshold: RANK_THRESHOLD,
    refusal,
    rows: records.map((r, i) => {
      const vb = partsB?.[i];
      return {
        platform: platformNameOf(r) ?? `第${i + 1}个平台`,
        totalA: totalsA[i]!,
        rankA: ranksA[i]!,
        partB: vb?.total ?? null,
        rankB: ranksB[i]!,
        errorB: vb && vb.errors.length > 0 ? errorText(vb, carried) : undefined,
      };
    }),
  };
}
