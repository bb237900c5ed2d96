/** Checks officers need while drafting (issue 12): problems the checker reports instead of scoring silently. */
import { describe, expect, it } from "vitest";
import { analyze, UNITS } from "../../packages/core/src/index.ts";
import { UNIT_FAMILIES } from "../../packages/data/src/units.ts";

const rubric = (rules: string, extra = "") => `评价体系 测试
输入
  服务企业家次：计数 家次 越多越好
  网站维护：是否
类别 甲（15分）
  指标 乙 15分
${rules}
${extra}`;

describe("sentences that add up to more than the indicator's points", () => {
  it("15 + 5 under 15分 is a warning with a fix that writes the cap", () => {
    const a = analyze(rubric("    服务企业家次 达1500家次得15分\n    网站维护 得5分"));
    const d = a.diagnostics.find((x) => x.code === "ZS3025")!;
    expect(d.severity).toBe("warning");
    expect(d.message).toBe("指标「乙」的计分句合计可达20分，超过指标分值15分：超出部分会被截去。请核对分值，或写明「直到满分15为止」");
    expect(d.fix!.edits[0]!.newText).toBe("\n    直到满分15为止");
    const fixed = analyze(rubric("    服务企业家次 达1500家次得15分\n    网站维护 得5分\n    直到满分15为止"));
    expect(fixed.diagnostics.map((x) => x.code)).not.toContain("ZS3025");
  });
  it("sentences that stay within the points are not reported", () => {
    expect(analyze(rubric("    服务企业家次 达1500家次得10分\n    网站维护 得5分")).diagnostics.map((x) => x.code)).not.toContain("ZS3025");
  });
});

describe("prose quoting numbers the rule does use", () => {
  it("a bonus indicator's prose may quote its group's cap, and 0分", () => {
    const t = `评价体系 测试\n输入\n  报道次数：计数 次\n类别 甲（10分）\n  指标 乙 10分\n    报道次数 达1次得10分\n加分项 特色（不超过5分）\n  指标 丙\n    描述：每次报道加1分，最高不超过5分，没有报道的得0分。\n    报道次数 每1次加1分\n`;
    expect(analyze(t).diagnostics.map((x) => x.code)).not.toContain("ZS3010");
  });
});

