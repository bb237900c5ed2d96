/** The fictional sample platforms: enough of them, clearly marked, up to date with their generator and their rubric. */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile, type Verdict } from "@zhunsheng/core";
import { parseCsv } from "@zhunsheng/data";
import { families, samplesFor } from "../fixtures/make-samples.ts";
import { load, nano, rubricFiles, rulesDir, samplePath } from "./support.ts";

/** Indicators whose literal reading cannot reach their maximum (the checker reports ZS3012): the highest the text allows. */
const LITERAL_MAX: Record<string, string> = { "质量管控/服务的自评估与企业评价": "80" };

/** Indicators whose policy gives no 0: every main product is either in a strategic emerging industry (10) or in another field (5). */
const LITERAL_MIN: Record<string, string> = { "专业化指标/主导产品所属领域情况": "5" };

it("the samples README says the data is fictional", () => {
  expect(readFileSync(`${rulesDir}/samples/README.md`, "utf8")).toContain("虚构示例数据");
});

it("every rubric has a sample family", () => expect(families.map((f) => f.rubric).sort()).toEqual([...rubricFiles].sort()));

describe.each(families.map((f, k) => [f.rubric, f, k] as const))("%s", (file, family, k) => {
  const text = existsSync(samplePath(file)) ? readFileSync(samplePath(file), "utf8") : "";
  const [header = [], ...rows] = parseCsv(text);

  it("has at least 60 fictional platforms, each named 示例·…", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const r of rows) expect(r[0]).toMatch(/^示例·/);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  });

  it("has a column for every entered input of the rubric", () => {
    const { rubric } = load(file);
    expect(header).toEqual(["名称", ...rubric.inputs.filter((i) => i.kind !== "derived").map((i) => i.name)]);
  });

  it("exercises every indicator from 0 to its maximum, every grade, every bonus cap and every veto", () => {
    const { rubric } = load(file);
    const scorer = compile(rubric);
    const verdicts: Verdict[] = rows.map((r) => scorer.score(Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))));
    for (const ind of rubric.indicators) {
      if (ind.pending || ind.bonus || ind.max === undefined) continue;
      const scores = verdicts.map((v) => v.indicators.find((i) => i.path === ind.path)!.score!);
      expect(scores.some((x) => nano(x) === nano(LITERAL_MIN[ind.path] ?? "0")), `${ind.path} at its minimum`).toBe(true);
      expect(scores.some((x) => nano(x) === nano(LITERAL_MAX[ind.path] ?? ind.max!)), `${ind.path} at its maximum`).toBe(true);
      const parts = ind.rules.flatMap((r) => r.parts);
      const allOrNothing = parts.length === 1 && (parts[0]!.kind === "flag" || (parts[0]!.kind === "tiers" && parts[0]!.tiers.length === 1));
      if (!allOrNothing) expect(scores.some((x) => nano(x) > 0n && nano(x) < nano(LITERAL_MAX[ind.path] ?? ind.max!)), `${ind.path} in between`).toBe(true);
    }
    // a bonus group can go over its cap unless it is one expert score bounded by the cap itself (Hebei 2017 附加内容)
    const canExceed = (c: (typeof rubric.categories)[number]) => !c.indicators.every((i) => i.rules.every((r) => r.parts.every((p) => p.kind === "expert")));
    for (const cat of rubric.categories.filter((c) => c.kind === "bonus" && c.cap !== undefined && canExceed(c))) {
      const raw = verdicts.map((v) => v.indicators.filter((i) => i.category === cat.name).reduce((s, i) => s + nano(i.score ?? "0"), 0n));
      expect(raw.some((x) => x > nano(cat.cap!)), `${cat.name} over its cap`).toBe(true);
    }
    for (const g of rubric.grades) expect(verdicts.some((v) => v.grade === g.label), `grade ${g.label}`).toBe(true);
    for (const g of rubric.grades) {
      for (const end of [g.interval.lo, g.interval.hi]) {
        if (end && nano(end.value) > 0n && nano(end.value) < nano(rubric.maxTotal)) expect(verdicts.some((v) => v.total !== null && nano(v.total) === nano(end.value)), `a total exactly at ${end.value}`).toBe(true);
      }
    }
    if (rubric.vetoes.length > 0) expect(verdicts.some((v) => v.vetoed !== undefined)).toBe(true);
    if (rubric.eligibility) {
      expect(verdicts.some((v) => v.eligible === true && (v.relaxed ?? []).length === 0)).toBe(true);
      if (rubric.eligibility.relaxations.length > 0) expect(verdicts.some((v) => v.eligible === true && (v.relaxed ?? []).length > 0)).toBe(true);
      expect(verdicts.some((v) => v.eligible === false)).toBe(true);
    }
  });

  it("is what the generator writes (npx tsx --conditions=@zhunsheng/source test/fixtures/make-samples.ts)", () => {
    const { header: h, rows: r } = samplesFor(family, 20260101 + k);
    expect(rows.map((row) => row.join("|"))).toEqual(r.map((row) => h.map((c) => row[c] ?? "").join("|")));
  });
});
