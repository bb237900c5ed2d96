/**
 * Issue 9, exact on every input: derived values compared exactly, 精度 read strictly, numbers of
 * any length exact or a located diagnostic, zero steps refused, data cells read by their type.
 * Each case here was a silent wrong answer or an internal throw before.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { codes, indicatorScore, load, scoreOf } from "./helpers.ts";

const QHD = new URL("../../rules/qinhuangdao/2020/市级中小企业公共服务示范平台认定条件.zs", import.meta.url);
const qinhuangdao = () => compile(load(readFileSync(QHD, "utf8")).rubric);
/** Every condition of 秦皇岛 第五条 met, except what the test changes. */
const allMet: Record<string, string> = {
  独立法人单位: "是", 运营年限: "5", 资产总额: "860", 财务收支状况良好: "是", 经营规范有发展前景: "是", 服务中小企业集聚区域或行业: "是",
  满足需求有区域影响力: "是", 服务功能完善特色突出: "是", 从业人数: "32", 专业人员人数: "24", 有固定场所和服务设施: "是", 年服务中小企业数: "410",
  近两年服务企业数量稳定增长: "是", 用户满意度: "93", 有声誉和品牌影响力: "是", 管理制度完善: "是", 有发展规划和品牌建设方案: "是", 负责人素质: "是", 服务业绩突出示范带动明显: "否",
};

describe("derived values are exact: no rounding before comparing", () => {
  it("1,190 of 2,000 staff is 59.5%, below 不低于60%: not eligible, and the explanation shows formula and exact value", () => {
    const s = qinhuangdao();
    const rec = { ...allMet, 从业人数: "2000", 专业人员人数: "1190" };
    expect(s.score(rec).eligible).toBe(false);
    const lines = s.explain(rec).children.find((c) => c.label === "认定条件")!.children.map((c) => c.text);
    expect(lines).toContain("专业人员比例 = 1190 ÷ 2000 × 100 = 59.5%，低于60%：不符合");
  });
  it("exactly 60% meets 不低于60%; a ratio that does not terminate is compared exactly and shown as a fraction", () => {
    const s = qinhuangdao();
    expect(s.score({ ...allMet, 从业人数: "2000", 专业人员人数: "1200" }).eligible).toBe(true);
    const rec = { ...allMet, 从业人数: "12", 专业人员人数: "7" }; // 58.333…%
    expect(s.score(rec).eligible).toBe(false);
    const lines = s.explain(rec).children.find((c) => c.label === "认定条件")!.children.map((c) => c.text);
    expect(lines).toContain("专业人员比例 = 7 ÷ 12 × 100 = 175/3（约58.3333）%，低于60%：不符合");
  });
  it("a sweep near the line: every decision equals the exact comparison 100·m ≥ 60·n", () => {
    const s = qinhuangdao();
    let decisions = 0;
    for (let n = 10; n <= 600; n += 7) {
      for (let m = Math.floor(0.6 * n) - 2; m <= Math.ceil(0.6 * n) + 2; m++) {
        const v = s.score({ ...allMet, 从业人数: String(n), 专业人员人数: String(m) });
        expect(v.eligible, `${m}/${n}`).toBe(100 * m >= 60 * n);
        decisions++;
      }
    }
    expect(decisions).toBeGreaterThan(400);
  });
  it("a derived share above 100% is a data error naming the formula, never a score", () => {
    const v = qinhuangdao().score({ ...allMet, 从业人数: "20", 专业人员人数: "120" });
    expect(v.total).toBeNull();
    expect(v.errors).toEqual([{ field: "专业人员比例", message: "专业人员比例 = 120 ÷ 20 × 100 = 600%，超出百分比的范围0～100%：请核对参与计算的数据" }]);
  });
  it("a derived value on a linear scale rounds only where 精度 says", () => {
    const t = `评价体系 测试\n  精度：保留1位小数\n输入\n  本年收入：金额 万元\n  上年收入：金额 万元\n派生\n  收入增长率：百分比 越多越好 = （本年收入 - 上年收入）÷ 上年收入 × 100\n类别 甲（2分）\n  指标 增长 2分\n    收入增长率 基准10%，满分20%，其间按线性计\n`;
    // growth 1/3 → 33.3…% is above 20%: full marks; 1150/1000 → 15% → 2 × 5 ÷ 10 = 1
    expect(indicatorScore(t, { 本年收入: "4", 上年收入: "3" }, "增长")).toBe("2");
    // 1123/1000 → 12.3% → 2 × 2.3 ÷ 10 = 0.46 → 0.5 at one decimal
    expect(indicatorScore(t, { 本年收入: "1123", 上年收入: "1000" }, "增长")).toBe("0.5");
  });
});

