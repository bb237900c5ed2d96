/**
 * What is published is the rule. Before any table is written: the prose of every indicator must
 * say what its rules say (else the export refuses and lists the disagreements, or — when the
 * officer asks — writes the rule's numbers into the prose), and the official table is written
 * only when every pre-publication check passes; a 征求意见稿 (draft) carries its open problems.
 * The CLI and the workbench's worker both publish through `preparePublication`.
 */
import type { Diagnostic } from "@zhunsheng/core";
import { publishChecks, type PublishReport } from "./checks.ts";
import { proseDiagnostics, regenerateProse, type RewrittenProse } from "./prose.ts";
import { officialTable, type OfficialTable } from "./table.ts";

export interface PublicationOptions {
  /** A 征求意见稿: published with a mark on every page and an appendix of open problems. */
  draft?: boolean;
  /** Write the rules' numbers into the prose where they disagree, instead of refusing. */
  regenerate?: boolean;
}

/** One reason not to publish, or one open problem of a draft, with its place in the file. */
export interface PublicationProblem {
  line: number;
  column: number;
  code: string;
  message: string;
  /** The pre-publication check it belongs to (「用例全部通过」…). */
  check: string;
}

export type Publication =
  | { ok: true; table: OfficialTable; draft: boolean; rewritten: RewrittenProse[]; openProblems: PublicationProblem[]; text: string; report: PublishReport }
  | { ok: false; reason: string; problems: PublicationProblem[]; rewritten: RewrittenProse[] };

const problem = (check: string, d: Diagnostic): PublicationProblem => ({ line: d.range.start.line, column: d.range.start.column, code: d.code, message: d.message, check });

/**
 * Decides what may be published from a rubric's text and builds the table.
 * Refuses (ok: false) on errors, on prose that disagrees with the rules (unless `regenerate`), and,
 * for the official table, on any failing pre-publication check.
 */
export function preparePublication(source: string, file: string, options: PublicationOptions = {}): Publication {
  let text = source;
  let report = publishChecks(text, file);
  let rewritten: RewrittenProse[] = [];
  const rubric = report.analysis.rubric;
  const errors = report.checks.find((c) => c.id === "errors")!;
  if (!rubric || !errors.passed) {
    return { ok: false, reason: `${file}有${errors.diagnostics.length}个错误，改正后才能导出`, problems: errors.diagnostics.map((d) => problem(errors.title, d)), rewritten };
  }
  const prose = report.checks.find((c) => c.id === "prose")!;
  if (!prose.passed) {
    if (!options.regenerate) {
      return {
        ok: false,
        reason: `${prose.diagnostics.length}处指标描述与计分句不一致：公布的表格必须与规则一致。请改写描述，或加 --regenerate 按计分句改写描述中的数字`,
        problems: prose.diagnostics.map((d) => problem(prose.title, d)),
        rewritten,
      };
    }
    const regen = regenerateProse(text, rubric);
    if (regen.unmended.length > 0) {
      const left = proseDiagnostics(text, rubric).filter((d) => !d.fix);
      return { ok: false, reason: `${left.length}处指标描述无法按计分句自动改写，请手工改写`, problems: left.map((d) => problem(prose.title, d)), rewritten: regen.rewritten };
    }
    text = regen.text;
    rewritten = regen.rewritten;
    report = publishChecks(text, file);
    const still = report.checks.find((c) => c.id === "prose")!;
    // the checker's own finding (ZS3010) that no phrase explains: nothing to rewrite, so nothing to publish
    if (!still.passed) return { ok: false, reason: `${still.diagnostics.length}处指标描述无法按计分句自动改写，请手工改写`, problems: still.diagnostics.map((d) => problem(still.title, d)), rewritten };
  }
  const failing = report.checks.filter((c) => !c.passed);
  const problems = failing.flatMap((c) => (c.diagnostics.length > 0 ? c.diagnostics.map((d) => problem(c.title, d)) : [{ line: 1, column: 1, code: "", message: c.detail, check: c.title }]));
  if (!options.draft && failing.length > 0) {
    return {
      ok: false,
      reason: `发布前检查有${failing.length}项未通过（${failing.map((c) => c.title).join("、")}），不能导出正式文本；可加 --draft 导出征求意见稿`,
      problems,
      rewritten,
    };
  }
  const bound = report.analysis.rubric;
  if (!bound) return { ok: false, reason: `${file}无法导出`, problems, rewritten };
  const table = officialTable(bound, options.draft ? { draft: { problems: problems.map((p) => `${p.check}：${p.line > 0 ? `第${p.line}行 ` : ""}${p.message}`) } } : {});
  return { ok: true, table, draft: options.draft ?? false, rewritten, openProblems: problems, text, report };
}
