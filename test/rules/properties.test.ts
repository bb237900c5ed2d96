/**
 * fast-check properties of every rubric in the library, over random valid platforms drawn from the
 * rubric's own declared input ranges: totals within the declared maximum, every indicator within
 * [0, max], weights exact, and the inputs declared 越多越好 / 越少越好 never lowering a score.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "@zhunsheng/core";
import { improve, load, nano, recordArb, reportedNonMonotone, rubricFiles, sumDecimals } from "./support.ts";

/** The maximum each rubric declares, from its source: base points plus the bonus cap. */
const DECLARED_MAX: Record<string, string> = {
  "hunan/未注明年度/市州综合窗口平台.zs": "115",
  "hunan/未注明年度/产业集群窗口平台.zs": "115",
  "hunan/未注明年度/县区工业园区窗口平台.zs": "115",
  "national/2024/中小企业公共服务规范评价指标.zs": "100",
  "hebei/2017/窗口平台绩效考核.zs": "110",
  "jiangsu/2020/省级中小企业公共服务示范平台星级认定.zs": "100",
  // the fragment's labelled parts: 8 + 5 + 21 + 28 + 2 (of which 45 can be scored from what it gives)
  "jingjinji/未注明年度/中小企业公共服务示范平台自评价表.zs": "64",
  // drafts: every point is still pending
  "hebei/未注明年度/中小企业公共服务示范平台.zs": "0",
  "hebei/未注明年度/小型微型企业创业创新示范基地.zs": "0",
  // eligibility only, no points
  "qinhuangdao/2020/市级中小企业公共服务示范平台认定条件.zs": "0",
  // gathered for issue 10: points as published, bonus caps added
  "national/未注明年度/创新型中小企业评价标准.zs": "100",
  "chengdu/2024/科技型中小企业入库评价.zs": "100",
  "未注明地区/未注明年度/众创空间创客孵化类评价.zs": "100",
  "huzhou/未注明年度/众创空间认定备案评审表.zs": "105",
  "national/未注明年度/国家众创空间备案条件.zs": "0",
  "yunnan/未注明年度/省级中小企业特色产业集群认定.zs": "0",
  "hubei/未注明年度/大学生创业孵化示范基地基本条件.zs": "0",
  "shenzhen/未注明年度/示范性创业孵化基地评选条件.zs": "0",
};

const RUNS = 300;

it("every rubric has its declared maximum listed here", () => expect(Object.keys(DECLARED_MAX).sort()).toEqual([...rubricFiles].sort()));

