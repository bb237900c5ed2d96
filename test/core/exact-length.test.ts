import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../packages/core/src/index.ts";
import { emptyList, exactLength } from "../../packages/core/src/exact-length.ts";

const NATIONAL = readFileSync(new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url), "utf8");

describe("lists the analysis keeps", () => {
  it("are copies of their elements, and every empty one is the one shared list, which refuses a push", () => {
    const built = [1, 2];
    expect(exactLength(built)).toEqual([1, 2]);
    expect(exactLength(built)).not.toBe(built);
    expect(exactLength([])).toBe(emptyList());
    expect(() => emptyList<number>().push(1)).toThrow(TypeError);
    expect(emptyList()).toHaveLength(0);
  });

  it("an analysed rubric's empty lists (材料 required, 否决, options) are the shared one", () => {
    const { ast, rubric } = analyze(NATIONAL);
    const indicators = rubric!.indicators.filter((i) => i.requires.length === 0);
    expect(indicators.length).toBeGreaterThan(0);
    for (const ind of indicators) expect(ind.requires).toBe(emptyList());
    for (const ind of ast.categories.flatMap((c) => c.indicators)) if (ind.vetoes.length === 0) expect(ind.vetoes).toBe(emptyList());
  });
});
