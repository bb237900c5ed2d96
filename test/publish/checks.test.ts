/** 发布前检查: each check passes or fails with the diagnostics (and ranges) behind it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishChecks } from "../../packages/publish/src/index.ts";
import { HUNAN, ROOT } from "./helpers.ts";

const hunan = readFileSync(HUNAN, "utf8");
const failing = (text: string) =>
  publishChecks(text)
    .checks.filter((c) => !c.passed)
    .map((c) => c.id);

describe("publishChecks", () => {
  it("passes the hand-checked Hunan 市州 rubric", () => {
    const r = publishChecks(hunan, "市州.zs");
    expect(r.checks.map((c) => [c.title, c.passed])).toEqual([
      ["没有错误（用例另列）", true],
      ["没有未决的歧义", true],
      ["用例全部通过", true],
      ["分值与权重合计正确", true],
      ["分值已全部确定", true],
      ["等级区间覆盖整个分数范围", true],
      ["描述中的数字与规则一致", true],
      ["每个指标都能得0分和满分", true],
      ["每个指标都有计分句", true],
    ]);
    expect(r.passed).toBe(true);
    expect(r.checks.find((c) => c.id === "cases")!.detail).toMatch(/^\d+个用例全部通过$/);
  });

  it("fails each check for its own reason, pointing at the place", () => {
    expect(failing(hunan.replace("（不足一档不计）", ""))).toEqual(["ambiguity"]);
    const sums = publishChecks(hunan.replace("类别 平台活跃度（35分）", "类别 平台活跃度（30分）"));
    expect(sums.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(["errors", "sums"]);
    const d = sums.checks.find((c) => c.id === "sums")!.diagnostics.find((x) => x.code === "ZS3001")!;
    expect(hunan.split("\n")[d.range.start.line - 1]).toContain("平台活跃度");
    expect(failing(hunan.replace("总计达1500家次得15分", "总计达1600家次得15分"))).toEqual(["prose"]);
    expect(failing(hunan.replace(/期望 「服务企业数（家次）」15分/, "期望 「服务企业数（家次）」14分"))).toEqual(["cases"]);
    expect(failing(hunan.replace("    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）\n", ""))).toContain("rules");
    expect(failing(hunan.replace("达1500家次得15分，每少100家次减1分（不足一档不计）", "达1500家次得12分，每少100家次减1分（不足一档不计）"))).toContain("reach");
  });

  it("reports grade gaps and the draft status", () => {
    const stars = readFileSync(join(ROOT, "test/cases/good/jiangsu-stars.zs"), "utf8");
    const r = publishChecks(stars);
    const grades = r.checks.find((c) => c.id === "grades")!;
    expect(grades.passed).toBe(false);
    expect(grades.diagnostics.map((x) => x.code)).toContain("ZS3040");
    const draft = publishChecks(hunan.replace("  满分：100分", "  满分：100分\n  状态：草稿"));
    expect(draft.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(["draft"]);
    expect(draft.checks.find((c) => c.id === "draft")!.diagnostics[0]).toMatchObject({ code: "ZS5002", range: { start: { line: expect.any(Number) } } });
  });

  it("never throws on broken text", () => {
    const r = publishChecks("评价体系 \n类别 （");
    expect(r.passed).toBe(false);
    expect(r.checks.find((c) => c.id === "errors")!.diagnostics.length).toBeGreaterThan(0);
  });
});
