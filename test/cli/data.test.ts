/**
 * Data through the `score` command as a process (encodings and workbooks are test/data/cli.test.ts):
 * a shifted row reported once, a missing column said once, the platform-name column that `score`
 * and `explain` read the same way, a broken JSON file.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { workspace, zs } from "./process.ts";


const RUBRIC = `评价体系 测试体系
  满分：20分

输入
  服务企业家次：计数 家次 越多越好
  网站维护：是否

类别 活跃度（20分）

  指标 服务企业数 15分
    服务企业家次 达1000家次得15分，每少100家次减1分（不足一档不计）

  指标 网站 5分
    网站维护 得5分
`;

const totals = (out: string) => (JSON.parse(out) as { platform: string; total: string | null }[]).map((v) => [v.platform, v.total]);

describe("zhunsheng score reads data files as officers have them", () => {
  it("a row with one column too many is not scored shifted: its reasons are in its own result, exit 1", () => {
    const csv = "名称,服务企业家次,网站维护\n甲平台,1200,是\n乙平台,1,850,否\n丙平台,900,是\n";
    const r = zs(["score", "a.zs", "--data", "d.csv", "--json"], workspace({ "a.zs": RUBRIC, "d.csv": csv }));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; row: number; total: string | null; errors: { message: string }[] }[];
    expect(v.map((x) => [x.platform, x.row, x.total])).toEqual([
      ["甲平台", 2, "20"],
      ["乙平台", 3, null],
      ["丙平台", 4, "19"],
    ]);
    expect(v[1]!.errors[0]!.message).toContain("第3行有4列，表头有3列");
    // said once: in the platform's result, with one summary line on stderr (not again as a file-level line)
    expect(r.err).toBe("1个平台的数据有误，总分为 null（原因见各平台的 errors）\n");
  });

  it("a column the rubric needs and the header lacks is said once, and every platform is bad data", () => {
    const r = zs(["score", "a.zs", "--data", "d.csv"], workspace({ "a.zs": RUBRIC, "d.csv": "名称,服务企业家次\n甲平台,1200\n" }));
    expect(r.code).toBe(1);
    expect(r.err).toContain("d.csv：表头中没有「网站维护」列，每个平台都缺少这些数据");
    expect(r.out).toContain("缺少「网站维护」的数据");
  });

  it("a column whose header names another size of the rubric's unit (平方米 for 万平方米) is refused, not read as the rubric's unit", () => {
    const rubric = `评价体系 单位\n输入\n  服务场地面积：数值 万平方米\n类别 服务条件 10分\n  指标 场地 10分\n    服务场地面积 达到1万平方米得10分\n`;
    // 5000 平方米 is 0.5 万平方米: read as 5000 万平方米 it would score 10
    const r = zs(["score", "a.zs", "--data", "d.csv"], workspace({ "a.zs": rubric, "d.csv": "名称,服务场地面积（平方米）\n甲平台,5000\n" }));
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe("d.csv:1 错误 ZS6014 B列（服务场地面积（平方米））的单位是平方米，评价体系中「服务场地面积」的单位是万平方米：请把数据换算为万平方米，或改正表头\n");
  });

  it("a CSV whose columns are joined by semicolons or full-width commas is one line naming the separator, not every column missing", () => {
    for (const sep of [";", "，"]) {
      const csv = ["名称", "服务企业家次", "网站维护"].join(sep) + "\n" + ["甲平台", "1200", "是"].join(sep) + "\n";
      const r = zs(["score", "a.zs", "--data", "d.csv"], workspace({ "a.zs": RUBRIC, "d.csv": csv }));
      expect(r.code, sep).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toBe(`d.csv:1 错误 ZS6002 表头只有一列「名称${sep}服务企业家次${sep}网站维护」，其中用「${sep}」隔开了3个列名：CSV 文件的各列应以英文逗号「,」或制表符分隔。请在 Excel 或 WPS 中「另存为」CSV UTF-8（逗号分隔）后再试\n`);
    }
  });

  it("a workbook formula saved without its result makes its platform bad data, naming the cell; one in a column the rubric does not read is ignored", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业家次", "网站维护", "备注"]);
    ws.addRow(["甲平台", { formula: "600*2" }, "是", ""]);
    ws.addRow(["乙平台", 1200, "是", { formula: "B3&\"家次\"" }]);
    const r = zs(["score", "a.zs", "--data", "d.xlsx", "--json"], workspace({ "a.zs": RUBRIC, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; total: string | null; errors: { message: string }[] }[];
    expect(v.map((x) => [x.platform, x.total])).toEqual([
      ["甲平台", null],
      ["乙平台", "20"],
    ]);
    expect(v[0]!.errors[0]!.message).toContain("B2单元格是公式「=600*2」，文件中没有保存它的计算结果");
  });

  it("score and explain read the platform name from the same column (平台名称)", () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": "平台名称,服务企业家次,网站维护\n甲平台,1200,是\n" });
    const scored = JSON.parse(zs(["score", "a.zs", "--data", "d.csv", "--json"], dir).out) as { platform: string }[];
    expect(scored[0]!.platform).toBe("甲平台");
    const explained = zs(["explain", "a.zs", "--data", "d.csv", "--platform", "甲平台"], dir);
    expect(explained.code).toBe(0);
    expect(explained.out).toMatch(/^甲平台：总分20分/);
  });

  it("explain refuses a name two platforms share, naming their rows, instead of explaining the first", () => {
    const csv = "名称,服务企业家次,网站维护\n甲平台,1200,是\n乙平台,500,否\n甲平台,300,否\n";
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": csv });
    const r = zs(["explain", "a.zs", "--data", "d.csv", "--platform", "甲平台"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.trim()).toBe("d.csv 中有2个名为「甲平台」的平台（第2行、第4行），无法确定说明哪一个：请在数据文件中改正重名的平台名称");
    // a name held once is still explained
    expect(zs(["explain", "a.zs", "--data", "d.csv", "--platform", "乙平台"], dir).out).toMatch(/^乙平台：总分/);
  });

  it("JSON: a refused first element or a field only later platforms give is not reported as a column every platform lacks", () => {
    const ok = '{"名称": "乙平台", "服务企业家次": 1200, "网站维护": "是"}';
    // the first element is refused (a nested object, then null): the second platform has every field
    for (const first of ['{"名称": "甲平台", "服务企业家次": {"值": 1200}, "网站维护": "是"}', "null"]) {
      const r = zs(["score", "a.zs", "--data", "d.json", "--json"], workspace({ "a.zs": RUBRIC, "d.json": `[${first}, ${ok}]` }));
      expect(r.code).toBe(1);
      expect(totals(r.out)[1]).toEqual(["乙平台", "20"]);
      expect(r.err).not.toContain("表头中没有");
    }
    // 网站维护 first given by the second platform: only the first lacks it
    const later = zs(["score", "a.zs", "--data", "d.json", "--json"], workspace({ "a.zs": RUBRIC, "d.json": `[{"名称": "甲平台", "服务企业家次": 1200}, ${ok}]` }));
    expect(later.code).toBe(1);
    expect(later.out).toContain("缺少「网站维护」的数据");
    expect(later.err).toBe("1个平台的数据有误，总分为 null（原因见各平台的 errors）\n");
    // a field no platform gives is still said once
    const none = zs(["score", "a.zs", "--data", "d.json"], workspace({ "a.zs": RUBRIC, "d.json": '[{"名称": "甲平台", "服务企业家次": 1200}]' }));
    expect(none.err).toContain("d.json：表头中没有「网站维护」列，每个平台都缺少这些数据");
  });

  it("rows under the table: a 备注 row of two cells is skipped with a warning; a platform named in the last row with no data is bad data, exit 1", () => {
    const head = "名称,服务企业家次,网站维护\n甲平台,1200,是\n";
    const notes = zs(["score", "a.zs", "--data", "d.csv", "--json"], workspace({ "a.zs": RUBRIC, "d.csv": head + "备注,以上数据由各市上报,\n填表人：张三,,审核人：李四\n" }));
    expect(notes.code).toBe(0);
    expect(totals(notes.out)).toEqual([["甲平台", "20"]]);
    expect(notes.err).toBe("d.csv:3 警告 ZS6020 第3行「备注」是说明，不是平台，已跳过\nd.csv:4 警告 ZS6020 第4行「填表人：张三」是说明，不是平台，已跳过\n");
    const last = zs(["score", "a.zs", "--data", "d.csv", "--json"], workspace({ "a.zs": RUBRIC, "d.csv": head + "乙平台,,\n" }));
    expect(last.code).toBe(1);
    expect(totals(last.out)).toEqual([["甲平台", "20"], ["乙平台", null]]);
    expect(last.out).toContain("缺少「服务企业家次」的数据");
  });

  it("a workbook cell shown in thousands or per mille is refused, naming the cell, not scored on the number stored", async () => {
    const rubric = `评价体系 格式\n输入\n  营业收入：金额 万元\n  满意度：百分比\n类别 经营 10分\n  指标 收入 5分\n    营业收入 达到100万元得5分\n  指标 满意 5分\n    满意度 达到80%得5分\n`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "营业收入（万元）", "满意度"]);
    ws.addRow(["甲平台", 1200000, "90%"]); // 1200000 元 shown as 「120.0万」: read as 1200000 万元 it scored 5
    ws.getCell("B2").numFmt = '0!.0,"万"';
    ws.addRow(["乙平台", 120, 0.85]); // 0.85 shown as 「850.0‰」: read as 0.85% it scored 0
    ws.getCell("C3").numFmt = "0.0‰";
    ws.addRow(["丙平台", 120, 0.9]);
    ws.getCell("C4").numFmt = "0%";
    const r = zs(["score", "a.zs", "--data", "d.xlsx", "--json"], workspace({ "a.zs": rubric, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; total: string | null; errors: { message: string }[] }[];
    expect(v.map((x) => [x.platform, x.total])).toEqual([["甲平台", null], ["乙平台", null], ["丙平台", "10"]]);
    expect(v[0]!.errors[0]!.message).toContain("B2单元格存的值是1200000，数字格式「0!.0,\"万\"」把它缩小1000倍显示");
    expect(v[1]!.errors[0]!.message).toContain("「850‰」");
  });

  it("a workbook number formatted with another size of the rubric's unit (「1200000元」 for 万元) is refused, the same unit is read", async () => {
    const rubric = `评价体系 格式\n输入\n  营业收入：金额 万元\n类别 经营 5分\n  指标 收入 5分\n    营业收入 达到100万元得5分\n`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "营业收入"]);
    ws.addRow(["甲平台", 1200000]); // shown 「1,200,000.00元」: read as 1200000 万元 it scored 5
    ws.getCell("B2").numFmt = '#,##0.00"元"';
    ws.addRow(["乙平台", 120]);
    ws.getCell("B3").numFmt = '0.00"万元"';
    const r = zs(["score", "a.zs", "--data", "d.xlsx", "--json"], workspace({ "a.zs": rubric, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; total: string | null; errors: { message: string }[] }[];
    expect(v.map((x) => [x.platform, x.total])).toEqual([["甲平台", null], ["乙平台", "5"]]);
    expect(v[0]!.errors[0]!.message).toBe("「营业收入」以万元计，「1200000元」的单位不对：请只填数字");
  });

  it("a workbook that opens on its 说明 sheet: one line naming the sheet read and the others, exit 1", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["填表说明：请在「数据」表中逐行填写"]);
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业家次", "网站维护"]);
    ws.addRow(["甲平台", 1200, "是"]);
    const dir = workspace({ "a.zs": RUBRIC, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) });
    const r = zs(["score", "a.zs", "--data", "d.xlsx", "--json"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toBe("d.xlsx（工作表「说明」） 错误 ZS6002 第一张工作表「说明」中没有平台数据；工作簿中还有「数据」：请选择有数据的工作表（命令行用 --sheet 名称），或把数据表移到第一张\n");
    expect(totals(zs(["score", "a.zs", "--data", "d.xlsx", "--sheet", "数据", "--json"], dir).out)).toEqual([["甲平台", "20"]]);
  });

  it("a workbook row hidden in Excel is scored and said so on stderr with its row and platform (not scored without a word)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业家次", "网站维护"]);
    ws.addRow(["甲平台", 1200, "是"]);
    ws.addRow(["乙平台（已撤回）", 1500, "是"]);
    ws.getRow(3).hidden = true;
    const r = zs(["score", "a.zs", "--data", "d.xlsx", "--json"], workspace({ "a.zs": RUBRIC, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(r.code).toBe(0);
    expect(totals(r.out)).toEqual([["甲平台", "20"], ["乙平台（已撤回）", "20"]]);
    expect(r.err).toBe("d.xlsx:3 警告 ZS6021 第3行在工作表中是隐藏的（打开文件时看不到），仍作为平台读入并评分（「乙平台（已撤回）」）：若是已撤回或草稿的平台，请删去这些行；要评分的请取消隐藏，以免漏看\n");
  });

  it("a workbook value merged down over two platforms' rows makes both bad data naming the cells, exit 1", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业家次", "网站维护"]);
    ws.addRow(["甲平台", 1200, "是"]);
    ws.addRow(["乙平台", 1300, ""]);
    ws.addRow(["丙平台", 1200, "是"]);
    ws.mergeCells("C2:C3"); // 乙平台 read 「缺少「网站维护」的数据」 under the 是 the sheet shows
    const r = zs(["score", "a.zs", "--data", "d.xlsx", "--json"], workspace({ "a.zs": RUBRIC, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; total: string | null; errors: { message: string }[] }[];
    expect(v.map((x) => [x.platform, x.total])).toEqual([["甲平台", null], ["乙平台", null], ["丙平台", "20"]]);
    expect(v[1]!.errors[0]!.message).toBe("C3单元格与C2合并，表上看到的「是」只存在C2中，无法确定这一行的值：请取消合并单元格，在每一行分别填写后再试");
  });

  it("a workbook whose only visible sheet is a 说明 and whose data sheet is hidden names the hidden sheet (not 「没有平台」 alone)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["填表说明：请在「数据」表中逐行填写"]);
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业家次", "网站维护"]);
    ws.addRow(["甲平台", 1200, "是"]);
    ws.state = "hidden";
    const dir = workspace({ "a.zs": RUBRIC, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) });
    const r = zs(["score", "a.zs", "--data", "d.xlsx"], dir);
    expect([r.code, r.out]).toEqual([1, ""]);
    expect(r.err).toBe("d.xlsx 错误 ZS6002 工作表「说明」中没有平台数据；工作簿中还有隐藏的工作表「数据」：请在 Excel 或 WPS 中取消隐藏并删去不用的工作表，或命令行用 --sheet 名称 选择\n");
    expect(totals(zs(["score", "a.zs", "--data", "d.xlsx", "--sheet", "数据", "--json"], dir).out)).toEqual([["甲平台", "20"]]);
  });

  it("diff --data: a platform whose value cannot be read is named on stderr with its row and the reason, exit 1 (not left in the report with exit 0)", () => {
    const changed = RUBRIC.replace("达1000家次得15分", "达900家次得15分");
    const csv = "名称,服务企业家次,网站维护\n甲平台,约1200,是\n乙平台,850,否\n";
    const r = zs(["diff", "a.zs", "b.zs", "--data", "d.csv"], workspace({ "a.zs": RUBRIC, "b.zs": changed, "d.csv": csv }));
    expect(r.code).toBe(1);
    expect(r.err).toBe("d.csv:2 错误 甲平台：「服务企业家次」应为数字，实际为「约1200」\n");
    expect(r.out).toContain("数据有误、无法比较的平台：1个");
    // every platform read: exit 0, nothing on stderr
    const ok = zs(["diff", "a.zs", "b.zs", "--data", "d.csv"], workspace({ "a.zs": RUBRIC, "b.zs": changed, "d.csv": "名称,服务企业家次,网站维护\n乙平台,850,否\n" }));
    expect([ok.code, ok.err]).toEqual([0, ""]);
  });

  it("「1，500」 with a full-width comma is 1500 in a CSV cell; 「1，5」 is refused naming the grouping", () => {
    const csv = "名称,服务企业家次,网站维护\n甲平台,1，200,是\n乙平台,1，2,否\n";
    const r = zs(["score", "a.zs", "--data", "d.csv", "--json"], workspace({ "a.zs": RUBRIC, "d.csv": csv }));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; total: string | null; errors: { message: string }[] }[];
    expect(v.map((x) => [x.platform, x.total])).toEqual([["甲平台", "20"], ["乙平台", null]]);
    expect(v[1]!.errors[0]!.message).toBe("「服务企业家次」的值「1，2」中的逗号不是规范的千分位分隔符（应每三位一组，如「1,500」）：请写成不带逗号的数字");
  });

  it("a 合计 row written in the 序号 column is skipped with a warning, not a platform without a name (exit 0)", () => {
    const csv = "序号,名称,服务企业家次,网站维护\n1,甲平台,1200,是\n合计,,1200,\n";
    const r = zs(["score", "a.zs", "--data", "d.csv", "--json"], workspace({ "a.zs": RUBRIC, "d.csv": csv }));
    expect(r.code).toBe(0);
    expect(totals(r.out)).toEqual([["甲平台", "20"]]);
    expect(r.err).toBe("d.csv:3 警告 ZS6020 第3行「合计」是合计行，不是平台，已跳过\n");
  });

  it("JSON: a field given twice, once with a trailing space, is refused instead of scoring the first value", () => {
    const json = '[{"名称": "甲平台", "服务企业家次": 100, "服务企业家次 ": 1200, "网站维护": "是"}]';
    const r = zs(["score", "a.zs", "--data", "d.json", "--json"], workspace({ "a.zs": RUBRIC, "d.json": json }));
    expect(r.code).toBe(1);
    expect(r.out).toContain("字段「服务企业家次」出现了两次，无法确定用哪个值");
    expect(totals(r.out)[0]![1]).toBeNull();
  });

  it("a number in scientific notation (Excel's CSV of a cell shown as 1.2E+03) is refused saying so, not as a wrong unit", () => {
    const csv = "名称,服务企业家次,网站维护\n甲平台,1.2E+03,是\n乙平台,1200,是\n";
    const r = zs(["score", "a.zs", "--data", "d.csv", "--json"], workspace({ "a.zs": RUBRIC, "d.csv": csv }));
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { platform: string; total: string | null; errors: { message: string }[] }[];
    expect(v.map((x) => [x.platform, x.total])).toEqual([["甲平台", null], ["乙平台", "20"]]);
    expect(v[0]!.errors[0]!.message).toBe("「服务企业家次」的值「1.2E+03」是科学计数法，表格导出时可能已舍去了数字：请在 Excel 或 WPS 中把这一列的单元格格式改为「数值」或「常规」后重新导出，或直接填写完整的数字");
  });

  it("platforms named twice: score lists both and says so naming the rows; diff --data says so; explain --platform refuses", () => {
    const csv = "名称,服务企业家次,网站维护\n甲平台,1200,是\n乙平台,850,否\n甲平台,300,否\n";
    const dir = workspace({ "a.zs": RUBRIC, "b.zs": RUBRIC.replace("达1000家次得15分", "达900家次得15分"), "d.csv": csv });
    const warning = "d.csv:4 警告 ZS6019 平台名称「甲平台」出现了2次（第2行、第4行），评分结果中会列出2个同名平台，无法区分：请改正重名的平台名称，或删去重复的行\n";
    const r = zs(["score", "a.zs", "--data", "d.csv", "--json"], dir);
    expect(r.code).toBe(0);
    expect(totals(r.out)).toEqual([["甲平台", "20"], ["乙平台", "14"], ["甲平台", "8"]]);
    expect(r.err).toBe(warning);
    const d = zs(["diff", "a.zs", "b.zs", "--data", "d.csv"], dir);
    expect([d.code, d.err]).toEqual([0, warning]);
    const e = zs(["explain", "a.zs", "--data", "d.csv", "--platform", "甲平台"], dir);
    expect(e.code).toBe(1);
    expect(e.err).toBe("d.csv 中有2个名为「甲平台」的平台（第2行、第4行），无法确定说明哪一个：请在数据文件中改正重名的平台名称\n");
  });

  it("JSON: a refused element is listed under its platform's name, not 「第N个平台」", () => {
    const json = '[{"名称": "甲平台", "服务企业家次": 1200, "网站维护": "是"},\n{"服务企业家次": {"2024": 1200}, "名称": "乙平台", "网站维护": "是"}]';
    const r = zs(["score", "a.zs", "--data", "d.json", "--json"], workspace({ "a.zs": RUBRIC, "d.json": json }));
    expect(r.code).toBe(1);
    expect(totals(r.out)).toEqual([["甲平台", "20"], ["乙平台", null]]);
    expect(r.out).toContain("第2个平台（第2行）：字段「服务企业家次」的值是对象");
  });

  it("JSON: a platform without the 名称 field the others give is bad data, not scored as 「第N个平台」", () => {
    const json = '[{"名称": "甲平台", "服务企业家次": 1200, "网站维护": "是"},\n{"服务企业家次": 1500, "网站维护": "是"}]';
    const r = zs(["score", "a.zs", "--data", "d.json", "--json"], workspace({ "a.zs": RUBRIC, "d.json": json }));
    expect(r.code).toBe(1);
    expect(totals(r.out)).toEqual([["甲平台", "20"], ["第2个平台", null]]);
    expect(r.out).toContain("第2个平台（第2行）没有平台名称（没有「名称」字段）");
  });

  it("a platform name typed over two lines (Alt+Enter) is listed on one line and found by explain --platform", () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": '名称,服务企业家次,网站维护\n"甲\r\n平台",1200,是\n' });
    const r = zs(["score", "a.zs", "--data", "d.csv", "--json"], dir);
    expect([r.code, totals(r.out)]).toEqual([0, [["甲平台", "20"]]]);
    expect(zs(["explain", "a.zs", "--data", "d.csv", "--platform", "甲平台"], dir).out).toMatch(/^甲平台：总分/);
  });

  it("a workbook with the header repeated under the table (two tables stacked): skipped with a warning, not a platform 「名称」", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业家次", "网站维护"]);
    ws.addRow(["甲平台", 1200, "是"]);
    ws.addRow([]);
    ws.addRow(["名称", "服务企业家次", "网站维护"]);
    ws.addRow(["乙平台", 800, "是"]);
    const r = zs(["score", "a.zs", "--data", "d.xlsx", "--json"], workspace({ "a.zs": RUBRIC, "d.xlsx": new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(r.code).toBe(0);
    expect(totals(r.out)).toEqual([["甲平台", "20"], ["乙平台", "18"]]);
    expect(r.err).toBe("d.xlsx:4 警告 ZS6020 第4行重复了表头（「名称」…），不是平台，已跳过\n");
  });

  it("a broken JSON data file is one located line and exit 1", () => {
    const r = zs(["score", "a.zs", "--data", "d.json"], workspace({ "a.zs": RUBRIC, "d.json": '[{"名称": "甲平台", "服务企业家次": 1200,' }));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^d\.json(:\d+)? 错误 ZS6007 /m);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
