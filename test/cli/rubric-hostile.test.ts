/**
 * Rubrics built to hurt, through `zhunsheng check` and `score` as processes: what the engine
 * refuses or bounds (test/core/derived-cycles.test.ts, test/core/suggestions.test.ts) reaches the
 * user as located lines and exit codes.
 */
import { describe, expect, it } from "vitest";
import { workspace, zs } from "./process.ts";

describe("derived inputs in a ring, as the CLI meets them", () => {
  const ring = `评价体系 环
输入
  丁：数值 次 越多越好
派生
  甲：数值 次 = 乙 + 1
  乙：数值 次 = 甲 + 丁
类别 丙（100分）
  指标 戊 100分
    甲 每1次加1分
    直到满分100为止
`;

  it("check names the ring at each input and exits 1; score refuses instead of scoring 甲 as missing", () => {
    const dir = workspace({ "r.zs": ring, "d.csv": "名称,丁\n甲平台,5\n" });
    const checked = zs(["check", "r.zs"], dir);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("r.zs:5:12 错误 ZS2009 派生输入「甲」循环引用自身：「甲」 → 「乙」 → 「甲」");
    expect(checked.out).toContain("r.zs:6:12 错误 ZS2009 派生输入「乙」循环引用自身：「乙」 → 「甲」 → 「乙」");
    const scored = zs(["score", "r.zs", "--data", "d.csv"], dir);
    expect(scored.code).toBe(1);
    expect(scored.out).not.toMatch(/甲平台\s+\d/);
    expect(scored.err).toContain("评价体系有2个错误，无法评分");
  });
});


describe("thousands of misspelt names", () => {
  it("check reports every one, suggests the declared name for the first ones, and finishes", () => {
    // 2,000 inputs of 9 characters over 22, each referred to with one character added
    const chars = [..."甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"];
    let seed = 7;
    const pick = () => chars[(seed = (seed * 48271) % 2147483647) % chars.length]!;
    const names = Array.from({ length: 2000 }, (_, i) => Array.from({ length: 8 }, pick).join("") + String.fromCharCode(0x4e00 + 200 + i));
    const text = ["评价体系 「很多输入」", "输入", ...names.map((n) => `  ${n}：计数 个 越多越好`), "类别 甲（100分）", "  指标 乙 100分", ...names.map((n) => `    ${n}错 每1个加1分`), "    直到满分100为止", ""].join("\n");
    const r = zs(["check", "many.zs"], workspace({ "many.zs": text }));
    expect(r.code).toBe(1);
    const unknown = r.out.split("\n").filter((l) => l.includes(" ZS2001 "));
    expect(unknown).toHaveLength(2000);
    expect(unknown[0]).toBe(`many.zs:2005:5 错误 ZS2001 未声明的输入「${names[0]}错」，你是不是想写「${names[0]}」？`);
    // past the file's bound: the same diagnostic, without a suggestion
    expect(unknown.at(-1)).toBe(`many.zs:4004:5 错误 ZS2001 未声明的输入「${names.at(-1)}错」：请在「输入」中声明`);
    expect(r.out).toContain("检查了1个文件：2000个错误");
  });
});

describe("values built to hurt in a data file, as the CLI meets them", () => {
  it("score quotes a 401-digit value and a pasted paragraph by their ends and length, one short line each", () => {
    const rubric = `评价体系 测试\n输入\n  服务企业家次：计数 家次\n类别 甲（15分）\n  指标 乙 15分\n    服务企业家次 达1500家次得15分\n`;
    const paragraph = "本平台全年服务企业一千五百家次，".repeat(20);
    const dir = workspace({ "r.zs": rubric, "d.json": JSON.stringify([{ 名称: "甲平台", 服务企业家次: "1" + "0".repeat(400) }, { 名称: "乙平台", 服务企业家次: paragraph }]) });
    const r = zs(["score", "r.zs", "--data", "d.json"], dir);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain("甲平台：「服务企业家次」的值「100000000000…0000（共401位）」超出可精确计算的范围（有效数字最多15位）");
    expect(r.out + r.err).toContain(`乙平台：「服务企业家次」应为数字，实际为「${paragraph.slice(0, 40)}…（共320字）」`);
    expect(Math.max(...(r.out + r.err).split("\n").map((l) => l.length))).toBeLessThan(120);
  });
});
