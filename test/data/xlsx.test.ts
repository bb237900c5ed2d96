/** Workbooks as Excel and WPS save them, read through exceljs with each cell's text as shown; the template read back. */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readDataBytes, readXlsxSheet, recordOf, templateCsv, writeTableXlsx, writeTemplateXlsx, type TemplateColumn } from "../../packages/data/src/index.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}`, import.meta.url)));
const EXPECTED = [{ name: "服务企业数" }, { name: "用户满意度" }, { name: "营业收入", unit: "万元" }, { name: "网站日常维护" }, { name: "专家评分" }];

describe("a workbook saved by WPS", () => {
  it("reads percent cells as exact percentages, text as text, formulas as their value, under a merged two-row header", async () => {
    const t = await readDataBytes(fixture("wps-percent.xlsx"), { file: "wps-percent.xlsx", expected: EXPECTED, sheet: "数据" });
    expect(t.format).toBe("xlsx");
    expect(t.sheet).toBe("数据");
    expect(t.header?.columns).toEqual(["名称", "服务企业数", "用户满意度", "营业收入", "网站日常维护", "专家评分"]);
    expect(t.header?.rows).toEqual([2, 3]);
    expect(t.rows.map((r) => ({ row: r.row, ...recordOf(r) }))).toEqual([
      { row: 4, 名称: "甲平台", 服务企业数: "100", 用户满意度: "90%", 营业收入: "500", 网站日常维护: "是", 专家评分: "20" },
      // 0.85 with format 0.0% shows 85.0% → "85%"; "499" stored as text stays text; =10+2.5 cached 12.5
      { row: 5, 名称: "乙平台", 服务企业数: "90", 用户满意度: "85%", 营业收入: "499", 网站日常维护: "否", 专家评分: "12.5" },
      // "1,500" typed as text stays text (the engine decides); 0.30000000000000004 is shown by Excel as 0.3; TRUE → 是
      { row: 6, 名称: "丙平台", 服务企业数: "1,500", 用户满意度: "0.3", 营业收入: "0.1", 网站日常维护: "是", 专家评分: "0" },
    ]);
    // the 合计 row and the note under the table are reported, not scored; styled empty rows are ignored
    expect(t.errors.map((e) => [e.code, e.row])).toEqual([
      ["ZS6020", 7],
      ["ZS6020", 9],
    ]);
  });

  it("refuses to choose between two sheets of platforms (2024 in 「数据」, 2023 in 「2023年」), naming both; a named one is read", async () => {
    const t = await readDataBytes(fixture("wps-percent.xlsx"), { file: "wps-percent.xlsx", expected: EXPECTED });
    expect([t.failed, t.rows, t.sheet, t.dataSheets]).toEqual([true, [], undefined, ["数据", "2023年"]]);
    expect(t.errors).toEqual([
      { code: "ZS6018", severity: "error", message: "工作簿中有2张工作表都有平台数据：「数据」「2023年」，不能确定评哪一张：请选择工作表（命令行用 --sheet 名称），或删去、隐藏不评的工作表" },
    ]);
  });

  it("reads the first sheet when the others hold no platforms: a 说明 sheet, a sheet of codes, an empty sheet, a hidden sheet of platforms", async () => {
    const wb = new ExcelJS.Workbook();
    const data = wb.addWorksheet("2024年");
    data.addRow(["名称", "服务企业数"]);
    data.addRow(["甲平台", 100]);
    const notes = wb.addWorksheet("填表说明");
    notes.addRow(["项目", "说明"]);
    notes.addRow(["服务企业数", "填写全年服务的企业家数"]);
    const codes = wb.addWorksheet("代码表");
    codes.addRow(["代码", "类型"]);
    codes.addRow(["1", "综合窗口"]);
    wb.addWorksheet("Sheet3");
    const old = wb.addWorksheet("2023年");
    old.addRow(["名称", "服务企业数"]);
    old.addRow(["乙平台", 90]);
    old.state = "hidden";
    const t = await readDataBytes(new Uint8Array(await wb.xlsx.writeBuffer()), { file: "d.xlsx", expected: [{ name: "服务企业数" }] });
    expect([t.failed, t.sheet, t.rows.map((r) => r.platform), t.errors]).toEqual([false, "2024年", ["甲平台"], []]);
  });

  it("reads a named sheet, and lists the sheets when the name is wrong", async () => {
    const t = await readDataBytes(fixture("wps-percent.xlsx"), { sheet: "2023年" });
    expect(t.rows.map(recordOf).map((r) => [r["名称"], r["用户满意度"]])).toEqual([["丁平台", "70%"]]);
    const bad = await readDataBytes(fixture("wps-percent.xlsx"), { sheet: "2022年" });
    expect(bad.failed).toBe(true);
    expect(bad.errors[0]!.message).toBe("工作簿中没有名为「2022年」的工作表；有：「数据」「2023年」");
  });

  it("gives publish the text and merged ranges of a sheet", async () => {
    const s = await readXlsxSheet(fixture("wps-percent.xlsx"));
    if ("error" in s) throw new Error(s.error.message);
    expect(s.rows[1]).toEqual(["名称", "服务情况", "", "营业收入（万元）", "网站日常维护", "专家评分"]);
    expect(s.merges).toContainEqual({ top: 2, left: 2, bottom: 2, right: 3 });
    expect(s.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 6 });
  });
});

