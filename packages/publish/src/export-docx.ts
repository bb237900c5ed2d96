/**
 * The official table as a DOCX document (what departments publish), with the `docx` package:
 * a declarative document model that runs in Node and in the browser worker alike.
 * A4 portrait, 宋体 body, 黑体 headings, category cells merged vertically, header row repeated.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } from "docx";
import { mergedColumns, rowCells, type OfficialTable } from "./table.ts";

const BODY = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
const HEAD = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };
/** 五号 = 10.5pt, in half-points. */
const SIZE = 21;

function para(text: string, opts: { bold?: boolean; center?: boolean; head?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: 40, after: 40, line: 300 },
    children: [new TextRun({ text, bold: opts.bold ?? false, font: opts.head ? HEAD : BODY, size: SIZE })],
  });
}

export async function tableDocx(t: OfficialTable): Promise<Uint8Array> {
  // column widths in twentieths of a point; A4 text width ≈ 9070
  const widths = t.weighted ? [1500, 700, 2300, 700, 3870] : [1600, 2400, 800, 4270];
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const borders = { top: border, bottom: border, left: border, right: border };
  const merged = mergedColumns(t);
  const headerRow = new TableRow({
    tableHeader: true,
    children: t.columns.map((c, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, borders, verticalAlign: VerticalAlign.CENTER, children: [para(c, { bold: true, center: true, head: true })] })),
  });
  const rows = t.rows.map((r) => {
    const cells = rowCells(t, r);
    const children: TableCell[] = [];
    cells.forEach((c, i) => {
      if (merged.includes(i) && r.categorySpan === 0) return;
      const isDesc = i === cells.length - 1;
      children.push(
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          borders,
          verticalAlign: VerticalAlign.CENTER,
          ...(merged.includes(i) && r.categorySpan > 1 ? { rowSpan: r.categorySpan } : {}),
          children: [para(c, { center: !isDesc })],
        }),
      );
    });
    return new TableRow({ cantSplit: true, children });
  });
  const doc = new Document({
    creator: "准绳",
    title: t.title,
    styles: { default: { document: { run: { font: BODY, size: SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1418, right: 1418 } } },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: t.title, font: HEAD, size: 32, bold: true })] }),
          ...(rows.length > 0 ? [new Table({ width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [headerRow, ...rows] })] : []),
          ...t.notes.map((n) => new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: n, font: BODY, size: SIZE })] })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
