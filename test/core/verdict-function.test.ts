/**
 * The generated verdict function is kept per source text: an edit that leaves the source as it was
 * (a comment, a space, a threshold or points: the numbers are the function's constants) gets a
 * function from the factory already compiled, and each rubric still scores by its own numbers and by
 * its own rules inside the closures passed in `h` (rules on derived inputs); a long batch moves to
 * the function with the numbers as literals and scores the same.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, type Scorer } from "../../packages/core/src/index.ts";
import { generateVerdict, type GeneratedVerdict } from "../../packages/core/src/evaluator/codegen.ts";
import { buildModel } from "../../packages/core/src/evaluator/parts.ts";

const NATIONAL = readFileSync(new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url), "utf8");

function rubric(ratio: string, threshold = "1500"): string {
  return `评价体系 生成函数
输入
  服务企业家次：计数 家次
  专业人员：计数 人
  从业人员：计数 人
派生
  专业人员比例：百分比 = 专业人员 ÷ 从业人员 × 100
类别 服务 15分
  指标 服务规模 15分
    服务企业家次 达${threshold}家次得15分，每少100家次减1分
类别 队伍 10分
  指标 专业队伍 10分
    专业人员比例 ${ratio}%以上得10分
`;
}

/** A rubric with no closures in the function: the numbers decide everything. */
function plain(threshold: string): string {
  return `评价体系 常量
输入
  服务企业家次：计数 家次
  专业人员：计数 人
类别 服务 25分
  指标 服务规模 15分
    服务企业家次 达${threshold}家次得15分，每少100家次减1分
  指标 专业队伍 10分
    专业人员 10人以上得10分
等级
  不足10分：不合格
  10分（含）以上不足20分：合格
  20分（含）以上：优秀
`;
}

function scorerOf(text: string): Scorer {
  const a = analyze(text, "gen.zs");
  if (!a.scoring.scorable) throw new Error(`not scorable: ${a.scoring.reason}`);
  return a.scoring.scorer;
}

function genOf(text: string): GeneratedVerdict {
  const r = analyze(text, "gen.zs").rubric!;
  return generateVerdict(r, buildModel(r, 2));
}

function fnOf(text: string) {
  return genOf(text).fn;
}

describe("the generated verdict function", () => {
  it("is the same function when an edit leaves its source as it was", () => {
    expect(genOf(NATIONAL + " ").source).toBe(genOf(NATIONAL).source);
    expect(genOf(NATIONAL.replace(/\n/, "\n# 一行注释\n")).source).toBe(genOf(NATIONAL).source);
  });

  it("comes from one factory when only a number changes, and each rubric scores by its own numbers", () => {
    const at1500 = genOf(plain("1500"));
    const at1600 = genOf(plain("1600"));
    expect(at1600.source).toBe(at1500.source);
    expect(at1600.constants).not.toEqual(at1500.constants);
    expect(at1600.fn).not.toBe(at1500.fn);
    const platform = { 服务企业家次: 1500, 专业人员: 13 };
    const s1500 = scorerOf(plain("1500"));
    const s1600 = scorerOf(plain("1600"));
    expect(s1500.score(platform).total).toBe("25");
    expect(s1600.score(platform).total).toBe("24");
    // the other order, through closures of the one factory that the engine has seen both of
    expect(s1500.score(platform).total).toBe("25");
    expect(s1500.scoringKey).not.toBe(s1600.scoringKey);
  });

  it("scores the same with the numbers as literals, and a long batch moves to them without a change", () => {
    const gen = genOf(NATIONAL);
    expect(gen.literal().toString()).not.toMatch(/\bk\d/);
    const scorer = scorerOf(plain("1500"));
    const other = scorerOf(plain("1000"));
    const records = Array.from({ length: 50 }, (_, i) => ({ 服务企业家次: String(i * 37), 专业人员: String(i % 13) }));
    const expected = records.map((r) => [scorer.score(r).total, other.score(r).total]);
    expect(expected.some(([a, b]) => a !== b)).toBe(true);
    const into = { total: null, grade: null, eligible: null, vetoed: undefined, categories: [], errors: [] };
    const reads = records.map((r) => scorer.read(r));
    // past the switch to the literal function (20,000 records), alternating two rubrics of one factory
    for (let k = 0; k < 20_100; k++) {
      const i = k % records.length;
      scorer.summarizeInto(reads[i]!, into);
      expect(into.total).toBe(expected[i]![0]);
      other.summarizeInto(reads[i]!, into);
      expect(into.total).toBe(expected[i]![1]);
    }
    // totals alone run the literal function from the first record
    reads.forEach((r, i) => expect(scorer.format(scorer.total(r.values, r.present))).toBe(expected[i]![0]));
  });

  it("awards positive points without a branch on the platform's answer, and keeps the conditional for deductions", () => {
    // a branch on answers that vary from record to record mispredicts (see award() in codegen.ts)
    const text = `评价体系 分支
输入
  有专家库：是否
  有违规记录：是否
  服务企业家次：计数 家次
类别 服务 30分
  指标 服务条件 30分
    有专家库 得10分
    有违规记录 扣5分
    服务企业家次 达到100家次加5分
    服务企业家次 200家次以上得15分，100家次（含）以上不足200家次得8分
`;
    const { source } = genOf(text);
    expect(source).toMatch(/r = \(\(x !== 0\) \* k\d+\);/);
    expect(source).toMatch(/r = \(\(x !== 0\) \? k\d+ : 0\);/);
    expect(source).toMatch(/r = \(\(\(x >= k\d+\)\) \* k\d+\);/);
    expect(source).toMatch(/\(\(\(x >= k\d+\) & \(x < k\d+\)\) \* k\d+\)/);
    const scorer = scorerOf(text);
    const cases: [Record<string, unknown>, string][] = [
      [{ 有专家库: "否", 有违规记录: "否", 服务企业家次: 0 }, "0"],
      [{ 有专家库: "是", 有违规记录: "是", 服务企业家次: 150 }, "18"],
      [{ 有专家库: "否", 有违规记录: "是", 服务企业家次: 99 }, "0"],
      [{ 有专家库: "是", 有违规记录: "否", 服务企业家次: 200 }, "30"],
    ];
    for (const [record, total] of cases) {
      expect(scorer.score(record).total).toBe(total);
      const r = scorer.read(record);
      // the literal function: +0, never −0, when nothing is awarded
      expect(Object.is(scorer.total(r.values, r.present), total === "0" ? 0 : Number(total) * 10 ** scorer.digits)).toBe(true);
    }
  });

  it("scores by each rubric's own rules on derived inputs when two rubrics share it", () => {
    // the rule on 专业人员比例 is a closure passed to the function: same source, other threshold
    expect(genOf(rubric("70")).source).toBe(genOf(rubric("60")).source);
    const platform = { 服务企业家次: 1500, 专业人员: 13, 从业人员: 20 };
    const at60 = scorerOf(rubric("60"));
    const at70 = scorerOf(rubric("70"));
    expect(at60.score(platform).total).toBe("25");
    expect(at70.score(platform).total).toBe("15");
    // and again in the other order, through the function the second one compiled
    expect(at60.score(platform).total).toBe("25");
    expect(at60.total([150000, 1300, 2000])).toBe(at60.referenceTotal([150000, 1300, 2000]));
  });
});
