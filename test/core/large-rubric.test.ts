/**
 * A rubric far larger than any published one must still be analysed, never crash. The national norm
 * copied 1,000 times (18 MB) made `analyze` throw "Maximum call stack size exceeded": the rubric's
 * numbers were spread into Math.max's arguments (rubricDecimals). It is a running maximum now; this
 * gives it more numbers than a call may have arguments.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { analyze, type Rubric } from "../../packages/core/src/index.ts";
import { rubricDecimals } from "../../packages/core/src/scale.ts";

const NATIONAL = readFileSync(new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url), "utf8");

it("rubricDecimals takes a rubric with more numbers than a call may have arguments", () => {
  const rubric = analyze(NATIONAL).rubric!;
  // 20,000 copies of every indicator: well over a million numbers
  const copies = Array.from({ length: 20_000 }, () => rubric.indicators).flat();
  const large: Rubric = { ...rubric, indicators: copies, categories: rubric.categories.map((c) => ({ ...c, indicators: Array.from({ length: 20_000 }, () => c.indicators).flat() })) };
  expect(() => Math.max(...copies.map(() => 0))).toThrow(RangeError);
  expect(rubricDecimals(large)).toEqual(rubricDecimals(rubric));
});

