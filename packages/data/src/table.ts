/**
 * Rows of cells (from CSV or a worksheet) → a header and platform rows. One place decides
 * what the header is (title rows above it, multi-row merged headers, units written in it),
 * which column names the platform, and which rows are not platforms (blank rows, a 合计 row,
 * notes under the table). Everything doubtful is an error that names row and column.
 */
import { isOtherSizeOfUnit } from "./units.ts";
import { columnLabel, dataError, type DataError } from "./errors.ts";
import { findPlatformColumn, isNoteLabel, isSummaryName, looksLikeNote } from "./platform.ts";

/** One row of a grid as read: cells as text. */
export interface GridRow {
  /** 1-based row (CSV line, worksheet row). */
  row: number;
  cells: string[];
  /** A problem the reader found in this row (CSV quoting). */
  error?: string;
  /**
   * Cells whose text is not their value (a workbook formula saved without its result, ZS6016; a
   * number whose format shows it in thousands, ZS6017; a cell covered by a merged area under the
   * header, ZS6022 — a header's merged cells are its shape, not a problem): a problem of the row when the column is
   * one the scoring reads (the platform's name, an expected column; every column when none is
   * expected), else the cell is not read and nothing is said.
   */
  unread?: { column: number; code: "ZS6016" | "ZS6017" | "ZS6022"; message: string }[];
  /** A worksheet row the officer does not see: hidden by hand (or folded in a group), or filtered out. */
  hidden?: "hidden" | "filtered";
}

/** A merged range of a worksheet, 1-based and inclusive like Excel's. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One worksheet as text (for importing indicator tables): what `readXlsxSheet` gives. */
export interface SheetText {
  /** Names of the workbook's visible worksheets, in tab order. */
  sheets: string[];
  /** The sheet read. */
  name: string;
  /** Rows by sheet row: `rows[0]` is row 1; a merged area's text is in its top-left cell only. */
  rows: string[][];
  merges: Merge[];
}

/** A column the caller expects (a rubric's input), for resolving headers. */
export interface ExpectedColumn {
  name: string;
  /** The input's unit (元, 万元, 家次, %…): a header naming another money scale is refused. */
  unit?: string;
}

export interface DataHeader {
  /** Column names by index, resolved ("" for a column without a name). */
  columns: readonly string[];
  /** Header text as written, by index (for messages). */
  labels: readonly string[];
  /** Index of the platform-name column, if there is one. */
  platformColumn?: number;
  /** Rows the header occupies (1-based). */
  rows: readonly number[];
}

/** One platform's data. */
export interface DataRow {
  /** 1-based row in the file (CSV line, worksheet row, JSON line). */
  row: number;
  /** The platform's name from the platform-name column. */
  platform?: string;
  /** The columns `values` follow (shared by the rows of one header). */
  columns: readonly string[];
  /** Cell text by column index, trimmed; "" when empty. */
  values: string[];
  /** Why this row cannot be scored (then `values` are not to be used). */
  errors?: DataError[];
}

export interface RowBatch {
  rows: DataRow[];
  /** Problems found in this batch: errors and warnings, row-level and file-level. */
  errors: DataError[];
}

export interface GridOptions {
  expected?: readonly ExpectedColumn[];
  /** Merged ranges (worksheets): they say how deep the header is. */
  merges?: readonly Merge[];
  /** CSV: every row must have as many fields as the header. Worksheets have no such count. */
  strictWidth: boolean;
  /** Worksheet columns (0-based) the officer does not see. */
  hiddenColumns?: readonly number[];
}

export interface GridAssembler {
  push(rows: readonly GridRow[]): RowBatch;
  end(): RowBatch;
  readonly header: DataHeader | undefined;
  /** A problem with the whole file (no header, duplicated column…): no rows follow. */
  readonly failed: boolean;
}

const MAX_TITLE_ROWS = 5;
const MAX_HEADER_ROWS = 4;
const DATA_LIKE = /^(?:[+-]?[\d,，.]+[%％]?|是|否)$/;