describe("workbooks written by Excel-like tools (exceljs)", () => {
  it("percent formats of every kind give the exact percentage", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["名称", "a", "b", "c", "d"]);
    const r = ws.addRow(["甲", 0.9, 0.125, 0.0005, 1.2345678901234567]);
    r.getCell(2).numFmt = "0%";
    r.getCell(3).numFmt = "0.0%";
    r.getCell(4).numFmt = '0.00"%"'; // a literal "%" in quotes is not a percent format
    r.getCell(5).numFmt = "[Red]0.00%;-0.00%";
    const t = await readDataBytes(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), { file: "x.xlsx" });
    expect({ ...recordOf(t.rows[0]!) }).toEqual({ 名称: "甲", a: "90%", b: "12.5%", c: "0.0005", d: "123.456789012346%" });
  });

  it("refuses a corrupt workbook and an old .xls with a message saying what to do", async () => {
    const corrupt = await readDataBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), { file: "坏.xlsx" });
    expect(corrupt.errors[0]!.code).toBe("ZS6013");
    const xls = await readDataBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { file: "旧.xls" });
    expect(xls.errors[0]!.code).toBe("ZS6015");
    expect(xls.errors[0]!.message).toContain("另存为");
    const renamed = await readDataBytes(new TextEncoder().encode("名称,a\n甲,1\n"), { file: "假的.xlsx" });
    expect(renamed.errors[0]!.code).toBe("ZS6013");
  });

  it("a formula saved without its result (a workbook written by a program) makes its row bad data, not an empty cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业数", "用户满意度", "备注"]);
    ws.addRow(["甲平台", { formula: "10*10", result: 100 }, "90%", ""]);
    ws.addRow(["乙平台", { formula: "B2-10" }, "85%", ""]);
    // a column the rubric does not read: its formula is not read either, and the row is scored
    ws.addRow(["丙平台", 90, "80%", { formula: "B4&\"家\"" }]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const t = await readDataBytes(bytes, { file: "p.xlsx", expected: [{ name: "服务企业数" }, { name: "用户满意度" }] });
    expect(t.rows.map((r) => [r.row, (r.errors ?? []).map((e) => [e.code, e.column, e.message])])).toEqual([
      [2, []],
      [3, [["ZS6016", "B列（服务企业数）", "B3单元格是公式「=B2-10」，文件中没有保存它的计算结果（由程序生成、未在 Excel 或 WPS 中保存过的文件常见）：请在 Excel 或 WPS 中打开并保存后再试"]]],
      [4, []],
    ]);
    expect(recordOf(t.rows[0]!)["服务企业数"]).toBe("100");
    // read with no expected columns (every column may be read): that row is bad data too
    const all = await readDataBytes(bytes, { file: "p.xlsx" });
    expect(all.rows.map((r) => [r.row, (r.errors ?? []).map((e) => e.code)])).toEqual([[2, []], [3, ["ZS6016"]], [4, ["ZS6016"]]]);
    // a header cell that is such a formula: the file's columns cannot be named
    const headed = new ExcelJS.Workbook();
    headed.addWorksheet("数据").addRow(["名称", { formula: "\"服务\"&\"企业数\"" }]);
    const h = await readDataBytes(new Uint8Array(await headed.xlsx.writeBuffer()), { file: "h.xlsx" });
    expect(h.failed).toBe(true);
    expect(h.errors.map((e) => [e.code, e.row])).toEqual([["ZS6016", 1]]);
  });

  it("a number whose format shows it in thousands is not read as the number shown or the number stored; a per-mille cell is read as ‰", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "营业收入（万元）", "用户满意度", "备注"]);
    // 1200000 元 shown as 「120.0万」 and as 「1,200」: which number the header's 万元 means is a guess
    ws.addRow(["甲平台", 1200000, "90%", ""]);
    ws.getCell("B2").numFmt = '0!.0,"万"';
    ws.addRow(["乙平台", { formula: "B2", result: 1200000 }, "90%", ""]);
    ws.getCell("B3").numFmt = "#,##0,";
    ws.addRow(["丙平台", 1200, 0.85, 5000000]);
    ws.getCell("B4").numFmt = "#,##0"; // thousands separators only
    ws.getCell("C4").numFmt = "0.0‰";
    ws.getCell("D4").numFmt = "0.0,,"; // a column the rubric does not read
    const t = await readDataBytes(new Uint8Array(await wb.xlsx.writeBuffer()), { file: "p.xlsx", expected: [{ name: "营业收入", unit: "万元" }, { name: "用户满意度" }] });
    expect(t.rows.map((r) => [r.row, (r.errors ?? []).map((e) => [e.code, e.column, e.message])])).toEqual([
      [2, [["ZS6017", "B列（营业收入（万元））", "B2单元格存的值是1200000，数字格式「0!.0,\"万\"」把它缩小1000倍显示，表上看到的不是存的数：请把单元格格式改为「常规」或「数值」，按表头的单位填写数值后再试"]]],
      [3, [["ZS6017", "B列（营业收入（万元））", "B3单元格存的值是1200000，数字格式「#,##0,」把它缩小1000倍显示，表上看到的不是存的数：请把单元格格式改为「常规」或「数值」，按表头的单位填写数值后再试"]]],
      [4, []],
    ]);
    // 0.85 shown as 850.0‰ is not 0.85%: the engine reads 「850‰」 and refuses a unit that is not the input's
    expect({ ...recordOf(t.rows[2]!) }).toMatchObject({ 营业收入: "1200", 用户满意度: "850‰" });
  });

  it("a number whose format writes a unit of the unit table after it is read with that unit (「1200000元」), other literal text is not", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "营业收入", "服务场地面积", "服务企业数"]);
    ws.addRow(["甲平台", 1200000, 500, 90]);
    ws.getCell("B2").numFmt = '#,##0.00"元"';
    ws.getCell("C2").numFmt = '0\\万\\平\\米;-0"万平米"';
    ws.getCell("D2").numFmt = '0"家次"'; // not a sized unit: the number as before
    const t = await readDataBytes(new Uint8Array(await wb.xlsx.writeBuffer()), { file: "p.xlsx" });
    expect({ ...recordOf(t.rows[0]!) }).toMatchObject({ 营业收入: "1200000元", 服务场地面积: "500万平米", 服务企业数: "90" });
  });

  it("a workbook whose first sheet holds no platforms (a 说明 sheet, an empty sheet) says so and names the other sheets", async () => {
    for (const first of [["填表说明：请在「数据」表中逐行填写"], undefined]) {
      const wb = new ExcelJS.Workbook();
      const notes = wb.addWorksheet("说明");
      if (first) notes.addRow(first);
      const ws = wb.addWorksheet("数据");
      ws.addRow(["名称", "服务企业数"]);
      ws.addRow(["甲平台", 90]);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const t = await readDataBytes(bytes, { file: "p.xlsx" });
      expect(t.failed).toBe(true);
      expect(t.errors.filter((e) => e.severity === "error").map((e) => [e.code, e.message])).toEqual([
        ["ZS6002", "第一张工作表「说明」中没有平台数据；工作簿中还有「数据」：请选择有数据的工作表（命令行用 --sheet 名称），或把数据表移到第一张"],
      ]);
      expect((await readDataBytes(bytes, { file: "p.xlsx", sheet: "数据" })).rows.map((r) => r.platform)).toEqual(["甲平台"]);
    }
  });

  it("reads a workbook even when it is named .csv", async () => {
    const t = await readDataBytes(fixture("wps-percent.xlsx"), { file: "数据.csv", sheet: "数据" });
    expect(t.format).toBe("xlsx");
    expect(t.rows).toHaveLength(3);
  });

  it("writes a table with numbers as numbers and formula-like text as text", async () => {
    const bytes = await writeTableXlsx([
      ["平台", "总分"],
      ["=1+2", "95.5"],
      ["乙", "12345678901234567"],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A2").value).toBe("=1+2");
    expect(ws.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("B2").value).toBe(95.5);
    expect(ws.getCell("B3").value).toBe("12345678901234567"); // more than Excel's 15 digits: kept as text
  });
});

