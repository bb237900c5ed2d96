/** One test group per sentence pattern of ../shared/design/scoring-patterns.md. */
import { describe, expect, it } from "vitest";
import { codes, errorsOf, indicatorScore, load, rubricText, scoreOf } from "./helpers.ts";
import { compile } from "../../packages/core/src/index.ts";

const hunan = (reading = "") =>
  rubricText(
    "  服务企业家次：计数 家次 越多越好",
    `类别 平台活跃度（15分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分，每少100家次减1分${reading}`,
  );

describe("1. threshold with step deduction", () => {
  const cases: [string, string][] = [
    ["2000", "15"],
    ["1500", "15"],
    ["1499", "15"], // 1 short: not a complete step
    ["1450", "15"],
    ["1400", "14"],
    ["1200", "12"],
    ["0", "0"],
  ];
  for (const [x, want] of cases) it(`${x}家次 → ${want}分 (complete steps only)`, () => expect(indicatorScore(hunan(), { 服务企业家次: x }, "服务企业数")).toBe(want));
  it("every started step counts when written", () => expect(indicatorScore(hunan("（不足一档按一档计）"), { 服务企业家次: "1450" }, "服务企业数")).toBe("14"));
  it("pro-rata when written", () => expect(indicatorScore(hunan("（按比例计）"), { 服务企业家次: "1450" }, "服务企业数")).toBe("14.5"));
  it("hints that the reading is implicit, with a quick fix", () => {
    const { diagnostics } = load(hunan());
    const hint = diagnostics.find((d) => d.code === "ZS3020");
    expect(hint?.severity).toBe("hint");
    expect(hint?.fix?.edits[0]?.newText).toBe("（不足一档不计）");
    expect(codes(hunan("（不足一档不计）"))).not.toContain("ZS3020");
  });
  it("a deduction that cannot reach 0 is reported", () => {
    const t = rubricText("  x：计数 家次", `类别 甲（15分）\n  指标 乙 15分\n    x 达1500家次得15分，每少1000家次减1分（不足一档不计）`);
    expect(codes(t)).toContain("ZS3011");
  });
  it("每少 without a threshold is an error", () => {
    expect(errorsOf(rubricText("  x：计数 次", `类别 甲（5分）\n  指标 乙 5分\n    x 每少1次减1分`)).map((d) => d.code)).toContain("ZS3013");
  });
});

describe("2. count deduction from full points", () => {
  const t = rubricText("  缺报次数：计数 次 越少越好", `类别 协同（5分）\n  指标 日常调度 5分\n    缺报次数 每1次减1分`);
  it.each([
    ["0", "5"],
    ["2", "3"],
    ["7", "0"],
  ])("%s次 → %s分", (x, want) => expect(indicatorScore(t, { 缺报次数: x }, "日常调度")).toBe(want));
});

describe("3–4. flags and composite items", () => {
  const t = rubricText(
    "  网站维护：是否\n  需求条数：计数 条 越多越好",
    `类别 甲（10分）\n  指标 政策信息 10分\n    网站维护 得5分\n    需求条数 50条以上得5分，每少10条减1分`,
  );
  it("adds the parts", () => {
    expect(indicatorScore(t, { 网站维护: "是", 需求条数: "60" }, "政策信息")).toBe("10");
    expect(indicatorScore(t, { 网站维护: "否", 需求条数: "35" }, "政策信息")).toBe("4");
    expect(indicatorScore(t, { 网站维护: true, 需求条数: 0 }, "政策信息")).toBe("5");
  });
  it("得N分 on a number without a condition is an error", () => {
    expect(errorsOf(rubricText("  x：计数 次", `类别 甲（5分）\n  指标 乙 5分\n    x 得5分`)).map((d) => d.code)).toContain("ZS3014");
  });
});

