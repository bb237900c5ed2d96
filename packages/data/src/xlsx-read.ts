/**
 * Worksheets as the officer sees them, through exceljs (the project's one XLSX library):
 * each cell's text as shown — a number at Excel's 15 significant digits, a percent-formatted
 * cell as its percentage (0.9 shown as 90% → "90%", exactly), a number stored as text as its
 * text, a formula as its cached result — and the merged ranges, which tell how deep a header is.
 */
import ExcelJS from "exceljs";
import { dataError, type DataError } from "./errors.ts";
import { excelNumberText, shiftDecimal } from "./number-text.ts";
import { isSizedUnit } from "./units.ts";
import type { GridRow, Merge, SheetText } from "./table.ts";

/** A number format without its quoted text, escapes, [colours and conditions] and padding: what lays out the digits. */
function formatCode(fmt: string): string {
  return fmt.replace(/"[^"]*"|[\\!].|\[[^\]]*\]|[_*]./g, "");
}

/** Whether a number format shows the value as a percentage (a `%` outside quotes, escapes and [brackets]). */
export function isPercentFormat(fmt: string | undefined): boolean {
  return !!fmt && formatCode(fmt).includes("%");
}

/**
 * How many thousands a number format divides the value by before showing it: each comma after
 * the last digit placeholder (`#,##0,` shows 1200000 as 1,200; `0.0,,` in millions). 0 for none.
 */
export function formatScaling(fmt: string | undefined): number {
  if (!fmt) return 0;
  let most = 0;
  for (const m of formatCode(fmt).matchAll(/[0#?]((?:,)+)(?![0#?,])/g)) most = Math.max(most, m[1]!.length);
  return most;
}

/**
 * The unit a number format writes after the digits (`#,##0.00"元"`, `0\万\元`) when it is one of
 * the unit table's (a size the rubric's unit may differ from); undefined otherwise.
 */
export function formatUnit(fmt: string | undefined): string | undefined {
  if (!fmt) return undefined;
  // the first section (positive numbers), up to a `;` outside quotes
  const section = /^(?:"[^"]*"|\\.|[^;])*/.exec(fmt)![0];
  let last = -1;
  for (const m of section.matchAll(/"[^"]*"|\\.|\[[^\]]*\]|[0#?]/g)) if (/^[0#?]$/.test(m[0])) last = m.index + 1;
  if (last < 0) return undefined;
  let text = "";
  // quoted, escaped, or bare Chinese (exceljs drops the backslash of 0\万\元 when it reads a file)
  for (const m of section.slice(last).matchAll(/"([^"]*)"|\\(.)|([\u3400-\u9fff㎡㎏㎞㎢²]+)/gu)) text += m[1] ?? m[2] ?? m[3];
  text = text.trim();
  return text && isSizedUnit(text) ? text : undefined;
}

function numberText(v: number, fmt: string | undefined): string {
  const plain = excelNumberText(v);
  if (!plain || !fmt) return plain;
  if (isPercentFormat(fmt)) return shiftDecimal(plain, 2) + "%";
  // shown per mille (0.85 as 850‰): the reader of the value decides whether ‰ is the input's unit
  if (formatCode(fmt).includes("‰")) return shiftDecimal(plain, 3) + "‰";
  // shown with a unit (1200 as 「1200元」): the reader of the value accepts it only when it is the input's
  const unit = formatUnit(fmt);
  return unit ? plain + unit : plain;
}

function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
}

type Value = ExcelJS.CellValue | undefined;

function valueText(v: Value, fmt: string | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return numberText(v, fmt);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "是" : "否";
  if (v instanceof Date) return dateText(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("error" in v) return String(v.error);
  if ("formula" in v || "sharedFormula" in v) return valueText((v as { result?: Value }).result as Value, fmt);
  if ("text" in v) return typeof v.text === "string" ? v.text : valueText(v.text as Value, fmt);
  return "";
}

/** The text a cell shows; "" for the covered cells of a merged area. */
export function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master !== cell) return "";
  return valueText(cell.value, cell.numFmt);
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook | DataError> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return dataError("ZS6013", "无法打开工作簿：文件不是有效的 .xlsx（可能已损坏、未保存完整，或是改了扩展名的其他文件）。请在 Excel 或 WPS 中打开后「另存为」.xlsx 再试");
  }
  return wb;
}

function visibleSheets(wb: ExcelJS.Workbook): ExcelJS.Worksheet[] {
  return wb.worksheets.filter((ws) => ws.state !== "hidden" && ws.state !== "veryHidden"); // exceljs lists them in tab order
}

/** The first visible worksheet, or the one named `sheet`; an error that lists the sheets otherwise. */
function pick(wb: ExcelJS.Workbook, sheet: string | undefined): ExcelJS.Worksheet | DataError {
  const sheets = visibleSheets(wb);
  if (sheet === undefined) return sheets[0] ?? dataError("ZS6012", "工作簿中没有可见的工作表");
  const found = wb.worksheets.find((ws) => ws.name === sheet) ?? wb.worksheets.find((ws) => ws.name.trim() === sheet.trim());
  return found ?? dataError("ZS6012", `工作簿中没有名为「${sheet}」的工作表；有：${sheets.map((s) => `「${s.name}」`).join("")}`);
}

function merges(ws: ExcelJS.Worksheet, upTo: number): Merge[] {
  const byMaster = new Map<string, Merge>();
  const last = Math.min(ws.rowCount, upTo);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (!cell.isMerged) return;
      const master = cell.master;
      const m = byMaster.get(master.address);
      if (m) {
        m.bottom = Math.max(m.bottom, r);
        m.right = Math.max(m.right, c);
      } else byMaster.set(master.address, { top: Number(master.row), left: Number(master.col), bottom: r, right: c });
    });
  }
  return [...byMaster.values()];
}

