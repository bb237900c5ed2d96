/**
 * Reading a pasted or loaded indicator table: the seed documents' own text (one tab-led cell
 * per line, rows separated by blank lines), CSV or tab-separated rows, or the rows of an XLSX
 * sheet, with 类别/指标/分值/指标描述 columns (一级指标/二级指标/权重 are accepted too).
 */
import { parseCsvRows } from "@zhunsheng/core";

export interface ImportedRow {
  category: string;
  /** First-level weight when the table has one. */
  categoryWeight: string;
  indicator: string;
  /** 「15分」, 「/」, 「0.05」 as written. */
  value: string;
  description: string;
}

export interface ImportedTable {
  title: string;
  rows: ImportedRow[];
  /** 「注：…」 lines under the table. */
  notes: string[];
}

const HEADERS = {
  category: ["类别", "一级指标", "评价内容"],
  indicator: ["指标", "二级指标", "指标名称", "评价指标"],
  value: ["分值", "权重", "分数"],
  description: ["指标描述", "描述", "评价要点", "评分标准", "指标说明"],
};

/** Joins the lines of one cell: 「平台活跃度」「（35分）」 → 「平台活跃度（35分）」; drops spaces between CJK. */
export function cleanCell(s: string): string {
  return s
    .replace(/\r/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("")
    .replace(/(?<=[^\x00-\xff])\s+|\s+(?=[^\x00-\xff])/g, "")
    .trim();
}

/** The seed's layout: each cell starts with a tab; a category cell may continue on untabbed lines. */
function parseSeedText(text: string): ImportedTable[] {
  const tables: ImportedTable[] = [];
  const lines = text.replace(/\r/g, "").split("\n");
  let lastText = "";
  let cells: string[] | undefined;
  let current: ImportedTable | undefined;
  let headerNeeded = 0;
  const flushRows = () => {
    if (!current || !cells) return;
    let category = "";
    let weight = "";
    for (let i = 0; i + 3 < cells.length + 0 && i + 4 <= cells.length; i += 4) {
      const [c, ind, v, d] = cells.slice(i, i + 4).map(cleanCell) as [string, string, string, string];
      if (c) {
        category = c;
        weight = "";
      }
      if (!ind && !d) continue;
      current.rows.push({ category, categoryWeight: weight, indicator: ind, value: v, description: d });
    }
    cells = undefined;
  };
  for (const raw of lines) {
    if (raw.startsWith("\t")) {
      const cell = raw.slice(1);
      if (!cells) {
        // a header row opens a table: 类别 / 指标 / 分值 / 指标描述
        if (headerNeeded === 0 && HEADERS.category.includes(cell.trim())) {
          current = { title: lastText.replace(/\s+/g, ""), rows: [], notes: [] };
          tables.push(current);
          headerNeeded = 3;
          continue;
        }
        if (headerNeeded > 0) {
          headerNeeded--;
          if (headerNeeded === 0) cells = [];
          continue;
        }
        continue;
      }
      cells.push(cell);
      continue;
    }
    const t = raw.trim();
    if (t === "") continue;
    if (cells && cells.length % 4 === 1) {
      // the category cell spans several lines in the seed
      cells[cells.length - 1] += "\n" + t;
      continue;
    }
    if (cells) flushRows();
    if (current && /^注[：:]/.test(t)) current.notes.push(t);
    else lastText = t;
  }
  flushRows();
  return tables.filter((t) => t.rows.length > 0);
}

function findColumn(header: string[], names: string[]): number {
  for (const n of names) {
    const i = header.findIndex((h) => cleanCell(h) === n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Rows of cells (CSV, TSV or XLSX): finds the header row, fills merged category cells down. */
export function tableFromRows(rows: string[][], fallbackTitle = "导入的评价指标体系表"): ImportedTable | undefined {
  const h = rows.findIndex((r) => findColumn(r, HEADERS.indicator) >= 0 && findColumn(r, HEADERS.description) >= 0);
  if (h < 0) return undefined;
  const header = rows[h]!;
  const cols = {
    category: findColumn(header, HEADERS.category),
    indicator: findColumn(header, HEADERS.indicator),
    description: findColumn(header, HEADERS.description),
  };
  const valueCols = HEADERS.value.map((n) => header.findIndex((x) => cleanCell(x) === n)).filter((i) => i >= 0);
  // weighted tables: 一级指标 | 权重 | 二级指标 | 权重 | 描述 — the weight after the category is the first-level one
  const weightCols = header.map((x, i) => (cleanCell(x) === "权重" ? i : -1)).filter((i) => i >= 0);
  const categoryWeightCol = weightCols.length >= 2 ? weightCols[0]! : -1;
  const valueCol = weightCols.length >= 2 ? weightCols[1]! : (valueCols[0] ?? -1);
  const titleRow = rows.slice(0, h).reverse().find((r) => r.some((c) => cleanCell(c) !== ""));
  const table: ImportedTable = { title: titleRow ? cleanCell(titleRow.find((c) => cleanCell(c) !== "")!) : fallbackTitle, rows: [], notes: [] };
  let category = "";
  let weight = "";
  for (const r of rows.slice(h + 1)) {
    const cell = (i: number) => (i >= 0 ? cleanCell(r[i] ?? "") : "");
    const nonEmpty = r.map(cleanCell).filter((c) => c !== "");
    if (nonEmpty.length === 1 && /^注[：:]/.test(nonEmpty[0]!)) {
      table.notes.push(nonEmpty[0]!);
      continue;
    }
    if (cell(cols.category)) {
      category = cell(cols.category);
      weight = cell(categoryWeightCol);
    }
    if (!cell(cols.indicator) && !cell(cols.description)) continue;
    table.rows.push({ category, categoryWeight: weight, indicator: cell(cols.indicator), value: cell(valueCol), description: cell(cols.description) });
  }
  return table;
}

/** Every indicator table in a text: the seed layout, else CSV or tab-separated rows. */
export function parseTables(text: string): ImportedTable[] {
  const seed = parseSeedText(text);
  if (seed.length > 0) return seed;
  const src = text.replace(/^\uFEFF/, "");
  const firstLines = src.split("\n").slice(0, 20).join("\n");
  const rows = firstLines.includes("\t") ? src.split(/\r?\n/).map((l) => l.split("\t")) : parseCsvRows(src);
  const t = tableFromRows(rows);
  return t ? [t] : [];
}

/** Picks a table by a part of its title (「市州」), or the first. */
export function pickTable(tables: ImportedTable[], titlePart: string | undefined): ImportedTable | undefined {
  if (!titlePart) return tables[0];
  return tables.find((t) => t.title.includes(titlePart));
}
