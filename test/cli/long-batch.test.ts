/**
 * `zhunsheng score` on a file longer than 20,000 rows: from the 20,000th record the scorer moves
 * from the factory's function (the rubric's numbers passed in as constants) to the same function with
 * the numbers written in as literals. Run as a user runs it — the built CLI as a process, a CSV,
 * --jsonl — every row before and after the switch must carry the verdict the explaining closures
 * (the reference) give: total, grade (a veto included), subtotals and each indicator's score.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { analyze } from "../../packages/core/src/index.ts";
import { expectNoCrash, workspace, zs } from "./process.ts";

const RUBRIC = `评价体系 长批量
输入
  服务企业家次：计数 家次
  满意度：百分比
  获奖项数：计数 项
  营业收入：数值 万元
  违规：是否
类别 服务 60分
  指标 服务规模 30分
    服务企业家次 达1500家次得30分，每少100家次减2分
  指标 服务满意度 20分
    满意度 90%以上得20分，80%以上得12分，60%以上得5分
  指标 营收 10分
    营业收入 300万元以上得10分，100万元以上得4.5分
类别 荣誉 40分
  指标 获奖 40分
    获奖项数 每1项加7.5分，最多40分
否决
  若 违规 则直接视为不合格
等级
  不足60分：不合格
  60分（含）以上不足85分：合格
  85分（含）以上：优秀
`;

const ROWS = 20_100;

it("scores every row of a 20,100-row file as the reference does, across the switch to the literal function", () => {
  // values spread over every band and step (a fixed sequence: the same file on every run)
  const records = Array.from({ length: ROWS }, (_, i) => ({
    名称: `平台${i + 1}`,
    服务企业家次: String((i * 37) % 1800),
    满意度: String(((i * 13) % 1000) / 10),
    获奖项数: String((i * 7) % 9),
    营业收入: String(((i * 53) % 4000) / 10),
    违规: i % 97 === 0 ? "是" : "否",
  }));
  const header = Object.keys(records[0]!) as (keyof (typeof records)[0])[];
  const csv = [header.join(","), ...records.map((r) => header.map((h) => r[h]).join(","))].join("\n") + "\n";
  const dir = workspace({ "长批量.zs": RUBRIC, "平台.csv": csv });
  const r = zs(["score", "长批量.zs", "--data", "平台.csv", "--out", "结果.jsonl", "--jsonl"], dir);
  expectNoCrash(r.err);
  expect(r.code).toBe(0);
  const lines = readFileSync(join(dir, "结果.jsonl"), "utf8").trimEnd().split("\n");
  expect(lines).toHaveLength(ROWS);

  const scoring = analyze(RUBRIC).scoring;
  if (!scoring.scorable) throw new Error(scoring.reason);
  const seen = (v: { total: string | null; grade: string | null; categories: { score: string | null }[]; indicators: { score: string | null }[] }) => [v.total, v.grade, ...v.categories.map((c) => c.score), ...v.indicators.map((i) => i.score)].join(" ");
  const grades = new Set<string | null>();
  lines.forEach((line, i) => {
    const got = JSON.parse(line) as Parameters<typeof seen>[0] & { platform: string };
    const expected = scoring.scorer.referenceScore(records[i]!);
    expect(got.platform).toBe(records[i]!.名称);
    if (seen(got) !== seen(expected)) expect(`row ${i + 2}: ${seen(got)}`).toBe(`row ${i + 2}: ${seen(expected)}`);
    grades.add(got.grade);
  });
  // the file reaches every grade
  expect([...grades].sort()).toEqual(["不合格", "优秀", "合格"]);
});