/** How many cells hold something, counted up to `atMost` (callers only ask 0, 1 or more). */
function nonEmpty(cells: readonly string[], atMost = Infinity): number {
  let n = 0;
  for (let i = 0; i < cells.length && n < atMost; i++) if (cells[i]!.trim() !== "") n++;
  return n;
}

/** Header text as one name: line breaks (Alt+Enter in Excel) and the spaces around them removed. */
export function normaliseName(s: string): string {
  return s.replace(/[ \t\u3000]*[\r\n]+[ \t\u3000]*/g, "").replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/g, "");
}

/**
 * A platform's name as one line: a line break typed in the cell (Alt+Enter, a quoted newline in a
 * CSV) and the spaces around it are not part of the name (「甲\n平台」 is 甲平台, as the sheet's
 * narrow column shows it), so score lists it on one line and explain --platform 甲平台 finds it.
 */
export function platformName(cell: string): string {
  return cell.includes("\n") || cell.includes("\r") ? normaliseName(cell) : cell;
}

/** Characters that separate columns in files that are not comma- or tab-separated (semicolons from European Excel, full-width commas typed by hand). */
const OTHER_SEPARATORS = [";", "；", "，", "|"];

/**
 * A header of one column that holds several column names joined by another separator than the
 * comma or the tab: why every column is missing, said once (else each would be reported missing).
 */
function oneColumnSeparated(columns: readonly string[], labels: readonly string[]): string | undefined {
  const named = columns.flatMap((c, i) => (c ? [labels[i] ?? c] : []));
  if (named.length !== 1) return undefined;
  const label = named[0]!;
  for (const sep of OTHER_SEPARATORS) {
    const parts = label.split(sep).map((p) => normaliseName(p)).filter(Boolean);
    if (parts.length < 2) continue;
    return `表头只有一列「${label.length > 40 ? `${label.slice(0, 40)}…` : label}」，其中用「${sep}」隔开了${parts.length}个列名：CSV 文件的各列应以英文逗号「,」或制表符分隔。请在 Excel 或 WPS 中「另存为」CSV UTF-8（逗号分隔）后再试`;
  }
  return undefined;
}