type Unread = NonNullable<GridRow["unread"]>[number];

type SheetRow = { cells: string[]; unread?: Unread[]; hidden?: GridRow["hidden"] };

/** The rows an autofilter covers (a filter hides the rows it leaves out, as a hand hides a row). */
function filterRows(ws: ExcelJS.Worksheet): { top: number; bottom: number } | undefined {
  const f = ws.autoFilter as unknown;
  const ref = typeof f === "string" ? f : f && typeof f === "object" ? `${String((f as { from?: unknown }).from ?? "")}:${String((f as { to?: unknown }).to ?? "")}` : "";
  const m = /^\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?$/i.exec(ref.trim());
  return m ? { top: Number(m[1]), bottom: m[2] ? Number(m[2]) : Infinity } : undefined;
}

/** A worksheet's rows of cell text, with the cells (0-based columns) whose text is not their value and whether the row is hidden. */
function rowsOf(ws: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  const width = ws.columnCount;
  const filter = filterRows(ws);
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    let unread: Unread[] | undefined;
    if (row.hasValues) {
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        cells.push(cellText(cell));
        const problem = unreadCell(cell);
        if (problem) (unread ??= []).push({ column: c - 1, ...problem });
      }
    }
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    const hidden = row.hidden ? (filter && filter.top < r && r <= filter.bottom ? "filtered" : "hidden") : undefined;
    rows.push({ cells, ...(unread ? { unread } : {}), ...(hidden ? { hidden } : {}) });
  }
  return rows;
}

/** Columns (0-based) the officer does not see. */
function hiddenColumns(ws: ExcelJS.Worksheet): number[] {
  const out: number[] = [];
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) out.push(c - 1);
  return out;
}

/** Why a cell's text is not the value it stands for: a formula saved without its result, a number shown in thousands, a cell covered by a merge. */
function unreadCell(cell: ExcelJS.Cell): Omit<Unread, "column"> | undefined {
  if (isUncomputedFormula(cell)) return { code: "ZS6016", message: uncomputedMessage(cell) };
  const master = cell.master;
  // (findRow: getCell would add the row below the last one)
  const below = cell.isMerged && master === cell ? cell.worksheet.findRow(Number(cell.row) + 1)?.getCell(Number(cell.col)) : undefined;
  if (cell.isMerged && (master !== cell || (below?.isMerged && below.master === cell))) {
    // a value merged down over several platforms' rows is shown on each of them and stored in the first only: whose is it?
    const shown = cellText(master);
    const text = shown ? `「${shown.length > 20 ? shown.slice(0, 20) + "…" : shown}」` : "";
    return {
      code: "ZS6022",
      message:
        master === cell
          ? `${cell.address}单元格向下合并了几行，${text || "其中的值"}是这几行共用的，无法确定这一行的值：请取消合并单元格，在每一行分别填写后再试`
          : `${cell.address}单元格与${master.address}合并${text ? `，表上看到的${text}只存在${master.address}中` : ""}，无法确定这一行的值：请取消合并单元格，在每一行分别填写后再试`,
    };
  }
  const v = cell.value as Value;
  const n = typeof v === "number" ? v : v && typeof v === "object" && ("formula" in v || "sharedFormula" in v) ? (v as { result?: Value }).result : undefined;
  const k = typeof n === "number" ? formatScaling(cell.numFmt) : 0;
  if (k === 0) return undefined;
  return {
    code: "ZS6017",
    message: `${cell.address}单元格存的值是${excelNumberText(n as number)}，数字格式「${cell.numFmt}」把它缩小${k === 1 ? "1000" : k === 2 ? "100万" : `10^${3 * k}`}倍显示，表上看到的不是存的数：请把单元格格式改为「常规」或「数值」，按表头的单位填写数值后再试`,
  };
}

