/**
 * The generated verdict function is kept per source text: an edit that leaves the source as it was
 * (a comment, a space) gets the function already compiled, and one whose rules differ only inside
 * the closures passed in `h` (rules on derived inputs) still scores by its own rules.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, type Scorer } from "../../packages/core/src/index.ts";
import { generateVerdict } from "../../packages/core/src/evaluator/codegen.ts";
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

function scorerOf(text: string): Scorer {
  const a = analyze(text, "gen.zs");
  if (!a.scoring.scorable) throw new Error(`not scorable: ${a.scoring.reason}`);
  return a.scoring.scorer;
}

function fnOf(text: string) {
  const r = analyze(text, "gen.zs").rubric!;
  return generateVerdict(r, buildModel(r, 2)).fn;
}

describe("the generated verdict function", () => {
  it("is the same function when an edit leaves its source as it was", () => {
    expect(fnOf(NATIONAL + " ")).toBe(fnOf(NATIONAL));
    expect(fnOf(NATIONAL.replace(/\n/, "\n# 一行注释\n"))).toBe(fnOf(NATIONAL));
  });

  it("is another function when the rules in it change", () => {
    expect(fnOf(rubric("60", "1600"))).not.toBe(fnOf(rubric("60", "1500")));
    const platform = { 服务企业家次: 1500, 专业人员: 13, 从业人员: 20 };
    expect(scorerOf(rubric("60", "1500")).score(platform).total).toBe("25");
    expect(scorerOf(rubric("60", "1600")).score(platform).total).toBe("24");
  });

  it("scores by each rubric's own rules on derived inputs when two rubrics share it", () => {
    // the rule on 专业人员比例 is a closure passed to the function: same source, other threshold
    expect(fnOf(rubric("70"))).toBe(fnOf(rubric("60")));
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
