/**
 * The constructs of issue 10, stage by stage: what the parser builds, what the checker says,
 * what the evaluator computes (the generated function and the reference closures agree: see
 * `scoreOf`), and what the explanation says. The fixtures in test/core/fixtures/constructs-*.zs
 * carry hand-checked cases for each, run by the checker and by the properties test.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, compile, type Explanation } from "../../packages/core/src/index.ts";
import { codes, load, rubricText, scoreOf } from "./helpers.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function flatten(e: Explanation): string[] {
  return [e.text, ...e.children.flatMap(flatten)];
}
function explain(text: string, record: Record<string, unknown>): string[] {
  return flatten(compile(load(text).rubric).explain(record));
}

describe("fixtures: every hand-checked case passes, no diagnostic above a hint", () => {
  for (const name of ["constructs-conditions.zs", "constructs-deductions.zs", "constructs-groups.zs", "constructs-levels.zs"]) {
    it(name, () => {
      const a = analyze(fixture(name), name);
      expect(a.diagnostics.filter((d) => d.severity === "error" || d.severity === "warning").map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(a.ast.cases.length).toBeGreaterThanOrEqual(2);
    });
  }
});

describe("1 conditions on scores", () => {
  const text = fixture("constructs-conditions.zs");
  it("parses 总分, a 大类 with 其中, 均 and 或 into a tree of conditions", () => {
    const c = analyze(text).ast.eligibility!.conditions;
    expect(c[0]!.predicate.kind).toBe("and");
    expect(c[1]!.predicate.kind).toBe("or");
    expect(c[2]!.alternatives.map((a) => a.label?.text)).toEqual(["四"]);
    expect(c[3]!.predicate).toMatchObject({ kind: "quantified", quantifier: "all", subjects: [{ text: "服务" }, { text: "基础" }] });
    const g = analyze(text).ast.grades[0]!;
    expect(g.also?.kind).toBe("compare");
  });
  it("binds names to scores: the total, a 大类 (its categories' sum), a category", () => {
    const r = load(text).rubric;
    const first = r.eligibility!.rules[0]!.condition;
    expect(first.kind === "all" && first.conditions.map((x) => (x.kind === "score" ? x.target.kind : x.kind))).toEqual(["total", "category"]);
    expect(r.grades[0]!.also).toMatchObject({ kind: "score", target: { kind: "group", name: "服务能力", categories: ["服务"] } });
    expect(r.gradeNeedsEligibility).toBe(true);
  });
  it("an indicator's own veto cannot read scores; an unknown score item is named", () => {
    const veto = rubricText("  a：计数 次", "类别 甲 10分\n  指标 乙 10分\n    a 1次以上得10分\n    若 总分 低于5分 则本指标为0分");
    expect(codes(veto)).toContain("ZS3047");
    const unknown = rubricText("  a：计数 次", "类别 甲 10分\n  指标 乙 10分\n    a 1次以上得10分", "认定条件\n  条件 丙 得分不低于5分");
    expect(codes(unknown)).toContain("ZS2012");
  });
  it("「均在」 reads as 均 (「近三年产值均在10亿元以上」: every year must meet it)", () => {
    const t = rubricText("  甲年：金额 亿元\n  乙年：金额 亿元", "", "认定条件\n  条件（一）甲年、乙年 均在10亿元以上");
    expect(codes(t).filter((c) => c.startsWith("ZS1"))).toEqual([]);
    expect(scoreOf(t, { 甲年: "10", 乙年: "12" }).eligible).toBe(true);
    expect(scoreOf(t, { 甲年: "9.99", 乙年: "12" }).eligible).toBe(false);
  });
  it("an indicator may share its name with an input; 得分 then reads the score", () => {
    const t = rubricText("  服务收入：金额 万元", "类别 甲 10分\n  指标 服务收入 10分\n    服务收入 100万元以上得10分", "认定条件\n  条件（一）服务收入 50万元以上\n  条件（二）服务收入 得分不低于10分");
    expect(codes(t).filter((c) => c.startsWith("ZS2003"))).toEqual([]);
    expect(scoreOf(t, { 服务收入: "60" }).eligible).toBe(false);
    expect(scoreOf(t, { 服务收入: "100" }).eligible).toBe(true);
  });
  it("evaluates: the generated function agrees with the closures on every case", () => {
    const base = { 服务收入: "300", 服务人次: "600", 场地面积: "600", 创业工位: "0", 业绩突出: "否", 营业收入: "0", 重大违规: "否" };
    expect(scoreOf(text, { ...base, 培训类平台: "是" })).toMatchObject({ total: "50", eligible: true, grade: "合格" });
    expect(scoreOf(text, { ...base, 培训类平台: "否" })).toMatchObject({ total: "50", eligible: false, grade: null });
  });
  it("explains which threshold applied, each part of 或 and 其中, and only the relaxation that lifted a condition", () => {
    const lines = explain(text, { 服务收入: "300", 服务人次: "600", 培训类平台: "是", 场地面积: "300", 创业工位: "0", 业绩突出: "是", 营业收入: "3000", 重大违规: "否" });
    expect(lines).toContain("培训类平台为「是」，适用「不少于500人次」：服务人次 600人次，不少于500人次；或 营业收入 3000万元，低于5000万元（不符合）：符合".replace("；或", "（符合）；或"));
    expect(lines.some((l) => l.startsWith("总分 40分，40分以上（符合）；「服务」得分 30分，不低于20分（符合）"))).toBe(true);
    expect(lines.some((l) => l.includes("依（六）营业收入 3000万元，3000万元以上（符合）；业绩突出为「是」（符合）放宽"))).toBe(true);
  });
  it("没有等级 when the total fits a band but its 其中 fails; 不予评定 when not eligible", () => {
    const lines = explain(text, { 服务收入: "100", 服务人次: "500", 培训类平台: "是", 场地面积: "600", 创业工位: "0", 业绩突出: "否", 营业收入: "0", 重大违规: "否" });
    expect(lines.some((l) => l.includes("总分40分不在任何等级区间内（总分在「合格」的区间内，但「服务能力」得分 20分，低于30分）"))).toBe(true);
    const gated = explain(text, { 服务收入: "300", 服务人次: "600", 培训类平台: "否", 场地面积: "600", 创业工位: "0", 业绩突出: "否", 营业收入: "0", 重大违规: "否" });
    expect(gated).toContain("不符合认定条件，不予评定等级");
  });
});

describe("2 bands met by either measure, 取其高者 / 取其低者", () => {
  const text = fixture("constructs-groups.zs");
  it("binds a band with 或 into one group per input, taking the highest", () => {
    const ind = load(text).rubric.indicators.find((i) => i.name === "服务收入")!;
    expect(ind.groups).toHaveLength(1);
    expect(ind.groups[0]).toMatchObject({ combine: "max", text: "取其高者" });
    expect(ind.groups[0]!.rules.map((r) => r.subjects[0]!.name)).toEqual(["服务收入", "服务收入比重"]);
  });
  it("scores the best band any measure meets (not the sum of both)", () => {
    const v = (rec: Record<string, string>) => scoreOf(text, { 培训人次: "0", 咨询人次: "0", 研发费用: "0", 销售收入: "100", ...rec }).indicators.find((i) => i.name === "服务收入")!.score;
    expect(v({ 服务收入: "250", 服务收入比重: "16" })).toBe("10");
    expect(v({ 服务收入: "250", 服务收入比重: "6" })).toBe("7");
    expect(v({ 服务收入: "50", 服务收入比重: "4" })).toBe("0");
  });
  it("取其低者 takes the lower of two scorings", () => {
    const v = scoreOf(text, { 服务收入: "0", 服务收入比重: "0", 培训人次: "1200", 咨询人次: "600", 研发费用: "0", 销售收入: "100" });
    expect(v.indicators.find((i) => i.name === "较弱一项")!.score).toBe("5");
  });
  it("a sentence with 或 may hold bands only", () => {
    const t = rubricText("  a：计数 次\n  b：计数 次", "类别 甲 10分\n  指标 乙 10分\n    a 3次以上或 b 3次以上得10分，最多8分");
    expect(codes(t)).toContain("ZS3056");
  });
});

describe("3 the platform chooses the option", () => {
  const text = fixture("constructs-groups.zs");
  const base = { 服务收入: "0", 服务收入比重: "0", 培训人次: "0", 咨询人次: "0" };
  it("scores the option whose inputs are filled in, and says which", () => {
    expect(scoreOf(text, { ...base, 研发费用: "60", 成本费用: "200" }).indicators.find((i) => i.name === "研发投入")!.score).toBe("10");
    expect(scoreOf(text, { ...base, 研发费用: "30", 销售收入: "1000" }).indicators.find((i) => i.name === "研发投入")!.score).toBe("5");
    expect(explain(text, { ...base, 研发费用: "60", 成本费用: "200" })).toContain("平台选择了选项（2）按其计分，其他选项不计");
  });
  it("refuses data that fills two options or none", () => {
    const both = scoreOf(text, { ...base, 研发费用: "60", 成本费用: "200", 销售收入: "1000" });
    expect(both.errors.map((e) => e.message)).toContain("「研发投入」只能选择一个选项，实际填写了选项（1）（2）的数据");
    const none = scoreOf(text, { ...base, 研发费用: "60" });
    expect(none.errors.map((e) => e.message)).toContain("「研发投入」须选择一个选项（1）（2）并填写其数据");
  });
  it("options must be told apart by inputs of their own", () => {
    const t = rubricText("  a：计数 次", "类别 甲 10分\n  指标 乙 10分\n    选项（1）a 3次以上得10分\n    选项（2）a 5次以上得10分");
    expect(codes(t)).toContain("ZS3058");
  });
});

describe("4 categorical values: 取值 and 清单", () => {
  const text = fixture("constructs-levels.zs");
  const base = { 所属领域: "重点领域", 获奖: "无", 荣誉: "无", 服务质量评分: "10、10、10", 方案评分: "5", 服务企业数: "50" };
  it("parses the values of a 取值 input and bands by value", () => {
    const ast = analyze(text).ast;
    expect(ast.inputs.find((i) => i.name.text === "平台级别")!.values.map((v) => v.text)).toEqual(["国家级", "省级", "市级", "县级"]);
    const rule = ast.categories[0]!.indicators[1]!.rules[0]!;
    expect(rule.clauses.map((c) => c.kind === "values" && (c.otherwise ? "其他" : c.values.map((v) => v.text).join()))).toEqual(["重点领域", "其他"]);
  });
  it("scores a value's band, 其他 for the rest", () => {
    const s = (rec: Record<string, string>) => scoreOf(text, { ...base, 平台级别: "省级", ...rec });
    expect(s({}).indicators.find((i) => i.name === "平台级别")!.score).toBe("6");
    expect(s({ 平台级别: "县级" }).indicators.find((i) => i.name === "平台级别")!.score).toBe("0");
    expect(s({ 所属领域: "一般领域" }).indicators.find((i) => i.name === "领域")!.score).toBe("5");
  });
  it("a 清单 scores each item by its level (capped) or its highest level", () => {
    const s = scoreOf(text, { ...base, 平台级别: "省级", 获奖: "国家级、省级", 荣誉: "省级、国家级" });
    expect(s.indicators.find((i) => i.name === "获奖")!.score).toBe("8");
    expect(s.indicators.find((i) => i.name === "荣誉")!.score).toBe("5");
  });
  it("refuses a value the input does not list, in the data and in the rubric", () => {
    const v = scoreOf(text, { ...base, 平台级别: "区级" });
    expect(v.errors[0]!.message).toBe("「平台级别」应填「国家级」「省级」「市级」「县级」之一，实际为「区级」");
    const t = rubricText("  级别：取值 国家级、省级", "类别 甲 10分\n  指标 乙 10分\n    级别 国家级得10分；区级得5分");
    expect(codes(t)).toContain("ZS3065");
  });
  it("explains the value and the items", () => {
    const lines = explain(text, { ...base, 平台级别: "县级", 所属领域: "其他领域", 获奖: "国家级、省级、省级" });
    expect(lines).toContain("所属领域为「其他领域」，属于其他，得5分");
    expect(lines).toContain("获奖（省级） 2项，每项加3分，共6分");
    expect(lines.some((l) => l.endsWith("合计11分，最多10分"))).toBe(true);
  });
});

describe("6 expert panels", () => {
  const text = fixture("constructs-levels.zs");
  const base = { 平台级别: "省级", 所属领域: "重点领域", 获奖: "无", 荣誉: "无", 方案评分: "5", 服务企业数: "50" };
  it("combines the experts' scores exactly, rounding only the points to 精度", () => {
    expect(scoreOf(text, { ...base, 服务质量评分: "15、16、18、12、20" }).indicators.find((i) => i.name === "服务质量")!.score).toBe("16.33");
    expect(scoreOf(text, { ...base, 服务质量评分: "15、16、18", 方案评分: "7、8、9、6" }).indicators.find((i) => i.name === "方案")!.score).toBe("7.5");
  });
  it("explains the dropped scores", () => {
    const lines = explain(text, { ...base, 服务质量评分: "15、16、18、12、20" });
    expect(lines.some((l) => l.includes("各位专家评分15、16、18、12、20，去掉最高分20、最低分12后取平均：(15+16+18)÷3 = 49/3（约16.3333）"))).toBe(true);
  });
  it("refuses a score out of range, and too few scores to drop two", () => {
    expect(scoreOf(text, { ...base, 服务质量评分: "15、21、18" }).errors[0]!.message).toBe("「服务质量评分」的评分「21」超出范围0～20分");
    expect(scoreOf(text, { ...base, 服务质量评分: "15、18" }).errors[0]!.message).toContain("至少需要3位专家的评分");
  });
});

describe("7 wordings", () => {
  const one = (inputs: string, sentence: string) => rubricText(inputs, `类别 甲 10分\n  指标 乙 10分\n    ${sentence}`);
  const score = (text: string, rec: Record<string, string>) => scoreOf(text, rec).indicators[0]!.score;
  it("每满2年得1分 · 每3万元得1分 · 每外聘1位创业导师得1分 · 每签约一家…得1分", () => {
    expect(score(one("  年限：数值 年", "年限 每满2年得1分"), { 年限: "5" })).toBe("2");
    expect(score(one("  纳税额：金额 万元", "纳税额 每3万元得1分"), { 纳税额: "10" })).toBe("3");
    expect(score(one("  导师数：计数 位", "导师数 每外聘1位创业导师得1分"), { 导师数: "4" })).toBe("4");
    expect(score(one("  机构数：计数 家", "机构数 每签约一家创业服务机构得1分"), { 机构数: "3" })).toBe("3");
    expect(score(one("  场次：计数 场", "场次 每场计0.5分"), { 场次: "3" })).toBe("1.5");
    // the words after a known unit in a 每 sentence are prose, not an unknown unit (「家企业」「万元融资」)
    const firms = one("  企业数：计数 家", "企业数 每成功运营一家企业得2分");
    expect(codes(firms).filter((c) => /^ZS(1|2004|2005|3014)/.test(c))).toEqual([]);
    expect(score(firms, { 企业数: "3" })).toBe("6");
    const funds = one("  融资额：金额 万元", "融资额 每获得30万元融资得1分");
    expect(codes(funds).filter((c) => /^ZS(1|2004|2005|3014)/.test(c))).toEqual([]);
    expect(score(funds, { 融资额: "89" })).toBe("2");
  });
  it("扣N分 deducts; 不满…不得分 is a band of 0", () => {
    const t = rubricText("  事故：是否\n  年限：数值 年", "类别 甲 10分\n  指标 乙 10分\n    事故 扣4分\n  指标 丙 0分\n    年限 不满1年不得分");
    expect(scoreOf(t, { 事故: "是", 年限: "0.5" }).indicators[0]!.score).toBe("6");
    expect(scoreOf(t, { 事故: "否", 年限: "0.5" }).indicators[0]!.score).toBe("10");
  });
  it("ranges: 3%～5%, 3%至5%之间, 25%（含）-30%（不含）", () => {
    const t = (cond: string) => one("  占比：百分比", `占比 ${cond}得10分`);
    expect(score(t("3%～5%"), { 占比: "5" })).toBe("10");
    expect(score(t("3%至5%之间"), { 占比: "3" })).toBe("10");
    expect(score(t("25%（含）-30%（不含）"), { 占比: "30" })).toBe("0");
    expect(score(t("25%（含）-30%（不含）"), { 占比: "25" })).toBe("10");
  });
  it("（含）/（不含） after a number decide the end, and new comparatives read as the Civil Code", () => {
    const t = (cond: string) => one("  人数：计数 名", `人数 ${cond}得10分`);
    expect(score(t("不足60名（含）"), { 人数: "60" })).toBe("10");
    expect(score(t("60名以上（不含）"), { 人数: "60" })).toBe("0");
    expect(score(t("至少3名"), { 人数: "3" })).toBe("10");
    expect(score(t("＜50名"), { 人数: "50" })).toBe("0");
    expect(score(t("≥50名"), { 人数: "50" })).toBe("10");
  });
  it("在此基础上每增加0个 is an error (ZS3052), never a silent zero step", () => {
    const a = analyze(one("  数量：计数 个", "数量 <50个不得分；达到50个得5分，此基础上每增加0个加0.5分"));
    expect(a.diagnostics.filter((d) => d.code === "ZS3052").map((d) => d.message)).toEqual(["每次增加的数量应大于0：此基础上每增加0个加0.5分"]);
  });
  it("在此基础上每增加 counts from the band before", () => {
    const t = one("  数量：计数 个", "数量 <50个不得分；达到50个得5分，此基础上每增加1个加0.1分");
    expect(score(t, { 数量: "49" })).toBe("0");
    expect(score(t, { 数量: "53" })).toBe("5.3");
  });
  it("a precondition in brackets without 需提供", () => {
    const t = rubricText("  荣誉次数：计数 次\n  荣誉证明：是否", "类别 甲 10分\n  指标 乙 10分\n    荣誉次数 每次加3分（荣誉证明）");
    expect(scoreOf(t, { 荣誉次数: "2", 荣誉证明: "否" }).indicators[0]!.score).toBe("0");
    expect(scoreOf(t, { 荣誉次数: "2", 荣誉证明: "是" }).indicators[0]!.score).toBe("6");
  });
  it("labels Ⅰ类, ① and A. stay inside names", () => {
    const t = rubricText("  Ⅰ类知识产权数：计数 项\n  A.服务收入：金额 万元", "类别 甲 10分\n  指标 乙 10分\n    Ⅰ类知识产权数 1项以上得5分\n    A.服务收入 100万元以上加5分");
    expect(scoreOf(t, { Ⅰ类知识产权数: "1", "A.服务收入": "100" }).indicators[0]!.score).toBe("10");
  });
});

describe("8 deductions from the total", () => {
  const text = fixture("constructs-deductions.zs");
  it("subtracts, caps each item and the section, and stops the total at 0", () => {
    const v = scoreOf(text, { 服务企业数: "100", 安全生产事故: "是", 少报次数: "4", 违规次数: "2", 网站维护: "是" });
    expect(v.categories.find((c) => c.name === "安全与诚信")).toMatchObject({ kind: "deduction", score: "-10" });
    expect(v.total).toBe("15");
    expect(scoreOf(text, { 服务企业数: "0", 安全生产事故: "是", 少报次数: "4", 违规次数: "2", 网站维护: "否" }).total).toBe("0");
  });
  it("a 扣分项 sentence must deduct", () => {
    const t = rubricText("  a：是否", "扣分项 扣分\n  指标 乙\n    a 得5分");
    expect(codes(t)).toContain("ZS3054");
  });
  it("explains the deductions and their caps", () => {
    const lines = explain(text, { 服务企业数: "100", 安全生产事故: "是", 少报次数: "4", 违规次数: "2", 网站维护: "是" });
    expect(lines).toContain("扣分项「安全与诚信」扣10分，合计扣14分，最多扣10分");
    expect(lines).toContain("安全生产事故为「是」，扣6分");
  });
});