/**
 * A formula saved without its result: files written by a program (never opened and saved in Excel
 * or WPS) carry formulas without their values, and such a cell reads as empty.
 */
function isUncomputedFormula(cell: ExcelJS.Cell): boolean {
  if (cell.isMerged && cell.master !== cell) return false;
  const v = cell.value as Value;
  if (v === null || v === undefined || typeof v !== "object" || v instanceof Date || !("formula" in v || "sharedFormula" in v)) return false;
  const result = (v as { result?: Value }).result;
  return result === undefined || result === null;
}

/** What the officer reads for such a cell (ZS6016, when its column is one the scoring reads). */
function uncomputedMessage(cell: ExcelJS.Cell): string {
  const formula = cell.formula ?? "";
  return `${cell.address}单元格是公式${formula ? `「=${formula}」` : ""}，文件中没有保存它的计算结果（由程序生成、未在 Excel 或 WPS 中保存过的文件常见）：请在 Excel 或 WPS 中打开并保存后再试`;
}

/** One worksheet's text and merged ranges (for import of indicator tables and for data). */
export async function readXlsxSheet(bytes: Uint8Array, options: { sheet?: string } = {}): Promise<SheetText | { error: DataError }> {
  const wb = await load(bytes);
  if ("code" in wb) return { error: wb };
  const ws = pick(wb, options.sheet);
  if ("code" in ws) return { error: ws };
  return { sheets: visibleSheets(wb).map((s) => s.name), name: ws.name, rows: rowsOf(ws).map((r) => r.cells), merges: merges(ws, ws.rowCount) };
}

/** A worksheet as grid rows for the data reader. */
export interface SheetGrid {
  name: string;
  rows: GridRow[];
  /** Only the top rows' merges matter (the header). */
  merges: Merge[];
  /** Columns (0-based) the officer does not see. */
  hiddenColumns: number[];
}

function gridOf(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: GridRow[] = [];
  rowsOf(ws).forEach(({ cells, unread, hidden }, i) => {
    if (cells.length === 0) return;
    rows.push({ row: i + 1, cells, ...(unread ? { unread } : {}), ...(hidden ? { hidden } : {}) });
  });
  return { name: ws.name, rows, merges: merges(ws, 16), hiddenColumns: hiddenColumns(ws) };
}

/** A worksheet as grid rows for the data reader: the named one, or the first visible one. */
export async function readXlsxGrid(bytes: Uint8Array, options: { sheet?: string } = {}): Promise<({ sheets: string[] } & SheetGrid) | { error: DataError }> {
  const b = await readXlsxGrids(bytes, options);
  return "error" in b ? b : { sheets: b.sheets, ...b.grids[0]! };
}

/**
 * The sheet to read as grid rows first — the named one, or the first visible one — then, when no
 * sheet is named, every other visible sheet (whether another one also holds platforms is the data
 * reader's question: a workbook with 2024 and 2025 in two sheets must not have one read silently).
 */
export async function readXlsxGrids(bytes: Uint8Array, options: { sheet?: string } = {}): Promise<{ sheets: string[]; hidden: string[]; grids: SheetGrid[] } | { error: DataError }> {
  const wb = await load(bytes);
  if ("code" in wb) return { error: wb };
  const ws = pick(wb, options.sheet);
  if ("code" in ws) return { error: ws };
  const visible = visibleSheets(wb);
  const others = options.sheet === undefined ? visible.filter((s) => s !== ws) : [];
  const hidden = wb.worksheets.filter((s) => !visible.includes(s)).map((s) => s.name);
  return { sheets: visible.map((s) => s.name), hidden, grids: [ws, ...others].map(gridOf) };
}
