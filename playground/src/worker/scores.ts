/**
 * The 评分 table in the worker: every platform scored, ranked (one sort, O(n log n)), compared
 * with the totals when its data was loaded, and served a window at a time in the order the
 * officer chose — the page never holds more rows than it shows.
 */
import { decimalsOf, platformNameOf, toScaled, type ReadRecord, type Rubric, type Scorer, type VerdictSummary } from "@zhunsheng/core";
import type { Record_, ScoreRow, ScoreSort, ScoreSummary } from "../protocol.ts";

/**
 * One dataset scored under one version of the rubric, a column per field (by platform index):
 * 10,000 platforms are a few arrays, and a row object is made only for the rows a page shows.
 */
export interface ScoreTable {
  summary: Omit<ScoreSummary, "dataset">;
  platform: readonly string[];
  total: (string | null)[];
  grade: (string | null)[];
  eligible: (boolean | null)[];
  /** Competition rank; 0 for a platform without a total. */
  rank: Int32Array;
  /** The total when the data was loaded, where the edits since changed it. */
  previous: (string | null | undefined)[];
  /** Subtotals per category column (summary.columns), by platform; undefined where not scored. */
  categories: (string | undefined)[][];
  /** Why a platform is not scored (「字段：消息」), by platform; undefined when it is. */
  errors: (string[] | undefined)[];
  /** Row order per sort key, computed on first use. */
  orders: Map<string, Int32Array>;
}

/** Platform `index` of the table as the page shows it. */
export function rowOf(table: ScoreTable, index: number): ScoreRow {
  const categories: Record<string, string> = {};
  table.summary.columns.forEach((c, k) => {
    const score = table.categories[k]![index];
    if (score !== undefined) categories[c.name] = score;
  });
  return {
    index,
    platform: table.platform[index]!,
    total: table.total[index]!,
    grade: table.grade[index]!,
    eligible: table.eligible[index]!,
    rank: table.rank[index]! === 0 ? null : table.rank[index]!,
    previous: table.previous[index],
    categories,
    errors: table.errors[index] ?? [],
  };
}

/** Yields to the worker's event loop so that a newer edit can arrive (and cancel this run). */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** The platform's name as the core reads it (名称／平台名称 …, one rule for every front end), else its position. */
function platformName(platform: string | undefined, index: number): string {
  return platform ?? `平台${index + 1}`;
}

/**
 * A dataset read into exact values for one reading key (Scorer.readingKey): kept across versions
 * of the rubric while the key holds — an edit of points or thresholds scores these reads again,
 * an edit of what reading depends on (an input's type, range, unit, expression, the scale) makes
 * a new one. Filled as scoring goes, so a run cancelled half-way is not read twice.
 */
export interface ReadData {
  key: string;
  records: readonly Record_[];
  /** Why a platform's row could not be read, by index: never read, never scored. */
  rowErrors: readonly (readonly string[] | null)[] | undefined;
  /** Each record read, by index (undefined: not read yet, or a row that could not be read). */
  reads: (ReadRecord | undefined)[];
  /** Every readable row has been read. */
  complete: boolean;
  /** Each platform's name (the core's rule, else its position), made on first use. */
  platforms: string[] | undefined;
}

export function readData(key: string, records: readonly Record_[], rowErrors: readonly (readonly string[] | null)[] | undefined): ReadData {
  return { key, records, rowErrors, reads: new Array<ReadRecord | undefined>(records.length), complete: false, platforms: undefined };
}

/** Work between two yields to the event loop: a keystroke never waits behind a stale table for longer. */
const SLICE_MS = 8;

/** What the table shows of the rubric itself (category columns, the data's fields): taken from each version, even when its scores are kept. */
export function tableShape(rubric: Rubric): Pick<ScoreTable["summary"], "columns" | "fields" | "eligibility" | "points"> {
  return {
    columns: rubric.categories.map((c) => ({ name: c.name, max: c.kind === "bonus" ? (c.cap ?? "") : (c.points ?? c.weight ?? ""), bonus: c.kind === "bonus" })),
    fields: rubric.inputs.filter((i) => i.kind !== "derived").map((i) => ({ name: i.name, type: i.type, unit: i.unit, min: i.min, max: i.max, description: i.description })),
    eligibility: rubric.eligibility !== undefined,
    points: rubric.categories.length > 0,
  };
}

