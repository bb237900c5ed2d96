/**
 * Import of the sentence shapes of issue 10's constructs: a table as an officer writes it becomes a
 * draft whose rules are the constructs (bands met by either measure, 取其高者 over lettered bands,
 * 选项, 取值/清单 levels with 取最高一项, 扣分项 sections with their cap, expert panels, counting notes,
 * grade bands from the notes, 认定条件 lists) — and the draft scores platforms as the policy says.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { draftFromTable, preparePublication, readIndicatorTables, recognise, tableMarkdown } from "../../packages/publish/src/index.ts";
import { FIXTURES, ROOT } from "./helpers.ts";

const enc = (s: string) => new TextEncoder().encode(s);

const TABLE = `# 某市中小企业公共服务平台评价指标表

| 类别 | 指标 | 分值 | 指标描述 |
| --- | --- | --- | --- |
| 服务能力（50分） | 服务收入 | 10分 | A.服务收入300万元以上或服务收入占总收入比重15%以上（10分）；B.200万元以上或10%以上（7分）；C.100万元以上或5%以上（4分）。 |
| 服务能力（50分） | 知识产权 | 20分 | A.Ⅰ类高价值知识产权1项以上（20分）；B.自主研发的Ⅰ类知识产权1项以上（15分）；C.Ⅱ类知识产权1项以上（5分）；D.无（0分）。 |
| 服务能力（50分） | 研发投入 | 10分 | 企业从（1）、（2）两项中选择一项进行评分。（1）按研发费用占销售收入的比例评价，6%以上得10分，3%以上得5分；（2）按研发费用占成本费用的比例评价，30%以上得10分，15%以上得5分。 |
| 服务能力（50分） | 专家评审 | 10分 | 由专家组评分，去掉一个最高分和一个最低分后取平均。 |
| 荣誉（20分） | 荣誉称号 | 10分 | 获得国家级（10分）、省级（6分）、市级（3分）荣誉称号，取最高一项。 |
| 荣誉（20分） | 引进人才 | 10分 | 每引进一名本科生得1分；每引进一名硕士得2分；每引进一名博士得3分。（以个人最高学历为准，不累计加分） |
| 扣分项（最多扣10分） |  |  |  |
| 安全与诚信 | 安全生产 | / | 发生安全生产事故的，扣6分。 |
| 安全与诚信 | 信息报送 | 最多扣5分 | 每少报一次扣2分。 |

注：总分85分以上为优秀，70～84分为良好，60～69分为合格，不足60分为不合格。
`;

const CONDITIONS = `# 某市示范性创业孵化基地评选条件

符合下列条件的创业孵化基地可以参加评选：
（一）当年度考核合格；
（二）场地面积不小于3000平方米；
（三）创业实体入驻率不低于60%，在孵创业实体不少于30户；
（四）拥有不低于500平方米的服务场地，或提供不少于30个创业工位。
`;

async function draftOf(name: string, text: string) {
  const read = await readIndicatorTables(name, enc(text));
  if ("error" in read) throw new Error(read.error);
  return draftFromTable(read.tables[0]!);
}

describe("recognise: the sentence shapes of the new constructs", () => {
  const one = (s: string) => recognise(s).map((r) => [r.pattern, r.clause, r.phrase.alternative?.clause ?? r.phrase.panel ?? r.phrase.levels?.map((l) => l.value).join("、")]);
  it("reads each", () => {
    expect(one("A.服务收入300万元以上或服务收入占总收入比重15%以上（10分）；B.200万元以上或10%以上（7分）")).toEqual([["分档得分", "300万元以上得10分；200万元以上得7分", "15%以上得10分；10%以上得7分"]]);
    expect(one("由专家组评分，去掉一个最高分和一个最低分后取平均")).toEqual([["综合评定", "综合评定", "trimmedMean"]]);
    expect(one("专家评分取中位数")).toEqual([["综合评定", "综合评定", "median"]]);
    expect(one("获得国家级（10分）、省级（6分）、市级（3分）荣誉称号，取最高一项")).toEqual([["按级别得分", "国家级得10分；省级得6分；市级得3分", "国家级、省级、市级"]]);
    expect(one("发生安全生产事故的，扣6分")).toEqual([["条件得分", "扣6分", undefined]]);
    expect(one("违规1次以上扣3分")).toEqual([["条件加分", "1次以上扣3分", undefined]]);
    expect(one("E.无（0分）")).toEqual([["扣完为止", "", undefined]]);
  });
});

describe("a table with every construct becomes a draft of those constructs", () => {
  it("every scoring sentence becomes a rule; the draft has no errors", async () => {
    const d = await draftOf("表.md", TABLE);
    expect(d.diagnostics.filter((x) => x.severity === "error").map((x) => x.message)).toEqual([]);
    expect(d.marks.map((m) => m.text)).toEqual([]);
    expect(d.sentences.recognised).toBe(d.sentences.scoring);
    expect(d.sentences.scoring).toBeGreaterThanOrEqual(10);
    const t = d.text;
    // an input may not take the indicator's own name: the draft names it by its unit
    expect(t).toMatch(/服务收入金额 300万元以上或 服务收入占总收入比重 15%以上得10分；200万元以上或 服务收入占总收入比重 10%以上得7分/);
    expect(t).toMatch(/Ⅰ类高价值知识产权项数」? 1项以上得20分 或 「?自主研发的Ⅰ类知识产权项数」? 1项以上得15分 或 「?Ⅱ类知识产权项数」? 1项以上得5分，取其高者/);
    expect(t).toMatch(/选项（1）研发费用占销售收入的比例 不低于6%得10分|选项（1）研发费用占销售收入的比例 6%以上得10分/);
    expect(t).toMatch(/选项（2）研发费用占成本费用的比例/);
    expect(t).toContain("：评分 0～10分 去掉一个最高分和一个最低分后取平均");
    expect(t).toMatch(/：清单 国家级、省级、市级/);
    expect(t).toContain("国家级得10分；省级得6分；市级得3分（取最高一项）");
    expect(t).toContain("以个人最高学历为准，不累计加分");
    expect(t).toContain("扣分项 安全与诚信（最多扣10分）");
    expect(t).toMatch(/扣6分/);
    expect(t).toMatch(/^等级\n {2}85分以上：优秀\n/m);
  });

  it("the draft scores as the policy says", async () => {
    const d = await draftOf("表.md", TABLE);
    const a = analyze(d.text, "草稿.zs");
    expect(a.scoring.scorable, a.diagnostics.map((x) => x.message).join("；")).toBe(true);
    if (!a.scoring.scorable) return;
    const names = a.rubric!.inputs.filter((i) => i.kind === "input").map((i) => i.name);
    const find = (re: RegExp) => names.find((n) => re.test(n))!;
    const base: Record<string, string> = Object.fromEntries(names.map((n) => [n, "0"]));
    for (const n of names) {
      const input = a.rubric!.inputByName.get(n)!;
      if (input.type === "yesno") base[n] = "否";
      if (input.type === "list") base[n] = "无";
      if (input.panel) base[n] = "5、5、5";
    }
    base[find(/比例/)] = "";
    base[names.filter((n) => /比例/.test(n))[1]!] = "";
    const platform = {
      ...base,
      [find(/^服务收入金额$/)]: "250",
      [find(/服务收入占总收入比重/)]: "16",
      [find(/^自主研发/)]: "2",
      [find(/研发费用占销售收入的比例/)]: "4",
      [find(/专家评分|评定分/)]: "2、9、8、7",
      [find(/级别/)]: "省级、国家级",
      [find(/安全生产|事故/)]: "是",
    };
    const v = a.scoring.scorer.score(platform);
    expect(v.errors, JSON.stringify(v.errors)).toEqual([]);
    const score = (name: string) => v.indicators.find((i) => i.name === name)?.score;
    expect(score("服务收入")).toBe("10"); // B by 收入, A by 比重: the best band counts
    expect(score("知识产权")).toBe("15");
    expect(score("研发投入")).toBe("5"); // option (1): 4% → 5分
    expect(score("专家评审")).toBe("7.5"); // (8 + 7) ÷ 2 once 9 and 2 are dropped
    expect(score("荣誉称号")).toBe("10");
    expect(score("安全生产")).toBe("-6");
  });

  it("a list of 认定条件 becomes the draft's 认定条件, one 条件 line per part, 或 kept", async () => {
    const d = await draftOf("条件.md", CONDITIONS);
    expect(d.diagnostics.filter((x) => x.severity === "error").map((x) => x.message)).toEqual([]);
    expect(d.sentences).toEqual({ scoring: 4, recognised: 4 });
    expect(d.text).toContain("条件（一）当年度考核合格");
    expect(d.text).toContain("条件（二）场地面积 不低于3000平方米");
    expect(d.text).toContain("条件（三）创业实体入驻率 不低于60%");
    expect(d.text).toContain("条件（三）在孵创业实体 不少于30户");
    expect(d.text).toMatch(/条件（四）服务场地面积 不低于500平方米，或 创业工位数? 不少于30个/);
    const a = analyze(d.text, "条件.zs");
    expect(a.scoring.scorable).toBe(true);
  });

  it("the exported table of every construct reads back into a draft without errors, every sentence a rule", async () => {
    const p = preparePublication(readFileSync(join(FIXTURES, "新构造-公布用.zs"), "utf8"), "新构造.zs");
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const d = await draftOf("新构造.md", tableMarkdown(p.table));
    expect(d.diagnostics.filter((x) => x.severity === "error").map((x) => x.message)).toEqual([]);
    expect(d.marks.map((m) => `${m.indicator}：${m.text}`)).toEqual([]);
    expect(d.text).toContain("扣分项 安全与诚信（最多扣10分）");
    // 「50分以上，其中服务能力得分不低于30分为合格」 is more than bands of the total: kept as a note, no 等级 block guessed from it
    expect(d.text).not.toMatch(/^等级$/m);
    expect(d.text).toMatch(/^扣分项 安全与诚信（最多扣10分）$/m);
    expect(d.text).toContain("获奖级别 国家级每项加5分，省级每项加3分，最多10分");
  });
});

describe("zhunsheng import of the constructs, as a process", () => {
  it("writes the draft and the report; exit 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "zs-import-constructs-"));
    writeFileSync(join(dir, "表.md"), TABLE);
    writeFileSync(join(dir, "条件.md"), CONDITIONS);
    const cli = join(ROOT, "packages/cli/bin/zhunsheng.js");
    const r = spawnSync(process.execPath, [cli, "import", "表.md", "--out", "草稿.zs", "--report", "报告.md"], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/完整识别(\d+)句（100%），0处待补/);
    expect(readFileSync(join(dir, "草稿.zs"), "utf8")).toContain("取其高者");
    expect(readFileSync(join(dir, "报告.md"), "utf8")).toContain("按级别得分");
    const c = spawnSync(process.execPath, [cli, "import", "条件.md"], { cwd: dir, encoding: "utf8" });
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain("认定条件");
  });
});
