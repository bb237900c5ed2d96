/**
 * Scoring one dataset under another province's rubric (issue 12, honest comparison): an input the
 * data cannot give is missing, never 0 or 否; only the comparable part is scored; and nothing is
 * ranked when that part holds less than 60% of the target rubric's points.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { addDecimals, compareDecimals, compile, type Rubric } from "../../packages/core/src/index.ts";
import { parseVocabulary, RANK_THRESHOLD, scoreAcross, shareOfBase, type Vocabulary } from "../../packages/publish/src/index.ts";
import { records, ROOT, rubricOf, zsFiles } from "./helpers.ts";

const { vocabulary } = parseVocabulary(readFileSync(join(ROOT, "rules/concepts/概念.json"), "utf8"));
const library = zsFiles(join(ROOT, "rules")).map((f) => ({ id: relative(join(ROOT, "rules"), f), rubric: rubricOf(readFileSync(f, "utf8"), f) }));
const byId = (id: string) => {
  const r = library.find((x) => x.id === id);
  if (!r) throw new Error(`rules/${id} is missing`);
  return r;
};
const sampleOf = (id: string) => records(join(ROOT, "rules/samples", id.replace(/\.zs$/, ".csv")));
const NONE: Vocabulary = { concepts: [], mappings: [] };

/** A rubric in two indicators: 活动次数 (越多越好) worth `more` points and 缺报次数 (越少越好, 每1次减1分) worth `less`. */
function twoPart(more: string, less: string, extra = ""): Rubric {
  return rubricOf(
    [
      "评价体系 乙省",
      `  满分：${addDecimals([more, less])}分`,
      "输入",
      "  活动次数：计数 次 越多越好",
      "  缺报次数：计数 次 越少越好",
      extra,
      `类别 服务活动（${more}分）`,
      `  指标 活动 ${more}分`,
      `    活动次数 达10次得${more}分，每少1次减1分`,
      `类别 数据报送（${less}分）`,
      `  指标 报送 ${less}分`,
      "    缺报次数 每1次减1分",
      "",
    ].join("\n"),
  );
}

const SOURCE = rubricOf(["评价体系 甲省", "  满分：10分", "输入", "  活动次数：计数 次 越多越好", "类别 服务活动（10分）", "  指标 活动 10分", "    活动次数 达10次得10分，每少1次减1分", ""].join("\n"));
const DATA = [
  { 名称: "平台一", 活动次数: "10" },
  { 名称: "平台二", 活动次数: "7" },
  { 名称: "平台三", 活动次数: "9" },
];