/**
 * Scores the dataset, reading only the records not read yet for this key, a slice of time at a
 * time; resolves undefined when `cancelled()` turns true between slices (a newer text arrived), so
 * that typing never waits for a stale table.
 */
export async function scoreTable(
  rubric: Rubric,
  scorer: Scorer,
  data: ReadData,
  baseline: readonly (string | null)[] | undefined,
  cancelled: () => boolean,
): Promise<ScoreTable | undefined> {
  if (data.key !== scorer.readingKey) throw new Error("internal: records read for another reading key");
  const { records, rowErrors, reads } = data;
  const n = records.length;
  const platform = (data.platforms ??= records.map((r, i) => platformName(platformNameOf(r), i)));
  const shape = tableShape(rubric);
  const { columns } = shape;
  const total: (string | null)[] = new Array(n);
  const grade: (string | null)[] = new Array(n);
  const eligible: (boolean | null)[] = new Array(n);
  const previous: (string | null | undefined)[] = new Array(n);
  const categories: (string | undefined)[][] = columns.map(() => new Array<string | undefined>(n));
  const errors: (string[] | undefined)[] = new Array(n);
  const v: VerdictSummary = { total: null, grade: null, eligible: null, vetoed: undefined, categories: [], errors: [] };
  let withErrors = 0;
  let changed = 0;
  let sliceStart = performance.now();
  for (let index = 0; index < n; index++) {
    if ((index & 63) === 0 && index > 0 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToEvents();
      if (cancelled()) return undefined;
      sliceStart = performance.now();
    }
    const unreadable = rowErrors?.[index];
    if (unreadable) {
      total[index] = grade[index] = eligible[index] = null;
      errors[index] = [...unreadable];
      withErrors++;
      continue;
    }
    scorer.summarizeInto((reads[index] ??= scorer.read(records[index]!)), v);
    total[index] = v.total;
    grade[index] = v.vetoed ? `${v.grade ?? ""}（否决）` : v.grade;
    eligible[index] = v.eligible;
    for (let c = 0; c < v.categories.length; c++) categories[c]![index] = v.categories[c];
    if (v.errors.length > 0) {
      errors[index] = v.errors.map((x) => `${x.field}：${x.message}`);
      withErrors++;
    }
    const before = baseline?.[index];
    if (before !== undefined && before !== v.total) {
      previous[index] = before;
      changed++;
    }
  }
  data.complete = true;
  const { rank, order } = rankTotals(total);
  return {
    platform,
    total,
    grade,
    eligible,
    rank,
    previous,
    categories,
    errors,
    orders: new Map([[orderId({ key: "rank", ascending: true }), order]]),
    summary: { ...shape, count: n, withErrors, changed },
  };
}

/**
 * A decimal string as the integer count of 10^-digits it is (`toScaled`), by one pass over its
 * characters for the plain form every score has ("-12.5"); anything else goes to the core's
 * toScaled. Exact: undefined when the count is beyond the exact range.
 */
function scaledKey(v: string, digits: number): number | undefined {
  let i = v.charCodeAt(0) === 45 ? 1 : 0;
  const neg = i === 1;
  let m = 0;
  let dec = -1;
  let significant = 0;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 && dec < 0) {
      dec = 0;
      continue;
    }
    if (c < 48 || c > 57) return toScaled(v, digits);
    m = m * 10 + (c - 48);
    if (m !== 0) significant++;
    if (dec >= 0) dec++;
  }
  const digitCount = v.length - (neg ? 1 : 0) - (dec < 0 ? 0 : 1);
  if (digitCount === 0 || dec === 0 || significant + digits > 15) return toScaled(v, digits);
  const frac = dec < 0 ? 0 : dec;
  if (frac > digits) return toScaled(v, digits);
  const n = m * 10 ** (digits - frac);
  return neg ? -n : n;
}

