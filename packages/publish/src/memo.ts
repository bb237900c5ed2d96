/**
 * 修订说明: the memo that accompanies revised rules — every semantic change in Chinese (the diff's
 * lines), a 修订理由 under each that the officer fills (kept when given), and the impact on the chosen
 * dataset. Written as Markdown and as DOCX with the same writers' conventions as the official table
 * (A4, 宋体 五号, page numbers), so the workbench and `zhunsheng diff --memo` give the same document.
 */
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle, ShadingType } from "docx";
import type { Rubric } from "@zhunsheng/core";
import { diffRubrics, type Change } from "./diff.ts";
import type { Impact } from "./impact.ts";
import { signedDecimal as signed } from "@zhunsheng/core";
import { tableTitle } from "./table.ts";

export interface MemoOptions {
  /** The files compared, as the officer names them. */
  oldFile: string;
  newFile: string;
  /** The impact on a dataset, and the dataset's name. */
  impact?: Impact;
  dataset?: string;
  /** 修订理由 by change number (1-based), as the officer wrote them. */
  reasons?: Record<number, string>;
  /** 修订理由 by `changeKey` (the workbench keeps them so, across edits that renumber the changes). */
  reasonsByKey?: Record<string, string>;
}

export interface RevisionMemo {
  title: string;
  oldName: string;
  newName: string;
  changes: { change: Change; reason: string | undefined }[];
  impact: Impact | undefined;
  dataset: string | undefined;
}

/**
 * A change's identity for the 修订理由 written about it: its kind, subject and old value. It stays
 * the same while the officer edits the new value again (1500 → 1200, then → 1300).
 */
export function changeKey(c: Change): string {
  return [c.kind, c.subject, c.before ?? ""].join("\u0000");
}

/** The placeholder an officer replaces: a visible blank, never invented text. */
export const REASON_BLANK = "（请填写修订理由）";

const nameOf = (r: Rubric) => [r.header.region, tableTitle(r).replace(/表$/, ""), r.header.year && !/未注明/.test(r.header.year) ? `（${r.header.year.replace(/（.*$/, "")}）` : ""].filter(Boolean).join(" ");

export function revisionMemo(oldRubric: Rubric, newRubric: Rubric, options: MemoOptions): RevisionMemo {
  const diff = diffRubrics(oldRubric, newRubric);
  return {
    title: `关于《${tableTitle(newRubric)}》的修订说明`,
    oldName: `${nameOf(oldRubric)}（${options.oldFile}）`,
    newName: `${nameOf(newRubric)}（${options.newFile}）`,
    changes: diff.changes.map((change, i) => ({ change, reason: (options.reasons?.[i + 1] ?? options.reasonsByKey?.[changeKey(change)])?.trim() || undefined })),
    impact: options.impact,
    dataset: options.dataset,
  };
}

/** The impact in sentences, for both writers (and the workbench's preview). */
export function memoImpactLines(m: RevisionMemo): string[] {
  const i = m.impact;
  if (!i) return ["未指定数据，未测算修订对评价结果的影响（命令行加 --data 数据文件）。"];
  const s = i.summary;
  return [
    `按「${m.dataset ?? "所选数据"}」中的${s.platforms}个平台测算${s.scored < s.platforms ? `（其中${s.platforms - s.scored}个平台数据有误，未计入）` : ""}：`,
    `得分变化的平台${s.changed}个，其中上升${s.up}个、下降${s.down}个${s.up > 0 ? `；最大上升${signed(s.maxUp)}分` : ""}${s.down > 0 ? `；最大下降${s.maxDown}分` : ""}。`,
    `越过分数线（${i.lines.map((l) => `${l}分`).join("、")}）或等级变化的平台${s.crossings}个，等级（星级）变化${s.gradeChanged}个。`,
  ];
}

const histogramRows = (i: Impact) => i.histogram.map((b) => [b.label, String(b.before), String(b.after)]);