describe("5. expert judgement", () => {
  const t = rubricText("  协同评定分：评分 0～20分", `类别 协同（20分）\n  指标 协同 20分\n    协同评定分 综合评定`);
  it("is the entered score", () => expect(indicatorScore(t, { 协同评定分: "17.5" }, "协同")).toBe("17.5"));
  it("out of range is a data error, not a clamp", () => {
    const v = scoreOf(t, { 协同评定分: "25" });
    expect(v.total).toBeNull();
    expect(v.errors[0]?.message).toContain("超出范围");
  });
  it("needs a range", () => expect(errorsOf(rubricText("  分：评分", `类别 甲（20分）\n  指标 乙 20分\n    分 综合评定`)).map((d) => d.code)).toContain("ZS2006"));
});

describe("6. per-item bonus with a group cap", () => {
  const t = rubricText(
    "  基础分：评分 0～100分\n  资源项数：计数 项 越多越好\n  报道次数：计数 次 越多越好",
    `类别 基础（100分）\n  指标 基础 100分\n    基础分 综合评定\n加分项 资源品牌培育（加分项，不超过15分）\n  指标 资源\n    资源项数 每项加3分\n  指标 荣誉\n    报道次数 每次加3分`,
  );
  it("caps the group, so a total reaches 115 at most", () => {
    const v = scoreOf(t, { 基础分: "100", 资源项数: "3", 报道次数: "4" });
    expect(v.categories.find((c) => c.name === "资源品牌培育")?.score).toBe("15");
    expect(v.total).toBe("115");
    expect(load(t).rubric.maxTotal).toBe("115");
  });
  it("below the cap adds up", () => expect(scoreOf(t, { 基础分: "60", 资源项数: "1", 报道次数: "2" }).total).toBe("69"));
});

describe("7–8. additive up to a cap, discretionary points", () => {
  const t = rubricText(
    "  渠道数：计数 种 越多越好\n  标准公示：是否\n  优惠酌情分：评分 0～100分",
    `类别 需求响应 权重1\n  指标 渠道 权重0.5\n    渠道数 每1种加20分\n    直到满分100为止\n  指标 收费 权重0.5\n    标准公示 加50分\n    优惠酌情分 酌情加分\n    直到满分100为止`,
  );
  it("stops at the cap", () => {
    const v = scoreOf(t, { 渠道数: "7", 标准公示: "是", 优惠酌情分: "80" });
    expect(v.indicators.map((i) => i.score)).toEqual(["100", "100"]);
    expect(v.total).toBe("100");
  });
  it("per-item points reach the cap on an unbounded input (no false ZS3012)", () => expect(codes(t)).not.toContain("ZS3012"));
  it("weights the 0–100 scores exactly", () => expect(scoreOf(t, { 渠道数: "3", 标准公示: "否", 优惠酌情分: "15" }).total).toBe("37.5"));
});

describe("9. tiered bands: cumulative or exclusive as written, monotonicity checked", () => {
  const literal = rubricText(
    "  满意度：百分比 越多越好",
    `类别 质量 权重1\n  指标 满意 权重1\n    满意度 达到60%不足70%加20分；达到70%后每增加10个百分点加10分\n    直到满分100为止`,
  );
  it("the literal reading falls at 70% and the checker says so", () => {
    expect(indicatorScore(literal, { 满意度: "65" }, "满意")).toBe("20");
    expect(indicatorScore(literal, { 满意度: "70" }, "满意")).toBe("0");
    expect(codes(literal)).toContain("ZS3030");
  });
  const cumulative = literal.replace("达到60%不足70%加20分", "达到60%加20分");
  it("the cumulative reading is monotone", () => {
    expect(indicatorScore(cumulative, { 满意度: "70" }, "满意")).toBe("20");
    expect(indicatorScore(cumulative, { 满意度: "90" }, "满意")).toBe("40");
    expect(codes(cumulative)).not.toContain("ZS3030");
  });
  it("得 bands take the highest satisfied band", () => {
    const t = rubricText("  满意度：百分比 越多越好", `类别 甲（10分）\n  指标 乙 10分\n    满意度 90%以上得10分；80%以上得8分；70%以上得5分`);
    expect(indicatorScore(t, { 满意度: "95" }, "乙")).toBe("10");
    expect(indicatorScore(t, { 满意度: "85" }, "乙")).toBe("8");
    expect(indicatorScore(t, { 满意度: "69.9" }, "乙")).toBe("0");
  });
  it("年均 bands: 1.2 scores 50 and 1.7 scores 30 when read literally", () => {
    const t = rubricText(
      "  年均次数：数值 次 越多越好",
      `类别 甲 权重1\n  指标 频次 权重1\n    年均次数 达到1次但未到1.5次加50分；达到1.5次但未超过2次加30分；超过2次后每增加1次加10分\n    直到满分100为止`,
    );
    expect(indicatorScore(t, { 年均次数: "1.2" }, "频次")).toBe("50");
    expect(indicatorScore(t, { 年均次数: "1.7" }, "频次")).toBe("30");
    expect(codes(t)).toContain("ZS3030");
  });
});

