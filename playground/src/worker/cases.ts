/**
 * 用例 in the editor: each case's result for its ▶ 运行 lens, explanations that cite the
 * published sentences, and a new case written from a platform's row.
 */
import { caseRecord, type Diagnostic, type Explanation, type Rubric, type Scorer, type Verdict } from "@zhunsheng/core";
import type { CaseResult, ExplainResult, Record_ } from "../protocol.ts";

/** 「总分 85.5分，星级 四星」 — what a verdict says in a case's own words. */
function verdictWords(rubric: Rubric, v: Verdict): string {
  const parts = [`总分 ${v.total ?? "—"}分`];
  if (rubric.grades.length > 0) parts.push(`${rubric.gradeKind} ${v.grade ?? "无"}`);
  if (v.eligible !== null) parts.push(`认定 ${v.eligible ? "是" : "否"}`);
  return parts.join("，");
}

/** The result of every 用例 of the file: the checker's failures on it, or what it scores. */
export function caseResults(rubric: Rubric, scorer: Scorer, diagnostics: readonly Diagnostic[]): CaseResult[] {
  return rubric.ast.cases.map((c) => {
    const failures = diagnostics.filter((d) => d.code.startsWith("ZS4") && d.range.start.offset >= c.range.start.offset && d.range.end.offset <= c.range.end.offset);
    const base = { name: c.name.text, line: c.range.start.line, failures: failures.length };
    if (failures.length > 0) return { ...base, passed: false, summary: failures[0]!.message.replace(`用例「${c.name.text}」：`, "") };
    const { record, unknown } = caseRecord(rubric, c);
    return { ...base, passed: unknown.length === 0, summary: unknown.length === 0 ? verdictWords(rubric, scorer.score(record)) : "有未声明的输入" };
  });
}

/** A platform's explanation with the 描述 of each indicator and the rubric's 来源. */
export function explainResult(rubric: Rubric, explanation: Explanation): ExplainResult {
  const citations: ExplainResult["citations"] = {};
  for (const i of rubric.indicators) if (i.description) citations[i.name] = { description: i.description, line: (i.descriptionRange ?? i.range).start.line };
  return { explanation, citations, source: rubric.header.source, title: rubric.header.title };
}

/** A name as a case writes it: quoted when it holds anything but letters and digits. */
function caseName(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `「${name}」`;
}

/**
 * A new 用例 from a platform's row: its entered values as 输入 and what it scores now as 期望
 * (category scores, total, grade, 认定), so that the officer pins today's result.
 */
export function caseText(rubric: Rubric, scorer: Scorer, rec: Record_, platform: string): { text: string } | { error: string } {
  const v = scorer.score(rec);
  if (v.errors.length > 0) return { error: `平台「${platform}」的数据有误，不能作为用例：${v.errors.map((e) => `${e.field}：${e.message}`).join("；")}` };
  const inputs = rubric.inputs
    .filter((i) => i.kind !== "derived" && i.type !== "text")
    .flatMap((i) => {
      const value = rec[i.name];
      if (value === undefined || value === null || String(value).trim() === "") return [];
      return [`${caseName(i.name)} ${String(value).trim()}`];
    });
  const expect = [...v.categories.map((c) => `${caseName(c.name)} ${c.score}分`), `总分 ${v.total}分`];
  if (rubric.grades.length > 0) expect.push(`${rubric.gradeKind} ${v.grade ?? "无"}`);
  if (v.eligible !== null) expect.push(`认定 ${v.eligible ? "是" : "否"}`);
  const title = platform.replace(/[\r\n]+/g, " ").trim() || "新用例";
  return { text: `用例 ${title}\n  输入 ${inputs.join("，")}\n  期望 ${expect.join("，")}\n` };
}
