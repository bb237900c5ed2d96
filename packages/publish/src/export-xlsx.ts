/**
 * The official table as an XLSX workbook (exceljs: merged cells, borders, wrapped text and
 * column widths, and it reads workbooks back for `importTable`).
 */
import ExcelJS from "exceljs";
import { mergedColumns, rowCells, type OfficialTable } from "./table.ts";

const FONT = "宋体";

export async function tableXlsx(t: OfficialTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "准绳";
  const ws = wb.addWorksheet("指标体系表", { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const n = t.columns.length;
  ws.columns = t.weighted
    ? [{ width: 16 }, { width: 8 }, { width: 26 }, { width: 8 }, { width: 70 }]
    : [{ width: 18 }, { width: 28 }, { width: 8 }, { width: 70 }];
  const border = { top: { style: "thin" as const }, left: { style: "thin" as const }, bottom: { style: "thin" as const }, right: { style: "thin" as const } };

  ws.addRow([t.title]);
  ws.mergeCells(1, 1, 1, n);
  const titleCell = ws.getCell(1, 1);
  titleCell.font = { name: "黑体", size: 14, bold: true };
  titleCell.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 28;

  const header = ws.addRow(t.columns);
  header.eachCell((c) => {
    c.font = { name: "黑体", size: 11, bold: true };
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    c.border = border;
  });

  const merged = mergedColumns(t);
  const first = 3;
  t.rows.forEach((r, k) => {
    const row = ws.addRow(rowCells(t, r).map((c, i) => (merged.includes(i) && r.categorySpan === 0 ? null : c)));
    for (let col = 1; col <= n; col++) {
      const cell = row.getCell(col);
      const isDesc = col === n;
      cell.font = { name: FONT, size: 10.5 };
      cell.alignment = { horizontal: isDesc ? "left" : "center", vertical: "middle", wrapText: true };
      cell.border = border;
    }
    // rough height: wrapped description lines at ~34 CJK characters per line
    row.height = Math.max(20, Math.ceil([...r.description].length / 32) * 14 + 6);
  });
  // merge after every row is in place: a merge creates the rows it covers, and addRow appends after them
  t.rows.forEach((r, k) => {
    if (r.categorySpan > 1) for (const c of merged) ws.mergeCells(first + k, c + 1, first + k + r.categorySpan - 1, c + 1);
  });

  for (const note of t.notes) {
    const row = ws.addRow([note]);
    ws.mergeCells(row.number, 1, row.number, n);
    row.getCell(1).font = { name: FONT, size: 10.5 };
    row.getCell(1).alignment = { wrapText: true, vertical: "middle" };
  }
  ws.views = [{ state: "frozen", ySplit: 2 }];
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** Rows of the first worksheet as text cells (merged cells read as empty after their first). */
export async function readXlsxRows(data: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged && cell.master.address !== cell.address;
      cells.push(master ? "" : cellText(cell.value));
    }
    rows.push(cells);
  });
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  if (typeof v === "object" && "text" in v && typeof v.text === "string") return v.text;
  if (typeof v === "object" && "result" in v) return v.result === undefined ? "" : String(v.result);
  return "";
}
