/**
 * One engine behind every front end (issue 8): the CLI as a process (`score --json`, `explain --json`),
 * the workbench's analysis worker (its own module, driven through its RPC messages as the page drives it)
 * @zhunsheng/publish (impact, publish checks) and the language server's commands (VS Code's 「用数据评分」)
 * read the same rubric and data and must say the same:
 * totals, category subtotals, errors, platform names — and refuse the same rubric for the same reason.
 * Pinned: the three disagreements issue 8 found (a category-sum error scored by one front end and refused
 * by another; 90.125 scored by one and a data error in another; 平台名称 listed by `score` but not found
 * by `explain --platform`).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "@zhunsheng/core";
import { createDocument } from "@zhunsheng/language-service";
import { measureImpact, publishChecks } from "@zhunsheng/publish";
import * as lsp from "../../packages/lsp/src/commands.ts";
import type { AnalysisResult, ScoreRow } from "../../playground/src/protocol.ts";
import { startAnalysisWorker, type WorkerDriver } from "./worker-driver.ts";

const bin = new URL("../../packages/cli/bin/zhunsheng.js", import.meta.url).pathname;

const RUBRIC = `评价体系 前端一致性测试
  地区：测试省
  满分：130分
输入
  服务企业家次：计数 家次 越多越好
  协同评定分：评分 0～100分
  满意度：百分比 越多越好
  网站维护：是否
类别 活跃度（20分）
  指标 服务企业数 10分
    服务企业家次 达1000家次得10分，每少100家次减1分（不足一档不计）
  指标 网站 10分
    网站维护 得10分
类别 质量（110分）
  指标 协同 100分
    协同评定分 综合评定
  指标 满意 10分
    满意度 达90%得10分
等级
  不足60分：不合格
  60分（含）以上：合格
`;

/** Issue 8, case 1: a category whose points do not add up (ZS3001, and the 满分 no longer matches: ZS3004). */
const SUM_ERROR = RUBRIC.replace("类别 活跃度（20分）", "类别 活跃度（25分）");

/** Issue 8, cases 2 and 3: three decimals (90.125) and the platform named in a 平台名称 column; 丙 has bad data. */
const DATA = ["平台名称,服务企业家次,协同评定分,满意度,网站维护", "甲平台,1200,90.125,90.125,是", "乙平台,850,3,89.9,否", "丙平台,abc,9,95,也许", "丁平台,1000,0.5,90,是"].join("\n") + "\n";

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string): CliRun {
  try {
    const stdout = execFileSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { code: 0, stdout, stderr: "" };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, stdout: x.stdout, stderr: x.stderr };
  }
}

interface CliVerdict {
  platform: string;
  total: string | null;
  grade: string | null;
  categories: { name: string; score: string }[];
  indicators: { path: string; score: string | null }[];
  errors: { field: string; message: string }[];
}

/** What every front end must agree on, per platform. */
interface Seen {
  platform: string;
  total: string | null;
  grade: string | null;
  categories?: Record<string, string>;
  errors: string[];
}

const fromCli = (v: CliVerdict): Seen => ({
  platform: v.platform,
  total: v.total,
  grade: v.grade,
  categories: Object.fromEntries(v.categories.map((c) => [c.name, c.score])),
  errors: v.errors.map((e) => e.message).sort(),
});

// the workbench shows each error as 「字段：消息」
const fromWorker = (r: ScoreRow): Seen => ({ platform: r.platform, total: r.total, grade: r.grade, categories: r.categories, errors: r.errors.map((e) => e.slice(e.indexOf("：") + 1)).sort() });

let dir: string;
let worker: WorkerDriver;
let opened = 0;

/** Opens a document in the worker with its dataset, as the page opens a rubric with its built-in data, and waits for its analysis. */
async function openInWorker(text: string, data?: string): Promise<{ uri: string; result: AnalysisResult }> {
  const uri = `test:/agreement-${++opened}.zs`;
  const done = worker.analysis(uri, 1);
  await worker.request("open", { uri, text, version: 1, ...(data !== undefined ? { data: { name: "platforms.csv", kind: "csv" as const, text: data } } : {}) });
  return { uri, result: await done };
}

