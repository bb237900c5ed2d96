/**
 * The server's commands (workspace/executeCommand), so that every editor can score the rubric
 * it shows: `zhunsheng.score` (the rubric against a dataset), `zhunsheng.explain` (one
 * platform's explanation), `zhunsheng.sampleData` (the rubric's sample dataset, if any).
 * Scoring reads data (@zhunsheng/data: any encoding, CSV, JSON or XLSX, strict rows) and
 * compiles exactly as `zhunsheng score` does.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { namesItself, type Explanation, type Rubric, type Scorer } from "@zhunsheng/core";
import { expectedColumnsOf, readDataBytes, recordOf, type DataRow } from "@zhunsheng/data";
import type { LanguageDocument } from "@zhunsheng/language-service";
import { rulesFolderOf } from "./related-files.ts";

export const COMMANDS = ["zhunsheng.score", "zhunsheng.explain", "zhunsheng.sampleData"] as const;

/** A failure the user must read: the server answers it as an error with this Chinese message. */
export class CommandError extends Error {}

export interface PlatformScore {
  platform: string;
  total: string | null;
  grade: string | null;
  eligible: boolean | null;
  categories: { name: string; score: string }[];
  errors: string[];
}

export interface ScoreResult {
  rubric: string;
  data: string;
  gradeKind: string;
  platforms: PlatformScore[];
  /** The same results as a Markdown table, for editors that only show text. */
  markdown: string;
}

export interface ExplainResult {
  platform: string;
  markdown: string;
}

/** The core's one decision on whether the rubric can be scored, with its reason when it cannot. */
function scorerOf(doc: LanguageDocument): Scorer {
  const scoring = doc.analysis.scoring;
  if (!scoring.scorable) throw new CommandError(scoring.reason);
  return scoring.scorer;
}

/** The platforms of a data file, and the file's own problems (rows that could not be read carry theirs). */
async function loadData(path: string, rubric: Rubric): Promise<{ rows: DataRow[]; problems: string[] }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    throw new CommandError(`无法读取数据文件：${path}`);
  }
  const data = await readDataBytes(bytes, { file: path, expected: expectedColumnsOf(rubric.inputs) });
  const problems = data.errors.filter((e) => e.severity === "error" && !data.rows.some((r) => r.errors?.includes(e))).map((e) => e.message);
  if (data.rows.length === 0 && problems.length > 0) throw new CommandError(`数据文件有误：${problems.join("；")}`);
  return { rows: data.rows, problems };
}

/** A dataset path as the user gave it: absolute, or relative to the rubric's folder. */
export function dataPath(rubricPath: string, given: string): string {
  return isAbsolute(given) ? given : resolve(dirname(rubricPath), given);
}

/** The platform's name from the data's name column (one rule, @zhunsheng/data), else its position. */
const nameOf = (row: DataRow, i: number) => row.platform ?? `第${i + 1}个平台`;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export async function score(doc: LanguageDocument, rubricPath: string, data: string): Promise<ScoreResult> {
  // the analysis's compiled scorer: each record is read at the scale its own decimals need
  const scorer = scorerOf(doc);
  const rubric = scorer.rubric;
  const file = await loadData(data, rubric);
  const records = file.rows.map(recordOf);
  const platforms = file.rows.map((row, i): PlatformScore => {
    // a row that does not line up with the header is never scored
    if (row.errors) return { platform: nameOf(row, i), total: null, grade: null, eligible: null, categories: [], errors: row.errors.map((e) => e.message) };
    const v = scorer.score(records[i]!);
    return {
      platform: nameOf(row, i),
      total: v.total,
      grade: v.grade,
      eligible: v.eligible,
      categories: v.categories.map((c) => ({ name: c.name, score: c.score })),
      errors: v.errors.map((e) => e.message),
    };
  });
  const cats = rubric.categories.map((c) => c.name);
  const head = ["平台", "总分", rubric.gradeKind, ...(rubric.eligibility ? ["认定"] : []), ...cats];
  const rows = platforms.map((p) => [
    p.platform,
    p.total ?? "数据有误",
    p.grade ?? "",
    ...(rubric.eligibility ? [p.eligible === null ? "" : p.eligible ? "是" : "否"] : []),
    ...cats.map((c) => p.categories.find((x) => x.name === c)?.score ?? ""),
  ]);
  const bad = platforms.filter((p) => p.errors.length > 0);
  const markdown = [
    `**${rubric.header.title}** × ${relative(dirname(rubricPath), data) || data}：${platforms.length}个平台`,
    "",
    `| ${head.map(cell).join(" | ")} |`,
    `| ${head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
    ...(bad.length ? ["", `${bad.length}个平台的数据有误：`, ...bad.flatMap((p) => p.errors.map((e) => `- ${cell(p.platform)}：${cell(e)}`))] : []),
    ...(file.problems.length ? ["", "数据文件的问题：", ...file.problems.map((m) => `- ${cell(m)}`)] : []),
  ].join("\n");
  return { rubric: rubric.header.title, data, gradeKind: rubric.gradeKind, platforms, markdown };
}

/** The explanation tree as nested Markdown list items. */
export function explanationMarkdown(e: Explanation, depth = 0): string {
  const line = namesItself(e) ? e.text : `${e.label}：${e.text}`;
  const head = depth === 0 ? `**${line}**` : `${"  ".repeat(depth - 1)}- ${line}`;
  return [head, ...e.children.map((c) => explanationMarkdown(c, depth + 1))].join("\n");
}

export async function explain(doc: LanguageDocument, data: string, platform: string): Promise<ExplainResult> {
  const scorer = scorerOf(doc);
  const file = await loadData(data, scorer.rubric);
  const row = file.rows.find((r, i) => nameOf(r, i) === platform);
  if (!row) {
    const near = file.rows.map(nameOf).filter((n) => n.includes(platform) || platform.includes(n));
    throw new CommandError(`数据中没有名为「${platform}」的平台${near.length ? `，你是不是想找「${near.slice(0, 3).join("」「")}」？` : ""}`);
  }
  if (row.errors) throw new CommandError(`平台「${platform}」的数据无法评分：${row.errors.map((e) => e.message).join("；")}`);
  return { platform, markdown: explanationMarkdown(scorer.explain(recordOf(row))) };
}

/** The rubric's sample dataset (`samples/<体系路径>.csv` in its rules folder), when there is one. */
export function sampleData(rubricPath: string, root: string, exists: (p: string) => boolean): string | null {
  const folder = rulesFolderOf(rubricPath, root, exists);
  if (!folder) return null;
  const sample = join(folder, "samples", relative(folder, rubricPath).replace(/\.zs$/, ".csv"));
  return exists(sample) ? sample : null;
}
