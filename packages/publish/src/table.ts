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
  weighted: boolean;
  columns: string[];
  rows: TableRow[];
  /** Lines under the table: 「注：…」, grades, vetoes. */
  notes: string[];
}

function categoryCell(c: Category, weighted: boolean): string {
  if (c.kind === "bonus") return `${c.name}（加分项${c.cap !== undefined ? `，不超过${c.cap}分` : ""}）`;
  if (weighted) return c.name;
  return c.points !== undefined ? `${c.name}（${c.points}分）` : `${c.name}（分值待定）`;
}

/** Weights as the seeds print them, with two decimals at least: 0.2 → 0.20. */
function weightText(w: string): string {
  const [int, frac = ""] = w.split(".");
  return frac.length >= 2 ? w : `${int}.${frac.padEnd(2, "0")}`;
}

function valueCell(i: Indicator, weighted: boolean): string {
  if (i.pending) return "待定";
  if (weighted) return i.weight !== undefined ? weightText(i.weight) : "/";
  return i.points !== undefined ? `${i.points}分` : "/";
}

/** The description as published; an indicator without one is described by its rules. */
function descriptionCell(i: Indicator): string {
  return i.description ?? indicatorRuleText(i);
}

/** Title as in the seeds: the rubric name, ending in 「表」. */
export function tableTitle(r: Rubric): string {
  const t = r.header.title;
  return t.endsWith("表") ? t : `${t}表`;
}

export function officialTable(r: Rubric): OfficialTable {
  const weighted = r.weighted;
  const rows: TableRow[] = [];
  for (const c of r.categories) {
    const inds = c.indicators.length > 0 ? c.indicators : [undefined];
    inds.forEach((i, k) =>
      rows.push({
        category: categoryCell(c, weighted),
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
  if (r.grades.length > 0 && !said(r.grades.map((g) => g.label))) notes.push(`${r.gradeKind}：${r.grades.map((g) => `${g.interval.text}为${g.label}`).join("；")}。`);
  for (const v of r.vetoes) {
    const c = v.condition;
    if (!said(["直接", v.label])) notes.push(`否决：${c.kind === "compare" ? `${c.input.name}${c.interval.text}` : c.inputs.map((x) => x.name).join("或")}的，直接视为${v.label}。`);
  }
  if (r.eligibility) {
    for (const e of r.eligibility.rules) notes.push(`认定条件${e.label ? `（${e.label}）` : ""}：${conditionText(e.condition)}`);
    for (const x of r.eligibility.relaxations) notes.push(`放宽${x.label ? `（${x.label}）` : ""}：${x.flag.name}的，可放宽条件${x.relaxed.map((l) => `（${l}）`).join("")}`);
  }
  for (const n of r.notes) notes.push(n.startsWith("注") ? n : `注：${n}`);
  return {
    title: tableTitle(r),
    weighted,
    columns: weighted ? ["一级指标", "权重", "二级指标", "权重", "指标描述"] : ["类别", "指标", "分值", "指标描述"],
    rows,
    notes,
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