describe("精度 wording is read strictly", () => {
  const rubric = (precision: string) => `评价体系 测试\n  精度：${precision}\n输入\n  数量：计数 家 越多越好\n类别 甲（10分）\n  指标 乙 10分\n    数量 基准0家，满分3家，其间按线性计\n`;
  const cases: [string, string][] = [
    ["保留2位小数", "6.67"],
    ["保留两位小数", "6.67"],
    ["保留一位小数", "6.7"],
    ["四舍五入到0.01", "6.67"],
    ["精确到0.1", "6.7"],
    ["保留整数", "7"],
    ["小数点后3位", "6.667"],
  ];
  for (const [wording, score] of cases) it(`「${wording}」: 10 × 2 ÷ 3 → ${score}`, () => expect(indicatorScore(rubric(wording), { 数量: "2" }, "乙")).toBe(score));
  it("a wording it does not know is an error, and the rubric is not scored", () => {
    for (const w of ["差不多两位", "保留七位小数", "去尾到0.1"]) {
      const a = analyze(rubric(w));
      expect(a.diagnostics.map((d) => d.code)).toContain("ZS3053");
      expect(a.scoring.scorable).toBe(false);
    }
  });
});

describe("numbers of any length: exact or a located diagnostic naming the limit, never a throw", () => {
  const base = (threshold: string, weight = "") =>
    `评价体系 测试\n输入\n  服务企业家次：数值 家次\n类别 甲（15分）\n  指标 乙 15分${weight}\n    服务企业家次 达${threshold}家次得15分\n`;
  it("more than 6 decimals in a rubric is ZS3050 at the number", () => {
    const a = analyze(base("1500.0000001"));
    const d = a.diagnostics.find((x) => x.code === "ZS3050")!;
    expect(d.message).toBe("数字1500.0000001有7位小数：准绳最多支持6位小数");
    expect(d.range.start.line).toBe(6);
  });
  it("a 500-digit number is ZS3051 naming the limit", () => {
    const a = analyze(base("9".repeat(500)));
    expect(a.diagnostics.find((x) => x.code === "ZS3051")?.message).toBe("数字999999999999…9999（共500位）超出可精确计算的范围：本体系按2位小数计算，绝对值不能超过11258999068426");
  });
  it("a weight with 7 decimals is ZS3050", () => expect(codes(`评价体系 测试\n输入\n  x：是否\n类别 甲 权重1\n  指标 乙 权重0.1234567\n    x 得100分\n`)).toContain("ZS3050"));
  it("data: 7 decimals, 16 significant digits, a value too large for the scale — each a message naming the field", () => {
    const t = base("1500");
    expect(scoreOf(t, { 服务企业家次: "1500.0000001" }).errors[0]!.message).toBe("「服务企业家次」的值「1500.0000001」小数位数超过6位（最多支持6位小数）");
    expect(scoreOf(t, { 服务企业家次: "1234567890123456" }).errors[0]!.message).toContain("有效数字最多15位");
    expect(scoreOf(t, { 服务企业家次: "123456789012.123" }).errors[0]!.message).toMatch(/超出可精确计算的范围：按\d位小数计算时，绝对值不能超过\d+/);
    expect(scoreOf(t, { 服务企业家次: 1e21 }).errors[0]!.message).toContain("有效数字最多15位");
  });
  it("data: a 401-digit value or a pasted paragraph is quoted by its ends and length, not whole", () => {
    const t = base("1500");
    expect(scoreOf(t, { 服务企业家次: "1" + "0".repeat(400) }).errors[0]!.message).toBe("「服务企业家次」的值「100000000000…0000（共401位）」超出可精确计算的范围（有效数字最多15位）");
    const paragraph = "本平台全年服务企业一千五百家次，".repeat(20);
    const m = scoreOf(t, { 服务企业家次: paragraph }).errors[0]!.message;
    expect(m).toBe(`「服务企业家次」应为数字，实际为「${paragraph.slice(0, 40)}…（共${paragraph.length}字）」`);
    expect(scoreOf(t, { 服务企业家次: "1500家次" }).errors).toEqual([]);
  });
});