describe("a threshold written in another magnitude of the input's unit", () => {
  const money = (rule: string) => `评价体系 测试
输入
  年销售收入：金额 万元 越多越好
类别 甲（10分）
  指标 乙 10分
    ${rule}
`;
  it("2亿元 on an input kept in 万元 is an error (never compared unconverted), with a fix writing 20000万元", () => {
    const a = analyze(money("年销售收入 2亿元以上得10分"));
    const d = a.diagnostics.find((x) => x.code === "ZS2016")!;
    expect(d.severity).toBe("error");
    expect(d.message).toBe("单位相差10000倍：输入「年销售收入」以万元计，这里写的是亿元；准绳不会自动换算，请写成「20000万元」");
    expect(a.scoring.scorable).toBe(false);
    const fixed = money(`年销售收入 ${d.fix!.edits[0]!.newText}以上得10分`);
    expect(analyze(fixed).diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  });
  it("converts exactly both ways: 0.35亿元 → 3500万元, 500元 → 0.05万元", () => {
    expect(analyze(money("年销售收入 0.35亿元以上得10分")).diagnostics.find((x) => x.code === "ZS2016")!.message).toContain("「3500万元」");
    expect(analyze(money("年销售收入 500元以上得10分")).diagnostics.find((x) => x.code === "ZS2016")!.message).toContain("「0.05万元」");
  });
  it("a unit of another kind stays the softer warning (家 vs 家次)", () => {
    const a = analyze(money("年销售收入 20000家以上得10分"));
    expect(a.diagnostics.map((x) => x.code)).toContain("ZS2004");
    expect(a.diagnostics.map((x) => x.code)).not.toContain("ZS2016");
  });
});

describe("a bare number where points are meant", () => {
  it("「指标 乙 15」 and 「得15」 are warnings whose fix writes 分; with 分 nothing is said", () => {
    const bare = `评价体系 测试
输入
  服务企业家次：计数 家次 越多越好
类别 甲（15分）
  指标 乙 15
    服务企业家次 达1500家次得15
`;
    const found = analyze(bare).diagnostics.filter((x) => x.code === "ZS2017");
    expect(found.map((d) => [d.severity, d.range.start.line, d.message])).toEqual([
      ["warning", 5, "分值「15」没有写「分」：是分值就写成「15分」"],
      ["warning", 6, "分值「15」没有写「分」：是分值就写成「15分」"],
    ]);
    const lines = bare.split("\n");
    for (const d of [...found].reverse()) {
      const e = d.fix!.edits[0]!;
      const l = lines[e.range.start.line - 1]!;
      lines[e.range.start.line - 1] = l.slice(0, e.range.start.column - 1) + e.newText + l.slice(e.range.start.column - 1);
    }
    expect(analyze(lines.join("\n")).diagnostics.map((x) => x.code)).not.toContain("ZS2017");
  });
});

describe("a syntax error elsewhere keeps each clean indicator's checks", () => {
  const text = (tail: string) => `评价体系 测试
输入
  服务企业家次：计数 家次 越多越好
  网站维护：是否
类别 甲（15分）
  指标 乙 15分
    服务企业家次 达1500家次得15分
    网站维护 得5分
${tail}`;
  it("ZS3025 on 乙 stays when a later category is broken, and the broken place is not checked", () => {
    const broken = analyze(text("类别 （（\n"));
    expect(broken.diagnostics.some((d) => d.code === "ZS1001")).toBe(true);
    expect(broken.diagnostics.filter((d) => d.code === "ZS3025").map((d) => d.range.start.line)).toEqual([7]);
    expect(broken.scoring.scorable).toBe(false);
  });
  it("an indicator holding the syntax error gets no semantic diagnostics", () => {
    const a = analyze(text("").replace("网站维护 得5分", "网站维护 得5分 （（"));
    expect(a.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(a.diagnostics.map((d) => d.code)).not.toContain("ZS3025");
  });
});

describe("the other unit families a rubric can mix (mass, length, time)", () => {
  const measured = (declaration: string, rule: string) => `评价体系 测试
输入
  ${declaration}
类别 甲（10分）
  指标 乙 10分
    ${rule}
`;
  const found = (text: string) => analyze(text).diagnostics.filter((d) => d.code.startsWith("ZS20")).map((d) => [d.code, d.fix?.edits[0]!.newText]);
  it.each([
    ["处理量：计数 吨 越多越好", "处理量 达500千克得10分", "0.5吨"],
    ["处理量：计数 千克 越多越好", "处理量 达2.5吨得10分", "2500千克"],
    ["处理量：计数 千克 越多越好", "处理量 达300克得10分", "0.3千克"],
    ["距离：计数 米 越少越好", "距离 不超过3公里得10分", "3000米"],
    ["距离：计数 公里 越少越好", "距离 不超过500米得10分", "0.5公里"],
    ["时长：计数 小时 越少越好", "时长 不超过90分钟得10分", "1.5小时"],
    ["时长：计数 分钟 越少越好", "时长 不超过2小时得10分", "120分钟"],
    ["服务人数：计数 人 越多越好", "服务人数 达1.5万人得10分", "15000人"],
  ])("%s, 「%s」 is ZS2016 with the fix 「%s」, and the fixed rubric is clean", (declaration, rule, fix) => {
    const text = measured(declaration, rule);
    expect(found(text)).toEqual([["ZS2016", fix]]);
    const d = analyze(text).diagnostics.find((x) => x.code === "ZS2016")!;
    const fixed = text.slice(0, d.range.start.offset) + d.fix!.edits[0]!.newText + text.slice(d.range.end.offset);
    expect(analyze(fixed).diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  });
  it("a conversion without a finite decimal is still an error, with no fix (10分钟 is 1/6 小时)", () => {
    const a = analyze(measured("时长：计数 小时 越少越好", "时长 不超过10分钟得10分"));
    const d = a.diagnostics.find((x) => x.code === "ZS2018")!;
    expect(d.message).toBe("单位相差60倍：输入「时长」以小时计，这里写的是分钟；10分钟换算成小时不是有限小数，准绳不会自动换算：请改写这个数，或把输入改为以分钟计");
    expect(d.fix).toBeUndefined();
    expect(a.scoring.scorable).toBe(false);
  });
  it("two names of one size are one unit (公里 and 千米, 公斤 and 千克): nothing to say", () => {
    expect(found(measured("距离：计数 千米 越少越好", "距离 不超过3公里得10分"))).toEqual([]);
    expect(found(measured("处理量：计数 公斤 越多越好", "处理量 达500千克得10分"))).toEqual([]);
  });
  it("units whose conversion is not exact or not agreed stay a unit mismatch warning (天 vs 小时: a working or a calendar day)", () => {
    expect(found(measured("时长：计数 天 越少越好", "时长 不超过2小时得10分"))).toEqual([["ZS2004", undefined]]);
  });
  it("every unit of the families is a unit the lexer knows after a number, and is in one family only", () => {
    const units = UNIT_FAMILIES.flat().map(([u]) => u);
    for (const u of units) expect(UNITS).toContain(u);
    expect(new Set(units).size).toBe(units.length);
  });
});