/** Platforms whose total moved, largest change first (at most 20 in the memo). */
function movedRows(i: Impact): string[][] {
  return i.platforms
    .filter((p) => p.change !== null && p.change !== "0")
    .sort((a, b) => Math.abs(Number(b.change)) - Math.abs(Number(a.change)))
    .slice(0, 20)
    .map((p) => [p.platform, p.before ?? "—", p.after ?? "—", signed(p.change ?? "0"), p.crossings.join("；") || "—"]);
}

export function memoMarkdown(m: RevisionMemo): string {
  const out: string[] = [`# ${m.title}`, "", "## 一、基本情况", "", `- 原版本：${m.oldName}`, `- 修订稿：${m.newName}`, `- 修订共${m.changes.length}处。`, "", "## 二、修订内容与理由", ""];
  if (m.changes.length === 0) out.push("两个版本在计分上没有差别。");
  m.changes.forEach(({ change, reason }, k) => out.push(`${k + 1}. ${change.text}`, `   - 修订理由：${reason ?? REASON_BLANK}`));
  out.push("", "## 三、对评价结果的影响", "", ...memoImpactLines(m).map((l) => `${l}  `));
  if (m.impact) {
    out.push("", "| 总分区间 | 修订前 | 修订后 |", "| --- | ---: | ---: |", ...histogramRows(m.impact).map((r) => `| ${r.join(" | ")} |`));
    const moved = movedRows(m.impact);
    if (moved.length > 0) out.push("", "得分变化最大的平台：", "", "| 平台 | 修订前 | 修订后 | 变化 | 越线与等级 |", "| --- | ---: | ---: | ---: | --- |", ...moved.map((r) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`));
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

const BODY = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
const HEAD = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };
const SIZE = 24; // 小四 12pt: a memo is read, not printed in a table

const p = (text: string, opts: { head?: boolean; size?: number; center?: boolean; indent?: boolean; color?: string; highlight?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60, line: 360 },
    ...(opts.indent ? { indent: { left: 480 } } : {}),
    children: [new TextRun({ text, font: opts.head ? HEAD : BODY, size: opts.size ?? SIZE, ...(opts.color ? { color: opts.color } : {}), ...(opts.highlight ? { shading: { type: ShadingType.CLEAR, fill: "FFF2CC", color: "auto" } } : {}) })],
  });

function docxTable(header: string[], rows: string[][]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (t: string, bold = false) => new TableCell({ borders, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t, font: bold ? HEAD : BODY, size: 21 })] })] });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) }))] });
}

export async function memoDocx(m: RevisionMemo): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [
    p(m.title, { head: true, size: 36, center: true }),
    p("一、基本情况", { head: true, size: 28 }),
    p(`原版本：${m.oldName}`, { indent: true }),
    p(`修订稿：${m.newName}`, { indent: true }),
    p(`修订共${m.changes.length}处。`, { indent: true }),
    p("二、修订内容与理由", { head: true, size: 28 }),
  ];
  if (m.changes.length === 0) body.push(p("两个版本在计分上没有差别。", { indent: true }));
  m.changes.forEach(({ change, reason }, k) => {
    body.push(p(`${k + 1}. ${change.text}`, { indent: true }));
    body.push(p(`修订理由：${reason ?? REASON_BLANK}`, { indent: true, ...(reason ? {} : { color: "7F7F7F", highlight: true }) }));
  });
  body.push(p("三、对评价结果的影响", { head: true, size: 28 }), ...memoImpactLines(m).map((l) => p(l, { indent: true })));
  if (m.impact) {
    body.push(docxTable(["总分区间", "修订前", "修订后"], histogramRows(m.impact)));
    const moved = movedRows(m.impact);
    if (moved.length > 0) body.push(p("得分变化最大的平台：", { indent: true }), docxTable(["平台", "修订前", "修订后", "变化", "越线与等级"], moved));
  }
  const footer = new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"], font: BODY, size: 18 })] })] });
  const doc = new Document({
    creator: "准绳",
    title: m.title,
    styles: { default: { document: { run: { font: BODY, size: SIZE } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } }, footers: { default: footer }, children: body }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