describe("10. sub-cap inside an item", () => {
  const t = rubricText(
    "  服务企业数：计数 家 越多越好\n  同比增长：是否\n  大型活动：是否",
    `类别 成效 权重1\n  指标 服务企业数量 权重1\n    服务企业数 达到100家加50分；100家后每增加100家加10分，最多80分\n    同比增长 加10分\n    大型活动 加10分\n    直到满分100为止`,
  );
  it.each([
    ["99", "否", "0"],
    ["100", "否", "50"],
    ["350", "否", "70"],
    ["10000", "否", "80"],
    ["10000", "是", "100"],
  ])("%s家, 增长 %s → %s", (n, g, want) => expect(indicatorScore(t, { 服务企业数: n, 同比增长: g, 大型活动: g }, "服务企业数量")).toBe(want));
});

describe("11. weighted hierarchy, exactly", () => {
  it("0.05 × 81 is 4.05", () => {
    const t = rubricText("  分：评分 0～100分", `类别 甲 权重1\n  指标 乙 权重0.05\n    分 综合评定\n  指标 丙 权重0.95\n    分 综合评定`);
    expect(scoreOf(t, { 分: "81" }).categories[0]?.score).toBe("81");
    const single = rubricText("  分：评分 0～100分\n  零：评分 0～100分", `类别 甲 权重1\n  指标 乙 权重0.05\n    分 综合评定\n  指标 丙 权重0.95\n    零 综合评定`);
    expect(scoreOf(single, { 分: "81", 零: "0" }).total).toBe("4.05");
  });
  it("weights that do not add up are errors", () => {
    const t = rubricText("  分：评分 0～100分", `类别 甲 权重0.2\n  指标 乙 权重0.05\n    分 综合评定\n  指标 丙 权重0.16\n    分 综合评定`);
    const c = errorsOf(t).map((d) => d.code);
    expect(c).toContain("ZS3002");
    expect(c).toContain("ZS3003");
  });
});

describe("12–13. indicator and rubric vetoes", () => {
  const t = rubricText(
    "  满意度：百分比 越多越好\n  第三方满意度：百分比\n  重大损失：是否",
    `类别 甲 权重1\n  指标 评价 权重1\n    满意度 达到60%加100分\n    若 第三方满意度低于60% 则本指标为0分`,
    "等级\n  60分以下：不合格\n  60分（含）以上不足80分：合格\n  80分（含）以上：优秀\n否决\n  若 重大损失 则直接视为不合格",
  );
  it("indicator veto sets 0", () => {
    expect(scoreOf(t, { 满意度: "90", 第三方满意度: "59.9", 重大损失: "否" }).total).toBe("0");
    expect(scoreOf(t, { 满意度: "90", 第三方满意度: "60", 重大损失: "否" }).grade).toBe("优秀");
  });
  it("rubric veto sets the grade", () => {
    const v = scoreOf(t, { 满意度: "90", 第三方满意度: "90", 重大损失: "是" });
    expect(v.total).toBe("100");
    expect(v.grade).toBe("不合格");
    expect(v.vetoed).toBe("不合格");
  });
});

