/**
 * Workbooks the project writes through exceljs: a plain table (scores, impact) and the data
 * template with units in the header, descriptions as notes, drop-downs and number ranges as
 * data validation, and a frozen header.
 */
import ExcelJS from "exceljs";
import { FILLING_NOTES, rangeText, templateHeaderRow, TYPE_WORD, type TemplateColumn } from "./template.ts";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
const THIN = { style: "thin" as const };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Decimals a double holds exactly enough to be shown as written (Excel's 15 significant digits). */
const EXACT_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,14})?$/;

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * One sheet holding `rows` (the first is the header). Text that is a plain decimal of at most
 * 15 significant digits becomes a number cell; everything else stays text (never a formula).
 */
export async function writeTableXlsx(rows: readonly (readonly string[])[], sheetName = "评分"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "准绳";
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  rows.forEach((r, i) => {
    const row = ws.addRow(r.map((v) => (i > 0 && EXACT_NUMBER.test(v) && v.replace(/[-.]/g, "").replace(/^0+/, "").length <= 15 ? Number(v) : v)));
    if (i === 0) {
      row.font = { bold: true };
      row.eachCell((c) => {
        c.fill = HEADER_FILL;
        c.border = BORDER;
      });
    }
  });
  const n = Math.max(0, ...rows.map((r) => r.length));
  for (let c = 1; c <= n; c++) ws.getColumn(c).width = Math.min(40, Math.max(8, ...rows.slice(0, 200).map((r) => width(r[c - 1] ?? "") + 2)));
  return bytesOf(wb);
}

/** How many rows of the template carry validation (officers fill a few hundred platforms at most per sheet). */
const TEMPLATE_ROWS = 1000;

function validation(c: TemplateColumn): ExcelJS.DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: "stop" as const, errorTitle: c.name };
  if (c.type === "yesno") return { ...common, type: "list", formulae: ['"是,否"'], error: "请从下拉列表选择「是」或「否」" };
  if (c.type === "enum") return { ...common, type: "list", formulae: [`"${(c.values ?? []).join(",")}"`], error: `请从下拉列表选择：${(c.values ?? []).join("、")}` };
  if (c.type === "text" || c.type === "list" || c.panel) return undefined;
  const whole = c.type === "count";
  const min = c.min ?? (whole || c.type === "money" ? "0" : undefined);
  const max = c.max;
  const what = whole ? "整数" : "数字";
  const kind = whole ? ("whole" as const) : ("decimal" as const);
  if (min !== undefined && max !== undefined) return { ...common, type: kind, operator: "between", formulae: [Number(min), Number(max)], error: `请填写${min}～${max}之间的${what}，不要带单位` };
  if (min !== undefined) return { ...common, type: kind, operator: "greaterThanOrEqual", formulae: [Number(min)], error: `请填写不小于${min}的${what}，不要带单位` };
  if (max !== undefined) return { ...common, type: kind, operator: "lessThanOrEqual", formulae: [Number(max)], error: `请填写不大于${max}的${what}，不要带单位` };
  return { ...common, type: kind, operator: "between", formulae: [-1e15, 1e15], error: `请填写${what}，不要带单位` };
}

/** exceljs 4.4 validates whole ranges through `worksheet.dataValidations` (missing from its typings); one entry per column. */
function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

function note(c: TemplateColumn): string {
  const lines = [`${c.name}：${TYPE_WORD[c.type]}${c.unit ? `，单位：${c.unit}` : ""}`];
  const range = rangeText(c);
  if (range) lines.push(`范围：${range}`);
  if (c.description) lines.push(c.description);
  return lines.join("\n");
}

/** The data template: sheet 「数据」 to fill in, sheet 「填表说明」 with every column explained. */
export async function writeTemplateXlsx(columns: readonly TemplateColumn[], title?: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "准绳";
  const ws = wb.addWorksheet("数据", { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  const header = templateHeaderRow(columns);
  const row = ws.addRow(header);
  row.height = 36;
  row.eachCell((cell, n) => {
    cell.font = { bold: true, name: "宋体", size: 11 };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    const c = columns[n - 2];
    cell.note = c ? note(c) : "平台名称：每个平台一行";
  });
  ws.getColumn(1).width = 28;
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 2);
    col.width = Math.min(30, Math.max(10, width(header[i + 1]!) / 2 + 4));
    if (c.type === "text") col.numFmt = "@";
    const v = validation(c);
    const letter = col.letter;
    if (v) rangeValidations(ws).add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, v);
  });
  ws.getColumn(1).numFmt = "@";

  const help = wb.addWorksheet("填表说明");
  help.columns = [{ width: 24 }, { width: 14 }, { width: 10 }, { width: 14 }, { width: 60 }];
  if (title) help.addRow([title]).font = { bold: true, size: 13 };
  for (const line of FILLING_NOTES) help.addRow([line]);
  help.addRow([]);
  const h = help.addRow(["列名", "类型", "单位", "范围", "说明"]);
  h.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  });
  help.addRow(["名称", "文本", "", "", "平台名称"]);
  for (const c of columns) {
    const r = help.addRow([c.name, TYPE_WORD[c.type], c.type === "yesno" ? "是/否" : c.unit ?? (c.type === "percent" ? "%" : ""), rangeText(c), c.description ?? ""]);
    r.getCell(5).alignment = { wrapText: true, vertical: "top" };
  }
  return bytesOf(wb);
}
