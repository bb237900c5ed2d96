/**
 * The official table as an XLSX workbook (exceljs, the project's one XLSX library: merged cells,
 * borders, wrapped text, column widths, print setup). Printed as departments print it: A4 portrait
 * at 100% (五号 10.5pt, never shrunk to fit), the header row repeated on every page, page numbers in the
 * footer, manual page breaks where each page starts with the label of the category it continues.
 */
import ExcelJS from "exceljs";
import { categoryLines, columnWidths, lineCount, paginate } from "./layout.ts";
import { mergedColumns, rowCells, type OfficialTable, type TableRow } from "./table.ts";

const FONT = "宋体";
const PT = 10.5;
/** Excel's column width unit is the width of 「0」 in the default font (Calibri 11, 7 px); a CJK character at 10.5pt is 14 px. */
const UNITS_PER_EM = 2;
/** A4 portrait, 0.6 in side margins: 7.07 in of text, about 91 width units; 86 leaves room for the renderer. */
const PRINT_UNITS = 86;
/** Row height of one wrapped line at 10.5pt, in points (CJK fonts' line box). */
const LINE_PT = 14.5;

export async function tableXlsx(t: OfficialTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "准绳";
  wb.title = t.title;
  const ws = wb.addWorksheet("指标体系表", {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: false,
      scale: 100,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.4, footer: 0.4 },
    },
    headerFooter: {
      oddFooter: `&C&"${FONT},常规"&10第 &P 页 共 &N 页`,
      ...(t.draft ? { oddHeader: `&R&"黑体,加粗"&14&KC00000${t.draft.mark}` } : {}),
    },
  });
  const n = t.columns.length;
  const widthsEm = columnWidths(t, PRINT_UNITS / UNITS_PER_EM);
  ws.columns = widthsEm.map((w) => ({ width: Math.round(w * UNITS_PER_EM * 10) / 10 }));
  const capacity = (col: number) => widthsEm[col]! - 1.2;
  const border = { top: { style: "thin" as const }, left: { style: "thin" as const }, bottom: { style: "thin" as const }, right: { style: "thin" as const } };
  const merged = mergedColumns(t);

  const fullRow = (text: string, font: Partial<ExcelJS.Font>, height: number, align: Partial<ExcelJS.Alignment> = {}) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, n);
    row.getCell(1).font = { name: FONT, size: PT, ...font };
    row.getCell(1).alignment = { vertical: "middle", wrapText: true, ...align };
    row.height = height;
    return row;
  };
  if (t.attachment) fullRow(t.attachment, { name: "黑体", size: 14 }, 24);
  fullRow(t.title, { name: "黑体", size: 16 }, 30, { horizontal: "center" });
  if (t.draft) fullRow(`（${t.draft.mark}）`, { name: "黑体", size: 12, color: { argb: "FFC00000" } }, 22, { horizontal: "center" });

  // eligibility-only rubrics have no indicator rows: their conditions are the notes, under no empty header
  const header = t.rows.length > 0 ? ws.addRow(t.columns) : undefined;
  if (header) {
    header.height = 22;
    header.eachCell((c) => {
      c.font = { name: "黑体", size: PT, bold: true };
      c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      c.border = border;
    });
  }
  const headerRowNumber = header?.number;

  const lines = (r: TableRow) =>
    Math.max(...rowCells(t, r).map((c, i) => (merged.includes(i) ? categoryLines(c, capacity(i)).reduce((k, l) => k + lineCount(l, capacity(i)), 0) : lineCount(c, capacity(i)))));
  const height = (r: TableRow) => lines(r) * LINE_PT + 5;
  // A4 at 0.8 in margins: about 700 pt of rows; the first page also holds the title lines
  const room = 11.69 * 72 - 2 * 0.8 * 72 - 22 - 20;
  const pages = paginate(t.rows, height, (room - (t.attachment ? 24 : 0) - 30 - (t.draft ? 22 : 0)) * 0.95, room * 0.95);
  const merges: [number, number, number, number][] = [];
  pages.forEach((page, p) => {
    page.forEach(({ row: r, span }, k) => {
      const cells = rowCells(t, r).map((c, i) => (merged.includes(i) ? (span > 0 ? categoryLines(c, capacity(i)).join("\n") : null) : c));
      const row = ws.addRow(cells);
      for (let col = 1; col <= n; col++) {
        const cell = row.getCell(col);
        const isDesc = col === n;
        cell.font = { name: FONT, size: PT };
        cell.alignment = { horizontal: isDesc ? "justify" : "center", vertical: "middle", wrapText: true };
        cell.border = border;
      }
      row.height = height(r);
      if (span > 1) for (const c of merged) merges.push([row.number, c + 1, row.number + span - 1, c + 1]);
      // the last row of a page breaks the page, so the next starts with its header and category label
      if (k === page.length - 1 && p < pages.length - 1) row.addPageBreak();
    });
  });
  // merge after every row is in place: a merge creates the rows it covers, and addRow appends after them
  for (const [top, left, bottom, right] of merges) ws.mergeCells(top, left, bottom, right);

  const noteHeight = (text: string) => lineCount(text, PRINT_UNITS / UNITS_PER_EM - 1) * LINE_PT + 6;
  for (const note of t.notes) fullRow(note, {}, noteHeight(note));
  if (t.draft) {
    fullRow("", {}, 10);
    fullRow(`附：${t.draft.mark}待解决的问题`, { name: "黑体", size: 12 }, 22);
    const problems = t.draft.problems.length > 0 ? t.draft.problems.map((p, i) => `${i + 1}. ${p}`) : ["发布前检查没有发现问题。"];
    for (const p of problems) fullRow(p, {}, noteHeight(p));
  }
  if (headerRowNumber !== undefined) {
    ws.pageSetup.printTitlesRow = `${headerRowNumber}:${headerRowNumber}`;
    ws.views = [{ state: "frozen", ySplit: headerRowNumber }];
  }
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
