/**
 * The front end is total and says what it expected: hostile shapes (deep nesting, long unary
 * chains, many terms, unclosed brackets) are located diagnostics, never stack overflows; CR,
 * CRLF and LF read the same; every syntax message is Chinese with an example and no rule name.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parser, RULE_HELP, MAX_NESTING, MAX_SYNTAX_ERRORS, tokenize } from "../../grammar/src/index.ts";
import { analyze, format, type Diagnostic } from "../../packages/core/src/index.ts";

const hunan = readFileSync(new URL("../core/fixtures/hunan-shizhou.zs", import.meta.url), "utf8");
const national = readFileSync(new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url), "utf8");

const derived = (expr: string) => `评价体系 测试\n输入\n  a：数值\n派生\n  x：数值 = ${expr}\n`;
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe("total on hostile shapes", () => {
  it("deep nesting of （ is one located diagnostic", () => {
    const text = derived("（".repeat(600) + "a" + "）".repeat(600));
    const a = analyze(text);
    const d = a.diagnostics.find((x) => x.message.includes(`嵌套超过${MAX_NESTING}层`));
    expect(d?.range.start.line).toBe(5);
  });
  it("hundreds of unclosed （ are diagnostics", () => {
    const a = analyze(derived("（".repeat(400) + "a"));
    expect(a.diagnostics.some((d) => d.code === "ZS1001" && d.range.start.line === 5)).toBe(true);
  });
  it("a long chain of unary minus reads as one sign", () => {
    const even = analyze(derived("-".repeat(3000) + "a"));
    expect(even.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const x = even.ast.inputs.find((i) => i.name.text === "x")!;
    expect(x.expression?.kind).toBe("ref");
    const odd = analyze(derived("-".repeat(3001) + "a")).ast.inputs.find((i) => i.name.text === "x")!;
    expect(odd.expression?.kind).toBe("neg");
  });
  it("an expression of too many terms is a diagnostic naming the limit", () => {
    const a = analyze(derived("a" + " + a".repeat(10_000)));
    const d = a.diagnostics.find((x) => x.code === "ZS1003");
    expect(d?.message).toMatch(/10001项，超过200项/);
    expect(d?.range.start.line).toBe(5);
  });
  it("a run of unclosed 「 is reported at the first one, and lexes in one pass", () => {
    const text = `评价体系 测试\n输入\n  ${"「".repeat(200_000)}`;
    const a = analyze(text);
    const first = a.diagnostics.find((d) => d.code === "ZS1004");
    expect(first?.range.start.line).toBe(3);
    expect(first?.message).toContain("缺少配对的」");
  });
  it("long runs of digits in 描述 and of spaces in header lines are read", () => {
    const digits = `评价体系 测试\n输入\n  a：计数\n类别 甲 10分\n  指标 乙 10分\n    描述：${"1".repeat(100_000)}\n    a 每项加1分\n`;
    expect(() => analyze(digits)).not.toThrow();
    const spaces = `评价体系 测试\n  地区：湖南${" \t".repeat(100_000)}省 #\n`;
    expect(analyze(spaces).ast.header.region?.text).toMatch(/^湖南[ \t]+省$/);
  });
});

describe("CR, CRLF and LF read the same", () => {
  const asLf = analyze(hunan);
  for (const [label, eol] of [
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ] as const) {
    it(label, () => {
      const text = hunan.replace(/\n/g, eol);
      const a = analyze(text);
      expect(a.ast.inputs.map((i) => i.name.text)).toEqual(asLf.ast.inputs.map((i) => i.name.text));
      expect(a.ast.categories.flatMap((c) => c.indicators.map((i) => [i.name.text, i.rules.length]))).toEqual(
        asLf.ast.categories.flatMap((c) => c.indicators.map((i) => [i.name.text, i.rules.length])),
      );
      expect(a.ast.cases.length).toBe(asLf.ast.cases.length);
      expect(a.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual(asLf.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column]));
      // the formatter keeps the file's line ending
      const f = format(text);
      expect(f.text.split(eol).length).toBeGreaterThan(10);
      if (eol === "\r") expect(f.text).not.toContain("\n");
    });
  }
});

describe("syntax messages", () => {
  it("every grammar rule has a Chinese label and an example", () => {
    for (const rule of Object.keys(parser.getGAstProductions())) {
      expect(RULE_HELP[rule], rule).toBeDefined();
      expect(RULE_HELP[rule]!.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  const broken = [
    "    运营年限 每满2年得",
    "    运营年限 每满2年 1分",
    "    运营年限 达到得1分",
    "    运营年限 2年以上",
    "    运营年限 达2年得1分，每少",
    "    运营年限 基准1年，满分",
    "    若 运营年限 则",
    "    运营年限 达2年得1分；或",
    "  指标 乙 （分",
    "    运营年限 2年～得1分",
  ];
  for (const line of broken) {
    it(`「${line.trim()}」: Chinese, an example, no rule name, on its own line`, () => {
      const text = `评价体系 测试\n输入\n  运营年限：数值 年\n类别 甲 10分\n  指标 乙 10分\n${line}\n\n等级\n  60分以下：不合格\n  60分以上：合格\n`;
      const a = analyze(text);
      const syntax = a.diagnostics.filter((d) => d.code === "ZS1001");
      expect(syntax.length).toBeGreaterThan(0);
      for (const d of syntax) {
        expect(d.message).not.toMatch(/[A-Za-z]{3,}/);
        expect(d.message).toContain("例如");
        expect(d.range.start.line).toBe(6);
      }
    });
  }

  it("no semantic diagnostic from a half-parsed sentence", () => {
    const text = `评价体系 测试\n输入\n  收入：金额 万元\n类别 甲 10分\n  指标 乙 10分\n    收入 每3万元得\n`;
    const a = analyze(text);
    expect(codes(a.diagnostics)).toEqual(["ZS1001"]);
  });
});

describe("lexing stays linear", () => {
  it("declared names are matched through an index, whatever their number", () => {
    // 2,000 declared names sharing a first character: each position costs the name's length
    const names = Array.from({ length: 2000 }, (_, i) => `服务${String(i).replace(/\d/g, (d) => "零壹贰叁肆伍陆柒捌玖"[Number(d)]!)}项`);
    const text = `评价体系 测试\n输入\n${names.map((n) => `  ${n}：计数`).join("\n")}\n`;
    const r = tokenize(text);
    expect(r.errors).toEqual([]);
    expect(r.tokens.filter((t) => t.tokenType.name === "Identifier").map((t) => t.image)).toEqual(names);
  });
  it("the national rubric lexes and parses without errors", () => {
    const a = analyze(national);
    expect(a.diagnostics.filter((d) => d.code.startsWith("ZS1"))).toEqual([]);
  });
});

describe("declarations", () => {
  it("a derived input takes a range (growth rates above 100%)", () => {
    const a = analyze(`评价体系 测试\n输入\n  本年：金额 万元\n  上年：金额 万元\n派生\n  增长率：百分比 范围 -100～1000 越多越好 = （本年 - 上年）÷ 上年 × 100\n类别 甲 10分\n  指标 乙 10分\n    增长率 10%以上得10分\n用例 六倍\n  输入 本年 700，上年 100\n  期望 总分 10分\n`);
    expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const rate = a.rubric!.inputs.find((i) => i.name === "增长率")!;
    expect([rate.min, rate.max]).toEqual(["-100", "1000"]);
  });
  it("a rubric title keeps its brackets", () => {
    expect(analyze("评价体系 中小企业公共服务示范平台评价指标（试行）\n").ast.title?.text).toBe("中小企业公共服务示范平台评价指标（试行）");
  });
  it("a unit written on an input is known in its file; another unit is reported as a unit", () => {
    const a = analyze(`评价体系 测试\n输入\n  设备数：计数 台套\n  面积：数值 亩\n类别 甲 10分\n  指标 乙 10分\n    设备数 5台套以上得5分\n    面积 3公亩以上加5分\n`);
    const units = a.diagnostics.filter((d) => d.code === "ZS2005");
    expect(units.map((d) => d.message)).toEqual([expect.stringContaining("未知的单位「公亩」")]);
    expect(units[0]!.range.start.line).toBe(8);
  });
});

describe("a file that is mostly errors", () => {
  // found by the fuzz campaign: one 用例 input line repeated 249 times gave 10,416 syntax errors and 1.4 s of recovery
  const line = "  输入 服务企业家次 1500，有效需求条数 49，协同评定分 20，缺报晚报次数 5";
  const text = `${hunan.trimEnd()}\n\n用例 重复的一行\n${Array.from({ length: 249 }, () => line).join("\n")}\n  期望 总分 0分\n`;
  it("stops after MAX_SYNTAX_ERRORS errors and says from which line nothing was checked", () => {
    const a = analyze(text);
    const syntax = a.diagnostics.filter((d) => d.code.startsWith("ZS1"));
    expect(syntax.length).toBeLessThanOrEqual(MAX_SYNTAX_ERRORS + 1);
    const stop = syntax.filter((d) => /前面已有\d+处语法错误，从这一行起没有检查/.test(d.message));
    expect(stop).toHaveLength(1);
    // the count is of the errors shown above it, which may be fewer than the limit (ten a line here)
    expect(stop[0]!.message).toContain(`前面已有${syntax.length - 1}处语法错误`);
    expect(syntax.at(-1)).toBe(stop[0]);
    // the rubric above the case is still read: its indicators are bound
    expect(a.rubric?.indicators.length).toBeGreaterThan(0);
  });
  it("a file with fewer errors than the limit is unchanged: every error said, no stop message", () => {
    const few = `${hunan.trimEnd()}\n\n用例 几行\n${Array.from({ length: 3 }, () => line).join("\n")}\n  期望 总分 0分\n`;
    expect(analyze(few).diagnostics.some((d) => d.message.includes("没有检查"))).toBe(false);
  });
});
