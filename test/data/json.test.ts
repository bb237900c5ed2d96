/** JSON: an array of flat objects, numbers kept as written, hostile keys harmless, every problem located. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainDecimal } from "../../packages/data/src/index.ts";
import { jsonOf } from "./helpers.ts";

describe("JSON data", () => {
  it("reads numbers as their exact text, true/false as 是/否, null as missing", () => {
    const r = jsonOf('\ufeff[{"名称":"甲","从业人数":1190.0000000000001,"大数":123456789012345678901234567890,"小数":1e-7,"有网站":true,"无":false,"空":null}]');
    expect(r.errors).toEqual([]);
    expect({ ...r.records[0] }).toEqual({ 名称: "甲", 从业人数: "1190.0000000000001", 大数: "123456789012345678901234567890", 小数: "0.0000001", 有网站: "是", 无: "否", 空: "" });
  });

  it("keeps __proto__ and constructor as ordinary fields of a prototype-free record", () => {
    const r = jsonOf('[{"名称":"甲","__proto__":5,"constructor":7,"toString":"x"}]');
    const rec = r.records[0]!;
    expect(Object.getPrototypeOf(rec)).toBeNull();
    expect([rec["__proto__"], rec["constructor"], rec["toString"]]).toEqual(["5", "7", "x"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("refuses a value that is an array or an object, naming platform, line and field", () => {
    const r = jsonOf('[\n{"名称":"甲","从业人数":1200},\n{"名称":"乙","从业人数":[1200]}\n]');
    expect(r.rows.map((x) => [x.platform ?? null, x.errors?.length ?? 0])).toEqual([
      ["甲", 0],
      ["乙", 1], // a refused element keeps its name
    ]);
    expect(r.errors[0]).toMatchObject({ code: "ZS6008", row: 3 });
    expect(r.errors[0]!.message).toBe("第2个平台（第3行）：字段「从业人数」的值是数组，应为单个值（数字、文本、true/false 或 null）");
  });

  it("refuses a field given twice", () => {
    expect(jsonOf('[{"名称":"甲","a":1,"a":2}]').errors[0]!.code).toBe("ZS6004");
  });

  it("a field name with spaces around it is that field: given twice so, it is refused, never one picked", () => {
    const r = jsonOf('[{"名称": "甲", "人数 ": 12, "分": 1}, {"名称": "乙", "人数": 100, "人数\\u3000": 1200}]');
    expect({ ...r.records[0] }).toEqual({ 名称: "甲", 人数: "12", 分: "1" });
    expect(r.rows[1]!.errors?.map((e) => [e.code, e.message])).toEqual([["ZS6004", "第2个平台（第1行）：字段「人数」出现了两次，无法确定用哪个值"]]);
  });

  it("says what shape is expected when the top level is not an array", () => {
    const r = jsonOf('{"platforms":[]}');
    expect(r.failed).toBe(true);
    expect(r.errors[0]!.code).toBe("ZS6009");
    expect(r.errors[0]!.message).toContain("[{\"名称\": \"甲平台\"");
  });

  it("locates syntax errors: a trailing comma, a missing comma, an unquoted text, a truncated file", () => {
    expect(jsonOf('[{"a":1},\n]').errors[0]!.message).toContain("第2行：数组最后一个元素后面多了逗号");
    expect(jsonOf('[{"a":1}\n{"a":2}]').errors[0]!.message).toContain("第2行：平台之间缺少逗号");
    expect(jsonOf('[{"名称":甲}]').errors[0]!.message).toContain("文本要用双引号括起来");
    expect(jsonOf('[{"名称":"甲"}').errors[0]!.message).toContain("可能不完整");
  });

  it("a later platform may bring a field the first did not have", () => {
    const r = jsonOf('[{"名称":"甲","a":1},{"名称":"乙","b":2}]');
    expect(r.records.map((x) => ({ ...x }))).toEqual([
      { 名称: "甲", a: "1" },
      { 名称: "乙", a: "", b: "2" },
    ]);
  });

  it("reads the same on any chunking", () => {
    const text = '[\n {"名称": "甲\\"平台\\"", "x": -1.5E+2, "y": "1,500"},\n {"名称": "乙", "x": 0, "y": null}\n]';
    const whole = JSON.stringify(jsonOf(text).records);
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), (size) => JSON.stringify(jsonOf(text, size).records) === whole));
    expect(jsonOf(text).records[0]!["x"]).toBe("-150");
  });

  it("moves the decimal point exactly", () => {
    expect(plainDecimal("1.5e3")).toBe("1500");
    expect(plainDecimal("-0.0")).toBe("0");
    expect(plainDecimal("12.3400")).toBe("12.34");
    expect(plainDecimal("1e999")).toBe("1e999");
  });
});

describe("a refused JSON element keeps its platform's name", () => {
  it("names it when the name field comes before or after the refused value, or before a syntax error", () => {
    const t = jsonOf(
      [
        "[",
        '{"名称": "甲平台", "服务企业数": {"2024": 100}},',
        '{"服务企业数": [100, 200], "名称": "乙平台"},',
        '{"平台名称": "丙平台", "服务企业数": 1, "服务企业数": 2},',
        '{"名称": "丁平台", "服务企业数": 约100},',
        '{"联系人": {"名称": "张三"}, "服务企业数": []},',
        '{"名称": "戊平台", "服务企业数": 100}',
        "]",
      ].join("\n"),
    );
    expect(t.rows.map((r) => [r.row, r.platform, r.errors?.[0]?.code])).toEqual([
      [2, "甲平台", "ZS6008"],
      [3, "乙平台", "ZS6008"],
      [4, "丙平台", "ZS6004"],
      [5, "丁平台", "ZS6007"],
      // a name inside a nested value is not the platform's
      [6, undefined, "ZS6008"],
      [7, "戊平台", undefined],
    ]);
    // the first problem is the one reported
    expect(t.rows[1]!.errors![0]!.message).toBe("第2个平台（第3行）：字段「服务企业数」的值是数组，应为单个值（数字、文本、true/false 或 null）");
    expect(t.rows[4]!.errors![0]!.message).toBe("第5个平台（第6行）：字段「联系人」的值是对象，应为单个值（数字、文本、true/false 或 null）");
  });
});

describe("JSON platforms without a name", () => {
  it("an element without the 名称 field the others give is refused like one with it empty (not scored as 「第N个平台」)", () => {
    const t = jsonOf('[{"名称": "甲平台", "x": 1},\n{"名称": "", "x": 2},\n{"x": 3}]');
    expect(t.rows.map((r) => [r.platform, r.errors?.map((e) => e.message)])).toEqual([
      ["甲平台", undefined],
      [undefined, ["第2个平台（第2行）没有平台名称（「名称」为空）"]],
      [undefined, ["第3个平台（第3行）没有平台名称（没有「名称」字段）"]],
    ]);
    expect(jsonOf('[{"名称": "丙\\n平台", "x": 1}]').rows[0]!.platform).toBe("丙平台");
    // a file that never names its platforms is read as before
    expect(jsonOf('[{"x": 1}, {"x": 2}]').rows.map((r) => r.errors)).toEqual([undefined, undefined]);
  });
});