export function createGridAssembler(options: GridOptions): GridAssembler {
  const expected = new Map((options.expected ?? []).map((e) => [e.name, e]));
  const merges = options.merges ?? [];
  let header: DataHeader | undefined;
  let width = 0;
  let failed = false;
  let pending: GridRow[] = []; // rows before the header is settled
  let held: GridRow[] = []; // one-cell rows that may be notes under the table
  let headerCells: string[][] = []; // the header rows' text, to know a header repeated under it
  let headerTexts = new Set<string>();
  const unseen: { hidden: DataRow[]; filtered: DataRow[] } = { hidden: [], filtered: [] }; // platforms read from rows the officer does not see

  const resolveHeader = (rows: GridRow[], errors: DataError[]): GridRow[] => {
    let start = rows.findIndex((r) => nonEmpty(r.cells) >= 2);
    if (start < 0 || start > MAX_TITLE_ROWS) start = 0;
    const first = rows[start]!;
    if (first.error) {
      failed = true;
      errors.push(dataError("ZS6006", `表头：${first.error}`, { row: first.row }));
      return [];
    }
    const headerRows = [first];
    const depthByMerge = mergeDepth(first.row);
    for (let k = start + 1; k < rows.length && headerRows.length < MAX_HEADER_ROWS; k++) {
      const r = rows[k]!;
      const byMerge = depthByMerge > 0 && r.row < first.row + depthByMerge;
      if (!byMerge && !(depthByMerge === 0 && continuesHeader(headerRows, r))) break;
      headerRows.push(r);
    }
    const unreadIn = (r: GridRow) => r.unread?.find((u) => u.code !== "ZS6022");
    const unnamed = headerRows.map(unreadIn).find((u) => u);
    if (unnamed) {
      failed = true;
      errors.push(dataError(unnamed.code, `表头：${unnamed.message}`, { row: headerRows.find((r) => unreadIn(r))!.row }));
      return [];
    }
    width = Math.max(...headerRows.map((r) => r.cells.length));
    const { columns, labels } = nameColumns(headerRows);
    const problems = checkColumns(columns, labels);
    if (problems.length > 0) {
      failed = true;
      errors.push(...problems.map((m) => dataError(m.code, m.message, { row: first.row })));
      return [];
    }
    const p = findPlatformColumn(columns);
    if (p && "error" in p) {
      failed = true;
      errors.push(dataError("ZS6010", p.error, { row: first.row }));
      return [];
    }
    header = { columns, labels, rows: headerRows.map((r) => r.row), ...(p ? { platformColumn: p.index } : {}) };
    headerCells = headerRows.map((r) => r.cells.map(normaliseName));
    headerTexts = new Set(headerCells.flat().filter(Boolean));
    const hiddenRead = (options.hiddenColumns ?? []).filter((c) => columns[c] && (c === p?.index || expected.size === 0 || expected.has(columns[c]!)));
    if (hiddenRead.length > 0) {
      const names = hiddenRead.map((c) => columnLabel(c, labels[c])).join("、");
      errors.push(dataError("ZS6021", `${names}在工作表中是隐藏的（打开文件时看不到），仍按表头读入评分：请确认${hiddenRead.length > 1 ? "这些列" : "这一列"}是要评分的数据，不是时请删去`, { row: first.row }, "warning"));
    }
    return rows.slice(start + headerRows.length);
  };

  /** How many rows the merged cells starting in `row` span (0 when none is merged). */
  const mergeDepth = (row: number): number => {
    let bottom = 0;
    for (const m of merges) if (m.top === row && (m.bottom > m.top || m.right > m.left)) bottom = Math.max(bottom, m.bottom);
    if (bottom === 0) return 0;
    // a group merged across columns has its sub-headers on the row below
    const grouped = merges.some((m) => m.top === row && m.right > m.left);
    return Math.min(MAX_HEADER_ROWS, Math.max(bottom - row + 1, grouped ? 2 : 1));
  };

  /** A second header row: no data-like cells, no platform name, and it fills gaps under the row above. */
  const continuesHeader = (above: readonly GridRow[], r: GridRow): boolean => {
    if (r.error || nonEmpty(r.cells) === 0) return false;
    if (r.cells.some((c) => DATA_LIKE.test(c.trim()))) return false;
    const names = above[above.length - 1]!.cells.map(normaliseName);
    const p = findPlatformColumn(names);
    if (p && "index" in p && (r.cells[p.index] ?? "").trim()) return false;
    const top = above[0]!.cells;
    const fillsGap = r.cells.some((c, i) => c.trim() && !(top[i] ?? "").trim());
    const namesExpected = r.cells.some((c) => expected.has(normaliseName(c)) && !names.includes(normaliseName(c)));
    return fillsGap || namesExpected;
  };

  const mergedText = (rows: readonly GridRow[], k: number, c: number): string => {
    const r = rows[k]!;
    const own = normaliseName(r.cells[c] ?? "");
    if (own) return own;
    const m = merges.find((m) => m.top <= r.row && r.row <= m.bottom && m.left <= c + 1 && c + 1 <= m.right);
    if (m) {
      const master = rows.find((x) => x.row === m.top);
      return master ? normaliseName(master.cells[m.left - 1] ?? "") : "";
    }
    return "";
  };

  const nameColumns = (rows: readonly GridRow[]) => {
    const leaves: string[] = [];
    const parents: string[] = [];
    const labels: string[] = [];
    for (let c = 0; c < width; c++) {
      let leafRow = -1;
      for (let k = rows.length - 1; k >= 0; k--) {
        if (normaliseName(rows[k]!.cells[c] ?? "")) {
          leafRow = k;
          break;
        }
      }
      const leaf = leafRow >= 0 ? normaliseName(rows[leafRow]!.cells[c]!) : "";
      let parent = "";
      if (leafRow > 0) {
        parent = mergedText(rows, leafRow - 1, c);
        if (!parent && merges.length === 0) {
          // CSV of a merged group: the group's name stands in its first column only
          const line = rows[leafRow - 1]!.cells;
          for (let j = c; j >= 0 && !parent; j--) parent = normaliseName(line[j] ?? "");
        }
      }
      leaves.push(leaf);
      parents.push(parent);
      labels.push(rows.map((_, k) => mergedText(rows, k, c)).filter((t, i, a) => t && a.indexOf(t) === i).join("/"));
    }
    const leafCount = new Map<string, number>();
    for (const l of leaves) if (l) leafCount.set(l, (leafCount.get(l) ?? 0) + 1);
    const columns = leaves.map((leaf, c) => {
      if (!leaf) return "";
      const joined = parents[c] ? parents[c] + leaf : leaf;
      if (expected.size > 0) {
        for (const candidate of [leaf, joined]) {
          const hit = matchExpected(candidate);
          if (hit) return hit;
        }
      }
      return (leafCount.get(leaf) ?? 0) > 1 && parents[c] ? joined : leaf;
    });
    return { columns, labels };
  };

  /** A header that is an expected name, or one followed by its unit or range: 「营业收入（万元）」. */
  const matchExpected = (name: string): string | undefined => {
    if (expected.has(name)) return name;
    const m = /^(.+?)[ \u3000]*[（(]([^（）()]*)[）)]$/.exec(name);
    if (m && expected.has(m[1]!)) return m[1]!;
    return undefined;
  };

  const checkColumns = (columns: readonly string[], labels: readonly string[]) => {
    const out: { code: "ZS6002" | "ZS6004" | "ZS6014"; message: string }[] = [];
    if (columns.every((c) => !c)) out.push({ code: "ZS6002", message: "表头是空的：第一行应是各列的名称（名称、从业人数…）" });
    const separated = oneColumnSeparated(columns, labels);
    if (separated) out.push({ code: "ZS6002", message: separated });
    const firstAt = new Map<string, number>();
    columns.forEach((c, i) => {
      if (!c) return;
      const j = firstAt.get(c);
      if (j === undefined) firstAt.set(c, i);
      else out.push({ code: "ZS6004", message: `列「${c}」出现了两次（${columnLabel(j)}和${columnLabel(i)}），无法确定用哪一列的数据：请删去或改名其中一列` });
    });
    columns.forEach((c, i) => {
      const e = expected.get(c);
      if (!e?.unit) return;
      // 「营业收入（万元）」, 「营业收入（单位：元）」, 「面积（㎡，自有）」
      const written = /[（(]([^（）()]*)[）)]$/.exec(labels[i] ?? "")?.[1]?.replace(/单位[：:]\s*/g, "").split(/[，,、;；\s]+/) ?? [];
      const other = written.find((w) => isOtherSizeOfUnit(w, e.unit!));
      if (other) {
        out.push({ code: "ZS6014", message: `${columnLabel(i, labels[i])}的单位是${other}，评价体系中「${c}」的单位是${e.unit}：请把数据换算为${e.unit}，或改正表头` });
      }
    });
    return out;
  };

  const rowOf = (r: GridRow, errors: DataError[]): DataRow | undefined => {
    const h = header!;
    const n = h.columns.length;
    // the row's own cells, trimmed in place, are its values when they line up (no copy per row)
    let values: string[];
    if (r.cells.length === n) {
      values = r.cells;
      for (let c = 0; c < n; c++) values[c] = values[c]!.trim(); // V8 returns the same string when there is nothing to trim
    } else {
      values = new Array<string>(n);
      for (let c = 0; c < n; c++) values[c] = (r.cells[c] ?? "").trim();
    }
    if (h.platformColumn !== undefined) values[h.platformColumn] = platformName(values[h.platformColumn]!);
    const platform = h.platformColumn === undefined ? undefined : values[h.platformColumn];
    const problems: DataError[] = [];
    // 「合计」 written in the 序号 column (or merged across 序号 and 名称): the row's label is its first cell
    const label = platform || values.find((v) => v !== "");
    const summary = !!label && isSummaryName(label);
    const unread = r.unread?.find((u) => (u.code !== "ZS6022" || !summary) && (u.column === h.platformColumn || expected.size === 0 || expected.has(h.columns[u.column] ?? "")));
    if (r.error) problems.push(dataError("ZS6006", r.error, { row: r.row }));
    else if (unread) problems.push(dataError(unread.code, unread.message, { row: r.row, column: columnLabel(unread.column, h.labels[unread.column]) }));
    else if (options.strictWidth && r.cells.length !== width) {
      problems.push(
        dataError(
          "ZS6003",
          `第${r.row}行有${r.cells.length}列，表头有${width}列：这一行的数据会错位，请检查是否多了或少了逗号（数字里的千位分隔逗号要整个单元格加引号）`,
          { row: r.row },
        ),
      );
    } else {
      for (let c = 0; c < r.cells.length; c++) {
        if (!(c < h.columns.length && h.columns[c]) && (r.cells[c] ?? "").trim()) {
          problems.push(dataError("ZS6005", `第${r.row}行${columnLabel(c)}有值「${r.cells[c]!.trim()}」，但这一列没有表头：请补上列名或删去这个值`, { row: r.row, column: columnLabel(c) }));
          break;
        }
      }
    }
    if (problems.length === 0 && summary) {
      errors.push(dataError("ZS6020", `第${r.row}行「${label}」是合计行，不是平台，已跳过`, { row: r.row }, "warning"));
      return undefined;
    }
    if (problems.length === 0 && platform !== undefined && !platform) {
      const c = h.platformColumn!;
      problems.push(dataError("ZS6011", `第${r.row}行没有平台名称（${columnLabel(c, h.labels[c])}为空）`, { row: r.row, column: columnLabel(c, h.labels[c]) }));
    }
    if (problems.length === 0) return platform ? { row: r.row, platform, columns: h.columns, values } : { row: r.row, columns: h.columns, values };
    errors.push(...problems);
    return { row: r.row, ...(platform ? { platform } : {}), columns: h.columns, values, errors: problems };
  };

  const dataRows = (rows: readonly GridRow[], out: RowBatch) => {
    for (const r of rows) {
      const filled = nonEmpty(r.cells, 2);
      if (filled === 0 && !r.error) continue; // blank rows are not platforms
      if (filled === 1 && !r.error && header!.columns.length > 2) {
        held.push(r); // a platform with only a name, or a note under the table: the rows after it tell
        continue;
      }
      const first = r.error ? "" : r.cells.find((c) => c.trim() !== "")!.trim();
      if (first && isNoteLabel(first)) {
        // 「备注,以上数据由各市上报」「填表人：张三,,审核人：李四」: not a platform, wherever it stands
        out.errors.push(dataError("ZS6020", `第${r.row}行「${clip(first)}」是说明，不是平台，已跳过`, { row: r.row }, "warning"));
        continue;
      }
      if (first && headerTexts.has(first) && repeatsHeader(first, r)) {
        // two tables stacked, or a table pasted from printed pages: the header again is not a platform 「名称」
        out.errors.push(dataError("ZS6020", `第${r.row}行重复了表头（「${clip(first)}」…），不是平台，已跳过`, { row: r.row }, "warning"));
        continue;
      }
      for (const h of held) platformOf(h, out);
      held = [];
      platformOf(r, out);
    }
  };

  /** Whether a row is one of the header's rows again, cell for cell (asked only when its first cell is a header text). */
  const repeatsHeader = (first: string, r: GridRow): boolean =>
    headerCells.some((h) => h.includes(first) && r.cells.length <= h.length + 1 && h.every((text, i) => normaliseName(r.cells[i] ?? "") === text) && r.cells.slice(h.length).every((c) => !c.trim()));

  /** A row read as a platform (a 合计 row is not one); one the officer does not see is remembered for the warning at the end. */
  const platformOf = (r: GridRow, out: RowBatch) => {
    const d = rowOf(r, out.errors);
    if (!d) return;
    out.rows.push(d);
    if (r.hidden) unseen[r.hidden].push(d);
  };

  return {
    get header() {
      return header;
    },
    get failed() {
      return failed;
    },
    push(rows) {
      const out: RowBatch = { rows: [], errors: [] };
      if (failed) return out;
      if (!header) {
        for (const r of rows) if (nonEmpty(r.cells) > 0 || r.error) pending.push(r);
        const start = pending.findIndex((r) => nonEmpty(r.cells) >= 2);
        // wait until the header and the rows that may continue it are in, or the title rows run out
        const settled = (start >= 0 && pending.length >= start + MAX_HEADER_ROWS) || pending.length > MAX_TITLE_ROWS + MAX_HEADER_ROWS;
        if (!settled) return out;
        const rest = resolveHeader(pending, out.errors);
        pending = [];
        if (!failed) dataRows(rest, out);
        return out;
      }
      dataRows(rows, out);
      return out;
    },
    end() {
      const out: RowBatch = { rows: [], errors: [] };
      if (failed) return out;
      if (!header) {
        if (pending.length === 0) {
          failed = true;
          out.errors.push(dataError("ZS6002", "文件是空的：没有表头，也没有数据"));
          return out;
        }
        const rest = resolveHeader(pending, out.errors);
        pending = [];
        if (!failed) dataRows(rest, out);
      }
      if (failed) return out;
      for (const h of held) {
        const at = h.cells.findIndex((c) => c.trim());
        const text = h.cells[at]!.trim();
        if (at === header!.platformColumn && !looksLikeNote(text)) {
          // a platform with only its name in the last rows: its data are missing, it is not skipped
          platformOf(h, out);
          continue;
        }
        out.errors.push(dataError("ZS6020", `第${h.row}行只有一个单元格「${clip(text)}」，是表格下方的说明，已跳过`, { row: h.row }, "warning"));
      }
      held = [];
      for (const kind of ["hidden", "filtered"] as const) if (unseen[kind].length > 0) out.errors.push(unseenWarning(unseen[kind], kind));
      return out;
    },
  };
}

