/** The parser, checker and formatter never throw on user input; syntax errors are recovered from. */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, format, tokenize } from "../../packages/core/src/index.ts";

const hunan = readFileSync(new URL("./fixtures/hunan-shizhou.zs", import.meta.url), "utf8");
const alphabet = [..."评价体系输入类别指标加分项等级用例期望达到以上不足每少减得分家次条（）()：:，,；;～~0123456789.%「」#\n 是否若则本指标为直到满分为止基准其间按线性计选其一服务企业满意度"];

describe("never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const a = analyze(s);
        expect(Array.isArray(a.diagnostics)).toBe(true);
        format(s);
      }),
      { numRuns: 300 },
    );
  });
  it("on strings made of the language's own words", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 300 }), (chars) => {
        const s = chars.join("");
        analyze(s);
        format(s);
      }),
      { numRuns: 300 },
    );
  });
  it("on a real rubric cut at any point or with any span deleted", () => {
    fc.assert(
      fc.property(fc.nat(hunan.length), fc.nat(200), (at, len) => {
        const cut = hunan.slice(0, at) + hunan.slice(at + len);
        const a = analyze(cut);
        for (const d of a.diagnostics) {
          expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
          expect(d.range.end.offset).toBeLessThanOrEqual(cut.length + 1);
          expect(d.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("syntax error recovery", () => {
  it("reports several errors in one pass and still checks the rest", () => {
    const text = `评价体系 测试\n输入\n  a：计数 次\n  b：计数 次\n类别 甲（10分）\n  指标 乙 5分\n    a 达3次得5分，每少\n  指标 丙 5分\n    b 达 得5分\n  指标 丁 5分\n    未声明 得5分\n`;
    const a = analyze(text);
    const syntax = a.diagnostics.filter((d) => d.code === "ZS1001");
    expect(syntax.length).toBeGreaterThanOrEqual(2);
    // the binder still ran: the undeclared input and the category sum are reported
    expect(a.diagnostics.map((d) => d.code)).toContain("ZS2001");
    expect(a.diagnostics.find((d) => d.code === "ZS1001")?.message).toMatch(/此处|不是|不完整|缺少/);
  });
  it("suggests the intended name", () => {
    const a = analyze(`评价体系 测试\n输入\n  服务企业家次：计数 家次\n类别 甲（15分）\n  指标 乙 15分\n    服务企业数 达1500家次得15分\n`);
    expect(a.diagnostics.find((d) => d.code === "ZS2001")?.message).toContain("你是不是想写「服务企业家次」");
  });
  it("points at exact ranges", () => {
    const text = `评价体系 测试\n输入\n  x：计数 次\n类别 甲（5分）\n  指标 乙 5分\n    y 得5分\n`;
    const d = analyze(text).diagnostics.find((x) => x.code === "ZS2001")!;
    expect(text.slice(d.range.start.offset, d.range.end.offset)).toBe("y");
    expect(d.range.start).toMatchObject({ line: 6, column: 5 });
  });
});

describe("formatter laws", () => {
  const significant = (s: string) =>
    tokenize(s)
      .tokens.map((t) => t.image)
      .join("\u0001");
  const comments = (s: string) => tokenize(s).comments.map((c) => c.image);
  const mangle = (s: string, seed: number) =>
    s
      .split("\n")
      .map((line, i) => ((i + seed) % 3 === 0 ? line.trimStart() : (i + seed) % 3 === 1 ? "      " + line.trim() : line))
      .join((seed % 2 === 0 ? "\n" : "\n\n"));
  it("is idempotent and keeps every token and comment, whatever the layout", () => {
    fc.assert(
      fc.property(fc.nat(1000), (seed) => {
        const messy = mangle(hunan, seed);
        const once = format(messy);
        expect(once.diagnostics).toEqual([]);
        expect(format(once.text).text).toBe(once.text);
        expect(significant(once.text)).toBe(significant(messy));
        expect(comments(once.text)).toEqual(comments(messy));
      }),
      { numRuns: 40 },
    );
  });
  it("is idempotent whatever the line endings, mixed ones included (a CRLF is one break, not a blank line)", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.constantFrom("\n", "\r\n", "\r"), (seed, eol) => {
        // most lines end in LF, some in the chosen ending (a file pasted together from two editors)
        const mixed = hunan
          .split("\n")
          .map((line, i) => line + ((i * 7 + seed) % 5 === 0 ? eol : "\n"))
          .join("");
        const once = format(mixed);
        expect(once.diagnostics).toEqual([]);
        expect(format(once.text).text).toBe(once.text);
        expect(significant(once.text)).toBe(significant(mixed));
      }),
      { numRuns: 30 },
    );
  });
  it("leaves a file with syntax errors untouched", () => {
    const bad = "评价体系 测试\n类别 （（\n";
    const r = format(bad);
    expect(r.text).toBe(bad);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("quick fixes for undeclared inputs", () => {
  const apply = (text: string, fix: { edits: { range: { start: { offset: number }; end: { offset: number } }; newText: string }[] }) =>
    fix.edits.reduceRight((t, e) => t.slice(0, e.range.start.offset) + e.newText + t.slice(e.range.end.offset), text);
  it("renames to the suggestion, or declares the input", () => {
    const text = `评价体系 测试\n输入\n  服务企业家次：计数 家次\n类别 甲（15分）\n  指标 乙 15分\n    服务企业数 达1500家次得15分\n`;
    const d = analyze(text).diagnostics.find((x) => x.code === "ZS2001")!;
    expect(analyze(apply(text, d.fix!)).diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    const declared = apply(text, d.otherFixes![0]!);
    expect(declared).toContain("  服务企业家次：计数 家次\n  服务企业数：数值\n");
    expect(analyze(declared).diagnostics.filter((x) => x.code === "ZS2001")).toEqual([]);
  });
});

describe("one compile per analysis", () => {
  it("hands its scorer to callers when binding succeeded, none when it failed", () => {
    const ok = analyze(`评价体系 测试\n输入\n  x：是否\n类别 甲（5分）\n  指标 乙 5分\n    x 得5分\n`);
    expect(ok.scorer?.score({ x: "是" }).total).toBe("5");
    const bad = analyze(`评价体系 测试\n类别 甲（5分）\n  指标 乙 5分\n    未声明 得5分\n`);
    expect(bad.scorer).toBeUndefined();
  });
});
