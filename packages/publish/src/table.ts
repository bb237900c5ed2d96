/**
 * The official indicator table (评价指标体系表) as the seed documents lay it out:
 * 类别（35分）| 指标 | 分值 | 指标描述, category cells merged over their indicators, the bonus
 * section with 「/」 as 分值, and the notes under the table. Weighted rubrics get 权重 columns.
 * Every exporter (Markdown, HTML, XLSX, DOCX) renders this one model.
 */
import type { Category, Indicator, Rubric } from "@zhunsheng/core";
import { conditionText, indicatorRuleText } from "./rule-text.ts";

export interface TableRow {
  /** Category cell text (「平台活跃度（35分）」); the same on every row of the category. */
  category: string;
  /** Rows the category cell spans on its first row; 0 on the rows it covers. */
  categorySpan: number;
  /** First-level weight (weighted rubrics only), spanned like the category. */
  categoryWeight: string;
  indicator: string;
  /** 「15分」, 「/」 in a bonus group, or the weight of a weighted indicator. */
  value: string;
  description: string;
}

export interface OfficialTable {
  title: string;
  /** 「附件1」, when the source numbers the table as an attachment. */
  attachment: string | undefined;
  weighted: boolean;
  columns: string[];
  rows: TableRow[];
  /** Lines under the table: 「注：…」, grades, vetoes. */
  notes: string[];
  /** A 征求意见稿: the mark on every page, and the open problems listed in an appendix. */
  draft: { mark: string; problems: string[] } | undefined;
}

export interface TableOptions {
  draft?: { problems: string[] };
}

/** The mark a 征求意见稿 carries on every page. */
export const DRAFT_MARK = "征求意见稿";

/**
 * A category as the published table and the change report name it: a bonus or deduction group with its
 * cap; else, where weights have a column of their own (the table of a weighted rubric), the bare name;
 * else its weight, its points or 分值待定.
 */
export function categoryTitle(c: Category, weightColumn: boolean): string {
  if (c.kind === "bonus") return `${c.name}（加分项${c.cap !== undefined ? `，不超过${c.cap}分` : ""}）`;
  if (c.kind === "deduction") return `${c.name}（扣分项${c.cap !== undefined ? `，最多扣${c.cap}分` : ""}）`;
  if (weightColumn) return c.name;
  if (c.weight !== undefined) return `${c.name}（权重${c.weight}）`;
  return c.points !== undefined ? `${c.name}（${c.points}分）` : `${c.name}（分值待定）`;
}

/** Weights as the seeds print them, with two decimals at least: 0.2 → 0.20. */
function weightText(w: string): string {
  const [int, frac = ""] = w.split(".");
  return frac.length >= 2 ? w : `${int}.${frac.padEnd(2, "0")}`;
}

function valueCell(i: Indicator, weighted: boolean): string {
  if (i.pending) return "待定";
  // a 扣分项's indicator takes off at most its points
  if (i.deduction) return i.points !== undefined ? `最多扣${i.points}分` : "/";
  if (weighted) return i.weight !== undefined ? weightText(i.weight) : "/";
  return i.points !== undefined ? `${i.points}分` : "/";
}

/** The description as published; an indicator without one is described by its rules. */
function descriptionCell(i: Indicator): string {
  return i.description ?? indicatorRuleText(i);
}

/** The text inside the brackets that open at `i` (nested brackets kept), and where it ends. */
function bracketed(s: string, i: number): { inner: string; end: number } | undefined {
  if (s[i] !== "（" && s[i] !== "(") return undefined;
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === "（" || s[j] === "(") depth++;
    else if (s[j] === "）" || s[j] === ")") {
      depth--;
      if (depth === 0) return { inner: s.slice(i + 1, j), end: j + 1 };
    }
  }
  return undefined;
}

/** Splits at top level (outside brackets) where `sep` matches. */
function splitTopLevel(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "（" || c === "(") depth++;
    else if (c === "）" || c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && sep.test(c)) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.map((x) => x.trim()).filter((x) => x !== "");
}

