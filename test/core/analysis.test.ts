/** The one Analysis every front end asks: the scoring decision, the name table, the platform-name rule, the scale. */
import { describe, expect, it } from "vitest";
import { analyze, occurrenceAt, type NameOccurrence } from "../../packages/core/src/index.ts";

const GOOD = `评价体系 测试
输入
  服务企业家次：计数 家次 越多越好
  网站维护：是否
材料
  证明：「服务台账」
类别 活跃度（20分）
  指标 服务企业数 15分
    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）
  指标 网站 5分
    网站维护 得5分（需提供 证明）
用例 甲
  输入 服务企业家次 1500，网站维护 是，证明 是
  期望 总分 20，「服务企业数」 15
`;

describe("scoring: one decision, with the reason", () => {
  it("a rubric without errors is scorable; its scorer is the analysis' own", () => {
    const a = analyze(GOOD);
    expect(a.scoring.scorable).toBe(true);
    if (a.scoring.scorable) expect(a.scoring.scorer).toBe(a.scorer);
  });
  it("a category-sum error (ZS3001) is not scorable, with the error and a reason (the workbench used to score it)", () => {
    const a = analyze(GOOD.replace("活跃度（20分）", "活跃度（25分）"));
    expect(a.scoring.scorable).toBe(false);
    if (!a.scoring.scorable) {
      expect(a.scoring.blocking.map((d) => d.code)).toEqual(["ZS3001"]);
      expect(a.scoring.reason).toBe("评价体系有1个错误，无法评分（第7行：类别「活跃度」标注25分，但所含指标合计20分）");
    }
  });
  it("a failing 用例 does not stop scoring", () => {
    const a = analyze(GOOD.replace("期望 总分 20", "期望 总分 19"));
    expect(a.diagnostics.map((d) => d.code)).toContain("ZS4001");
    expect(a.scoring.scorable).toBe(true);
  });
});

describe("names: the binder's occurrence table", () => {
  const a = analyze(GOOD);
  const of = (name: string) => a.names.filter((o) => o.name === name).map((o: NameOccurrence) => `${o.kind}${o.declaration ? "*" : ""}@${o.range.start.line}`);
  it("declarations and every use, in source order, cases included", () => {
    expect(of("服务企业家次")).toEqual(["input*@3", "input@9", "input@13"]);
    expect(of("证明")).toEqual(["input*@6", "input@11", "input@13"]);
    expect(of("服务企业数")).toEqual(["indicator*@8", "indicator@14"]);
    expect(of("活跃度")).toEqual(["category*@7"]);
  });
  it("occurrenceAt finds the name under a cursor, ends included", () => {
    const use = a.names.find((o) => o.name === "网站维护" && !o.declaration)!;
    expect(occurrenceAt(a.names, use.range.start.offset)).toBe(use);
    expect(occurrenceAt(a.names, use.range.end.offset)).toBe(use);
    expect(occurrenceAt(a.names, 0)).toBeUndefined();
  });
});

describe("the platform-name rule", () => {
  const a = analyze(GOOD);
  it("reads 平台名称 and 名称 (the third disagreement: explain could not find 甲平台 under 平台名称)", () => {
    expect(a.platformName({ 平台名称: "甲平台", 服务企业家次: "1" })).toBe("甲平台");
    expect(a.platformName({ 名称: "乙平台" })).toBe("乙平台");
    expect(a.platformName({ 服务企业家次: "1" })).toBeUndefined();
  });
  it("the verdict carries the same name", () => {
    if (!a.scoring.scorable) throw new Error("not scorable");
    expect(a.scoring.scorer.score({ 平台名称: "甲平台", 服务企业家次: "1500", 网站维护: "是", 证明: "是" }).platform).toBe("甲平台");
  });
});

describe("the scale is the scorer's, per record", () => {
  it("90.125 scores exactly wherever it is read (the second disagreement: the workbench called it a data error)", () => {
    const t = `评价体系 测试\n输入\n  满意度：百分比\n类别 甲（10分）\n  指标 乙 10分\n    满意度 基准80%，满分100%，其间按线性计\n`;
    const a = analyze(t);
    if (!a.scoring.scorable) throw new Error("not scorable");
    const v = a.scoring.scorer.score({ 满意度: "90.125" });
    expect(v.errors).toEqual([]);
    expect(v.total).toBe("5.06"); // 10 × 10.125 ÷ 20 = 5.0625 → 精度 2 → 5.06
  });
});