describe("an input the data cannot give is missing, never 0", () => {
  it("leaves a 越少越好 input out instead of scoring it as 0 (which would be full marks)", () => {
    const s = scoreAcross(NONE, { id: "甲", rubric: SOURCE }, { id: "乙", rubric: twoPart("7", "3") }, DATA);
    expect(s.carried).toEqual([{ from: "活动次数", to: "活动次数", concept: undefined, note: "两个体系中同名" }]);
    expect(s.missing).toEqual([{ name: "缺报次数", reason: "概念表中没有对应，体系甲也没有同名输入", indicators: ["数据报送/报送"] }]);
    expect(s.indicators.map((x) => [x.name, x.comparable, x.missing])).toEqual([
      ["活动", true, []],
      ["报送", false, ["缺报次数"]],
    ]);
    expect(s.coverage).toBe("70");
    expect(s.refusal).toBeUndefined();
    // 报送's 3 points are not given to anyone: the part scored is 活动 alone
    expect(s.rows.map((r) => [r.platform, r.partB, r.rankB])).toEqual([
      ["平台一", "7", 1],
      ["平台二", "4", 3],
      ["平台三", "6", 2],
    ]);
  });

  it("refuses to rank when the comparable part is under 60% of the points, and says what is missing", () => {
    const s = scoreAcross(NONE, { id: "甲", rubric: SOURCE }, { id: "乙", rubric: twoPart("5", "5") }, DATA);
    expect(s.coverage).toBe("50");
    expect(s.missingShare).toBe("50");
    expect(s.refusal).toBe("体系乙的指标中，输入都能从这份数据带入的只占满分的50%，不足60%：缺少的输入不能按0分或「否」计，因此不排名");
    expect(s.rows.every((r) => r.partB === null && r.rankB === null)).toBe(true);
    // A's own ranking is still given
    expect(s.rows.map((r) => r.rankA)).toEqual([1, 3, 2]);
  });

  it("ranks at exactly 60% and refuses just below it", () => {
    expect(RANK_THRESHOLD).toBe("60");
    expect(scoreAcross(NONE, { id: "甲", rubric: SOURCE }, { id: "乙", rubric: twoPart("6", "4") }, DATA).refusal).toBeUndefined();
    const below = scoreAcross(NONE, { id: "甲", rubric: SOURCE }, { id: "乙", rubric: twoPart("5.99", "4.01") }, DATA);
    expect(below.coverage).toBe("59.9");
    expect(below.refusal).toMatch(/不足60%/);
  });

  it("does not carry a mapping between inputs of another type, unit or range, and says why", () => {
    const a = rubricOf(["评价体系 甲", "  满分：10分", "输入", "  活动次数：计数 次", "  评定分：评分 0～20分", "  收入：金额 元", "类别 甲类（10分）", "  指标 甲 10分", "    评定分 专家评定", ""].join("\n"));
    const b = rubricOf(["评价体系 乙", "  满分：30分", "输入", "  活动占比：百分比", "  协同分：评分 0～10分", "  收入：金额 万元", "类别 乙类（30分）", "  指标 一 10分", "    活动占比 50%以上得10分", "  指标 二 10分", "    协同分 专家评定", "  指标 三 10分", "    收入 100万元以上得10分", ""].join("\n"));
    const v: Vocabulary = {
      concepts: [{ name: "活动", parent: undefined, description: "" }, { name: "协同", parent: undefined, description: "" }],
      mappings: [
        { concept: "活动", note: "", inputs: { 甲: "活动次数", 乙: "活动占比" } },
        { concept: "协同", note: "", inputs: { 甲: "评定分", 乙: "协同分" } },
      ],
    };
    const s = scoreAcross(v, { id: "甲", rubric: a }, { id: "乙", rubric: b }, [{ 名称: "x", 活动次数: "3", 评定分: "15", 收入: "2000000" }]);
    expect(s.carried).toEqual([]);
    expect(Object.fromEntries(s.missing.map((m) => [m.name, m.reason]))).toEqual({
      活动占比: "概念「活动」的对应不能带入：「活动次数」是计数，「活动占比」是百分比",
      协同分: "概念「协同」的对应不能带入：评分范围不同（0～20分 与 0～10分）",
      收入: "同名但不能带入：单位不同（「收入」元，「收入」万元）",
    });
    expect(s.coverage).toBe("0");
    expect(s.refusal).toMatch(/只占满分的0%/);
  });

  it("names the data column when a platform lacks a carried value", () => {
    const v: Vocabulary = { concepts: [{ name: "活动", parent: undefined, description: "" }], mappings: [{ concept: "活动", note: "", inputs: { 甲: "活动次数", 乙: "年活动次数" } }] };
    const b = rubricOf(["评价体系 乙", "  满分：10分", "输入", "  年活动次数：计数 次", "类别 乙类（10分）", "  指标 一 10分", "    年活动次数 达10次得10分，每少1次减1分", ""].join("\n"));
    const s = scoreAcross(v, { id: "甲", rubric: SOURCE }, { id: "乙", rubric: b }, [{ 名称: "x", 活动次数: "8" }, { 名称: "y" }]);
    expect(s.carried).toEqual([{ from: "活动次数", to: "年活动次数", concept: "活动", note: "" }]);
    expect(s.rows[0]).toMatchObject({ partB: "8", rankB: 1, errorB: undefined });
    expect(s.rows[1]).toMatchObject({ totalA: null, partB: null, rankB: null, errorB: "缺少「年活动次数」的数据（数据列「活动次数」）" });
  });

  it("refuses a rubric of 认定条件 only: there are no points to rank by", () => {
    const s = scoreAcross(vocabulary, byId("hunan/未注明年度/市州综合窗口平台.zs"), byId("qinhuangdao/2020/市级中小企业公共服务示范平台认定条件.zs"), sampleOf("hunan/未注明年度/市州综合窗口平台.zs"));
    expect(s.refusal).toBe("体系乙没有计分的指标（只有认定条件或分值待定），不能按分数排名");
    expect(s.rows.every((r) => r.rankB === null)).toBe(true);
  });
});

