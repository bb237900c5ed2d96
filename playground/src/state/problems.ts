/**
 * 问题 across the open files: one grouping and one count, so that the status bar, the panel's
 * tab and the panel's filter buttons always say the same numbers.
 */
import type { Diagnostic } from "@zhunsheng/core";
import type { DataCheck } from "../protocol.ts";
import type { Doc, WorkbenchState } from "./workbench-state.ts";

/** Hints count as information. */
export type ProblemLevel = "error" | "warning" | "info";
export type ProblemFilter = Record<ProblemLevel, boolean>;

export interface ProblemGroup {
  uri: string;
  title: string;
  diagnostics: Diagnostic[];
  /** The analysis of this file could not finish. */
  failure: string | undefined;
  /** Problems of the dataset that goes with the file. */
  data: DataProblem[];
}

export interface ProblemCounts extends Record<ProblemLevel, number> {
  total: number;
  /** Files whose analysis could not finish. */
  failed: number;
}

/** Every open file with its problems, the active file first, then in tab order. */
export function problemGroups(s: WorkbenchState): ProblemGroup[] {
  const order = s.active ? [s.active, ...s.tabs.filter((t) => t !== s.active)] : [...s.tabs];
  return order.flatMap((uri) => {
    const doc = s.docs.get(uri);
    const a = s.analyses.get(uri);
    if (!doc) return [];
    return [{ uri, title: doc.title, diagnostics: a?.diagnostics ?? [], failure: s.workerFailure ?? a?.failure, data: dataProblems(a?.dataCheck, doc) }];
  });
}

export function countProblems(groups: readonly ProblemGroup[]): ProblemCounts {
  const c: ProblemCounts = { error: 0, warning: 0, info: 0, total: 0, failed: 0 };
  for (const g of groups) {
    if (g.failure) c.failed++;
    for (const d of g.diagnostics) c[d.severity === "hint" ? "info" : d.severity]++;
    for (const d of g.data) c[d.severity]++;
  }
  c.total = c.error + c.warning + c.info;
  return c;
}

/** A quick fix of a data problem. */
export type DataFix = { kind: "map"; column: string; input: string } | { kind: "add"; column: string } | { kind: "ignore"; column: string };

/** A problem of the dataset that goes with a file: a cell that cannot be read, a column and an input that do not meet. */
export interface DataProblem {
  code: "ZS6101" | "ZS6102" | "ZS6103";
  severity: "error" | "warning";
  message: string;
  /** The grid cell to show. */
  cell: { row: number; field: string } | undefined;
  fixes: DataFix[];
}

/** How alike two names are (shared characters), to offer the likeliest input first. */
function likeness(a: string, b: string): number {
  const chars = new Set(b);
  return [...a].filter((c) => chars.has(c)).length / Math.max(a.length, b.length);
}

/** The data problems of one document, from the worker's check of its dataset (ignored columns left out). */
export function dataProblems(check: DataCheck | undefined, doc: Doc): DataProblem[] {
  if (!check || check.dataset !== doc.dataset) return [];
  const ds = check.dataset;
  const unmatched = check.unmatched.filter((c) => !doc.ignoredColumns.includes(c));
  const out: DataProblem[] = [];
  for (const c of unmatched) {
    const inputs = [...check.missing].sort((a, b) => likeness(c, b) - likeness(c, a)).slice(0, 5);
    out.push({
      code: "ZS6101",
      severity: "warning",
      message: `数据集「${ds}」的列「${c}」不对应任何输入：映射到一个输入、添加为输入，或忽略此列`,
      cell: { row: 0, field: c },
      fixes: [...inputs.map((input) => ({ kind: "map" as const, column: c, input })), { kind: "add", column: c }, { kind: "ignore", column: c }],
    });
  }
  for (const i of check.missing) {
    const columns = [...unmatched].sort((a, b) => likeness(i, b) - likeness(i, a)).slice(0, 5);
    out.push({
      code: "ZS6102",
      severity: "warning",
      message: `数据集「${ds}」中没有输入「${i}」的列：每个平台都缺少这项数据`,
      cell: undefined,
      fixes: columns.map((column) => ({ kind: "map" as const, column, input: i })),
    });
  }
  for (const c of check.cells) {
    out.push({ code: "ZS6103", severity: "error", message: `数据集「${ds}」第${c.row + 1}行${c.platform ? `（${c.platform}）` : ""}：${c.message}`, cell: { row: c.row, field: c.field }, fixes: [] });
  }
  if (check.cellCount > check.cells.length) {
    out.push({ code: "ZS6103", severity: "error", message: `数据集「${ds}」还有 ${check.cellCount - check.cells.length} 个单元格无法读取（只列出前 ${check.cells.length} 个）`, cell: undefined, fixes: [] });
  }
  return out;
}