describe("14. baseline and full-score columns", () => {
  const t = rubricText("  资产总额：金额 万元 越多越好", `类别 财务（2分）\n  指标 资产 2分\n    资产总额 基准200万元，满分1000万元，其间按线性计`);
  it.each([
    ["199", "0"],
    ["200", "0"],
    ["600", "1"],
    ["333", "0.33"],
    ["1000", "2"],
    ["5000", "2"],
  ])("%s万元 → %s分", (x, want) => expect(indicatorScore(t, { 资产总额: x }, "资产")).toBe(want));
  it("or fixed points in between", () => {
    expect(indicatorScore(t.replace("其间按线性计", "其间得1分"), { 资产总额: "600" }, "资产")).toBe("1");
  });
});

describe("15. choose one", () => {
  const t = rubricText(
    "  知识产权服务数：计数 家 越多越好\n  财税服务数：计数 家 越多越好",
    `类别 业绩（15分）\n  指标 服务家数 15分\n    选其一（知识产权服务数、财税服务数） 基准500家，满分1000家，其间按线性计`,
  );
  it("scores the one filled in", () => expect(scoreOf(t, { 知识产权服务数: "", 财税服务数: "750" }).total).toBe("7.5"));
  it("two filled in is a data error", () => expect(scoreOf(t, { 知识产权服务数: "600", 财税服务数: "750" }).errors[0]?.message).toContain("只能填写一项"));
  it("none filled in is a data error", () => expect(scoreOf(t, {}).errors[0]?.message).toContain("须填写其中一项"));
});

describe("16. derived inputs", () => {
  const t = `评价体系 测试\n输入\n  本年收入：金额 万元\n  上年收入：金额 万元\n派生\n  收入增长率：百分比 越多越好 = （本年收入 - 上年收入）÷ 上年收入 × 100\n类别 甲（2分）\n  指标 增长 2分\n    收入增长率 基准10%，满分20%，其间按线性计\n`;
  it("computes the growth rate", () => expect(indicatorScore(t, { 本年收入: "1150", 上年收入: "1000" }, "增长")).toBe("1"));
  it("division by zero is a data error", () => expect(scoreOf(t, { 本年收入: "10", 上年收入: "0" }).errors[0]?.message).toContain("除数为0"));
});

describe("17. grades and stars", () => {
  const national = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, "等级\n  60分以下：不合格\n  60分（含）以上不足80分：合格\n  80分（含）以上：优秀");
  it("an exact 80 is 优秀", () => expect(scoreOf(national, { 分: "80" }).grade).toBe("优秀"));
  it("79.99 is 合格", () => expect(scoreOf(national, { 分: "79.99" }).grade).toBe("合格"));
  const jiangsu = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, "星级\n  75～84分：三星\n  85～89分：四星\n  90分以上：五星");
  it("reports the 84–85 gap with a fix", () => {
    const { diagnostics } = load(jiangsu);
    const gap = diagnostics.find((d) => d.code === "ZS3040" && d.message.includes("84～85"));
    expect(gap).toBeDefined();
    expect(gap?.fix?.edits[0]?.newText).toBe("75分以上不足85分");
  });
  it("84.5 has no star", () => expect(scoreOf(jiangsu, { 分: "84.5" }).grade).toBeNull());
  it("overlaps are errors", () => {
    const t = national.replace("60分（含）以上不足80分：合格", "60～80分：合格");
    expect(errorsOf(t).map((d) => d.code)).toContain("ZS3041");
  });
});