describe("the data template", () => {
  const columns: TemplateColumn[] = [
    { name: "服务企业家次", type: "count", unit: "家次", description: "通过审核的服务活动参与企业数量" },
    { name: "网站日常维护", type: "yesno" },
    { name: "协同评定分", type: "score", min: "0", max: "20", unit: "分" },
    { name: "用户满意度", type: "percent" },
    { name: "营业收入", type: "money", unit: "万元" },
  ];

  it("has units and ranges in the header, notes, drop-downs, number ranges and a frozen header", async () => {
    const bytes = await writeTemplateXlsx(columns, "测试体系 数据表");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.getWorksheet("数据")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(["名称", "服务企业家次（家次）", "网站日常维护（是/否）", "协同评定分（分，0～20）", "用户满意度（%）", "营业收入（万元）"]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 1 });
    expect(String((ws.getCell("B1").note as { texts?: { text: string }[] } | string | undefined) && JSON.stringify(ws.getCell("B1").note))).toContain("通过审核的服务活动参与企业数量");
    expect(ws.getCell("C2").dataValidation).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    expect(ws.getCell("C500").dataValidation).toMatchObject({ type: "list" });
    expect(ws.getCell("B2").dataValidation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formulae: [0] });
    expect(ws.getCell("D2").dataValidation).toMatchObject({ type: "decimal", operator: "between", formulae: [0, 20] });
    expect(wb.getWorksheet("填表说明")).toBeDefined();
  });

  it("a filled template reads back as the rubric's inputs", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeTemplateXlsx(columns)).buffer as ArrayBuffer);
    const ws = wb.getWorksheet("数据")!;
    const row = ws.getRow(2);
    row.values = ["甲平台", 1500, "是", 18.5, 0.925, 320];
    row.getCell(5).numFmt = "0.0%"; // typed as 92.5% in Excel
    const t = await readDataBytes(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), { file: "填好的.xlsx", expected: columns.map((c) => ({ name: c.name, ...(c.unit ? { unit: c.unit } : {}) })) });
    expect(t.errors).toEqual([]);
    expect({ ...recordOf(t.rows[0]!) }).toEqual({ 名称: "甲平台", 服务企业家次: "1500", 网站日常维护: "是", 协同评定分: "18.5", 用户满意度: "92.5%", 营业收入: "320" });
  });

  it("the CSV template is the same header row, with a BOM", () => {
    expect(templateCsv(columns)).toBe("\ufeff名称,服务企业家次（家次）,网站日常维护（是/否）,协同评定分（分，0～20）,用户满意度（%）,营业收入（万元）\r\n");
  });
});

