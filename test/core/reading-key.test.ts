/**
 * The reading key: front ends keep records read across edits while it is unchanged, so it must
 * change with everything reading depends on and stay when only scoring changes.
 */
import { describe, expect, it } from "vitest";
import { analyze, type Scorer, type VerdictSummary } from "../../packages/core/src/index.ts";

const INPUTS = `  服务企业家次：计数 家次 范围 0～100000
  满意度：百分比
  专业人员：计数 人
  从业人员：计数 人
  网站维护：是否
派生
  专业人员比例：百分比 = 专业人员 ÷ 从业人员 × 100`;

function rubric(inputs: string, points = "15", threshold = "1500", ratio = "60", extra = ""): string {
  return `评价体系 读取键
输入
${inputs}
类别 服务 ${points}分
  指标 服务规模 ${points}分
    服务企业家次 达${threshold}家次得${points}分，每少100家次减1分
类别 队伍 10分
  指标 专业队伍 10分
    专业人员比例 ${ratio}%以上得10分
类别 网站 5分
  指标 网站建设 5分
    网站维护 得5分
${extra}`;
}

function scorerOf(text: string): Scorer {
  const a = analyze(text, "key.zs");
  if (!a.scoring.scorable) throw new Error(`not scorable: ${a.scoring.reason}`);
  return a.scoring.scorer;
}

const base = scorerOf(rubric(INPUTS));

describe("the reading key", () => {
  it("is shared by rubrics that differ only in points, thresholds (same decimals), comments and layout", () => {
    expect(scorerOf(rubric(INPUTS, "20")).readingKey).toBe(base.readingKey);
    expect(scorerOf(rubric(INPUTS, "15", "1800", "70")).readingKey).toBe(base.readingKey);
    expect(scorerOf(`# 注释\n${rubric(INPUTS)}\n\n`).readingKey).toBe(base.readingKey);
  });

  it("changes with an input's type, range, unit, expression or name, and with the rubric's decimals", () => {
    const variants = [
      INPUTS.replace("满意度：百分比", "满意度：数值"),
      INPUTS.replace("范围 0～100000", "范围 0～1000"),
      INPUTS.replace("计数 家次", "计数 次"),
      INPUTS.replace("专业人员 ÷ 从业人员 × 100", "从业人员 ÷ 专业人员 × 100"),
      INPUTS.replace("专业人员 ÷ 从业人员 × 100", "专业人员 ÷ （从业人员 × 100）"),
    ];
    for (const inputs of variants) expect(scorerOf(rubric(inputs)).readingKey, inputs).not.toBe(base.readingKey);
    // a threshold with a decimal changes the scale every value is counted in
    expect(scorerOf(rubric(INPUTS, "15", "1500", "60.5")).readingKey).not.toBe(base.readingKey);
    // a 用例 with more decimals raises the scorer's own scale
    const withCase = rubric(INPUTS, "15", "1500", "60", "用例 甲\n  输入 服务企业家次 1500，满意度 90.125，专业人员 10，从业人员 20，网站维护 是\n  期望 总分 30分\n");
    expect(scorerOf(withCase).readingKey).not.toBe(base.readingKey);
  });

  it("records read under one key score the same under another rubric with that key", () => {
    const other = scorerOf(rubric(INPUTS, "15", "1800", "70"));
    const record = { 服务企业家次: "1,600", 满意度: "95%", 专业人员: "13", 从业人员: "20", 网站维护: "是" };
    const read = base.read(record);
    expect(other.scoreRead(read)).toEqual(other.score(record));
    expect(other.score(record).total).not.toBe(base.score(record).total);
  });
});

describe("summarizeInto", () => {
  it("fills in the verdict's total, grade, 认定 and subtotals, record after record into one object", () => {
    const into: VerdictSummary = { total: null, grade: null, eligible: null, vetoed: undefined, categories: [], errors: [] };
    for (const record of [
      { 名称: "甲", 服务企业家次: "1200", 满意度: "95", 专业人员: "13", 从业人员: "20", 网站维护: "否" },
      { 名称: "乙", 服务企业家次: "120000", 满意度: "95", 专业人员: "13", 从业人员: "20", 网站维护: "是" },
      { 名称: "丙", 服务企业家次: "1500", 满意度: "95", 专业人员: "13", 从业人员: "0", 网站维护: "是" },
    ]) {
      const v = base.score(record);
      base.summarizeInto(base.read(record), into);
      expect(into).toEqual({ total: v.total, grade: v.grade, eligible: v.eligible, vetoed: v.vetoed, categories: v.categories.map((c) => c.score), errors: v.errors });
    }
  });
});

describe("the scoring key", () => {
  // no rule on a derived input: the generated function alone decides every summary
  const plain = (threshold = "1500", stars = "优秀", extra = "") => `评价体系 评分键
输入
  服务企业家次：计数 家次 范围 0～100000
  满意度：百分比
  网站维护：是否
类别 服务 25分
  指标 服务规模 15分
    服务企业家次 达${threshold}家次得15分，每少100家次减1分
  指标 满意度 10分
    满意度 90%以上得10分，80%以上得6分
类别 网站 5分
  指标 网站建设 5分
    网站维护 得5分
等级
  不足15分：一般
  15分以上不足25分：良好
  25分以上：${stars}
${extra}`;
  const key = (text: string) => scorerOf(text).scoringKey;

  it("stays when an edit leaves every score as it was: comments, spaces, 描述, 用例", () => {
    const k = key(plain());
    expect(k).toBeDefined();
    expect(key(`# 注释\n${plain()}  \n`)).toBe(k);
    expect(key(plain().replace("  指标 满意度 10分\n", "  指标 满意度 10分\n    描述：第三方抽样调查\n"))).toBe(k);
    expect(key(plain("1500", "优秀", "用例 甲\n  输入 服务企业家次 1500，满意度 95，网站维护 是\n  期望 总分 30分\n"))).toBe(k);
  });

  it("changes with a threshold, points, a grade's name, or anything reading depends on", () => {
    const k = key(plain());
    expect(key(plain("1600"))).not.toBe(k);
    expect(key(plain().replace("得6分", "得5分"))).not.toBe(k);
    expect(key(plain("1500", "卓越"))).not.toBe(k);
    expect(key(plain().replace("范围 0～100000", "范围 0～1000"))).not.toBe(k);
    // and scorers with the same key give the same summaries
    const a = scorerOf(plain());
    const b = scorerOf(`# 注释\n${plain()}`);
    const into = (): VerdictSummary => ({ total: null, grade: null, eligible: null, vetoed: undefined, categories: [], errors: [] });
    for (const record of [{ 服务企业家次: "1450", 满意度: "85", 网站维护: "是" }, { 服务企业家次: "9", 满意度: "95.5", 网站维护: "否" }, { 服务企业家次: "x", 满意度: "95", 网站维护: "是" }]) {
      const [x, y] = [into(), into()];
      a.summarizeInto(a.read(record), x);
      b.summarizeInto(b.read(record), y);
      expect(y).toEqual(x);
    }
  });

  it("is undefined when rules on derived inputs are closures the key cannot see", () => {
    // 专业人员比例 60% vs 70%: the same generated source, other rules
    expect(base.scoringKey).toBeUndefined();
    expect(scorerOf(rubric(INPUTS, "15", "1500", "70")).scoringKey).toBeUndefined();
  });
});