describe("18. eligibility with recorded overrides", () => {
  const t = `评价体系 秦皇岛\n输入\n  资产总额：金额 万元\n  从业人数：计数 人\n  业绩突出：是否\n认定条件\n  条件（一）资产总额 不低于100万元\n  条件（三）从业人数 不少于10人\n  放宽（七）业绩突出 可放宽（一）（三）\n`;
  it("exactly 100万元 meets 不低于100万元", () => expect(scoreOf(t, { 资产总额: "100", 从业人数: "10", 业绩突出: "否" }).eligible).toBe(true));
  it("99.99万元 does not", () => expect(scoreOf(t, { 资产总额: "99.99", 从业人数: "10", 业绩突出: "否" }).eligible).toBe(false));
  it("the relaxation is recorded, never silent", () => {
    const v = scoreOf(t, { 资产总额: "80", 从业人数: "10", 业绩突出: "是" });
    expect(v.eligible).toBe(true);
    expect(v.relaxed).toEqual(["一"]);
  });
});

describe("19. evidence", () => {
  const t = rubricText(
    "  报道次数：计数 次 越多越好\n  基础分：评分 0～100分",
    `材料\n  报道材料：「新闻图片、视频」\n类别 基础（100分）\n  指标 基础 100分\n    基础分 综合评定\n加分项 宣传（不超过15分）\n  指标 报道\n    需提供 报道材料\n    报道次数 每次加3分`,
  );
  it("without the evidence the item counts as not done", () => {
    expect(scoreOf(t, { 基础分: "50", 报道次数: "2", 报道材料: "否" }).total).toBe("50");
    expect(scoreOf(t, { 基础分: "50", 报道次数: "2", 报道材料: "是" }).total).toBe("56");
  });
});

describe("20. category totals", () => {
  it("a category whose points differ from its indicators is an error with a fix", () => {
    const t = rubricText("  a：是否\n  b：是否", `类别 平台活跃度（35分）\n  指标 甲 15分\n    a 得15分\n  指标 乙 10分\n    b 得10分`);
    const d = load(t).diagnostics.find((x) => x.code === "ZS3001");
    expect(d?.message).toBe("类别「平台活跃度」标注35分，但所含指标合计25分");
    expect(d?.fix?.edits[0]?.newText).toBe("25分");
  });
});

describe("data errors name the platform field, never NaN", () => {
  const t = rubricText("  次数：计数 次 越多越好", `类别 甲（10分）\n  指标 乙 10分\n    次数 达10次得10分，每少1次减1分`);
  it.each([
    [{}, "缺少「次数」"],
    [{ 次数: "abc" }, "应为数字"],
    [{ 次数: "-1" }, "不能为负数"],
    [{ 次数: "1.5" }, "应为整数"],
  ])("%o", (rec, msg) => {
    const v = scoreOf(t, rec);
    expect(v.total).toBeNull();
    expect(v.errors[0]?.field).toBe("次数");
    expect(v.errors[0]?.message).toContain(msg);
  });
  it("full-width digits and thousands separators are read exactly", () => {
    const s = compile(load(t).rubric);
    expect(s.score({ 次数: "9" }).total).toBe("9");
    // 「1，500」 typed with a Chinese input method is 1,500 (in CSV it is one cell: the full-width comma separates nothing)
    const big = rubricText("  次数：计数 家次", "类别 甲（10分）\n  指标 乙 10分\n    次数 达1500家次得10分，每少100家次减1分");
    for (const x of ["1，500", "１，５００", "1,500", "1500家次", "1，500家次"]) expect(scoreOf(big, { 次数: x }).total, x).toBe("10");
    expect(scoreOf(big, { 次数: "1，400" }).total).toBe("9");
    // grouped wrongly it is refused with the grouping message, never read as 1 or 15
    for (const x of ["1，5", "15，00", "1，5000"]) expect(scoreOf(big, { 次数: x }).errors[0]?.message, x).toContain("不是规范的千分位分隔符");
  });
});