async function workerRows(uri: string, count: number): Promise<ScoreRow[]> {
  // the table's rows in data order: sorted by rank the page would see them differently, so ask for every row and reorder by index
  const page = await worker.request("scoreView", { uri, sort: { key: "rank", ascending: true }, start: 0, count });
  return [...(page?.rows ?? [])].sort((a, b) => a.index - b.index);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zs-agreement-"));
  writeFileSync(join(dir, "good.zs"), RUBRIC);
  writeFileSync(join(dir, "sum-error.zs"), SUM_ERROR);
  writeFileSync(join(dir, "platforms.csv"), DATA);
  worker = await startAnalysisWorker();
});

describe("a rubric with a category-sum error: every front end refuses it, for the same reason", () => {
  it("the CLI (score and explain), the workbench and publish give the core's one reason", async () => {
    const reason = analyze(SUM_ERROR, "sum-error.zs").scoring;
    if (reason.scorable) throw new Error("the rubric was meant not to be scorable");
    expect(reason.blocking.map((d) => d.code)).toEqual(expect.arrayContaining(["ZS3001", "ZS3004"]));

    const score = cli(["score", "sum-error.zs", "--data", "platforms.csv", "--json"], dir);
    expect(score.code).toBe(1);
    expect(score.stdout).toBe("");
    expect(score.stderr).toContain(`sum-error.zs：${reason.reason}`);
    const explain = cli(["explain", "sum-error.zs", "--data", "platforms.csv", "--platform", "甲平台", "--json"], dir);
    expect(explain.code).toBe(1);
    expect(explain.stderr).toContain(`sum-error.zs：${reason.reason}`);

    // the workbench: no table at all, and the same reason in its status
    const { result } = await openInWorker(SUM_ERROR, DATA);
    expect(result.notScored).toBe(reason.reason);
    expect(result.scores).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(reason.blocking.map((d) => d.code));

    // publish: the 没有错误 check fails on exactly the errors that block scoring
    const report = publishChecks(SUM_ERROR, "sum-error.zs");
    expect(report.passed).toBe(false);
    const errors = report.checks.find((c) => c.id === "errors")!;
    expect(errors.passed).toBe(false);
    expect(errors.diagnostics.map((d) => d.code)).toEqual(reason.blocking.map((d) => d.code));
    expect(report.analysis.scoring.scorable ? "" : report.analysis.scoring.reason).toBe(reason.reason);

    // the language server's 「用数据评分」 and 「说明得分」
    const doc = createDocument(SUM_ERROR, "sum-error.zs");
    await expect(lsp.score(doc, join(dir, "sum-error.zs"), join(dir, "platforms.csv"))).rejects.toThrow(reason.reason);
    await expect(lsp.explain(doc, join(dir, "platforms.csv"), "甲平台")).rejects.toThrow(reason.reason);
  });

  it("a workbench edit that breaks the sums keeps the last scored table, marked stale, and says the same reason", async () => {
    const { uri } = await openInWorker(RUBRIC, DATA);
    const done = worker.analysis(uri, 2);
    await worker.request("update", { uri, text: SUM_ERROR, version: 2 });
    const r = await done;
    expect(r.stale).toBe(true);
    expect(r.notScored).toBe((analyze(SUM_ERROR).scoring as { reason: string }).reason);
  });
});

