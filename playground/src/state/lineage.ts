/**
 * Next year's rubric, the officers' main task: 新建下一年度草稿 copies the open rubric into a new
 * draft for the following year (年度 and 考评期 moved on, the rubric it is based on recorded),
 * and 新建评价体系 starts one from 地区, 年度, 平台类型 and 满分. 影响 compares a draft with the
 * rubric it is based on by default.
 */
import type { BasedOn } from "../lib/drafts.ts";
import type { Workbench } from "./workbench.ts";

/** The value of a header field (「  年度：2024」). */
function headerValue(text: string, key: string): string | undefined {
  return new RegExp(`^[ \\t]*${key}[：:][ \\t]*(.+)$`, "m").exec(text)?.[1]?.trim();
}

/**
 * The text of next year's draft: 年度 N → N+1, every year in 考评期 and in the title moved on
 * by one, and the lineage written as a comment under the title (the grammar has no 基于 field yet).
 */
export function nextYearText(text: string, base: string): { text: string; year: string | undefined } {
  // the first four-digit year of 年度 (「2024」, 「2024（随2024年通知印发）」)
  const yearText = /^(?:19|20)\d{2}/.exec(headerValue(text, "年度") ?? "")?.[0];
  const year = yearText ? String(Number(yearText) + 1) : undefined;
  const bump = (line: string) => line.replace(/(?<!\d)(\d{4})(?=年|\s*[-－至到~～.／/]|\s*$)/g, (y) => String(Number(y) + 1));
  let out = text;
  // only the year itself: a note after it (「随2024年通知印发」) stays as the source says
  if (year) out = out.replace(/^([ \t]*年度[：:][ \t]*)(?:19|20)\d{2}/m, `$1${year}`);
  out = out.replace(/^([ \t]*考评期[：:].*)$/m, (line) => bump(line));
  if (year) out = out.replace(/^(评价体系[ \t].*)$/m, (line) => line.replace(new RegExp(`${yearText}(?=年)`, "g"), year));
  // lineage, under the title line
  out = out.replace(/^(评价体系[ \t].*)$/m, `$1\n  # 基于：${base}`);
  return { text: out, year };
}

/** 新建下一年度草稿 from the open rubric. */
export async function newNextYearDraft(wb: Workbench): Promise<void> {
  const doc = wb.activeDoc;
  if (!doc) {
    wb.flash("请先打开一个评价体系，再新建它的下一年度草稿");
    return;
  }
  const text = doc.model.getValue();
  const label = doc.builtin ? `rules/${doc.builtin.path}` : doc.title;
  const next = nextYearText(text, label);
  const type = headerValue(text, "平台类型") ?? doc.title.replace(/\.zs$/, "");
  const title = `${type}（${next.year ?? "下一年度"}草稿）.zs`;
  const baseYear = /^(?:19|20)\d{2}/.exec(headerValue(text, "年度") ?? "")?.[0];
  const basedOn: BasedOn = { title: doc.title.replace(/\.zs$/, "") + (baseYear ? `（${baseYear}）` : ""), text, path: doc.builtin?.path };
  await wb.openImportedDraft(title, next.text, basedOn);
  wb.flash(next.year ? `已新建 ${next.year} 年度草稿，基于「${basedOn.title}」；「影响」默认与它比较` : `已新建下一年度草稿：原文件的年度不是四位数字，请手动填写年度`);
}

export interface NewRubricFields {
  region: string;
  year: string;
  platformType: string;
  fullMarks: string;
}

/** The skeleton of a new rubric: the header the officer gave, one input, one category, one indicator to replace. */
export function newRubricText(f: NewRubricFields): string {
  const points = /^\d+(\.\d+)?$/.test(f.fullMarks) ? f.fullMarks : "100";
  return [
    `评价体系 ${f.region}${f.platformType}评价指标体系`,
    `  地区：${f.region}`,
    `  年度：${f.year}`,
    `  平台类型：${f.platformType}`,
    `  满分：${points}分`,
    `  状态：草稿`,
    ``,
    `输入`,
    `  服务企业数：计数 家 越多越好 「年度内服务的企业数量」`,
    ``,
    `类别 服务能力（${points}分）`,
    `  指标 服务企业数量 ${points}分`,
    `    描述：（粘贴公布表格中的指标描述原文）`,
    `    服务企业数 达${points}家得${points}分，每少1家减1分`,
    ``,
  ].join("\n");
}

/** 新建评价体系: a new draft from the dialog's fields. */
export async function createRubric(wb: Workbench, f: NewRubricFields): Promise<void> {
  const missing = (["region", "year", "platformType"] as const).filter((k) => f[k].trim() === "");
  if (missing.length > 0) {
    wb.flash("请填写地区、年度和平台类型");
    return;
  }
  wb.store.set({ newRubricOpen: false });
  await wb.openImportedDraft(`${f.platformType.trim()}（${f.year.trim()}）.zs`, newRubricText({ region: f.region.trim(), year: f.year.trim(), platformType: f.platformType.trim(), fullMarks: f.fullMarks.trim() }));
  wb.flash("已新建评价体系草稿：把示例输入、类别和指标换成公布表格中的内容");
}
