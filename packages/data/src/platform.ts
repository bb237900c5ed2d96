/**
 * Which column names the platform: one rule for every front end (the CLI, the workbench,
 * publish and the engine read it from here).
 */

/** Header texts that name the platform column, exact after trimming. */
export const PLATFORM_NAME_COLUMNS: readonly string[] = ["平台名称", "名称", "平台", "platform"];

/** Names of summary rows that officers put under the platforms; they are not platforms. */
const SUMMARY_NAMES = new Set(["合计", "总计", "小计", "平均", "平均值", "合计数", "总数"]);

/**
 * The platform-name column among `columns`: its index, an error when two candidate columns are
 * present (which one names the platform would be a guess), or undefined when there is none.
 */
export function findPlatformColumn(columns: readonly string[]): { index: number; name: string } | { error: string } | undefined {
  const found: { index: number; name: string }[] = [];
  columns.forEach((c, index) => {
    if (PLATFORM_NAME_COLUMNS.includes(c.trim())) found.push({ index, name: c.trim() });
  });
  if (found.length > 1) {
    return { error: `表头同时有${found.map((f) => `「${f.name}」`).join("和")}列，无法确定哪一列是平台名称：请只保留一列，或把其他列改名` };
  }
  return found[0];
}

/** 「合计」「总 计」…: a row of totals under the platforms. */
export function isSummaryName(name: string): boolean {
  // every platform row asks: a cheap look at the first character first
  if (name.length > 24 || !"合总小平".includes(name[0]!)) return false;
  // 「合 计」「合计：」「总计（12个平台）」
  return SUMMARY_NAMES.has(name.replace(/[\s\u3000]/g, "").replace(/[：:]$/u, "").replace(/[（(][^（）()]*[）)]$/u, ""));
}

/** Labels that open a note or a signature line in a table: 「备注：…」「注1：…」「填表人：张三」. */
const NOTE_LABEL = /^(?:注[0-9０-９]*|备注|附注|说明|填表说明|填表人|填报人|填表日期|填报日期|审核人|制表人|负责人|联系人|联系电话|填报单位|填表单位|数据来源|资料来源)[ \t\u3000]*(?:[：:]|$)/u;

/** A row whose first filled cell is such a label is a note, whatever else it holds (「备注,以上数据由各市上报」). */
export function isNoteLabel(text: string): boolean {
  return NOTE_LABEL.test(text);
}

/**
 * A lone cell under the table that reads as a note rather than a platform's name: a label, a
 * sentence (「以上数据…」「数据截至…」) or text with a colon or a full stop. Platform names are none of these.
 */
export function looksLikeNote(text: string): boolean {
  return isNoteLabel(text) || /^(?:以上|以下|本表|截至|数据截至|单位[：:])/u.test(text) || /[：:。]/u.test(text);
}

/**
 * The platform's name in a record keyed by column name (the workbench, JSON): the value of the
 * platform-name column present, trimmed; undefined when there is none or it is empty. Files with
 * two such columns are refused when read, so the order here decides nothing for them.
 */
export function platformNameOf(record: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of PLATFORM_NAME_COLUMNS) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const v = record[key];
    const s = v === undefined || v === null ? "" : String(v).trim();
    if (s !== "") return s;
  }
  return undefined;
}