describe("rows and columns the officer does not see", () => {
  const book = async (build: (ws: ExcelJS.Worksheet) => void) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业数", "用户满意度"]);
    ws.addRow(["甲平台", 100, "90%"]);
    ws.addRow(["乙平台", 80, "85%"]);
    ws.addRow(["丙平台", 90, "80%"]);
    build(ws);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };

  it("a hidden row is read and scored, with one warning naming its rows and platforms (not read without a word)", async () => {
    const t = await readDataBytes(await book((ws) => (ws.getRow(3).hidden = true)), { file: "d.xlsx" });
    expect(t.rows.map((r) => r.platform)).toEqual(["甲平台", "乙平台", "丙平台"]);
    expect(t.errors).toEqual([
      {
        code: "ZS6021",
        severity: "warning",
        row: 3,
        message: "第3行在工作表中是隐藏的（打开文件时看不到），仍作为平台读入并评分（「乙平台」）：若是已撤回或草稿的平台，请删去这些行；要评分的请取消隐藏，以免漏看",
      },
    ]);
  });

  it("rows a filter leaves out are said to be filtered; a hidden 合计 row is skipped as before", async () => {
    const t = await readDataBytes(
      await book((ws) => {
        ws.addRow(["合计", 270, ""]);
        ws.autoFilter = "A1:C5";
        for (const r of [2, 4, 5]) ws.getRow(r).hidden = true;
      }),
      { file: "d.xlsx" },
    );
    expect(t.rows.map((r) => r.platform)).toEqual(["甲平台", "乙平台", "丙平台"]);
    expect(t.errors.map((e) => [e.code, e.row, e.message])).toEqual([
      ["ZS6020", 5, "第5行「合计」是合计行，不是平台，已跳过"],
      ["ZS6021", 2, "第2、4行被筛选隐藏（筛选后看不到），仍作为平台读入并评分（「甲平台」「丙平台」）：若只评筛选出的平台，请把筛选结果复制到新工作表再读入"],
    ]);
  });

  it("a hidden column the rubric reads is a warning naming it; a hidden column it does not read says nothing", async () => {
    const bytes = await book((ws) => {
      ws.getColumn(2).hidden = true;
      ws.getColumn(4).hidden = true;
      ws.getCell("D1").value = "备注";
    });
    const t = await readDataBytes(bytes, { file: "d.xlsx", expected: [{ name: "服务企业数" }, { name: "用户满意度" }] });
    expect(t.rows.map((r) => recordOf(r)["服务企业数"])).toEqual(["100", "80", "90"]);
    expect(t.errors).toEqual([
      { code: "ZS6021", severity: "warning", row: 1, message: "B列（服务企业数）在工作表中是隐藏的（打开文件时看不到），仍按表头读入评分：请确认这一列是要评分的数据，不是时请删去" },
    ]);
  });
});

