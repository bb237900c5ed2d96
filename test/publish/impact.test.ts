/** The impact of lowering 1500家次 to 1200家次 on the Hunan sample data, checked by hand on a few platforms. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordsOf } from "../data/records.ts";
import { diffRubrics, measureImpact, rankTotals, reportMarkdown } from "../../packages/publish/src/index.ts";
import { corpus, HUNAN, HUNAN_1200, loadFile, records, ROOT, rubricOf } from "./helpers.ts";

const before = loadFile(HUNAN).rubric;
const after = loadFile(HUNAN_1200).rubric;
const data = records();
const impact = measureImpact(before, after, data);
const byName = (n: string) => impact.platforms.find((p) => p.platform === n)!;

describe("measureImpact", () => {
  it("moves only 服务企业数 and the totals containing it", () => {
    // 958家次: 542 short of 1500 → 5 whole steps → 10分; 242 short of 1200 → 2 steps → 13分
    expect(byName("示例·长沙市综合窗口平台01")).toMatchObject({ before: "95", after: "98", change: "3", indicators: [{ name: "服务企业数（家次）", before: "10", after: "13" }], categories: [{ name: "平台活跃度" }] });
    for (const p of impact.platforms) {
      expect(p.indicators.every((i) => i.name === "服务企业数（家次）")).toBe(true);
      expect(p.categories.every((c) => c.name === "平台活跃度")).toBe(true);
    }
    // at or above 1500 nothing changes
    const high = data.filter((r) => Number(r["服务企业家次"]) >= 1500).map((r) => String(r["名称"]));
    expect(high.length).toBeGreaterThan(0);
    for (const n of high) expect(byName(n).change).toBe("0");
  });

  it("finds who crosses 60 and 80, with ranks before and after", () => {
    expect(byName("示例·衡阳市综合窗口平台01")).toMatchObject({ before: "59.5", after: "62.5", crossings: ["升至60分以上"] });
    expect(byName("示例·张家界市综合窗口平台02")).toMatchObject({ before: "79", after: "82", crossings: ["升至80分以上"] });
    expect(impact.summary).toMatchObject({ platforms: 28, scored: 28, changed: 16, up: 16, down: 0, maxUp: "3", crossings: 2 });
    expect(impact.lines).toEqual(["60", "80"]);
    const sum = (k: "before" | "after") => impact.histogram.reduce((s, b) => s + b[k], 0);
    expect(sum("before")).toBe(28);
    expect(sum("after")).toBe(28);
    expect(impact.histogram.find((b) => b.lo === 50)).toMatchObject({ before: 2, after: 1 });
  });

  it("ranks competition-style and leaves bad data unranked", () => {
    expect(rankTotals(["90", "95", "90", null, "80.5"])).toEqual([2, 1, 2, null, 4]);
    // the sorted ranking agrees with the definition: 1 + how many scored strictly higher
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 40 }).map((n) => String(n / 4)), { nil: null }), { maxLength: 30 }), (totals) => {
        const naive = totals.map((t) => (t === null ? null : 1 + totals.filter((o) => o !== null && Number(o) > Number(t)).length));
        expect(rankTotals(totals)).toEqual(naive);
      }),
    );
    const bad = measureImpact(before, after, [{ 名称: "坏数据", 服务企业家次: "abc" }, ...data.slice(0, 2)]);
    expect(bad.platforms[0]).toMatchObject({ before: null, after: null, change: null, rankBefore: null });
    expect(bad.platforms[0]!.errorsAfter.join()).toContain("服务企业家次");
  });

  it("tells a gained star from a lost one", () => {
    const stars = corpus().find((c) => c.name.endsWith("jiangsu-stars.zs"))!;
    const easier = rubricOf(stars.text.replace("85～89分：四星", "84～89分：四星").replace("75～84分：三星", "75～83分：三星"));
    const r = measureImpact(stars.rubric, easier, [{ 名称: "甲", 建设水平分: "25", 服务能力分: "34", 服务绩效分: "25" }]);
    expect(r.platforms[0]).toMatchObject({ gradeBefore: "三星", gradeAfter: "四星", bandMove: 1 });
    expect(r.platforms[0]!.crossings).toContain("星级 三星 → 四星");
    expect(r.lines).toEqual(expect.arrayContaining(["60", "75", "80", "84", "85", "90"]));
    const md = reportMarkdown({ oldFile: "a.zs", newFile: "b.zs", diff: diffRubrics(stars.rubric, easier), impact: r });
    expect(md).toContain("| 平台 | 原总分 | 新总分 | 变化 | 原名次 | 新名次 | 等级/星级 | 越线 | 变化的指标 |");
    expect(md).toContain("| 甲 | 84 | 84 | 0 | 1 | 1 | 三星 → 四星 |");
  });
});


describe("the library's own sample data (rules/samples)", () => {
  const lib = join(ROOT, "rules/hunan/未注明年度/市州综合窗口平台.zs");
  const csv = join(ROOT, "rules/samples/hunan/未注明年度/市州综合窗口平台.csv");
  it("every platform's change is what the two step rules give, computed independently", () => {
    const text = readFileSync(lib, "utf8");
    const old = rubricOf(text);
    const lowered = rubricOf(text.replaceAll("达1500家次得15分", "达1200家次得15分"));
    const data = recordsOf(csv);
    const r = measureImpact(old, lowered, data);
    const step = (x: number, t: number) => Math.max(0, 15 - Math.floor(Math.max(0, t - x) / 100));
    data.forEach((rec, i) => {
      const x = Number(rec["服务企业家次"]);
      const p = r.platforms[i]!;
      if (p.change === null) return;
      expect(Number(p.change), p.platform).toBe(step(x, 1200) - step(x, 1500));
    });
    expect(r.summary.changed).toBeGreaterThan(0);
  });
});
