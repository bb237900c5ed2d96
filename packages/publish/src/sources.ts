/**
 * Documents as officers send them → tables of cell text and the paragraphs around them.
 * DOCX (mammoth turns Word's tables into HTML, merged cells as rowspan/colspan), HTML, Markdown
 * pipe tables, XLSX (through @zhunsheng/data's reader), CSV/TSV and the seeds' plain-text layout all
 * end as one shape, so the table reading after them is the same for every format.
 */
import { parseDocument } from "htmlparser2";
import { getAttributeValue, getChildren } from "domutils";
import type { AnyNode, Element } from "domhandler";
import { parseCsv } from "@zhunsheng/data";

/** A table with merged areas expanded: the first cell of a merge holds the text, the cells it covers are "". */
export interface SourceTable {
  rows: string[][];
  /** Paragraphs between the previous table (or the start) and this one: 「附件1」, the title. */
  before: string[];
  /** Paragraphs after it, up to the next table: 「注：…」, evidence lists. */
  after: string[];
}

export interface SourceDocument {
  tables: SourceTable[];
  /** Every paragraph outside tables, in order. */
  paragraphs: string[];
}

const isElement = (n: AnyNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";
const norm = (s: string) => s.replace(/\u00a0/g, " ").replace(/[ \t]+/g, " ").trim();

/** Text of a cell, one line per paragraph or <br>. */
function cellText(el: Element): string {
  const lines: string[] = [];
  let line = "";
  const walk = (n: AnyNode) => {
    if (n.type === "text") line += (n as unknown as { data: string }).data;
    else if (isElement(n)) {
      if (n.name === "br") {
        lines.push(line);
        line = "";
        return;
      }
      const block = /^(p|div|li|h[1-6])$/.test(n.name);
      if (block && line.trim() !== "") {
        lines.push(line);
        line = "";
      }
      for (const c of getChildren(n)) walk(c);
      if (block) {
        lines.push(line);
        line = "";
      }
    }
  };
  for (const c of getChildren(el)) walk(c);
  lines.push(line);
  return lines.map(norm).filter((l) => l !== "").join("\n");
}

/** Rows of an HTML table with rowspan and colspan laid out on a grid. */
function tableRows(table: Element): string[][] {
  const trs: Element[] = [];
  const collect = (n: AnyNode) => {
    if (!isElement(n)) return;
    if (n.name === "table" && n !== table) return; // a nested table is its own
    if (n.name === "tr") trs.push(n);
    else for (const c of getChildren(n)) collect(c);
  };
  for (const c of getChildren(table)) collect(c);
  const grid: string[][] = [];
  const taken: boolean[][] = [];
  trs.forEach((tr, r) => {
    grid[r] ??= [];
    taken[r] ??= [];
    let col = 0;
    for (const td of getChildren(tr).filter((n): n is Element => isElement(n) && (n.name === "td" || n.name === "th"))) {
      while (taken[r]![col]) col++;
      const rowspan = Math.max(1, Math.min(500, Number(getAttributeValue(td, "rowspan") ?? 1) || 1));
      const colspan = Math.max(1, Math.min(50, Number(getAttributeValue(td, "colspan") ?? 1) || 1));
      for (let i = 0; i < rowspan; i++) {
        grid[r + i] ??= [];
        taken[r + i] ??= [];
        for (let j = 0; j < colspan; j++) {
          grid[r + i]![col + j] = i === 0 && j === 0 ? cellText(td) : "";
          taken[r + i]![col + j] = true;
        }
      }
      col += colspan;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
}

/** Tables and paragraphs of an HTML document (or of mammoth's rendering of a DOCX). */
export function readHtml(html: string): SourceDocument {
  const doc = parseDocument(html, { decodeEntities: true });
  const tables: SourceTable[] = [];
  const paragraphs: string[] = [];
  let pending: string[] = [];
  const walk = (n: AnyNode) => {
    if (!isElement(n)) {
      if (n.type === "text") {
        const t = norm((n as unknown as { data: string }).data);
        if (t !== "" && n.parent && (n.parent as Element).name === "body") {
          paragraphs.push(t);
          pending.push(t);
        }
      }
      return;
    }
    if (n.name === "script" || n.name === "style" || n.name === "head") return;
    if (n.name === "table") {
      tables.push({ rows: tableRows(n), before: pending, after: [] });
      pending = [];
      return;
    }
    if (/^(p|h[1-6]|li|div|caption|center|blockquote)$/.test(n.name) && !getChildren(n).some((c) => isElement(c) && /^(p|div|table|ul|ol)$/.test(c.name))) {
      const t = cellText(n).replace(/\n/g, "");
      if (t !== "") {
        paragraphs.push(t);
        pending.push(t);
        if (tables.length > 0) tables[tables.length - 1]!.after.push(t);
      }
      return;
    }
    for (const c of getChildren(n)) walk(c);
  };
  for (const c of doc.children) walk(c);
  return { tables, paragraphs };
}

/** Splits a Markdown table line into cells (escaped pipes kept as text). */
function pipeCells(line: string): string[] {
  const body = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return body.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, "|").replace(/<br\s*\/?>/gi, "\n").trim());
}

/** Tables (GFM pipe tables) and paragraphs of a Markdown document. */
export function readMarkdown(md: string): SourceDocument {
  const lines = md.replace(/\r\n?/g, "\n").split("\n");
  const tables: SourceTable[] = [];
  const paragraphs: string[] = [];
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? "";
    if (/^\s*\|?.*\|.*$/.test(line) && /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(next)) {
      const rows = [pipeCells(line)];
      i += 2;
      while (i < lines.length && /\|/.test(lines[i]!) && lines[i]!.trim() !== "") rows.push(pipeCells(lines[i++]!));
      i--;
      const width = Math.max(...rows.map((r) => r.length));
      tables.push({ rows: rows.map((r) => Array.from({ length: width }, (_, k) => r[k] ?? "")), before: pending, after: [] });
      pending = [];
      continue;
    }
    const t = line.replace(/^#+\s*/, "").replace(/^\s*(?:[-*+]|\d+[.)])\s+/, (m) => (/\d/.test(m) ? m.trim() + " " : "")).replace(/\*\*|__/g, "").trim();
    if (t === "") continue;
    paragraphs.push(t);
    pending.push(t);
    if (tables.length > 0) tables[tables.length - 1]!.after.push(t);
  }
  return { tables, paragraphs };
}

/** CSV or tab-separated rows as one table. */
export function readDelimited(text: string): SourceDocument {
  const src = text.replace(/^\uFEFF/, "");
  const firstLines = src.split("\n").slice(0, 20).join("\n");
  const rows = firstLines.includes("\t") ? src.split(/\r?\n/).map((l) => l.split("\t")) : parseCsv(src);
  return { tables: [{ rows, before: [], after: [] }], paragraphs: [] };
}

/** DOCX → HTML with mammoth (tables with merged cells, paragraphs), then read as HTML. */
export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  const mammoth = (await import("mammoth")).default;
  // Node's mammoth reads a Buffer, the browser build (a bundler picks it for the worker) an ArrayBuffer
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  const input = B ? { buffer: B.from(bytes) } : { arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  const { value } = await mammoth.convertToHtml(input as Parameters<typeof mammoth.convertToHtml>[0]);
  return readHtml(`<body>${value}</body>`);
}