/** A name of a published table or indicator list, not of the measure or notice that carries it. */
const TABLE_NAME = /(表|指标|标准|细则)$/;
const withoutTrailingBracket = (s: string) => s.replace(/[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$/, "");

/**
 * The table's name and attachment number as the first document of 来源 gives them:
 * 「…指标体系表 附件1（市州窗口平台评价指标体系表）」, 「…评价指标（试行）（附件1）」, 「…评价指标（试行）」.
 */
export function sourceTitle(source: string | undefined): { title: string; attachment: string | undefined } | undefined {
  if (!source) return undefined;
  const first = splitTopLevel(source, /[、；;]/)[0];
  if (!first) return undefined;
  const m = /附件\s*(\d+)/.exec(first);
  if (m) {
    const after = bracketed(first, m.index + m[0].length);
    if (after && TABLE_NAME.test(withoutTrailingBracket(after.inner))) return { title: after.inner, attachment: `附件${m[1]}` };
  }
  // the document's own name: the last top-level word of the item, without an 「（附件1）」 after it
  let name = splitTopLevel(first, /\s/).pop() ?? first;
  const att = /[（(]附件\s*(\d+)[）)]$/.exec(name);
  if (att) name = name.slice(0, att.index);
  if (/办法|通知|决定|意见/.test(name)) return undefined;
  const core = withoutTrailingBracket(name);
  // 「自评价表（片段，见 …）」: a bracket of the encoder's notes is not part of the name
  if (TABLE_NAME.test(core)) return { title: /^[（(](试行|暂行)[）)]$/.test(name.slice(core.length)) ? name.replace(/\((试行|暂行)\)$/, "（$1）") : core, attachment: att ? `附件${att[1]}` : undefined };
  return undefined;
}

/** Title as the source gives it, else the rubric's name ending in 「表」 (never 「表表」). */
export function tableTitle(r: Rubric): string {
  const fromSource = sourceTitle(r.header.source);
  if (fromSource) return fromSource.title;
  const t = r.header.title.trim();
  // 「…评价指标（试行）」: the name ends before a trailing bracket
  const core = t.replace(/[（(][^（）()]*[）)]$/, "");
  return /(表|指标|条件|标准|细则)$/.test(core) ? t : `${t}表`;
}

export function officialTable(r: Rubric, options: TableOptions = {}): OfficialTable {
  const weighted = r.weighted;
  const rows: TableRow[] = [];
  for (const c of r.categories) {
    const inds = c.indicators.length > 0 ? c.indicators : [undefined];
    inds.forEach((i, k) =>
      rows.push({
        category: categoryTitle(c, weighted),
        categorySpan: k === 0 ? inds.length : 0,
        categoryWeight: weighted ? (c.weight !== undefined ? weightText(c.weight) : c.kind === "bonus" ? "/" : "") : "",
        indicator: i?.name ?? "",
        value: i ? valueCell(i, weighted) : "",
        description: i ? descriptionCell(i) : "",
      }),
    );
  }
  const notes: string[] = [];
  // grades and vetoes are stated from the model unless the published notes already state them
  const said = (words: string[]) => r.notes.some((n) => words.every((w) => n.includes(w)));
  if (r.grades.length > 0 && !said(r.grades.map((g) => g.label))) notes.push(`${r.gradeKind}：${r.grades.map((g) => `${g.interval.text}${g.also ? `，其中${conditionText(g.also)}` : ""}为${g.label}`).join("；")}${r.gradeNeedsEligibility ? `；不符合认定条件的，不予评定${r.gradeKind}` : ""}。`);
  for (const v of r.vetoes) {
    const c = v.condition;
    if (!said(["直接", v.label])) notes.push(`否决：${conditionText(c)}的，直接视为${v.label}。`);
  }
  if (r.eligibility) {
    for (const e of r.eligibility.rules) notes.push(`认定条件${e.label ? `（${e.label}）` : ""}：${conditionText(e.condition)}`);
    for (const x of r.eligibility.relaxations) notes.push(`放宽${x.label ? `（${x.label}）` : ""}：${conditionText(x.condition)}的，可放宽条件${x.relaxed.map((l) => `（${l}）`).join("")}`);
  }
  for (const n of r.notes) notes.push(n.startsWith("注") ? n : `注：${n}`);
  return {
    title: tableTitle(r),
    attachment: sourceTitle(r.header.source)?.attachment,
    weighted,
    columns: weighted ? ["一级指标", "权重", "二级指标", "权重", "指标描述"] : ["类别", "指标", "分值", "指标描述"],
    rows,
    notes,
    draft: options.draft ? { mark: DRAFT_MARK, problems: options.draft.problems } : undefined,
  };
}

/** Cells of a row in column order. */
export function rowCells(t: OfficialTable, row: TableRow): string[] {
  return t.weighted ? [row.category, row.categoryWeight, row.indicator, row.value, row.description] : [row.category, row.indicator, row.value, row.description];
}

/** Columns merged down a category (the category and, when weighted, its weight). */
export function mergedColumns(t: OfficialTable): number[] {
  return t.weighted ? [0, 1] : [0];
}