describe("cells merged down over several platforms' rows", () => {
  it("make each of those platforms bad data naming the cells (not 「缺少数据」 under a value the sheet shows, nor the first row's value for all)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["序号", "名称", "服务企业数", "网站日常维护", "地区"]);
    ws.addRow([1, "甲平台", 100, "是", "长沙"]);
    ws.addRow([2, "乙平台", 90, "", ""]);
    ws.addRow([3, "丙平台", 80, "否", ""]);
    ws.addRow(["合计", "", 270, "", ""]);
    ws.mergeCells("D2:D3"); // 是 shown on 甲 and 乙
    ws.mergeCells("E2:E4"); // 地区: a column the rubric does not read
    ws.mergeCells("A5:B5"); // 合计 across 序号 and 名称: still a summary row
    const t = await readDataBytes(new Uint8Array(await wb.xlsx.writeBuffer()), { file: "d.xlsx", expected: [{ name: "服务企业数" }, { name: "网站日常维护" }] });
    expect(t.rows.map((r) => [r.platform, r.errors?.map((e) => [e.code, e.column, e.message])])).toEqual([
      ["甲平台", [["ZS6022", "D列（网站日常维护）", "D2单元格向下合并了几行，「是」是这几行共用的，无法确定这一行的值：请取消合并单元格，在每一行分别填写后再试"]]],
      ["乙平台", [["ZS6022", "D列（网站日常维护）", "D3单元格与D2合并，表上看到的「是」只存在D2中，无法确定这一行的值：请取消合并单元格，在每一行分别填写后再试"]]],
      ["丙平台", undefined],
    ]);
    expect(t.errors.filter((e) => e.code === "ZS6020").map((e) => e.row)).toEqual([5]);
  });
});