/**
 * Platforms read from worksheet rows the officer does not see: most often a withdrawn or draft
 * platform hidden by hand, or the rows a filter leaves out. They are read and scored (the data are
 * in the file), and said so with their rows and names: neither scored nor skipped without a word.
 */
function unseenWarning(rows: readonly DataRow[], kind: "hidden" | "filtered"): DataError {
  const shown = rows.slice(0, 10);
  const more = rows.length > shown.length ? `等${rows.length}行` : "行";
  const names = shown.map((d) => d.platform).filter((n): n is string => !!n);
  const which = names.length > 0 ? `（${names.map((n) => `「${clip(n)}」`).join("")}${rows.length > shown.length ? "等" : ""}）` : "";
  const what =
    kind === "hidden"
      ? `在工作表中是隐藏的（打开文件时看不到），仍作为平台读入并评分${which}：若是已撤回或草稿的平台，请删去这些行；要评分的请取消隐藏，以免漏看`
      : `被筛选隐藏（筛选后看不到），仍作为平台读入并评分${which}：若只评筛选出的平台，请把筛选结果复制到新工作表再读入`;
  return dataError("ZS6021", `第${shown.map((d) => d.row).join("、")}${more}${what}`, { row: rows[0]!.row }, "warning");
}

/** A cell's text shortened for a message. */
function clip(text: string): string {
  return text.length > 30 ? text.slice(0, 30) + "…" : text;
}

/** A platform's cells keyed by column name, in an object without a prototype (「__proto__」 is a plain key). */
export function recordOf(row: DataRow): Record<string, string> {
  const rec = Object.create(null) as Record<string, string>;
  const cols = row.columns;
  for (let c = 0; c < cols.length; c++) {
    const name = cols[c]!;
    if (name) rec[name] = row.values[c] ?? "";
  }
  return rec;
}