/** Exact decimal strings as numbers that compare exactly: all scaled to the largest number of decimals among them. */
function exactKeys(values: readonly (string | null | undefined)[]): Float64Array {
  let digits = 0;
  for (const v of values) if (v != null) digits = Math.max(digits, decimalsOf(v));
  const keys = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    keys[i] = v == null ? Number.NEGATIVE_INFINITY : (scaledKey(v, digits) ?? Number.NEGATIVE_INFINITY);
  }
  return keys;
}

/**
 * Competition ranking (1, 2, 2, 4) by total, highest first; platforms without a total get 0 (none).
 * One sort; also the platforms in rank order (ties in the data file's order, those without a total last).
 */
export function rankTotals(totals: readonly (string | null)[]): { rank: Int32Array; order: Int32Array } {
  const keys = exactKeys(totals);
  const ranked: number[] = [];
  const unranked: number[] = [];
  for (let i = 0; i < totals.length; i++) (totals[i] !== null ? ranked : unranked).push(i);
  // stable: equal totals keep the data file's order
  ranked.sort((a, b) => keys[b]! - keys[a]!);
  const rank = new Int32Array(totals.length);
  for (let k = 0; k < ranked.length; k++) {
    const i = ranked[k]!;
    const prev = ranked[k - 1];
    rank[i] = prev !== undefined && keys[prev] === keys[i] ? rank[prev]! : k + 1;
  }
  const order = new Int32Array(totals.length);
  order.set(ranked);
  order.set(unranked, ranked.length);
  return { rank, order };
}

const collator = new Intl.Collator("zh-CN", { numeric: true });

function orderId(sort: ScoreSort): string {
  return `${sort.key}:${sort.ascending ? "a" : "d"}`;
}

function orderFor(table: ScoreTable, sort: ScoreSort): Int32Array {
  const id = orderId(sort);
  const cached = table.orders.get(id);
  if (cached) return cached;
  const n = table.total.length;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const dir = sort.ascending ? 1 : -1;
  let compare: (a: number, b: number) => number;
  if (sort.key === "platform" || sort.key === "grade") {
    const text = sort.key === "platform" ? table.platform : table.grade.map((g) => g ?? "");
    compare = (a, b) => dir * collator.compare(text[a]!, text[b]!);
  } else if (sort.key === "rank") {
    // no rank (no total) last in either direction
    const rank = table.rank;
    compare = (a, b) => (rank[a] === rank[b] ? 0 : rank[a] === 0 ? 1 : rank[b] === 0 ? -1 : dir * (rank[a]! - rank[b]!));
  } else {
    const column = sort.key === "total" ? table.total : (table.categories[table.summary.columns.findIndex((c) => c.name === sort.key.slice(4))] ?? []);
    const keys = exactKeys(Array.from({ length: n }, (_, i) => column[i]));
    compare = (a, b) => dir * (keys[a]! - keys[b]! || 0);
  }
  // stable: equal keys keep the data file's order
  index.sort((a, b) => compare(a, b) || a - b);
  table.orders.set(id, index);
  return index;
}

/** Rows `start`…`start+count` in the chosen order. */
export function pageOf(table: ScoreTable, sort: ScoreSort, start: number, count: number): ScoreRow[] {
  const order = orderFor(table, sort);
  const from = Math.max(0, Math.min(start, order.length));
  const to = Math.min(order.length, from + Math.max(0, count));
  const page: ScoreRow[] = [];
  for (let k = from; k < to; k++) page.push(rowOf(table, order[k]!));
  return page;
}

/** The rows as the score export writes them (rank order). */
export function exportRows(table: ScoreTable): string[][] {
  const cols = table.summary.columns;
  const header = ["名称", "总分", "等级", "排名", ...cols.map((c) => c.name)];
  const order = orderFor(table, { key: "rank", ascending: true });
  return [header, ...Array.from(order, (i) => [table.platform[i]!, table.total[i] ?? "", table.grade[i] ?? "", table.rank[i] === 0 ? "" : String(table.rank[i]), ...cols.map((_, k) => table.categories[k]![i] ?? "")])];
}