describe.each(rubricFiles)("%s", (file) => {
  const { analysis, rubric } = load(file);
  const scorer = compile(rubric);
  const declared = DECLARED_MAX[file]!;

  it("declares the maximum of its source", () => expect(rubric.maxTotal).toBe(declared));

  it("weights are exact: second-level weights add up to their first-level weight, first-level weights to 1", () => {
    if (!rubric.weighted) return;
    for (const c of rubric.categories) expect(sumDecimals(c.indicators.map((i) => i.weight!)), c.name).toBe(nano(c.weight!));
    expect(sumDecimals(rubric.categories.map((c) => c.weight!))).toBe(nano("1"));
  });

  it("points are exact: each category's points are its indicators' points", () => {
    for (const c of rubric.categories) {
      if (c.points === undefined || c.indicators.some((i) => i.pending)) continue;
      expect(sumDecimals(c.indicators.map((i) => i.points!)), c.name).toBe(nano(c.points));
    }
  });

  it(`total ≤ ${declared}, every indicator within [0, max], bonus within its cap`, () => {
    fc.assert(
      fc.property(recordArb(rubric), (rec) => {
        const v = scorer.score(rec);
        if (v.errors.length > 0) return; // e.g. a ratio over 100% from unrelated random counts: a data error, not a score
        expect(v.total).not.toBeNull();
        expect(nano(v.total!)).toBeGreaterThanOrEqual(0n);
        expect(nano(v.total!)).toBeLessThanOrEqual(nano(declared));
        for (const i of v.indicators) {
          if (i.score === null) continue;
          expect(nano(i.score), i.path).toBeGreaterThanOrEqual(0n);
          const ind = rubric.indicators.find((x) => x.path === i.path)!;
          if (ind.max !== undefined) expect(nano(i.score), i.path).toBeLessThanOrEqual(nano(ind.max));
        }
        for (const c of v.categories) {
          const cat = rubric.categories.find((x) => x.name === c.name)!;
          if (cat.kind === "bonus" && cat.cap !== undefined) expect(nano(c.score), c.name).toBeLessThanOrEqual(nano(cat.cap));
        }
      }),
      { numRuns: RUNS },
    );
  });

  const withDirection = rubric.inputs.filter((i) => i.direction !== undefined && i.kind !== "derived" && i.type !== "yesno");
  // an expert score (专家评定 / 酌情加分) counts itself (§6.5), so raising it can never lower a score, declared or not
  const selfScored = rubric.inputs.filter((i) => !withDirection.includes(i) && rubric.indicators.some((ind) => ind.rules.some((r) => r.subjects.includes(i) && r.parts.some((p) => p.kind === "expert" || p.kind === "discretionary"))));
  const directed = [...withDirection, ...selfScored];
  const skip = reportedNonMonotone(analysis);
  if (directed.length === 0) {
    // nothing to hold monotone: only a rubric whose every indicator is still pending (a draft) may have no direction,
    // and then it scores every platform 0 with no indicator scored
    it("has no directed input only because every indicator is pending, and then scores every platform 0", () => {
      expect(rubric.indicators.every((i) => i.pending), "a scored rubric without any declared direction").toBe(true);
      fc.assert(
        fc.property(recordArb(rubric), (rec) => {
          const v = scorer.score(rec);
          if (v.errors.length > 0) return;
          expect(nano(v.total!)).toBe(0n);
          expect(v.indicators.every((i) => i.score === null)).toBe(true);
        }),
        { numRuns: 50 },
      );
    });
    return;
  }
  it(`monotone inputs (${directed.length}) never lower an indicator, the total, or eligibility`, () => {
    let checked = 0;
    fc.assert(
      fc.property(recordArb(rubric), fc.constantFrom(...directed), fc.integer({ min: 1, max: 400 }), (rec, input, steps) => {
        if (rec[input.name] === undefined) return; // the other alternative of a 选其一
        const better = improve(input, rec[input.name]!, steps);
        if (better === undefined) return;
        const before = scorer.score(rec);
        const after = scorer.score({ ...rec, [input.name]: better });
        if (before.errors.length > 0 || after.errors.length > 0) return;
        checked++;
        for (const a of before.indicators) {
          const ind = rubric.indicators.find((x) => x.path === a.path)!;
          if (skip.has(`${ind.name}#${input.name}`)) continue; // literal non-monotone reading, reported by the checker
          const b = after.indicators.find((x) => x.path === a.path)!;
          if (a.score !== null && b.score !== null) expect(nano(b.score), `${a.path} ← ${input.name} ${rec[input.name]} → ${better}`).toBeGreaterThanOrEqual(nano(a.score));
        }
        const literal = [...skip].some((k) => k.endsWith(`#${input.name}`));
        if (!literal && before.total !== null && after.total !== null) expect(nano(after.total)).toBeGreaterThanOrEqual(nano(before.total));
        if (before.eligible === true) expect(after.eligible).toBe(true);
        if (before.vetoed === undefined) expect(after.vetoed).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    expect(checked, "platforms actually compared (not all skipped as out of range or in error)").toBeGreaterThanOrEqual(RUNS / 10);
  });
});

it("the national norm's two literal bands are the only non-monotone rules of the library", () => {
  const reported = rubricFiles.flatMap((f) => [...reportedNonMonotone(load(f).analysis)].map((k) => `${f}#${k}`));
  expect(reported.sort()).toEqual([
    "national/2024/中小企业公共服务规范评价指标.zs#服务的自评估与企业评价#企业满意度",
    "national/2024/中小企业公共服务规范评价指标.zs#服务项目服务单一企业频次#年均单一企业接受服务次数",
  ]);
});
