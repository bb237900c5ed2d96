/**
 * "你是不是想写「…」": the suggestion for an unknown name. It compares the name with every known
 * one, so it has a bound per file (a hostile file of thousands of inputs and thousands of unknown
 * names took minutes before it had one), and its edit distance stops counting once a candidate
 * cannot be closer than the one found. Neither may change which name is suggested.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, suggestName } from "../../packages/core/src/index.ts";

/** The plain edit distance, the whole table (the reference). */
function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** The suggestion as the rule says: the first candidate at the least distance, within half the name (2 for short ones). */
function reference(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.includes(name) || name.includes(c) ? Math.abs(c.length - name.length) : distance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

const word = fc.string({ unit: fc.constantFrom(..."服务企业数家次满意度甲乙丙ab"), minLength: 0, maxLength: 9 });

describe("suggestName", () => {
  it("suggests what the whole edit-distance table suggests", () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (name, candidates) => {
        expect(suggestName(name, candidates)).toBe(reference(name, candidates));
        expect(suggestName(name, candidates, { spent: 0 })).toBe(reference(name, candidates));
      }),
      { numRuns: 2000 },
    );
  });

  it("suggests the declared input for a near miss, and the first of two at the same distance", () => {
    expect(suggestName("服务企业数", ["年度营收", "服务企业家次", "服务企业个数"])).toBe("服务企业个数");
    expect(suggestName("服务企业数", ["服务企业家数", "服务企业个数"])).toBe("服务企业家数");
    expect(suggestName("满意度", ["服务企业家次", "年度营收"])).toBeUndefined();
  });
});

describe("a file's suggestions are bounded", () => {
  // 2,000 inputs of 9 characters over 22 characters, each referred to with one character added
  const chars = [..."甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"];
  let seed = 7;
  const pick = () => chars[(seed = (seed * 48271) % 2147483647) % chars.length]!;
  const names = Array.from({ length: 2000 }, (_, i) => Array.from({ length: 8 }, pick).join("") + String.fromCharCode(0x4e00 + 200 + i));
  const text = [
    "评价体系 「很多输入」",
    "输入",
    ...names.map((n) => `  ${n}：计数 个 越多越好`),
    "类别 甲（100分）",
    "  指标 乙 100分",
    ...names.map((n) => `    ${n}错 每1个加1分`),
    "    直到满分100为止",
    "",
  ].join("\n");

  it("gives every unknown name its diagnostic, the first ones their suggestion, and stops suggesting past the bound", () => {
    const unknown = analyze(text).diagnostics.filter((d) => d.code === "ZS2001");
    expect(unknown).toHaveLength(2000);
    const suggested = unknown.filter((d) => d.message.includes("你是不是想写"));
    // the first name is compared with every input before its own: well within the bound
    expect(unknown[0]!.message).toContain(`你是不是想写「${names[0]}」`);
    expect(unknown[0]!.fix?.edits[0]?.newText).toBe(names[0]);
    // a suggestion, where there is one, is the right one
    for (const d of suggested) expect(d.message).toMatch(/未声明的输入「(.+)错」，你是不是想写「\1」/);
    // without the bound every one of the 2,000 would be compared with all 2,000 inputs
    expect(suggested.length).toBeGreaterThan(20);
    expect(suggested.length).toBeLessThan(2000);
    // past the bound: the same diagnostic, its fix declares the name
    const last = unknown.at(-1)!;
    expect(last.message).toBe(`未声明的输入「${names.at(-1)}错」：请在「输入」中声明`);
  });

  it("suggests the same name again for a repeated unknown name, whatever the bound", () => {
    const repeated = [
      "评价体系 「重复」",
      "输入",
      ...names.slice(0, 1500).map((n) => `  ${n}：计数 个 越多越好`),
      "  服务企业数：计数 家",
      "类别 甲（100分）",
      "  指标 乙 100分",
      // the same unknown name before the bound is reached and after it
      ...Array.from({ length: 25 }, () => "    服务企业 每1家加1分"),
      ...names.slice(0, 1500).map((n) => `    ${n}错 每1个加1分`),
      ...Array.from({ length: 25 }, () => "    服务企业 每1家加1分"),
      "    直到满分100为止",
      "",
    ].join("\n");
    const unknown = analyze(repeated).diagnostics.filter((d) => d.code === "ZS2001" && d.message.includes("「服务企业」"));
    expect(unknown).toHaveLength(50);
    // compared once, while the bound lasted: one answer for every occurrence
    expect(new Set(unknown.map((d) => d.message))).toEqual(new Set(["未声明的输入「服务企业」，你是不是想写「服务企业数」？"]));
  });
});
