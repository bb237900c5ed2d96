/**
 * The concept mappings of rules/concepts/概念.json (issue 12's honest comparison): each names an input two or more
 * rubrics declare, and the inputs it joins are of one type and unit — a count is never carried into a percentage,
 * a 0–20 expert score never into a 0–100 one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { load, rubricFiles, rulesDir } from "./support.ts";

interface Mapping {
  概念: string;
  说明: string;
  输入: Record<string, string>;
}
const vocabulary = JSON.parse(readFileSync(join(rulesDir, "concepts/概念.json"), "utf8")) as { 输入对应: Mapping[] };
const mappings = vocabulary.输入对应;

it("declares mappings for the rubrics that share concepts (seeds and gathered)", () => {
  expect(mappings.length).toBeGreaterThanOrEqual(15);
  const mapped = new Set(mappings.flatMap((m) => Object.keys(m.输入)));
  // every seed rubric with entered inputs takes part in at least one mapping (Jiangsu has only its expert score)
  for (const f of rubricFiles.filter((f) => !f.startsWith("jiangsu/") && !f.startsWith("huzhou/") && !f.startsWith("chengdu/") && !f.startsWith("yunnan/") && !f.includes("创新型"))) {
    expect(mapped.has(f), f).toBe(true);
  }
});

it.each(mappings.map((m) => [m.概念, m] as const))("%s: joins two or more rubrics on inputs of one type and unit, and says why", (_c, m) => {
  expect(Object.keys(m.输入).length).toBeGreaterThanOrEqual(2);
  expect(m.说明.length).toBeGreaterThan(4);
  const kinds = Object.entries(m.输入).map(([file, name]) => {
    expect(rubricFiles, file).toContain(file);
    const input = load(file).rubric.inputByName.get(name);
    expect(input, `${file}：${name}`).toBeDefined();
    expect(input!.kind, `${file}：${name}`).not.toBe("derived");
    // counts of 家 / 家次 / 户 / 个 are one number of things; money in 万元; percentages; yes/no; expert scores by range
    const unit = input!.type === "count" ? "" : (input!.unit ?? "");
    const range = input!.type === "score" ? `${input!.min}～${input!.max}` : "";
    return `${input!.type}${unit}${range}`;
  });
  expect(new Set(kinds).size, kinds.join(" / ")).toBe(1);
});
