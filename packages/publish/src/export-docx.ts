/**
 * The official table as a DOCX document (what departments publish), with the `docx` package:
 * a declarative document model that runs in Node and in the browser worker alike.
 * A4 portrait, 宋体 五号 body, 黑体 headings; 「附件1」 and the title as in the source; page numbers in
 * the footer; each page a table of its own with the header row and the continued category's label
 * (see layout.ts); a 征求意见稿 carries the mark in every page's header and an appendix of open problems.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { categoryLines, columnWidths, lineCount, paginate, type PageRow } from "./layout.ts";
import { mergedColumns, rowCells, type OfficialTable, type TableRow as ModelRow } from "./table.ts";

const BODY = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
const HEAD = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };
/** 五号 = 10.5pt, in half-points. */
const SIZE = 21;
const PT = 10.5;
/** A4 in twentieths of a point, with 2.5 cm side margins and 2.54 cm top and bottom. */
const PAGE = { width: 11906, height: 16838, top: 1440, bottom: 1440, left: 1418, right: 1418 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Cell margins left and right (Word's default, 0.19 cm each). */
const CELL_PAD = 216;
/** One wrapped line at 1.25 line spacing, in points (measured in LibreOffice: 15.4 pt with its CJK fonts; SimSun in Word is lower). */
const LINE_PT = 15.5;
const ROW_PAD_PT = 5;

function para(text: string, opts: { bold?: boolean; center?: boolean; head?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: 40, after: 40, line: 300 },
    children: [new TextRun({ text, bold: opts.bold ?? false, font: opts.head ? HEAD : BODY, size: opts.size ?? SIZE })],
  });
}

export async function tableDocx(t: OfficialTable): Promise<Uint8Array> {
  const em = TEXT_WIDTH / (PT * 20);
  const widthsEm = columnWidths(t, em);
  const widths = widthsEm.map((w) => Math.round(w * PT * 20));
  const capacity = (col: number) => (widths[col]! - CELL_PAD) / (PT * 20) - 0.2;
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const borders = { top: border, bottom: border, left: border, right: border };
  const merged = mergedColumns(t);
  const cells = (r: ModelRow) => rowCells(t, r);
  const lines = (r: ModelRow) =>
    Math.max(
      ...cells(r).map((c, i) => (merged.includes(i) ? categoryLines(c, capacity(i)).reduce((n, l) => n + lineCount(l, capacity(i)), 0) : lineCount(c, capacity(i)))),
    );
  const rowHeight = (r: ModelRow) => lines(r) * LINE_PT + ROW_PAD_PT;
  const headerHeight = LINE_PT + ROW_PAD_PT;
  const pageRoom = (PAGE.height - PAGE.top - PAGE.bottom) / 20 - headerHeight;
  // the first page also holds 「附件1」, the title and, for a draft, its subtitle; 2% to spare (row heights are estimated high), since a row
  // that does not fit moves on and would leave the forced break an almost empty page
  const titleBlock = (t.attachment ? 28 : 0) + 42 + (t.draft ? 24 : 0);
  const pages = paginate(t.rows, rowHeight, (pageRoom - titleBlock) * 0.98, pageRoom * 0.98);

  const headerRow = () =>
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: t.columns.map((c, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, borders, verticalAlign: VerticalAlign.CENTER, children: [para(c, { bold: true, center: true, head: true })] })),
    });
  const bodyRow = ({ row, span }: PageRow) => {
    const children: TableCell[] = [];
    cells(row).forEach((c, i) => {
      if (merged.includes(i) && span === 0) return;
      const isDesc = i === cells(row).length - 1;
      const paragraphs = merged.includes(i) ? categoryLines(c, capacity(i)).map((l) => para(l, { center: true })) : [para(c, { center: !isDesc })];
      children.push(
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          borders,
          verticalAlign: VerticalAlign.CENTER,
          ...(merged.includes(i) && span > 1 ? { rowSpan: span } : {}),
          children: paragraphs,
        }),
      );
    });
    return new TableRow({ cantSplit: true, children });
  };
  const tables = pages.map(
    (page) => new Table({ width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [headerRow(), ...page.map(bodyRow)] }),
  );
  const body: (Paragraph | Table)[] = [];
  if (t.attachment) body.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: t.attachment, font: HEAD, size: 32 })] }));
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: t.draft ? 60 : 240 }, children: [new TextRun({ text: t.title, font: HEAD, size: 36 })] }));
  if (t.draft) body.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `（${t.draft.mark}）`, font: HEAD, size: 28 })] }));
  tables.forEach((table, i) => {
    // each later page starts with a page break, so its header and category label stand at its top
    if (i > 0) body.push(new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0, line: 240 }, children: [] }));
    body.push(table);
  });
  for (const n of t.notes) body.push(new Paragraph({ spacing: { before: 120 }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text: n, font: BODY, size: SIZE })] }));
  if (t.draft) {
    body.push(new Paragraph({ pageBreakBefore: true, spacing: { after: 240 }, children: [new TextRun({ text: `附：${t.draft.mark}待解决的问题`, font: HEAD, size: 28 })] }));
    if (t.draft.problems.length === 0) body.push(para("发布前检查没有发现问题。"));
    t.draft.problems.forEach((p, i) => body.push(new Paragraph({ spacing: { before: 60, after: 60, line: 300 }, indent: { left: 420, hanging: 420 }, children: [new TextRun({ text: `${i + 1}. ${p}`, font: BODY, size: SIZE })] })));
  }

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"], font: BODY, size: 18 })],
      }),
    ],
  });
  const header = t.draft ? new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: t.draft.mark, font: HEAD, size: 28, bold: true, color: "C00000" })] })] }) : undefined;
  const doc = new Document({
    creator: "准绳",
    title: t.title,
    styles: { default: { document: { run: { font: BODY, size: SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 720, footer: 720 } } },
        headers: header ? { default: header } : {},
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
