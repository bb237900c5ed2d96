/**
 * The data sheet an officer fills in for a rubric: the platform-name column, then every input
 * that is entered, each header saying its unit and range (「协同评定分（分，0～20）」). The
 * reader maps such headers back to the input's name, so a filled template reads as it is.
 */

/** One column of the template, from a rubric input (the caller maps the rubric's model to this). */
export interface TemplateColumn {
  name: string;
  type: "number" | "count" | "percent" | "money" | "yesno" | "score" | "text" | "enum" | "list";
  /** The values of a 取值 / 清单 column. */
  values?: readonly string[];
  /** A 评分 column filled with several experts' scores. */
  panel?: boolean;
  unit?: string;
  min?: string;
  max?: string;
  description?: string;
}

export const TYPE_WORD: Record<TemplateColumn["type"], string> = {
  number: "数值",
  count: "计数（整数）",
  percent: "百分比",
  money: "金额",
  yesno: "是否",
  score: "评分",
  text: "文本",
  enum: "取值（填其中一个）",
  list: "清单（逐项填写，用「、」分隔）",
};

/** 「0～20」, 「≥1」, 「≤100」, or "" when the input has no range (or only the obvious 「≥0」). */
export function rangeText(c: TemplateColumn): string {
  if (c.min !== undefined && c.max !== undefined) return `${c.min}～${c.max}`;
  if (c.min === "0" && c.max === undefined) return "";
  if (c.min !== undefined) return `≥${c.min}`;
  if (c.max !== undefined) return `≤${c.max}`;
  return "";
}

/** The header of a template column: the name, then unit and range in full-width parentheses. */
export function templateHeader(c: TemplateColumn): string {
  if (c.type === "enum") return `${c.name}（${(c.values ?? []).join("/")}）`;
  if (c.type === "list") return `${c.name}（${(c.values ?? []).join("、")}，逐项填写，没有填「无」）`;
  const unit = c.type === "yesno" ? "是/否" : c.panel ? "各位专家评分用「、」分隔" : c.unit ?? (c.type === "percent" ? "%" : c.type === "score" ? "分" : "");
  const parts = [unit, rangeText(c)].filter(Boolean);
  return parts.length ? `${c.name}（${parts.join("，")}）` : c.name;
}

/** The platform-name column every template starts with. */
export const TEMPLATE_NAME_COLUMN = "名称";

/** The template's header row. */
export function templateHeaderRow(columns: readonly TemplateColumn[]): string[] {
  return [TEMPLATE_NAME_COLUMN, ...columns.map(templateHeader)];
}

/** What the officer is told about filling in the sheet (the XLSX 填表说明 sheet and the README). */
export const FILLING_NOTES: readonly string[] = [
  "第一行是表头，不要改动列名；每个平台填一行，「名称」列填平台名称。",
  "数字直接填写，不要带单位，不要用千位分隔符（填 1500，不填 1,500 或 1500家次）。",
  "百分比可填 85 或 85%（单元格设为百分比格式也可以）。",
  "「是/否」列从下拉列表选择「是」或「否」。",
  "没有的数据留空，不要填 0 以外的占位符（如「无」「-」）；留空的项目评分时会报告缺少数据。",
  "不要合并单元格，不要在表格下方加合计行。",
];

/** What the data package needs of a rubric's input (structurally the engine's `Input`; no dependency on it). */
export interface InputLike {
  name: string;
  kind: "input" | "derived" | "evidence";
  type: TemplateColumn["type"];
  /** The values of a 取值 / 清单 input (empty for other types). */
  values?: readonly string[] | undefined;
  /** Set (how the experts' scores combine) when a 评分 input is filled by several experts. */
  panel?: string | undefined;
  unit?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  description?: string | undefined;
}

/** The template's columns: every input the data gives (derived ones are computed, not entered). */
export function templateColumnsOf(inputs: readonly InputLike[]): TemplateColumn[] {
  return inputs
    .filter((i) => i.kind !== "derived")
    .map((i) => ({
      name: i.name,
      type: i.type,
      ...(i.values && i.values.length > 0 ? { values: i.values } : {}),
      ...(i.panel ? { panel: true } : {}),
      ...(i.unit ? { unit: i.unit } : {}),
      ...(i.min !== undefined ? { min: i.min } : {}),
      ...(i.max !== undefined ? { max: i.max } : {}),
      ...(i.description ? { description: i.description } : {}),
    }));
}

/** The columns a data file is expected to give, for resolving its header (units written after the names). */
export function expectedColumnsOf(inputs: readonly InputLike[]): { name: string; unit?: string }[] {
  return inputs.filter((i) => i.kind !== "derived").map((i) => (i.unit ? { name: i.name, unit: i.unit } : { name: i.name }));
}
