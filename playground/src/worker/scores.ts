/**
 * The 评分 table in the worker: every platform scored, ranked (one sort, O(n log n)), compared
 * with the totals when its data was loaded, and served a window at a time in the order the
 * officer chose — the page never holds more rows than it shows.
 */
import { decimalsOf, platformNameOf, toScaled, type ReadRecord, type Rubric, type Scorer } from "@zhunsheng/core";
import type { Record_, ScoreRow, ScoreSort, ScoreSummary } from "../protocol.ts";

/** One dataset scored under one version of the rubric. */
export interface ScoreTable {
  summary: Omit<ScoreSummary, "dataset">;
  rows: ScoreRow[];
  /** Row order per sort key, computed on first use. */
  orders: Map<string, Int32Array>;
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
}

export function readData(key: string, records: readonly Record_[], rowErrors: readonly (readonly string[] | null)[] | undefined): ReadData {
  return { key, records, rowErrors, reads: new Array<ReadRecord | undefined>(records.length), complete: false };
}

/** Work between two yields to the event loop: a keystroke never waits behind a stale table for longer. */
const SLICE_MS = 8;

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
  const rows: ScoreRow[] = new Array(records.length);
  let sliceStart = performance.now();
  for (let index = 0; index < records.length; index++) {
    if ((index & 63) === 0 && index > 0 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToEvents();
      if (cancelled()) return undefined;
      sliceStart = performance.now();
    }
    const unreadable = rowErrors?.[index];
    if (unreadable) {
      rows[index] = { index, platform: platformName(platformNameOf(records[index]!), index), total: null, grade: null, eligible: null, rank: null, previous: undefined, categories: {}, errors: [...unreadable] };
      continue;
    }
    const read = (reads[index] ??= scorer.read(records[index]!));
    const v = scorer.summarize(read);
    const previous = baseline?.[index];
    const categories: Record<string, string> = {};
    for (let c = 0; c < v.categories.length; c++) categories[v.categories[c]!.name] = v.categories[c]!.score;
    rows[index] = {
      index,
      platform: platformName(v.platform, index),
      total: v.total,
      grade: v.vetoed ? `${v.grade ?? ""}（否决）` : v.grade,
      eligible: v.eligible,
      rank: null,
      previous: previous === undefined || previous === v.total ? undefined : previous,
      categories,
      errors: v.errors.length === 0 ? [] : v.errors.map((x) => `${x.field}：${x.message}`),
    };
  }
  data.complete = true;
  const byRank = rankRows(rows);
  let withErrors = 0;
  let changed = 0;
  for (const r of rows) {
    if (r.errors.length > 0) withErrors++;
    if (r.previous !== undefined) changed++;
  }
  return {
    rows,
    orders: new Map([[orderId({ key: "rank", ascending: true }), byRank]]),
    summary: {
      columns: rubric.categories.map((c) => ({ name: c.name, max: c.kind === "bonus" ? (c.cap ?? "") : (c.points ?? c.weight ?? ""), bonus: c.kind === "bonus" })),
      fields: rubric.inputs.filter((i) => i.kind !== "derived").map((i) => ({ name: i.name, type: i.type, unit: i.unit, min: i.min, max: i.max, description: i.description })),
      count: rows.length,
      eligibility: rubric.eligibility !== undefined,
      points: rubric.categories.length > 0,
      withErrors,
      changed,
    },
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
 * Competition ranking (1, 2, 2, 4) by total, highest first; platforms without a total get none. One
 * sort; returns the rows in rank order (ties in the data file's order, rows without a total last).
 */
export function rankRows(rows: ScoreRow[]): Int32Array {
  const keys = exactKeys(rows.map((r) => r.total));
  const order: number[] = [];
  const unranked: number[] = [];
  for (let i = 0; i < rows.length; i++) (rows[i]!.total !== null ? order : unranked).push(i);
  // stable: equal totals keep the data file's order
  order.sort((a, b) => keys[b]! - keys[a]!);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const prev = order[k - 1];
    rows[i]!.rank = prev !== undefined && keys[prev] === keys[i] ? rows[prev]!.rank : k + 1;
  }
  return Int32Array.from([...order, ...unranked]);
}

const collator = new Intl.Collator("zh-CN", { numeric: true });

function orderId(sort: ScoreSort): string {
  return `${sort.key}:${sort.ascending ? "a" : "d"}`;
}

function orderFor(table: ScoreTable, sort: ScoreSort): Int32Array {
  const id = orderId(sort);
  const cached = table.orders.get(id);
  if (cached) return cached;
  const rows = table.rows;
  const index = Int32Array.from(rows.keys());
  const dir = sort.ascending ? 1 : -1;
  let compare: (a: number, b: number) => number;
  if (sort.key === "platform" || sort.key === "grade") {
    const text = rows.map((r) => (sort.key === "platform" ? r.platform : (r.grade ?? "")));
    compare = (a, b) => dir * collator.compare(text[a]!, text[b]!);
  } else if (sort.key === "rank") {
    // no rank (no total) last in either direction
    const rank = rows.map((r) => r.rank ?? Number.POSITIVE_INFINITY);
    compare = (a, b) => (rank[a] === rank[b] ? 0 : rank[a] === Number.POSITIVE_INFINITY ? 1 : rank[b] === Number.POSITIVE_INFINITY ? -1 : dir * (rank[a]! - rank[b]!));
  } else {
    const keys = exactKeys(rows.map((r) => (sort.key === "total" ? r.total : r.categories[sort.key.slice(4)])));
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
  for (let k = from; k < to; k++) page.push(table.rows[order[k]!]!);
  return page;
}

/** The rows as the score export writes them (rank order). */
export function exportRows(table: ScoreTable): string[][] {
  const cols = table.summary.columns;
  const header = ["名称", "总分", "等级", "排名", ...cols.map((c) => c.name)];
  const order = orderFor(table, { key: "rank", ascending: true });
  return [header, ...Array.from(order, (i) => table.rows[i]!).map((r) => [r.platform, r.total ?? "", r.grade ?? "", r.rank === null ? "" : String(r.rank), ...cols.map((c) => r.categories[c.name] ?? "")])];
}
