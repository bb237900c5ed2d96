/**
 * The server's commands (workspace/executeCommand), so that every editor can score the rubric
 * it shows: `zhunsheng.score` (the rubric against a dataset), `zhunsheng.explain` (one
 * platform's explanation), `zhunsheng.sampleData` (the rubric's sample dataset, if any).
 * Scoring reads and compiles exactly as `zhunsheng score` does.
 */
import { readFileSync } from "node:fs";
import { dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { namesItself, parseDataFile, platformNameOf, type Explanation, type Scorer } from "@zhunsheng/core";
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

function loadData(path: string) {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CommandError(`无法读取数据文件：${path}`);
  }
  const data = parseDataFile(text, extname(path).toLowerCase() === ".json" ? "json" : "csv");
  if (data.errors.length > 0 && data.records.length === 0) throw new CommandError(`数据文件有误：${data.errors.map((e) => `第${e.line}行 ${e.message}`).join("；")}`);
  return data;
}

/** A dataset path as the user gave it: absolute, or relative to the rubric's folder. */
export function dataPath(rubricPath: string, given: string): string {
  return isAbsolute(given) ? given : resolve(dirname(rubricPath), given);
}

/** The platform's name by the core's one rule (名称 / 平台名称 …), as `score` and `explain` of the CLI read it. */
const nameOf = (record: Record<string, unknown>, i: number) => platformNameOf(record) ?? `第${i + 1}个平台`;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function score(doc: LanguageDocument, rubricPath: string, data: string): ScoreResult {
  // the analysis's compiled scorer: each record is read at the scale its own decimals need
  const scorer = scorerOf(doc);
  const rubric = scorer.rubric;
  const file = loadData(data);
  const platforms = file.records.map((record, i): PlatformScore => {
    const v = scorer.score(record);
    return {
      platform: v.platform ?? nameOf(record, i),
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
  ].join("\n");
  return { rubric: rubric.header.title, data, gradeKind: rubric.gradeKind, platforms, markdown };
}

/** The explanation tree as nested Markdown list items. */
export function explanationMarkdown(e: Explanation, depth = 0): string {
  const line = namesItself(e) ? e.text : `${e.label}：${e.text}`;
  const head = depth === 0 ? `**${line}**` : `${"  ".repeat(depth - 1)}- ${line}`;
  return [head, ...e.children.map((c) => explanationMarkdown(c, depth + 1))].join("\n");
}

export function explain(doc: LanguageDocument, data: string, platform: string): ExplainResult {
  const scorer = scorerOf(doc);
  const file = loadData(data);
  const record = file.records.find((r, i) => nameOf(r, i) === platform);
  if (!record) {
    const near = file.records.map(nameOf).filter((n) => n.includes(platform) || platform.includes(n));
    throw new CommandError(`数据中没有名为「${platform}」的平台${near.length ? `，你是不是想找「${near.slice(0, 3).join("」「")}」？` : ""}`);
  }
  return { platform, markdown: explanationMarkdown(scorer.explain(record)) };
}

/** The rubric's sample dataset (`samples/<体系路径>.csv` in its rules folder), when there is one. */
export function sampleData(rubricPath: string, root: string, exists: (p: string) => boolean): string | null {
  const folder = rulesFolderOf(rubricPath, root, exists);
  if (!folder) return null;
  const sample = join(folder, "samples", relative(folder, rubricPath).replace(/\.zs$/, ".csv"));
  return exists(sample) ? sample : null;
}
