/** The CLI as a user runs it: through `main` for most commands, and once through the real bin. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../packages/cli/src/index.ts";

const RUBRIC = `# 测试体系
评价体系 测试体系
  地区：测试省
  满分：20分
输入
  服务企业家次：计数 家次 越多越好
  协同评定分：评分 0～5分
  网站维护：是否
类别 活跃度（20分）
  指标 服务企业数 10分
    描述：达1000家次得10分，每少100家次减1分。
    服务企业家次 达1000家次得10分，每少100家次减1分（不足一档不计）
  指标 协同 5分
    协同评定分 综合评定
  指标 网站 5分
    网站维护 得5分
等级
  不足12分：不合格
  12分（含）以上：合格
用例 满分平台
  输入 服务企业家次 1000，协同评定分 5，网站维护 是
  期望 服务企业数 10分，总分 20分，等级 合格
用例 部分档
  输入 服务企业家次 950，协同评定分 2.5
  期望 服务企业数 10分，总分 12.5分，等级 合格
`;

function run(argv: string[], cwd: string) {
  let out = "";
  let err = "";
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd };
  return main(argv, io).then((code) => ({ code, out, err }));
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "zs-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const DATA = `名称,服务企业家次,协同评定分,网站维护\n示例·甲平台,1200,4.5,是\n示例·乙平台,850,3,否\n示例·坏平台,abc,9,也许\n`;

describe("zhunsheng check", () => {
  it("prints path:line:col 级别 代码 消息 and exits 1 on errors", async () => {
    const dir = workspace({ "bad.zs": RUBRIC.replace("类别 活跃度（20分）", "类别 活跃度（25分）"), "good.zs": RUBRIC });
    const r = await run(["check", "."], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^bad\.zs:9:4 错误 ZS3001 类别「活跃度」标注25分，但所含指标合计20分$/m);
    expect(r.out).toMatch(/^bad\.zs:4:3 错误 ZS3004 满分写的是20分，但各类别合计25分$/m);
    expect(r.out).toContain("检查了2个文件：2个错误");
  });
  it("--json", async () => {
    const dir = workspace({ "good.zs": RUBRIC.replace("服务企业家次 达", "服务企业次数 达") });
    const r = await run(["check", "good.zs", "--json"], dir);
    const list = JSON.parse(r.out) as { code: string; line: number; severity: string }[];
    expect(list.find((d) => d.code === "ZS2001")).toMatchObject({ line: 12, severity: "error" });
  });
});

describe("zhunsheng test", () => {
  it("runs the cases and closes with the plain count line", async () => {
    const dir = workspace({ "a.zs": RUBRIC, "b.zs": RUBRIC.replace("总分 12.5分", "总分 13分") });
    const r = await run(["test", "."], dir);
    expect(r.out).toMatch(/^3 passed, 1 failed$/m);
    expect(r.out).toContain("用例「部分档」：总分期望13分，实际12.5分");
    expect(r.code).toBe(1);
  });
});

describe("zhunsheng inputs", () => {
  it("lists inputs and writes a CSV template", async () => {
    const dir = workspace({ "a.zs": RUBRIC });
    const j = await run(["inputs", "a.zs", "--json"], dir);
    expect(JSON.parse(j.out)[1]).toMatchObject({ name: "协同评定分", type: "score", min: "0", max: "5" });
    const t = await run(["inputs", "a.zs", "--template", "csv"], dir);
    // units and ranges in the header (the reader maps them back to the input names), CRLF like Excel
    expect(t.out).toBe("\uFEFF名称,服务企业家次（家次）,协同评定分（分，0～5）,网站维护（是/否）\r\n");
  });
});

describe("zhunsheng score / explain", () => {
  it("--json gives exact decimals and total null on bad data", async () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": DATA });
    const r = await run(["score", "a.zs", "--data", "d.csv", "--json"], dir);
    const v = JSON.parse(r.out);
    expect(v[0]).toMatchObject({ platform: "示例·甲平台", total: "19.5", grade: "合格", eligible: null });
    expect(v[0].indicators[0]).toMatchObject({ path: "活跃度/服务企业数", score: "10", max: "10" });
    expect(v[1]).toMatchObject({ total: "12", grade: "合格" }); // 850 → 9, 协同 3, 网站 否 → 0: exactly 12 is 合格 (（含）以上)
    expect(v[2].total).toBeNull();
    expect(v[2].errors.map((e: { field: string }) => e.field)).toEqual(["服务企业家次", "协同评定分", "网站维护"]);
  });
  it("accepts JSON data with booleans", async () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.json": JSON.stringify([{ 名称: "示例·丙", 服务企业家次: 1000, 协同评定分: 5, 网站维护: true }]) });
    const r = await run(["score", "a.zs", "--data", "d.json", "--json"], dir);
    expect(JSON.parse(r.out)[0].total).toBe("20");
  });
  it("prints a table", async () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": DATA });
    const r = await run(["score", "a.zs", "--data", "d.csv"], dir);
    expect(r.out).toMatch(/示例·甲平台\s+19\.5\s+合格\s+19\.5/);
    expect(r.out).toContain("「协同评定分」为9，超出范围0～5");
  });
  it("explains one platform in officers' sentences", async () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": DATA });
    const r = await run(["explain", "a.zs", "--data", "d.csv", "--platform", "示例·乙平台"], dir);
    expect(r.out).toContain("服务企业家次 850家次，比1000少150家次，按每少100家次减1分（不足一档不计）扣1档共1分，得9分（满分10分）");
    expect(r.out).toContain("总分12分，等级为「合格」");
  });
});

describe("zhunsheng fmt", () => {
  it("--check reports, plain fmt rewrites, and the result is stable", async () => {
    const messy = RUBRIC.replace(/^ {2}/gm, "").replace("满分：20分", "满分：20分   # 备注");
    const dir = workspace({ "a.zs": messy });
    expect((await run(["fmt", "a.zs", "--check"], dir)).code).toBe(1);
    expect((await run(["fmt", "a.zs"], dir)).code).toBe(0);
    const once = readFileSync(join(dir, "a.zs"), "utf8");
    expect(once).toContain("# 备注");
    expect((await run(["fmt", "a.zs", "--check"], dir)).code).toBe(0);
  });
});

describe("the installed bin", () => {
  it("runs with npx-style invocation", () => {
    const dir = workspace({ "a.zs": RUBRIC });
    const bin = new URL("../../packages/cli/bin/zhunsheng.js", import.meta.url).pathname;
    const out = execFileSync(process.execPath, [bin, "test", "a.zs"], { cwd: dir, encoding: "utf8" });
    expect(out).toMatch(/2 passed, 0 failed/);
  });
});
