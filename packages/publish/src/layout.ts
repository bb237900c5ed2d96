/**
 * Page layout of the official table, shared by the DOCX and XLSX writers: column widths from the
 * content (「服务协同（25分）」 on one line), row heights estimated from wrapped text, and the rows cut
 * into pages so that every page starts with the header and the label of the category it continues
 * (a merged cell split by a page break would leave the continuation page's label blank).
 */
import type { OfficialTable, TableRow } from "./table.ts";

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d\u2018\u2019\u2014\u2026]/;

/**
 * Width in em of a text at one font size: CJK and full-width characters 1, the others ½, and a
 * quarter em where CJK meets Latin or digits (Word and LibreOffice space 「达1500家次」 apart there).
 */
export function visualWidth(s: string): number {
  let w = 0;
  let prev: boolean | undefined;
  for (const ch of s) {
    const wide = WIDE.test(ch);
    w += wide ? 1 : 0.5;
    if (prev !== undefined && prev !== wide && !/\s/.test(ch)) w += 0.25;
    prev = wide;
  }
  return w;
}

/** Characters a line may not start with (Chinese line breaking rules, 禁则): they pull the character before them along. */
const NO_START = /[，。、；：？！）》」』”’%％·…—]/;

/**
 * Lines a paragraph takes in a column `capacity` em wide: characters wrap one by one as CJK text does,
 * except that a line never starts with 「，」「。」「）」… (the character before moves down with it).
 */
export function lineCount(text: string, capacity: number): number {
  if (text === "") return 1;
  let lines = 1;
  let used = 0;
  let prev: { wide: boolean; w: number } | undefined;
  for (const ch of text) {
    const wide = WIDE.test(ch);
    const w = (wide ? 1 : 0.5) + (prev !== undefined && prev.wide !== wide ? 0.25 : 0);
    if (used + w > capacity + 1e-9) {
      lines++;
      used = NO_START.test(ch) && prev ? prev.w : 0;
    }
    used += w;
    prev = { wide, w };
  }
  return lines;
}

/**
 * The category cell as lines: 「平台活跃度（35分）」 whole when it fits, else the name and the bracket on
 * separate lines (「资源品牌培育」「（加分项，不超过15分）」), as the seed tables print it.
 */
export function categoryLines(label: string, capacity: number): string[] {
  if (visualWidth(label) <= capacity) return [label];
  const i = label.indexOf("（");
  return i > 0 ? [label.slice(0, i), label.slice(i)] : [label];
}

/** Column widths in em for a table at one font size, filling `totalEm`. */
export function columnWidths(t: OfficialTable, totalEm: number): number[] {
  const widest = (cells: string[], min: number, max: number) => Math.min(max, Math.max(min, ...cells.map(visualWidth)));
  const categories = [...new Set(t.rows.map((r) => r.category))];
  // a category column wide enough for 「服务协同（25分）」 whole, or for the longer of its two lines
  const catNeed = categories.map((c) => (visualWidth(c) <= 10 ? visualWidth(c) : Math.max(...categoryLines(c, 0).map(visualWidth))));
  // cell margins (about 1 em at 10.5pt) and a little room for the renderer's own spacing
  const pad = 1.3;
  if (t.weighted) {
    const cat = Math.min(8, Math.max(4, ...catNeed)) + pad;
    const w1 = widest(["权重", ...t.rows.map((r) => r.categoryWeight)], 2, 3) + pad;
    const ind = widest(["二级指标", ...t.rows.map((r) => r.indicator)], 6, 8) + pad;
    const w2 = widest(["权重", ...t.rows.map((r) => r.value)], 2, 3) + pad;
    return [cat, w1, ind, w2, Math.max(10, totalEm - cat - w1 - ind - w2)];
  }
  const cat = Math.min(10, Math.max(4, ...catNeed)) + pad;
  const val = widest(["分值", ...t.rows.map((r) => r.value)], 2, 4) + pad;
  const ind = widest(["指标", ...t.rows.map((r) => r.indicator)], 5, 8) + pad;
  return [cat, ind, val, Math.max(10, totalEm - cat - ind - val)];
}

/** A row of one page, with the category cell spanning only that page's rows. */
export interface PageRow {
  row: TableRow;
  /** Rows the category cell spans on this page from this row; 0 where it is covered. */
  span: number;
}

/**
 * Cuts the rows into pages: `height(row)` in points, `first` and `rest` the room for rows on the first
 * and later pages. A category continued on a new page gets its label again there.
 */
export function paginate(rows: readonly TableRow[], height: (r: TableRow) => number, first: number, rest: number): PageRow[][] {
  const pages: TableRow[][] = [[]];
  let room = first;
  for (const r of rows) {
    const h = height(r);
    const page = pages[pages.length - 1]!;
    if (h > room && page.length > 0) {
      pages.push([r]);
      room = rest - h;
    } else {
      page.push(r);
      room -= h;
    }
  }
  return pages
    .filter((p) => p.length > 0)
    .map((page) =>
      page.map((row, i) => {
        const continues = i > 0 && page[i - 1]!.category === row.category;
        let span = 0;
        if (!continues) while (i + span < page.length && page[i + span]!.category === row.category) span++;
        return { row, span };
      }),
    );
}
