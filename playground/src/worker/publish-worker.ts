/**
 * The publish worker: 对比, 影响, 发布前检查, export and import, off the main thread and out of
 * the first load (created on first use). Stateless: every request carries the texts it needs.
 */
import { analyze, type PlatformRecord, type Rubric } from "@zhunsheng/core";
import {
  compareSideBySide,
  diffRubrics,
  draftFromTable,
  importReportMarkdown,
  measureImpact,
  memoDocx,
  memoMarkdown,
  parseTables,
  preparePublication,
  parseVocabulary,
  publishChecks,
  readIndicatorTables,
  revisionMemo,
  changeKey,
  memoImpactLines,
  scoreAcross,
  type MemoOptions,
  type RevisionMemo,
  tableDocx,
  tableHtml,
  tableMarkdown,
  tableXlsx,
} from "@zhunsheng/publish";
import vocabularyJson from "../../../rules/concepts/概念.json?raw";
import type { MemoSource, PublishMethods } from "../protocol.ts";
import { serveRpc, type Handlers } from "../lib/rpc.ts";
import { readDataset, tableFile } from "./data-files.ts";

const { vocabulary } = parseVocabulary(vocabularyJson);

/** A usable model: the core's one decision on whether a rubric can be scored (errors other than failing cases refuse it). */
function bind(text: string, file: string): { rubric: Rubric | undefined; error: string | undefined } {
  const a = analyze(text, file);
  if (!a.scoring.scorable) return { rubric: undefined, error: `「${file}」${a.scoring.reason}，改正后才能比较` };
  return { rubric: a.scoring.scorer.rubric, error: undefined };
}

/** The 修订说明 of two versions, with the impact on the dataset when one is given (one path for preview and export). */
function memoOf({ oldText, newText, oldName, newName, records, dataset }: MemoSource, reasons: Pick<MemoOptions, "reasons" | "reasonsByKey">): RevisionMemo | { error: string } {
  const o = bind(oldText, oldName);
  const n = bind(newText, newName);
  if (!o.rubric || !n.rubric) return { error: o.error ?? n.error ?? "无法生成修订说明" };
  const impact = records && records.length > 0 ? measureImpact(o.rubric, n.rubric, records as PlatformRecord[]) : undefined;
  return revisionMemo(o.rubric, n.rubric, { oldFile: oldName, newFile: newName, ...(impact ? { impact, dataset: dataset ?? "示例数据" } : {}), ...reasons });
}

const handlers: Handlers<PublishMethods> = {
  compare: ({ rubrics }) => {
    const bound = rubrics.map((r) => ({ source: r, ...bind(r.text, r.title) }));
    const errors = bound.flatMap((b) => (b.error ? [b.error] : []));
    const ok = bound.filter((b) => b.rubric).map((b) => b.rubric!);
    return { comparison: ok.length > 0 ? compareSideBySide(ok, vocabulary) : undefined, errors };
  },
  crossScore: async ({ a, b, data }) => {
    const ra = bind(a.text, a.title);
    const rb = bind(b.text, b.title);
    if (!ra.rubric || !rb.rubric) return { score: undefined, error: ra.error ?? rb.error };
    // the platforms as the data package reads them; rows that do not line up take no part
    const read = await readDataset(new TextEncoder().encode(data.text), `数据.${data.kind}`, ra.rubric, data.kind);
    const records = read.records.filter((_, i) => !read.rowErrors?.[i]);
    return { score: scoreAcross(vocabulary, { id: a.id, rubric: ra.rubric }, { id: b.id, rubric: rb.rubric }, records), error: undefined };
  },
  impact: ({ oldText, newText, records }) => {
    const o = bind(oldText, "对照版本");
    const n = bind(newText, "当前版本");
    if (!o.rubric || !n.rubric) return { changes: [], impact: undefined, graded: false, gradeKind: "等级", error: o.error ?? n.error };
    const diff = diffRubrics(o.rubric, n.rubric);
    const impact = records.length > 0 ? measureImpact(o.rubric, n.rubric, records as PlatformRecord[]) : undefined;
    return { changes: diff.changes, impact, graded: o.rubric.grades.length > 0 || n.rubric.grades.length > 0, gradeKind: n.rubric.gradeKind, error: undefined };
  },
  tableFile: ({ rows, kind, name, sheet }) => tableFile(rows, kind, name, sheet),
  checks: ({ text, file }) => {
    const r = publishChecks(text, file);
    return { passed: r.passed, checks: r.checks };
  },
  exportTable: async ({ text, format, file, draft, regenerate }) => {
    // one gate for the CLI and the workbench: what is published is the rule
    const p = preparePublication(text, file ?? "当前文件", { draft: draft ?? false, regenerate: regenerate ?? false });
    if (!p.ok) return { error: p.reason, problems: p.problems.map((x) => ({ line: x.line, column: x.column, message: x.message })) };
    const table = p.table;
    const title = `${table.title}${p.draft ? "（征求意见稿）" : ""}`;
    const meta = { rewritten: p.rewritten.length, openProblems: p.draft ? p.openProblems.length : 0 };
    switch (format) {
      case "md":
        return { title, data: tableMarkdown(table), ...meta };
      case "html":
        return { title, data: tableHtml(table), ...meta };
      case "xlsx":
        return { title, data: await tableXlsx(table), ...meta };
      case "docx":
        return { title, data: await tableDocx(table), ...meta };
    }
  },
  importTable: async ({ name, text, xlsx, bytes, sheet }) => {
    const file = bytes ?? xlsx;
    const read = file ? await readIndicatorTables(name, file, sheet ? { sheet } : {}) : { tables: parseTables(text ?? "") };
    if ("error" in read) return { error: read.error };
    const table = read.tables[0];
    if (!table) return { error: "没有找到指标体系表：需要「类别」「指标」「分值」「指标描述」列，或原文中的评价指标体系表" };
    const draft = draftFromTable(table, { source: `${name}「${table.title}」`, vocabulary });
    return {
      title: table.title,
      text: draft.text,
      marks: draft.marks,
      recognised: draft.recognised.length,
      sentences: draft.sentences,
      errors: draft.diagnostics.filter((d) => d.severity === "error").length,
      report: importReportMarkdown(table, draft, `${table.title}.zs`),
    };
  },
  revisionMemo: async ({ format, reasons, reasonsByKey, ...source }) => {
    const memo = memoOf(source, { ...(reasons ? { reasons } : {}), ...(reasonsByKey ? { reasonsByKey } : {}) });
    if ("error" in memo) return memo;
    return { title: memo.title, data: format === "docx" ? await memoDocx(memo) : memoMarkdown(memo), changes: memo.changes.map((c) => c.change.text) };
  },
  memoPreview: (source) => {
    const memo = memoOf(source, {});
    if ("error" in memo) return memo;
    return {
      title: memo.title,
      oldName: memo.oldName,
      newName: memo.newName,
      changes: memo.changes.map((c) => ({ key: changeKey(c.change), text: c.change.text, line: c.change.newRange?.start.line })),
      impact: memoImpactLines(memo),
    };
  },
};

serveRpc<PublishMethods>(handlers);
