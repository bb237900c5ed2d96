/** The rules library through the real CLI: every case passes, no rubric has an error, every rubric scores its samples. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, rubricFiles, samplePath } from "./support.ts";

const bin = join(root, "packages/cli/bin/zhunsheng.js");
const zhunsheng = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });

it("the library has every seed rubric and every gathered one", () => {
  expect(rubricFiles).toEqual([
    "chengdu/2024/科技型中小企业入库评价.zs",
    "hebei/2017/窗口平台绩效考核.zs",
    "hebei/未注明年度/中小企业公共服务示范平台.zs",
    "hebei/未注明年度/小型微型企业创业创新示范基地.zs",
    "hubei/未注明年度/大学生创业孵化示范基地基本条件.zs",
    "hunan/未注明年度/产业集群窗口平台.zs",
    "hunan/未注明年度/县区工业园区窗口平台.zs",
    "hunan/未注明年度/市州综合窗口平台.zs",
    "huzhou/未注明年度/众创空间认定备案评审表.zs",
    "jiangsu/2020/省级中小企业公共服务示范平台星级认定.zs",
    "jingjinji/未注明年度/中小企业公共服务示范平台自评价表.zs",
    "national/2024/中小企业公共服务规范评价指标.zs",
    "national/未注明年度/创新型中小企业评价标准.zs",
    "national/未注明年度/国家众创空间备案条件.zs",
    "qinhuangdao/2020/市级中小企业公共服务示范平台认定条件.zs",
    "shenzhen/未注明年度/示范性创业孵化基地评选条件.zs",
    "yunnan/未注明年度/省级中小企业特色产业集群认定.zs",
    "未注明地区/未注明年度/众创空间创客孵化类评价.zs",
  ]);
});

describe("zhunsheng test rules/", () => {
  const run = zhunsheng("test", "rules/");
  it("passes every case", () => {
    const failed = run.stdout.split("\n").filter((l) => l.startsWith("✗") || /错误/.test(l));
    expect(failed).toEqual([]);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(run.status).toBe(0);
  });
  it("runs at least five hand-checked cases per rubric", () => {
    for (const file of rubricFiles) {
      const passed = run.stdout.split("\n").filter((l) => l.startsWith("✓") && l.includes(`rules/${file} `));
      expect(passed.length, file).toBeGreaterThanOrEqual(5);
    }
  });
});

it("zhunsheng check rules/ reports no errors", () => {
  const run = zhunsheng("check", "rules/");
  const errors = run.stdout.split("\n").filter((l) => / 错误 ZS\d{4} /.test(l));
  expect(errors).toEqual([]);
  expect(run.stdout).toMatch(new RegExp(`检查了${rubricFiles.length}个文件：0个错误`));
  expect(run.status).toBe(0);
});

describe("zhunsheng score works on every rubric with its samples", () => {
  it.each(rubricFiles)("%s", (file) => {
    const run = zhunsheng("score", `rules/${file}`, "--data", samplePath(file), "--json");
    expect(run.status, run.stderr).toBe(0);
    const verdicts = JSON.parse(run.stdout) as { platform?: string; errors: unknown[] }[];
    const rows = readFileSync(samplePath(file), "utf8").trim().split("\n").length - 1;
    expect(verdicts).toHaveLength(rows);
    expect(verdicts.filter((v) => v.errors.length > 0)).toEqual([]);
  });
});
