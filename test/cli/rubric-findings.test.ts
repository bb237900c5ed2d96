/**
 * Fixes of the checker, parser and formatter driven through the built CLI, as an officer or a CI
 * script meets them (issue 9: "every case is a test that fails on today's main", on the user's path):
 * a threshold in another unit of the input's quantity (ZS2016), the parser's stop after
 * MAX_SYNTAX_ERRORS, fmt on mixed line endings, zero steps (ZS3052) in `check` and `score`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_SYNTAX_ERRORS } from "../../grammar/src/index.ts";
import { expectNoCrash, workspace, zs } from "./process.ts";

/** A rubric with one input and one rule: the rule is on line 6. */
const oneRule = (declaration: string, rule: string) => `评价体系 测试体系
输入
  ${declaration}
类别 甲（10分）
  指标 乙 10分
    ${rule}
`;

/** `file:line:col 级别 代码 消息`, one per diagnostic. */
const located = (out: string, code: string) => out.split("\n").filter((l) => l.includes(` ${code} `));

interface FixedDiagnostic {
  line: number;
  column: number;
  code: string;
  message: string;
  fix?: { title: string; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] };
}

/** The rubric with a diagnostic's fix applied as an editor would: each range (1-based line and column) replaced by its text. */
function applyFix(text: string, d: FixedDiagnostic): string {
  const lines = text.split("\n");
  for (const e of [...d.fix!.edits].reverse()) {
    expect(e.endLine).toBe(e.line);
    const l = lines[e.line - 1]!;
    lines[e.line - 1] = l.slice(0, e.column - 1) + e.newText + l.slice(e.endColumn - 1);
  }
  return lines.join("\n");
}

