/**
 * The 评分 table in the worker: every platform scored, ranked (one sort, O(n log n)), compared
 * with the totals when its data was loaded, and served a window at a time in the order the
 * officer chose — the page never holds more rows than it shows.
 */
import { decimalsOf, platformNameOf, toScaled, type Rubric, type Scorer } from "@zhunsheng/core";
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

const CHUNK = 500;

/**
 * Scores `records` a chunk at a time; resolves undefined when `cancelled()` turns true between
 * chunks (a newer text arrived), so that typing never waits for a stale table.
 */
export async function scoreTable(
  rubric: Rubric,
  scorer: Scorer,
  records: readonly Record_[],
  baseline: readonly (string | null)[] | undefined,
  cancelled: () => boolean,
  /** Why a platform's row could not be read, by index: shown as 数据有误, never scored. */
  rowErrors?: readonly (readonly string[] | null)[],
): Promise<ScoreTable | undefined> {
  const rows: ScoreRow[] = new Array(records.length);
  for (let start = 0; start < records.length; start += CHUNK) {
    if (start > 0) {
      await yieldToEvents();
      if (cancelled()) return undefined;
    }
    const end = Math.min(records.length, start + CHUNK);
    for (let index = start; index < end; index++) {
      const rec = records[index]!;
      const unreadable = rowErrors?.[index];
      if (unreadable) {
        rows[index] = { index, platform: platformName(platformNameOf(rec), index), total: null, grade: null, eligible: null, rank: null, previous: undefined, categories: {}, errors: [...unreadable] };
        continue;
      }
      const v = scorer.score(rec);
      const previous = baseline?.[index];
      rows[index] = {
        index,
        platform: platformName(v.platform, index),
        total: v.total,
        grade: v.vetoed ? `${v.grade ?? ""}（否决）` : v.grade,
        eligible: v.eligible,
        rank: null,
        previous: previous === undefined || previous === v.total ? undefined : previous,
        categories: Object.fromEntries(v.categories.map((c) => [c.name, c.score])),
        errors: v.errors.map((x) => `${x.field}：${x.message}`),
      };
    }
  }
  rankRows(rows);
  return {
    rows,
    orders: new Map(),
    summary: {
      columns: rubric.categories.map((c) => ({ name: c.name, max: c.kind === "bonus" ? (c.cap ?? "") : (c.points ?? c.weight ?? ""), bonus: c.kind === "bonus" })),
      fields: rubric.inputs.filter((i) => i.kind !== "derived").map((i) => ({ name: i.name, type: i.type, unit: i.unit, min: i.min, max: i.max, description: i.description })),
      count: rows.length,
      eligibility: rubric.eligibility !== undefined,
      points: rubric.categories.length > 0,
      withErrors: rows.filter((r) => r.errors.length > 0).length,
      changed: rows.filter((r) => r.previous !== undefined).length,
    },
  };
}

/** Exact decimal strings as numbers that compare exactly: all scaled to the largest number of decimals among them. */
function exactKeys(values: readonly (string | null | undefined)[]): Float64Array {
  let digits = 0;
  for (const v of values) if (v != null) digits = Math.max(digits, decimalsOf(v));
  const keys = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    keys[i] = v == null ? Number.NEGATIVE_INFINITY : (toScaled(v, digits) ?? Number.NEGATIVE_INFINITY);
  }
  return keys;
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; platforms without a total get none. One sort. */
export function rankRows(rows: ScoreRow[]): void {
  const keys = exactKeys(rows.map((r) => r.total));
  const order = Array.from(rows.keys())
    .filter((i) => rows[i]!.total !== null)
    .sort((a, b) => keys[b]! - keys[a]!);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const prev = order[k - 1];
    rows[i]!.rank = prev !== undefined && keys[prev] === keys[i] ? rows[prev]!.rank : k + 1;
  }
}

const collator = new Intl.Collator("zh-CN", { numeric: true });

function orderFor(table: ScoreTable, sort: ScoreSort): Int32Array {
  const id = `${sort.key}:${sort.ascending ? "a" : "d"}`;
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
