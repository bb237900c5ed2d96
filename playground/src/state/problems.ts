/**
 * 问题 across the open files: one grouping and one count, so that the status bar, the panel's
 * tab and the panel's filter buttons always say the same numbers.
 */
import type { Diagnostic } from "@zhunsheng/core";
import type { WorkbenchState } from "./workbench-state.ts";

/** Hints count as information. */
export type ProblemLevel = "error" | "warning" | "info";
export type ProblemFilter = Record<ProblemLevel, boolean>;

export interface ProblemGroup {
  uri: string;
  title: string;
  diagnostics: Diagnostic[];
  /** The analysis of this file could not finish. */
  failure: string | undefined;
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
    return [{ uri, title: doc.title, diagnostics: a?.diagnostics ?? [], failure: s.workerFailure ?? a?.failure }];
  });
}

export function countProblems(groups: readonly ProblemGroup[]): ProblemCounts {
  const c: ProblemCounts = { error: 0, warning: 0, info: 0, total: 0, failed: 0 };
  for (const g of groups) {
    if (g.failure) c.failed++;
    for (const d of g.diagnostics) c[d.severity === "hint" ? "info" : d.severity]++;
  }
  c.total = c.error + c.warning + c.info;
  return c;
}