describe("the same rubric and data: same totals, subtotals, errors and platform names everywhere", () => {
  let cliVerdicts: CliVerdict[];
  let rows: ScoreRow[];
  let workerResult: AnalysisResult;
  let workerUri: string;

  beforeAll(async () => {
    const run = cli(["score", "good.zs", "--data", "platforms.csv", "--json"], dir);
    // 丙平台's bad data makes the exit code 1; the other platforms are scored
    expect(run.code, run.stderr).toBe(1);
    cliVerdicts = JSON.parse(run.stdout) as CliVerdict[];
    const opened = await openInWorker(RUBRIC, DATA);
    workerUri = opened.uri;
    workerResult = opened.result;
    rows = await workerRows(workerUri, 100);
  });

  it("the CLI, the workbench and publish's impact list the same platforms, by the 平台名称 column", async () => {
    const names = ["甲平台", "乙平台", "丙平台", "丁平台"];
    expect(cliVerdicts.map((v) => v.platform)).toEqual(names);
    expect(workerResult.notScored).toBeUndefined();
    expect(workerResult.scores?.count).toBe(4);
    expect(rows.map((r) => r.platform)).toEqual(names);
    const records = parseCsvForPublish(DATA);
    const rubric = analyze(RUBRIC).rubric!;
    expect(measureImpact(rubric, rubric, records).platforms.map((p) => p.platform)).toEqual(names);
    const scored = await lsp.score(createDocument(RUBRIC, "good.zs"), join(dir, "good.zs"), join(dir, "platforms.csv"));
    expect(scored.platforms.map((p) => p.platform)).toEqual(names);
  });

  it("the same totals, grades, category subtotals and errors (90.125 scored exactly, not a data error)", async () => {
    const seenCli = cliVerdicts.map(fromCli);
    const seenWorker = rows.map(fromWorker);
    expect(seenWorker).toEqual(seenCli);
    // the language server's 「用数据评分」 (VS Code)
    const scored = await lsp.score(createDocument(RUBRIC, "good.zs"), join(dir, "good.zs"), join(dir, "platforms.csv"));
    expect(scored.platforms.map((p): Seen => ({ platform: p.platform, total: p.total, grade: p.grade, categories: Object.fromEntries(p.categories.map((c) => [c.name, c.score])), errors: [...p.errors].sort() }))).toEqual(seenCli);
    // publish's impact of a rubric against itself: the same totals, grades and errors per platform
    const rubric = analyze(RUBRIC).rubric!;
    const impact = measureImpact(rubric, rubric, parseCsvForPublish(DATA));
    expect(impact.platforms.map((p): Seen => ({ platform: p.platform, total: p.before, grade: p.gradeBefore, errors: [...p.errorsBefore].sort() }))).toEqual(seenCli.map(({ categories: _, ...rest }) => rest));
    // the three decimals of 90.125 are kept by every front end: 10 + 10 + 90.125 + 10
    const jia = seenCli[0]!;
    expect(jia.total).toBe("120.125");
    expect(jia.categories).toEqual({ 活跃度: "20", 质量: "100.125" });
    expect(jia.errors).toEqual([]);
    // 丙平台's bad cells are errors everywhere, with the same messages, and no total
    const bing = seenCli[2]!;
    expect(bing.total).toBeNull();
    expect(bing.errors).toEqual(["「服务企业家次」应为数字，实际为「abc」", "「网站维护」应填「是」或「否」，实际为「也许」"]);
  });

  it("explain --platform 甲平台 finds the platform `score` listed, with the same verdict; the workbench explains it the same", async () => {
    const run = cli(["explain", "good.zs", "--data", "platforms.csv", "--platform", "甲平台", "--json"], dir);
    expect(run.code, run.stderr).toBe(0);
    const explained = JSON.parse(run.stdout) as CliVerdict & { explanation: { score?: string; children: { label: string; score?: string }[] } };
    expect(explained.platform).toBe("甲平台");
    const listed = cliVerdicts.find((v) => v.platform === "甲平台")!;
    expect(fromCli(explained)).toEqual(fromCli(listed));
    expect(explained.indicators).toEqual(listed.indicators);
    expect(explained.explanation.score).toBe(listed.total);
    const inWorker = await worker.request("explain", { uri: workerUri, index: 0 });
    expect(inWorker?.explanation.score).toBe(listed.total);
    expect(inWorker?.explanation.children.filter((c) => c.score !== undefined && listed.categories.some((x) => x.name === c.label)).map((c) => [c.label, c.score])).toEqual(
      listed.categories.map((c) => [c.name, c.score]),
    );
    // the language server's 「说明得分」 finds it by the same name
    expect((await lsp.explain(createDocument(RUBRIC, "good.zs"), join(dir, "platforms.csv"), "甲平台")).markdown).toContain(`总分${listed.total}分`);
    // a name that is not in the data is refused by the CLI with a hint
    const missing = cli(["explain", "good.zs", "--data", "platforms.csv", "--platform", "甲", "--json"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("你是不是想找「甲平台」");
  });

  it("the workbench's CSV export and `score` agree on every total", async () => {
    const exported = await worker.request("exportRows", { uri: workerUri });
    const [header, ...body] = exported;
    const byName = new Map(body.map((r) => [r[header!.indexOf("名称")], r[header!.indexOf("总分")]]));
    for (const v of cliVerdicts) expect(byName.get(v.platform)).toBe(v.total ?? "");
  });
});

/** The records publish's callers pass (the CLI's diff --data, the workbench's 影响): one object per row, keyed by column. */
function parseCsvForPublish(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split("\n");
  const columns = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((cell, k) => [columns[k]!, cell])));
}

it("the fixture is the file the CLI read (no front end saw other data)", () => {
  expect(readFileSync(join(dir, "platforms.csv"), "utf8")).toBe(DATA);
});
