/** The semantic diff: one Chinese line per change, nothing reported for wording-free edits. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, format } from "../../packages/core/src/index.ts";
import { diffRubrics, diffText } from "../../packages/publish/src/index.ts";
import { corpus, HUNAN, HUNAN_1200, loadFile, rubricOf } from "./helpers.ts";

const hunan = loadFile(HUNAN);
const edit = (from: string | RegExp, to: string) => rubricOf(hunan.text.replace(from, to));
const lines = (newR: ReturnType<typeof rubricOf>, oldR = hunan.rubric) => diffRubrics(oldR, newR).changes.map((c) => c.text);

describe("diffRubrics", () => {
  it("reports the lowered threshold in the officer's words", () => {
    const d = diffRubrics(hunan.rubric, loadFile(HUNAN_1200).rubric);
    expect(d.changes.map((c) => c.text)).toEqual(["服务企业数（家次）：达标线 1500家次 → 1200家次", "服务企业数（家次）：指标描述 「…线上交易总计达1500家次得15分…」 → 「…线上交易总计达1200家次得15分…」"]);
    expect(d.changes[0]).toMatchObject({ kind: "threshold", before: "1500家次", after: "1200家次" });
    expect(d.changes[0]!.oldRange!.start.line).toBeGreaterThan(0);
    const path = hunan.rubric.indicators[0]!.path;
    expect(d.scoringChanged).toEqual([{ old: path, new: path }]);
  });

  it("names steps, deductions, points, caps and readings", () => {
    expect(lines(edit("每少100家次减1分（", "每少50家次减1分（"))).toContain("服务企业数（家次）：每档 100家次 → 50家次");
    expect(lines(edit("每少100家次减1分（", "每少100家次减2分（"))).toContain("服务企业数（家次）：每档扣分 1分 → 2分");
    expect(lines(edit("（不足一档不计）", "（按比例计）"))).toContain("服务企业数（家次）：不满一档的读法 不足一档不计 → 按比例计");
    expect(lines(edit("加分项 资源品牌培育（不超过15分）", "加分项 资源品牌培育（不超过10分）"))).toContain("资源品牌培育：加分上限 15分 → 10分");
    expect(lines(edit("每1次减1分", "每1次减2分"))).toContain("日常调度：每次扣分 1分 → 2分");
    expect(lines(edit("优质资源项数 每项加3分", "优质资源项数 每项加2分"))).toContain("优质服务资源培育：每项加分 3分 → 2分");
  });

  it("lists moved points between indicators and categories", () => {
    const text = hunan.text.replace("指标 其他类服务活动 12分", "指标 其他类服务活动 10分").replace("其他类活动次数 12次及以上得12分", "其他类活动次数 10次及以上得10分").replace("类别 重点服务活动（40分）", "类别 重点服务活动（38分）").replace("满分：100分", "满分：98分");
    const l = lines(rubricOf(text));
    expect(l).toContain("其他类服务活动：分值 12分 → 10分");
    expect(l).toContain("重点服务活动：类别分值 40分 → 38分");
    expect(l).toContain("其他类服务活动：达标线 12次 → 10次");
    expect(l).toContain("其他类服务活动：达标得分 12分 → 10分");
    expect(l).toContain("总分：满分 100分 → 98分");
  });

  it("matches a renamed indicator by concept and position, and lists added and removed ones", () => {
    const renamed = lines(edit("指标 创业创新服务 4分", "指标 创业创新辅导 4分"));
    expect(renamed).toEqual(["创业创新服务：更名为「创业创新辅导」"]);
    const removedText = hunan.text.replace(/\n  指标 创业创新服务 4分[\s\S]*?(?=\n\n  指标 其他类服务活动)/, "").replace("类别 重点服务活动（40分）", "类别 重点服务活动（36分）").replace("满分：100分", "满分：96分");
    const removed = lines(rubricOf(removedText));
    expect(removed).toContain("删除指标「创业创新服务」（重点服务活动，4分）");
    const added = diffRubrics(rubricOf(removedText), hunan.rubric).changes.map((c) => c.text);
    expect(added).toContain("新增指标「创业创新服务」（重点服务活动，4分）");
  });

  it("writes a draft's pending points as 分值待定, not 「分值待定分」 or 「无」", () => {
    const draft = readFileSync(new URL("../../rules/hebei/未注明年度/中小企业公共服务示范平台.zs", import.meta.url), "utf8");
    const withoutOne = draft.replace(/\n  指标 服务执行人员的配置 分值待定\n    概念：服务人员\n    描述：合理安排相应的服务人员和专家团队\n/, "\n");
    expect(withoutOne).not.toBe(draft);
    const l = lines(rubricOf(withoutOne), rubricOf(draft));
    expect(l).toContain("删除指标「服务执行人员的配置」（服务执行，分值待定）");
    const national = lines(rubricOf(draft), hunan.rubric);
    expect(national).toContain("新增类别「服务执行（分值待定）」");
    expect(national.join("\n")).not.toContain("分值待定分");
    expect(national).toContain("总分：满分 100分 → 0分（另有14个指标分值待定）");
  });

  it("names an added deduction group with its cap, as the published table does (was 「（分值待定）」)", () => {
    const withDeduction = `${hunan.text}\n扣分项 安全与诚信（最多扣10分）\n  指标 信息报送 5分\n    缺报晚报次数 每次扣2分\n`;
    const l = lines(rubricOf(withDeduction));
    expect(l).toContain("新增类别「安全与诚信（扣分项，最多扣10分）」");
    expect(l.join("\n")).not.toContain("分值待定");
  });

  it("reports grade bands and weights", () => {
    const stars = corpus().find((c) => c.name.endsWith("jiangsu-stars.zs"))!;
    const l = diffRubrics(stars.rubric, rubricOf(stars.text.replace("85～89分：四星", "85～89.99分：四星"))).changes.map((c) => c.text);
    expect(l).toEqual(["星级：「四星」 85～89分 → 85～89.99分"]);
    const national = corpus().find((c) => c.name.startsWith("rules/national/"));
    if (national) {
      const m = /指标 (\S+) 权重0\.05/.exec(national.text)!;
      const changed = national.text.replace(`指标 ${m[1]} 权重0.05`, `指标 ${m[1]} 权重0.06`);
      const d = diffRubrics(national.rubric, analyzeLoose(changed));
      expect(d.changes.map((c) => c.text)).toContain(`${m[1]!.replace(/[「」]/g, "")}：权重 0.05 → 0.06`);
    }
  });

  it("says nothing for a rubric against itself or its formatted copy", () => {
    for (const c of corpus()) {
      expect(diffRubrics(c.rubric, c.rubric).changes, c.name).toEqual([]);
      expect(diffRubrics(c.rubric, rubricOf(format(c.text).text, c.name)).changes, c.name).toEqual([]);
    }
    expect(diffText(diffRubrics(hunan.rubric, hunan.rubric))).toContain("没有差别");
  });
});

/** A rubric whose sums may no longer add up (a weight edit): bound, errors allowed. */
function analyzeLoose(text: string) {
  return analyze(text, "loose.zs").rubric!;
}

describe("three-level rubrics (大类)", () => {
  const text = (a: string, b: string) => `评价体系 三层\n  满分：10分\n输入\n  x：是否\n  y：是否\n大类 ${a}（10分）\n类别 甲（5分）\n  指标 子甲 5分\n    x 得5分\n${b}类别 乙（5分）\n  指标 子乙 5分\n    y 得5分\n`;
  it("reports a category moving to another 大类 and a new 大类", () => {
    const before = rubricOf(text("服务能力", ""));
    const after = rubricOf(text("服务能力", "").replace("大类 服务能力（10分）\n类别 甲（5分）\n  指标 子甲 5分\n    x 得5分\n", "大类 服务能力（5分）\n类别 甲（5分）\n  指标 子甲 5分\n    x 得5分\n大类 服务绩效（5分）\n"));
    const l = diffRubrics(before, after).changes.map((c) => c.text);
    expect(l).toContain("服务能力：大类分值 10分 → 5分");
    expect(l).toContain("新增大类「服务绩效」");
    expect(l).toContain("乙：所属大类 服务能力 → 服务绩效");
  });
});