describe("ambiguous band ends", () => {
  it("「75～84分」 in a rule gets a hint whose fix writes both ends explicitly, and the fixed text means the same", () => {
    const t = rubricText("  比例：百分比", `类别 甲（10分）\n  指标 乙 10分\n    比例 75%～84%得5分；85%以上得10分`);
    const hint = load(t).diagnostics.find((d) => d.code === "ZS3045")!;
    expect(hint.severity).toBe("hint");
    expect(hint.message).toContain("84.5%不在此档");
    const edit = hint.fix!.edits[0]!;
    const fixed = t.slice(0, edit.range.start.offset) + edit.newText + t.slice(edit.range.end.offset);
    expect(fixed).toContain("75%以上84%以下得5分");
    for (const x of ["75", "84", "84.5", "74.99"]) expect(scoreOf(fixed, { 比例: x }).indicators[0]!.score).toBe(scoreOf(t, { 比例: x }).indicators[0]!.score);
  });
  it("no hint when the next band covers the value, or the ends are written; 2.5倍 is followed by 2.55倍", () => {
    const covered = rubricText("  倍数：数值 倍", `类别 甲（10分）\n  指标 乙 10分\n    倍数 1～2.5倍得5分；超过2.5倍得10分`);
    expect(load(covered).diagnostics.map((d) => d.code)).not.toContain("ZS3045");
    const written = rubricText("  倍数：数值 倍", `类别 甲（10分）\n  指标 乙 10分\n    倍数 1～2.5倍（含）得5分；3倍以上得10分`);
    expect(load(written).diagnostics.map((d) => d.code)).not.toContain("ZS3045");
    const gap = rubricText("  倍数：数值 倍", `类别 甲（10分）\n  指标 乙 10分\n    倍数 1～2.5倍得5分；3倍以上得10分`);
    expect(load(gap).diagnostics.find((d) => d.code === "ZS3045")?.message).toBe("「1～2.5倍」两端都包含（[1, 2.5]）：2.55倍不在此档。可写明读法");
  });
  it("a gap between star bands is one warning with the fix that joins them", () => {
    const t = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, "星级\n  75～84分：三星\n  85分以上：四星");
    const ds = load(t).diagnostics.filter((d) => d.code === "ZS3040" || d.code === "ZS3045");
    expect(ds.map((d) => d.code)).toEqual(["ZS3040"]);
    expect(ds[0]!.message).toContain("84～85分之间");
  });
});

