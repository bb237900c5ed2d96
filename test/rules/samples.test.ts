/** The fictional sample platforms: enough of them, clearly marked, up to date with their generator and their rubric. */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsvRows } from "@zhunsheng/core";
import { families, samplesFor } from "../fixtures/make-samples.ts";
import { load, rubricFiles, rulesDir, samplePath } from "./support.ts";

it("the samples README says the data is fictional", () => {
  expect(readFileSync(`${rulesDir}/samples/README.md`, "utf8")).toContain("虚构示例数据");
});

it("every rubric has a sample family", () => expect(families.map((f) => f.rubric).sort()).toEqual([...rubricFiles].sort()));

describe.each(families.map((f, k) => [f.rubric, f, k] as const))("%s", (file, family, k) => {
  const text = existsSync(samplePath(file)) ? readFileSync(samplePath(file), "utf8") : "";
  const [header = [], ...rows] = parseCsvRows(text);

  it("has at least 60 fictional platforms, each named 示例·…", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const r of rows) expect(r[0]).toMatch(/^示例·/);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  });

  it("has a column for every entered input of the rubric", () => {
    const { rubric } = load(file);
    expect(header).toEqual(["名称", ...rubric.inputs.filter((i) => i.kind !== "derived").map((i) => i.name)]);
  });

  it("is what the generator writes (npx tsx test/fixtures/make-samples.ts)", () => {
    const { header: h, rows: r } = samplesFor(family, 20260101 + k);
    expect(rows.map((row) => row.join("|"))).toEqual(r.map((row) => h.map((c) => row[c] ?? "").join("|")));
  });
});
