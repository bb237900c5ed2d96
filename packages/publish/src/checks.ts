/**
 * 发布前检查: the conditions a rubric must meet before its table is published. Each check is
 * the checker's own diagnostics filtered by code (so the editor's squiggles and this list agree),
 * plus the few checks the core does not make yet (see CORE-REQUESTS.md).
 */
import { analyze, type Analysis, type Diagnostic } from "@zhunsheng/core";
import { proseDiagnostics } from "./prose.ts";

export interface PublishCheck {
  id: "errors" | "ambiguity" | "cases" | "sums" | "draft" | "grades" | "prose" | "reach" | "rules";
  title: string;
  passed: boolean;
  /** One line saying what was found. */
  detail: string;
  /** The diagnostics behind a failure, with ranges for links to the place. */
  diagnostics: Diagnostic[];
}

export interface PublishReport {
  file: string;
  passed: boolean;
  checks: PublishCheck[];
  analysis: Analysis;
}

const has = (codes: readonly string[]) => (d: Diagnostic) => codes.includes(d.code);

/** Runs every pre-publication check on a rubric's text. */
export function publishChecks(text: string, file = "未命名.zs"): PublishReport {
  const a = analyze(text, file);
  const d = a.diagnostics;
  const cases = a.ast.cases.length;
  const list = (pred: (x: Diagnostic) => boolean) => d.filter(pred);
  // every error but a failing case (which has its own line); sums and overlaps show here and under their own check
  const errors = list((x) => x.severity === "error" && !x.code.startsWith("ZS4"));
  const ambiguity = list(has(["ZS3020", "ZS3045"]));
  const caseProblems = list((x) => x.code.startsWith("ZS4"));
  // ZS3008: 大类 totals (three-level rubrics), when the core has them
  const sums = list(has(["ZS3001", "ZS3002", "ZS3003", "ZS3004", "ZS3006", "ZS3008"]));
  const pending = list(has(["ZS3005"]));
  const grades = list(has(["ZS3040", "ZS3041"]));
  // the prose, phrase by phrase against the rules (ZS5003); the checker's ZS3010 where that finds nothing more
  const phrased = a.rubric ? proseDiagnostics(text, a.rubric) : [];
  const prose = [...phrased, ...list(has(["ZS3010"])).filter((x) => !phrased.some((p) => p.range.start.offset >= x.range.start.offset && p.range.start.offset <= x.range.end.offset))];
  const reach = list(has(["ZS3011", "ZS3012"]));
  const noRules = list(has(["ZS3016"]));
  const statusRange = a.ast.headerRanges.status;
  const draftStatus: Diagnostic[] =
    a.rubric?.draft && statusRange
      ? [{ code: "ZS5002", severity: "warning", message: `文件状态为「${a.rubric.header.status ?? "草稿"}」：确定全部分值后删去「状态」一行再发布`, range: statusRange }]
      : [];
  const failedCases = new Set(caseProblems.map((x) => a.ast.cases.find((c) => x.range.start.offset >= c.range.start.offset && x.range.end.offset <= c.range.end.offset)?.name.text)).size;
  const checks: PublishCheck[] = [
    // failing cases are errors too, listed under their own check: the title says so, so that a ✓ here never contradicts a ✗ there
    {
      id: "errors",
      title: "没有错误（用例另列）",
      passed: errors.length === 0 && a.rubric !== undefined,
      detail: errors.length > 0 ? `${errors.length}个错误` : caseProblems.length > 0 ? "除未通过的用例外没有错误" : "检查器没有报告错误",
      diagnostics: errors,
    },
    { id: "ambiguity", title: "没有未决的歧义", passed: ambiguity.length === 0, detail: ambiguity.length === 0 ? "档位读法与区间两端均已写明" : `${ambiguity.length}处读法未写明（不满一档如何计、区间两端是否包含）`, diagnostics: ambiguity },
    {
      id: "cases",
      title: "用例全部通过",
      passed: caseProblems.length === 0,
      detail: cases === 0 ? "文件中没有用例（建议至少写一个手算核对过的用例）" : caseProblems.length === 0 ? `${cases}个用例全部通过` : `${cases}个用例中${failedCases}个未通过`,
      diagnostics: caseProblems,
    },
    { id: "sums", title: "分值与权重合计正确", passed: sums.length === 0, detail: sums.length === 0 ? "类别分值、权重与满分均相符" : `${sums.length}处合计不符`, diagnostics: sums },
    {
      id: "draft",
      title: "分值已全部确定",
      passed: pending.length === 0 && draftStatus.length === 0,
      detail: pending.length > 0 ? `${pending.length}个指标分值待定` : draftStatus.length > 0 ? "文件状态为草稿" : "没有分值待定的指标，文件不是草稿",
      diagnostics: [...draftStatus, ...pending],
    },
    { id: "grades", title: "等级区间覆盖整个分数范围", passed: grades.length === 0, detail: a.rubric && a.rubric.grades.length === 0 ? "未划分等级" : grades.length === 0 ? "等级区间无空档、无重叠" : `${grades.length}处空档或重叠`, diagnostics: grades },
    { id: "prose", title: "描述中的数字与规则一致", passed: prose.length === 0, detail: prose.length === 0 ? "指标描述逐句与计分句一致" : `${prose.length}处指标描述与计分句不一致`, diagnostics: prose },
    { id: "reach", title: "每个指标都能得0分和满分", passed: reach.length === 0, detail: reach.length === 0 ? "各指标在输入范围内都能得0分和满分" : `${reach.length}处达不到0分或满分`, diagnostics: reach },
    { id: "rules", title: "每个指标都有计分句", passed: noRules.length === 0, detail: noRules.length === 0 ? "所有指标都有计分句" : `${noRules.length}个指标没有计分句`, diagnostics: noRules },
  ];
  return { file, passed: checks.every((c) => c.passed), checks, analysis: a };
}