describe("notes from encoding the seeds", () => {
  it("evidence can be required by one sentence only", () => {
    const t = rubricText(
      "  荣誉次数：计数 次 越多越好\n  报道次数：计数 次 越多越好\n  基础分：评分 0～100分",
      `材料\n  荣誉证明：「荣誉资质证明」\n  报道材料：「新闻图片、视频」\n类别 基础（100分）\n  指标 基础 100分\n    基础分 综合评定\n加分项 宣传（不超过15分）\n  指标 荣誉资质、宣传推广\n    荣誉次数 每次加3分（需提供 荣誉证明）\n    报道次数 每次加3分（需提供 报道材料）`,
    );
    // honours proven, press not: the honours still count
    expect(scoreOf(t, { 基础分: "50", 荣誉次数: "2", 报道次数: "1", 荣誉证明: "是", 报道材料: "否" }).total).toBe("56");
    expect(scoreOf(t, { 基础分: "50", 荣誉次数: "2", 报道次数: "1", 荣誉证明: "是", 报道材料: "是" }).total).toBe("59");
  });
  it("an attachment no indicator uses is information, a 参照 field is silent, a draft's unused field is information", () => {
    const base = rubricText("  分：评分 0～10分\n  申请表字段：计数 人 参照", `材料\n  财务报表：「平台年度财务报表」\n类别 甲（10分）\n  指标 乙 10分\n    分 综合评定`);
    const c = load(base).diagnostics.map((d) => `${d.code}:${d.severity}`);
    expect(c).toContain("ZS2010:info");
    expect(c.filter((x) => x.startsWith("ZS2002"))).toEqual([]);
    const draft = rubricText("  分：评分 0～10分\n  运营字段：计数 人", `类别 甲（10分）\n  指标 乙 分值待定\n    分 综合评定`);
    expect(load(draft).diagnostics.map((d) => `${d.code}:${d.severity}`)).toContain("ZS2011:info");
  });
  it("numbers of the star bands quoted in prose agree with the rubric", () => {
    const t = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 综合评分 100分\n    描述：综合评分75~84分为三星、85分以上为四星。\n    分 综合评定`, "星级\n  75～84分：三星\n  85分以上：四星");
    expect(codes(t)).not.toContain("ZS3010");
  });
  it("an overlap at 60 offers 「不足60分」", () => {
    const t = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, "等级\n  60分以下：不合格\n  60分（含）以上不足80分：合格\n  80分（含）以上：优秀");
    const d = load(t).diagnostics.find((x) => x.code === "ZS3041")!;
    expect(d.fix?.edits[0]?.newText).toBe("不足60分");
  });
  it("a case can expect no star", () => {
    const t = rubricText("  分：评分 0～100分", `类别 甲（100分）\n  指标 乙 100分\n    分 综合评定`, "星级\n  75～84分：三星\n  85分以上：四星\n用例 空档\n  输入 分 84.5\n  期望 星级 无\n用例 三星\n  输入 分 80\n  期望 星级 无");
    const fails = load(t).diagnostics.filter((d) => d.code === "ZS4001");
    expect(fails).toHaveLength(1);
    expect(fails[0]!.message).toBe("用例「三星」：星级期望无，实际「三星」");
  });
  it("quoted text may contain balanced 「」", () => {
    const t = rubricText("  资产总额：金额 万元 「申请表「总资产」」", `类别 甲（2分）\n  指标 乙 2分\n    资产总额 基准200万元，满分1000万元，其间按线性计`);
    expect(errorsOf(t)).toEqual([]);
    expect(load(t).rubric.inputs[0]!.description).toBe("申请表「总资产」");
  });
  it("relaxations are recorded once per condition, and only when they decided the outcome", () => {
    const t = `评价体系 测试\n输入\n  资产总额：金额 万元\n  资产状况良好：是否\n  满意度：百分比\n  突出：是否\n认定条件\n  条件（一）资产总额 不低于100万元\n  条件（一）资产状况良好\n  条件（二）满意度 80%以上\n  放宽（七）突出 可放宽（一）\n`;
    expect(scoreOf(t, { 资产总额: "50", 资产状况良好: "否", 满意度: "90", 突出: "是" })).toMatchObject({ eligible: true, relaxed: ["一"] });
    const failing = scoreOf(t, { 资产总额: "50", 资产状况良好: "否", 满意度: "70", 突出: "是" });
    expect(failing.eligible).toBe(false);
    expect(failing.relaxed).toBeUndefined();
  });
});

describe("three levels: 大类 → 类别 → 指标", () => {
  const t = (points: string) =>
    rubricText(
      "  分布地区数：计数 个 越多越好\n  注册量：计数 家 越多越好",
      `大类 服务能力（${points}）\n类别 服务覆盖面（5分）\n  指标 服务企业的区域分布 5分\n    分布地区数 基准3个，满分17个，其间按线性计\n类别 专业服务能力（2分）\n  指标 线上服务系统注册量 2分\n    注册量 基准1000家，满分5000家，其间按线性计`,
    );
  it("checks the group's points against its categories", () => {
    expect(errorsOf(t("7分"))).toEqual([]);
    expect(errorsOf(t("26分")).map((d) => d.message)).toContain("大类「服务能力」标注26分，但所属类别合计7分");
    expect(load(t("7分")).rubric.groups[0]).toMatchObject({ name: "服务能力", categories: ["服务覆盖面", "专业服务能力"] });
  });
});