describe("a threshold written in another unit of the input's quantity (ZS2016)", () => {
  it.each([
    // money: the input is kept in 万元, the sentence says 元
    ["年销售收入：金额 万元 越多越好", "年销售收入 达500元得10分", 12, "500元", "单位相差10000倍：输入「年销售收入」以万元计，这里写的是元；准绳不会自动换算，请写成「0.05万元」", "0.05万元"],
    // mass: the input is kept in 吨, the sentence says 千克
    ["处理量：计数 吨 越多越好", "处理量 达500千克得10分", 10, "500千克", "单位相差1000倍：输入「处理量」以吨计，这里写的是千克；准绳不会自动换算，请写成「0.5吨」", "0.5吨"],
  ])("%s with 「%s」: check exits 1 with one located line; --json carries the fix, and the fixed file is clean", (declaration, rule, column, quantity, message, newText) => {
    const text = oneRule(declaration, rule);
    const dir = workspace({ "a.zs": text });
    const r = zs(["check", "a.zs"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(located(r.out, "ZS2016")).toEqual([`a.zs:6:${column} 错误 ZS2016 ${message}`]);
    // never compared unconverted: no softer unit warning beside it, nothing else to say
    expect(r.out.trimEnd().split("\n")).toEqual([`a.zs:6:${column} 错误 ZS2016 ${message}`, "检查了1个文件：1个错误，0个警告，0条信息，0条提示"]);

    const json = zs(["check", "a.zs", "--json"], dir);
    expect(json.code).toBe(1);
    const [d, ...rest] = JSON.parse(json.out) as FixedDiagnostic[];
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: "a.zs", line: 6, column, severity: "error", code: "ZS2016", message });
    expect(d!.fix).toEqual({ title: `改为「${newText}」`, edits: [{ line: 6, column, endLine: 6, endColumn: column + quantity.length, newText }] });

    writeFileSync(join(dir, "a.zs"), applyFix(text, d!));
    const fixed = zs(["check", "a.zs"], dir);
    expect(readFileSync(join(dir, "a.zs"), "utf8")).toContain(`达${newText}得10分`);
    expect(fixed.out).toBe("检查了1个文件：0个错误，0个警告，0条信息，0条提示\n");
    expect(fixed.code).toBe(0);
  });

  it("score refuses the rubric with a located line, never a score compared in the wrong unit", () => {
    const dir = workspace({ "a.zs": oneRule("年销售收入：金额 万元 越多越好", "年销售收入 达500元得10分"), "d.csv": "名称,年销售收入\n甲平台,0.01\n" });
    const r = zs(["score", "a.zs", "--data", "d.csv", "--json"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n").at(-1)).toBe("a.zs：评价体系有1个错误，无法评分（第6行：单位相差10000倍：输入「年销售收入」以万元计，这里写的是元；准绳不会自动换算，请写成「0.05万元」）");
    expectNoCrash(r.err);
  });
});

describe("a file that is mostly syntax errors", () => {
  // one error per line: a threshold with 达 twice
  const HEAD = `评价体系 测试体系
  满分：20分

输入
  服务企业家次：计数 家次 越多越好

类别 活跃度（20分）
  指标 服务企业数 20分
    服务企业家次 达1000家次得20分
`;
  const headLines = HEAD.split("\n").length - 1;
  const text = HEAD + Array.from({ length: 300 }, (_, i) => `    服务企业家次 达达${i + 1}家次得1分\n`).join("");

  it(`check stops after ${MAX_SYNTAX_ERRORS} errors and says so at the first line it did not check`, () => {
    // the timeout only keeps a regression from hanging the suite; it measures nothing
    const r = zs(["check", "a.zs"], workspace({ "a.zs": text }), { timeout: 60_000 });
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    const lines = located(r.out, "ZS1001");
    expect(lines).toHaveLength(MAX_SYNTAX_ERRORS + 1);
    // each bad line said once, in order, up to the limit
    const said = lines.slice(0, -1).map((l) => Number(/^a\.zs:(\d+):/.exec(l)![1]));
    expect(said).toEqual(Array.from({ length: MAX_SYNTAX_ERRORS }, (_, i) => headLines + 1 + i));
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^a\.zs:\d+:13 错误 ZS1001 语法错误：此处应为数字，却是「达」/);
    // then the stop, at the next line, counting exactly the errors said above it
    expect(lines.at(-1)).toBe(
      `a.zs:${headLines + MAX_SYNTAX_ERRORS + 1}:5 错误 ZS1001 语法错误：前面已有${MAX_SYNTAX_ERRORS}处语法错误，从这一行起没有检查：请先改正前面的错误`,
    );
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(`检查了1个文件：${MAX_SYNTAX_ERRORS + 1}个错误，0个警告，0条信息，0条提示`);
    expect(r.out.split("\n").length).toBeLessThan(300);
  });

  it("a file with fewer errors than the limit has every error said and no stop", () => {
    const few = HEAD + Array.from({ length: 5 }, (_, i) => `    服务企业家次 达达${i + 1}家次得1分\n`).join("");
    const r = zs(["check", "a.zs"], workspace({ "a.zs": few }));
    expect(r.code).toBe(1);
    expect(located(r.out, "ZS1001")).toHaveLength(5);
    expect(r.out).not.toContain("没有检查");
  });
});

describe("fmt on a file with mixed line endings (LF, CRLF and CR, as pasted from two editors)", () => {
  const source = readFileSync(new URL("../core/fixtures/hunan-shizhou.zs", import.meta.url), "utf8");
  const ENDINGS = ["\n", "\r\n", "\n", "\r", "\r\n"];
  const mixed = source
    .split("\n")
    .map((line, i) => line + ENDINGS[i % ENDINGS.length])
    .join("");
  const significant = (s: string) => s.replace(/\s+/g, "");

  it("fmt writes a file that fmt leaves as it is, and fmt --check then passes", () => {
    const dir = workspace({ "a.zs": mixed });
    const before = zs(["test", "a.zs"], dir);
    expect(before.code).toBe(0);

    const first = zs(["fmt", "a.zs"], dir);
    expect(first.code).toBe(0);
    const once = readFileSync(join(dir, "a.zs"), "utf8");
    // one line ending throughout (the file's CRLF, as fmt keeps a Windows file's)
    expect(new Set(once.match(/\r\n|\r|\n/g))).toEqual(new Set(["\r\n"]));
    expect(zs(["fmt", "a.zs", "--check"], dir).code).toBe(0);
    expect(zs(["fmt", "a.zs"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "a.zs"), "utf8")).toBe(once);
    // fmt - (stdin to stdout) agrees with the file it wrote
    expect(zs(["fmt", "-"], dir, { input: mixed }).out).toBe(once);

    // nothing else changed: the same characters, and the layout fmt gives the same file written with LF only
    expect(significant(once)).toBe(significant(mixed));
    expect(once).toBe(zs(["fmt", "-"], dir, { input: source }).out.replace(/\n/g, "\r\n"));
    expect(zs(["test", "a.zs"], dir).out).toBe(before.out);
  });
});

describe("zero steps (ZS3052)", () => {
  const rubric = `评价体系 零档
  满分：30分

输入
  服务企业家次：计数 家次 越多越好
  数量：计数 个 越多越好
  获奖：清单 国家级、省级

类别 甲（30分）

  指标 服务 10分
    服务企业家次 达1000家次得10分，每少0家次减1分

  指标 数量 10分
    数量 达到50个得5分，在此基础上每增加0个加0.5分，最多10分

  指标 获奖 10分
    获奖 国家级每0项加5分，省级每项加3分，最多10分
`;
  const DATA = "名称,服务企业家次,数量,获奖\n甲平台,900,60,国家级、省级\n";

  it("check exits 1 with ZS3052 at the line of each zero step", () => {
    const r = zs(["check", "z.zs"], workspace({ "z.zs": rubric }));
    expect(r.code).toBe(1);
    expect(located(r.out, "ZS3052")).toEqual([
      "z.zs:12:26 错误 ZS3052 每档的差额应大于0：每少0家次减1分",
      "z.zs:15:25 错误 ZS3052 每次增加的数量应大于0：在此基础上每增加0个加0.5分",
      "z.zs:18:12 错误 ZS3052 「每…」的数量应大于0：国家级每0项加5分",
    ]);
  });

  // each form alone: a rubric whose only error is that zero step
  const only = {
    每少0家次: rubric.replace("每增加0个", "每增加1个").replace("国家级每0项", "国家级每项"),
    在此基础上每增加0个: rubric.replace("每少0家次", "每少100家次").replace("国家级每0项", "国家级每项"),
    每0项: rubric.replace("每少0家次", "每少100家次").replace("每增加0个", "每增加1个"),
  };
  it.each(Object.entries(only))("score refuses a rubric with 「%s」 in one Chinese line: no Infinity, no NaN, no stack trace", (_form, text) => {
    const dir = workspace({ "z.zs": text, "d.csv": DATA });
    expect(located(zs(["check", "z.zs"], dir).out, "ZS3052")).toHaveLength(1);
    for (const args of [[], ["--json"]]) {
      const r = zs(["score", "z.zs", "--data", "d.csv", ...args], dir);
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expectNoCrash(r.err);
      // the located diagnostic, then the one line that refuses
      const lines = r.err.trimEnd().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^z\.zs:1[258]:\d+ 错误 ZS3052 /);
      expect(lines[1]).toMatch(/^z\.zs：评价体系有1个错误，无法评分（第1[258]行：.+应大于0：.+）$/);
    }
  });
});