describe("the seed rubrics", () => {
  it("Hebei 2017 data under Hunan 市州 (issue 12): 35% comparable, no ranking, 缺报晚报次数 missing", () => {
    const a = byId("hebei/2017/窗口平台绩效考核.zs");
    const b = byId("hunan/未注明年度/市州综合窗口平台.zs");
    const data = sampleOf(a.id);
    const s = scoreAcross(vocabulary, a, b, data);
    expect(s.carried.map((c) => `${c.from}→${c.to}`).sort()).toEqual(["服务企业数→服务企业家次", "服务协同评分→协同评定分"].sort());
    expect(s.coverage).toBe("35");
    expect(s.refusal).toMatch(/35%，不足60%/);
    expect(s.rows).toHaveLength(data.length);
    expect(s.rows.every((r) => r.partB === null && r.rankB === null)).toBe(true);
    const late = s.missing.find((m) => m.name === "缺报晚报次数");
    expect(late?.indicators).toEqual(["服务协同/日常调度"]);
    expect(s.indicators.find((x) => x.name === "日常调度")).toMatchObject({ comparable: false, share: "5" });
  });

  it("Hunan 市州 data under Hunan 产业集群: ranked on the 85% that maps, never with points for what is missing", () => {
    const a = byId("hunan/未注明年度/市州综合窗口平台.zs");
    const b = byId("hunan/未注明年度/产业集群窗口平台.zs");
    const data = sampleOf(a.id);
    const s = scoreAcross(vocabulary, a, b, data);
    expect(s.refusal).toBeUndefined();
    expect(s.coverage).toBe("85");
    const left = s.indicators.filter((x) => !x.comparable);
    expect(left.length).toBeGreaterThan(0);
    // every ranked platform: the part equals the full scorer's indicator scores over the comparable indicators
    const full = compile(b.rubric);
    for (const [i, r] of data.entries()) {
      const row = s.rows[i]!;
      expect(row.rankB).not.toBeNull();
      expect(compareDecimals(row.partB!, "0")).toBeGreaterThanOrEqual(0);
      const filled: Record<string, unknown> = {};
      for (const c of s.carried) filled[c.to] = r[c.from];
      const missingFilled = Object.fromEntries(s.missing.map((m) => [m.name, b.rubric.inputByName.get(m.name)!.type === "yesno" ? "否" : "0"]));
      const v = full.score({ ...filled, ...missingFilled });
      const comparable = new Set(s.indicators.filter((x) => x.comparable).map((x) => x.path));
      const base = addDecimals(v.indicators.filter((x) => comparable.has(x.path) && !b.rubric.indicators.find((d) => d.path === x.path)!.bonus).map((x) => x.score!));
      const bonus = b.rubric.categories
        .filter((c) => c.kind === "bonus")
        .map((c) => {
          const sum = addDecimals(v.indicators.filter((x) => x.category === c.name && comparable.has(x.path)).map((x) => x.score!));
          return c.cap !== undefined && compareDecimals(sum, c.cap) > 0 ? c.cap : sum;
        });
      expect(row.partB, row.platform).toBe(addDecimals([base, ...bonus]));
    }
  });

  it("a rubric scored under itself is fully comparable and gives the same totals", () => {
    for (const r of library) {
      const sample = join(ROOT, "rules/samples", r.id.replace(/\.zs$/, ".csv"));
      if (!existsSync(sample) || compareDecimals(r.rubric.fullMarks, "0") <= 0 || r.rubric.indicators.every((i) => i.pending)) continue;
      const s = scoreAcross(NONE, r, { id: `${r.id}（副本）`, rubric: r.rubric }, records(sample));
      expect(s.missing, r.id).toEqual([]);
      // indicators whose points are still 待定 are never comparable: the part is what is scored
      expect(s.coverage, r.id).toBe(shareOfBase(r.rubric, r.rubric.indicators.filter((i) => !i.pending)));
      if (!r.rubric.indicators.some((i) => i.pending)) expect(s.coverage, r.id).toBe("100");
      expect(s.rows.map((x) => x.partB), r.id).toEqual(s.rows.map((x) => x.totalA));
    }
  });
});