describe("steps must be positive", () => {
  const t = (reading: string) => `评价体系 测试\n输入\n  服务企业家次：计数 家次\n类别 甲（15分）\n  指标 乙 15分\n    服务企业家次 达1500家次得15分，每少0家次减1分${reading}\n`;
  it("每少0家次 is ZS3052, also with 按比例计 (which used to divide by zero)", () => {
    for (const r of ["", "（按比例计）"]) {
      const a = analyze(t(r));
      expect(a.diagnostics.find((d) => d.code === "ZS3052")?.message).toBe("每档的差额应大于0：每少0家次减1分");
      expect(a.scoring.scorable).toBe(false);
    }
  });
  it("每0项加3分 and 每增加0家 are ZS3052", () => {
    expect(codes(`评价体系 测试\n输入\n  n：计数 项\n加分项 甲（不超过15分）\n  指标 乙\n    n 每0项加3分\n`)).toContain("ZS3052");
    expect(codes(`评价体系 测试\n输入\n  n：计数 家\n类别 甲（10分）\n  指标 乙 10分\n    n 达到100家后每增加0家加1分\n`)).toContain("ZS3052");
  });
});

describe("a cell is read by its input's type", () => {
  const t = `评价体系 测试\n输入\n  服务企业家次：计数 家次\n  满意度：百分比\n  评定分：评分 0～20分\n  收入：金额 万元\n类别 甲（100分）\n  指标 乙 10分\n    服务企业家次 达1500家次得10分\n  指标 丙 10分\n    满意度 80%以上得10分\n  指标 丁 20分\n    评定分 综合评定\n  指标 戊 60分\n    收入 达100万元得60分\n`;
  const ok = { 服务企业家次: "1500", 满意度: "85%", 评定分: "15", 收入: "120" };
  it("accepts a % on a percentage, the input's unit, and thousands groups of three", () => {
    expect(scoreOf(t, ok).total).toBe("95");
    expect(scoreOf(t, { ...ok, 满意度: "85", 服务企业家次: "1,500", 收入: "120万元" }).total).toBe("95");
  });
  it("refuses a % where the type takes none, a wrong unit, ambiguous commas and non-scalar values", () => {
    const msg = (rec: Record<string, unknown>) => scoreOf(t, { ...ok, ...rec }).errors.map((e) => e.message);
    expect(msg({ 服务企业家次: "85%" })).toEqual(["「服务企业家次」是计数，不能带百分号：「85%」"]);
    expect(msg({ 评定分: "15%" })).toEqual(["「评定分」是评分，不能带百分号：「15%」"]);
    expect(msg({ 服务企业家次: "1,5" })[0]).toContain("不是规范的千分位分隔符");
    expect(msg({ 收入: "120元" })).toEqual(["「收入」以万元计，「120元」的单位不对：请只填数字"]);
    expect(msg({ 服务企业家次: [1200] })).toEqual(["「服务企业家次」应为单个值，实际为列表「[1200]」"]);
    expect(msg({ 满意度: true })).toEqual(["「满意度」应为数字，实际为「true」"]);
  });
  it("inputs named __proto__ or constructor are read as data, never from the object's prototype", () => {
    const r = `评价体系 测试\n输入\n  constructor：计数 家\n类别 甲（10分）\n  指标 乙 10分\n    constructor 达10家得10分\n`;
    expect(scoreOf(r, {}).errors[0]!.message).toBe("缺少「constructor」的数据");
    expect(scoreOf(r, JSON.parse('{"constructor": "12"}')).total).toBe("10");
    const p = `评价体系 测试\n输入\n  __proto__：计数 家\n类别 甲（10分）\n  指标 乙 10分\n    __proto__ 达10家得10分\n`;
    expect(scoreOf(p, JSON.parse('{"__proto__": "12"}')).total).toBe("10");
  });
});
