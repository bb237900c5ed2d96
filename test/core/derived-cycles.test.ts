/**
 * Derived inputs that read each other. A ring (甲 = 乙 + 1, 乙 = 甲 + 1) has no value: before
 * this test it was accepted without a word and scored as if 甲 were missing. A long chain must
 * be ordered without exhausting the stack (a ring of 20,000 crashed `zhunsheng check`).
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../../packages/core/src/index.ts";

const rubric = (derived: string[], rule: string) =>
  ["评价体系 「派生」", "输入", "  丁：数值 次 越多越好", "派生", ...derived.map((d) => `  ${d}`), "类别 丙（100分）", "  指标 戊 100分", `    ${rule}`, ""].join("\n");

describe("derived inputs in a ring", () => {
  it("reports each input of a two-input ring where it reads into the ring, and the rubric is not scored", () => {
    const text = rubric(["甲：数值 次 = 乙 + 1", "乙：数值 次 = 甲 + 丁"], "甲 不低于3次加100分");
    const a = analyze(text);
    const rings = a.diagnostics.filter((d) => d.code === "ZS2009");
    expect(rings.map((d) => d.message)).toEqual(["派生输入「甲」循环引用自身：「甲」 → 「乙」 → 「甲」", "派生输入「乙」循环引用自身：「乙」 → 「甲」 → 「乙」"]);
    expect(rings.map((d) => text.slice(d.range.start.offset, d.range.end.offset))).toEqual(["乙", "甲"]);
    expect(rings.every((d) => d.severity === "error")).toBe(true);
    expect(a.scoring.scorable).toBe(false);
  });

  it("writes a three-input ring in the order it is read, and leaves an input that only reads the ring alone", () => {
    const a = analyze(rubric(["甲：数值 次 = 乙 × 2", "乙：数值 次 = 丙 + 丁", "丙：数值 次 = 甲 - 1", "己：数值 次 = 甲 + 乙"], "己 不低于3次加100分"));
    expect(a.diagnostics.filter((d) => d.code === "ZS2009").map((d) => d.message)).toEqual([
      "派生输入「甲」循环引用自身：「甲」 → 「乙」 → 「丙」 → 「甲」",
      "派生输入「乙」循环引用自身：「乙」 → 「丙」 → 「甲」 → 「乙」",
      "派生输入「丙」循环引用自身：「丙」 → 「甲」 → 「乙」 → 「丙」",
    ]);
  });

  it("keeps the message for an input that reads itself", () => {
    const a = analyze(rubric(["甲：数值 次 = 甲 + 1"], "甲 不低于3次加100分"));
    expect(a.diagnostics.filter((d) => d.code === "ZS2009").map((d) => d.message)).toEqual(["派生输入「甲」循环引用自身"]);
  });

  it("describes a ring of 20,000 inputs by its size instead of crashing", () => {
    const n = 20_000;
    const chain = Array.from({ length: n }, (_, i) => `甲${i}：数值 次 = 甲${(i + n - 1) % n} + 1`);
    const rings = analyze(rubric(chain, `甲${n - 1} 不低于3次加100分`)).diagnostics.filter((d) => d.code === "ZS2009");
    expect(rings).toHaveLength(n);
    expect(rings[0]!.message).toBe(`派生输入「甲0」循环引用自身：与另外${n - 1}个派生输入相互引用`);
  });
});

describe("a long chain of derived inputs", () => {
  it("is computed in order when each input is declared before the one it reads (20,000 deep)", () => {
    const n = 20_000;
    // 甲19999 = 甲19998 + 1, …, 甲0 = 丁: declared from the end, so each one waits for all below it
    const chain = Array.from({ length: n }, (_, k) => {
      const i = n - 1 - k;
      return i === 0 ? "甲0：数值 次 = 丁" : `甲${i}：数值 次 = 甲${i - 1} + 1`;
    });
    const a = analyze(rubric(chain, `甲${n - 1} 不低于20004次加100分`));
    expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (!a.scoring.scorable) throw new Error("not scorable");
    expect(a.scoring.scorer.score({ 丁: "5" }).total).toBe("100");
    expect(a.scoring.scorer.score({ 丁: "4" }).total).toBe("0");
  });
});
