/**
 * Data files through the CLI as a process, the way an officer runs it: every encoding and form
 * an office saves gives the same scores; what cannot be read exactly is an error naming file,
 * row and column, with exit code 1.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { encodeGbk } from "../fixtures/data/make.ts";

const bin = new URL("../../packages/cli/bin/zhunsheng.js", import.meta.url).pathname;
const fixtures = new URL("../fixtures/data/", import.meta.url).pathname;
const RUBRIC = "数据读取.zs";

function zs(args: string[], cwd = fixtures, input?: string | Uint8Array) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", ...(input !== undefined ? { input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const totals = (out: string) => (JSON.parse(out) as { platform: string; total: string | null }[]).map((v) => [v.platform, v.total]);

describe("zhunsheng score reads data files as offices save them", () => {
  for (const file of ["gbk.csv", "unicode-text.txt", "utf16be.csv", "bom.json", "merged-header.csv", "wps-percent.xlsx"]) {
    it(`${file}: same scores, percent cells as percentages`, () => {
      const r = zs(["score", RUBRIC, "--data", file, ...(file.endsWith(".xlsx") ? ["--sheet", "数据"] : []), "--json"]);
      expect(totals(r.out).slice(0, 2)).toEqual([
        ["甲平台", "100"],
        ["乙平台", "59.5"],
      ]);
      expect(r.code).toBe(0);
    });
  }

  it("a workbook with platforms in two sheets is refused naming them; its 合计 row and notes are reported on stderr, not scored; --sheet picks a sheet", () => {
    const both = zs(["score", RUBRIC, "--data", "wps-percent.xlsx", "--json"]);
    expect([both.code, both.out]).toEqual([1, "[]\n"]);
    expect(both.err).toBe("wps-percent.xlsx 错误 ZS6018 工作簿中有2张工作表都有平台数据：「数据」「2023年」，不能确定评哪一张：请选择工作表（命令行用 --sheet 名称），或删去、隐藏不评的工作表\n");
    const r = zs(["score", RUBRIC, "--data", "wps-percent.xlsx", "--sheet", "数据", "--json"]);
    expect(totals(r.out).map((x) => x[0])).toEqual(["甲平台", "乙平台", "丙平台"]);
    expect(r.err).toContain("wps-percent.xlsx（工作表「数据」）:7 警告 ZS6020 第7行「合计」是合计行，不是平台，已跳过");
    const s = zs(["score", RUBRIC, "--data", "wps-percent.xlsx", "--sheet", "2023年", "--json"]);
    expect(totals(s.out)).toEqual([["丁平台", "35"]]);
    // explain says the one reason (not also 「没有名为「甲平台」的平台」)
    const explain = zs(["explain", RUBRIC, "--data", "wps-percent.xlsx", "--platform", "甲平台"]);
    expect([explain.code, explain.out]).toEqual([1, ""]);
    expect(explain.err).toBe(both.err);
    const missing = zs(["score", RUBRIC, "--data", "wps-percent.xlsx", "--sheet", "2022"]);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe("");
    expect(missing.err).toContain("工作簿中没有名为「2022」的工作表；有：「数据」「2023年」");
  });

  it("reads data from standard input", () => {
    const r = zs(["score", RUBRIC, "--data", "-", "--json"], fixtures, readFileSync(join(fixtures, "gbk.csv")));
    expect(totals(r.out)).toEqual([
      ["甲平台", "100"],
      ["乙平台", "59.5"],
    ]);
  });
});

describe("what cannot be read exactly is refused, located, with exit 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "zs-data-"));
  writeFileSync(join(dir, RUBRIC), readFileSync(join(fixtures, RUBRIC)));
  const HEADER = "名称,服务企业数,用户满意度,营业收入,网站日常维护,专家评分\n";

  it("a row with an unquoted thousands comma is not scored shifted", () => {
    writeFileSync(join(dir, "shift.csv"), HEADER + "甲平台,100,90%,500,是,20\n乙平台,1,500,85%,499,否,12.5\n");
    const r = zs(["score", RUBRIC, "--data", "shift.csv"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/乙平台\s+数据有误/);
    expect(r.out).toContain("乙平台：第3行有7列，表头有6列");
  });

  it("a GBK file with a duplicated column names both columns", () => {
    writeFileSync(join(dir, "dup.csv"), encodeGbk("名称,服务企业数,服务企业数\r\n甲,1,2\r\n"));
    const r = zs(["score", RUBRIC, "--data", "dup.csv"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("dup.csv:1 错误 ZS6004 列「服务企业数」出现了两次（B列和C列）");
  });

  it("a file in no known encoding says so and how to save it", () => {
    writeFileSync(join(dir, "bad.csv"), new Uint8Array([...new TextEncoder().encode(HEADER + "甲平台,"), 0xff, 0xff, 0x0a]));
    const r = zs(["score", RUBRIC, "--data", "bad.csv"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv:2 错误 ZS6001 第2行：.*不是有效的 UTF-8.*另存为/);
  });

  it("JSON with a non-scalar value and a __proto__ key", () => {
    writeFileSync(join(dir, "x.json"), '[{"名称":"甲平台","服务企业数":[100],"__proto__":{"x":1}},{"名称":"乙平台","服务企业数":90,"用户满意度":85,"营业收入":499,"网站日常维护":false,"专家评分":12.5,"__proto__":1}]');
    const r = zs(["score", RUBRIC, "--data", "x.json", "--json"], dir);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; total: string | null; errors: { message: string }[] }[];
    expect(v[0]!.total).toBeNull();
    expect(v[0]!.errors[0]!.message).toContain("字段「服务企业数」的值是数组");
    expect(v[1]!.total).toBe("59.5");
  });

  it("a header in 元 when the rubric says 万元 is refused, naming the column", () => {
    writeFileSync(join(dir, "yuan.csv"), "名称,服务企业数,用户满意度,营业收入（元）,网站日常维护,专家评分\n甲平台,100,90%,5000000,是,20\n");
    const r = zs(["score", RUBRIC, "--data", "yuan.csv"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("D列（营业收入（元））的单位是元，评价体系中「营业收入」的单位是万元");
  });

  it("an old .xls is refused with the way out", () => {
    writeFileSync(join(dir, "old.xls"), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const r = zs(["score", RUBRIC, "--data", "old.xls"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("另存为");
  });

  it("explain finds a platform of a GBK file, and refuses one whose row does not line up", () => {
    expect(zs(["explain", RUBRIC, "--data", "gbk.csv", "--platform", "乙平台"]).out).toContain("用户满意度 85%");
    const r = zs(["explain", RUBRIC, "--data", "shift.csv", "--platform", "乙平台"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("平台「乙平台」的数据无法评分");
  });
});

describe("zhunsheng inputs --template", () => {
  const dir = mkdtempSync(join(tmpdir(), "zs-template-"));
  writeFileSync(join(dir, RUBRIC), readFileSync(join(fixtures, RUBRIC)));

  it("csv: the header with units and ranges, read back as the rubric's inputs", () => {
    const r = zs(["inputs", RUBRIC, "--template", "csv"], dir);
    expect(r.out).toBe("\ufeff名称,服务企业数（家）,用户满意度（%，0～100）,营业收入（万元）,网站日常维护（是/否）,专家评分（分，0～20）\r\n");
    writeFileSync(join(dir, "filled.csv"), r.out + "甲平台,100,90,500,是,20\r\n");
    expect(totals(zs(["score", RUBRIC, "--data", "filled.csv", "--json"], dir).out)).toEqual([["甲平台", "100"]]);
  });

  it("xlsx: a workbook with validation, filled in and scored", async () => {
    const r = zs(["inputs", RUBRIC, "--template", "xlsx", "--out", "模板.xlsx"], dir);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "模板.xlsx"));
    const ws = wb.getWorksheet("数据")!;
    expect(ws.getCell("E2").dataValidation).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    expect(ws.getCell("F2").dataValidation).toMatchObject({ type: "decimal", formulae: [0, 20] });
    ws.getRow(2).values = ["乙平台", 90, 0.85, 499, "否", 12.5];
    ws.getCell("C2").numFmt = "0%";
    await wb.xlsx.writeFile(join(dir, "填好.xlsx"));
    expect(totals(zs(["score", RUBRIC, "--data", "填好.xlsx", "--json"], dir).out)).toEqual([["乙平台", "59.5"]]);
  });
});
