/**
 * Reading an indicator table out of a document: the header row(s) found by their words (类别 /
 * 一级指标 / 指标 / 分值 / 权重 / 指标描述 / 评分标准 …, two header rows merged into one), merged
 * category cells filled down, section rows (「加分项（不超过10分）」) applied to the rows below, notes
 * under the table, and — from the text around it — the title, the attachment number, metadata
 * (地区, 年度, 平台类型) and the evidence list (附件 …材料清单) that becomes 材料.
 */
import { decodeBytes, readXlsxSheet } from "@zhunsheng/data";
import { readDelimited, readDocx, readHtml, readMarkdown, type SourceDocument, type SourceTable } from "./sources.ts";
import { conditionList, type ListedCondition } from "./import-conditions.ts";

export interface ImportedRow {
  category: string;
  /** First-level weight when the table has one. */
  categoryWeight: string;
  indicator: string;
  /** 「15分」, 「/」, 「0.05」 as written. */
  value: string;
  description: string;
  /** A section heading above the row (「加分项（不超过10分）」, 「扣分项（最多扣10分）」) that makes it a bonus or a deduction. */
  section?: { bonus: boolean; deduction?: boolean; cap?: string };
}

export interface ImportedTable {
  title: string;
  rows: ImportedRow[];
  /** 「注：…」 lines under the table. */
  notes: string[];
  /** 「附件1」 when the document numbers the table. */
  attachment?: string;
  /** 地区, 年度, 平台类型 read from the title and the text around the table. */
  meta?: { region?: string; year?: string; platformType?: string };
  /** Items of an evidence list (证明材料清单) in the document: each becomes a 材料 line. */
  evidence?: { name: string; text: string }[];
  /** A list of 认定条件 (「（一）…；（二）…」) when the document has one instead of a table. */
  conditions?: ListedCondition[];
}

const HEADERS = {
  category: ["类别", "指标类别", "一级指标", "评价项目", "考核项目", "评价维度", "项目", "一级", "评价内容", "考核内容", "内容"],
  indicator: ["指标", "二级指标", "指标名称", "评价指标", "考核指标", "三级指标", "评价要素", "具体指标", "指标内容", "二级", "考核要点", "评价内容", "考核内容"],
  value: ["分值", "分数", "标准分", "满分", "分值分", "权重", "计分", "得分标准分"],
  description: ["指标描述", "描述", "评价要点", "评分标准", "指标说明", "评分细则", "评价细则", "考核标准", "评分办法", "评分方法", "计分方法", "评价标准", "评分依据", "考核细则", "评价方法", "评分说明", "指标解释", "简述"],
};

/** Joins the lines of one cell: 「平台活跃度」「（35分）」 → 「平台活跃度（35分）」; drops spaces between CJK. */
export function cleanCell(s: string): string {
  return s
    .replace(/\r/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("")
    .replace(/(?<=[^\x00-\xff])\s+|\s+(?=[^\x00-\xff])/g, "")
    .trim();
}

/** A header cell's words: brackets and units dropped (「分值（分）」 → 「分值」). */
const headerWord = (s: string) => cleanCell(s).replace(/[（(][^）)]*[）)]/g, "").replace(/[\s:：]/g, "");

function findColumn(header: string[], names: string[], taken: number[] = []): number {
  for (const n of names) {
    const i = header.findIndex((h, k) => !taken.includes(k) && headerWord(h) === n);
    if (i >= 0) return i;
  }
  return -1;
}

const isHeaderRow = (r: string[]) => findColumn(r, HEADERS.indicator) >= 0 || findColumn(r, HEADERS.description) >= 0 || findColumn(r, HEADERS.category) >= 0;

/** The header row, with the row below merged in when the header spans two rows (「评价指标」 over 「一级指标 | 二级指标」). */
function headerOf(rows: string[][]): { index: number; header: string[]; end: number } | undefined {
  for (let h = 0; h < Math.min(rows.length, 30); h++) {
    const row = rows[h]!;
    if (!isHeaderRow(row)) continue;
    const next = rows[h + 1];
    if (next && isHeaderRow(next) && next.filter((c) => cleanCell(c) !== "").every((c) => Object.values(HEADERS).some((ns) => ns.includes(headerWord(c))) || /^(序号|备注)$/.test(headerWord(c)))) {
      const header = row.map((c, i) => (cleanCell(next[i] ?? "") !== "" ? next[i]! : c));
      return { index: h, header, end: h + 2 };
    }
    if (findColumn(row, HEADERS.indicator) >= 0 || findColumn(row, HEADERS.description) >= 0) return { index: h, header: row, end: h + 1 };
  }
  return undefined;
}

/** A row that is only a heading of what follows: 「加分项（不超过10分）」, 「一、基础指标（80分）」. */
function sectionOf(text: string): { bonus: boolean; deduction?: boolean; cap?: string; category?: string } | undefined {
  const t = cleanCell(text).replace(/^[一二三四五六七八九十]+[、.．]\s*/, "");
  const bonus = /^(?:加分项|附加分|加分指标|附加内容)(?:[（(](?:不超过|最多|最高|上限)?(\d+(?:\.\d+)?)分[)）])?/.exec(t);
  if (bonus) return { bonus: true, ...(bonus[1] ? { cap: bonus[1] } : {}) };
  // 「扣分项（最多扣10分）」: the points taken off the total, at most the cap
  const deduction = /^(?:扣分项|扣分指标|减分项|扣分)(?:[（(](?:最多扣|扣分不超过|最多扣减|不超过|最多|最高|上限)?(\d+(?:\.\d+)?)分[)）])?$/.exec(t);
  if (deduction) return { bonus: false, deduction: true, ...(deduction[1] ? { cap: deduction[1] } : {}) };
  const cat = /^(.{2,20}?)[（(](\d+(?:\.\d+)?)分[)）]$/.exec(t);
  if (cat) return { bonus: false, category: `${cat[1]}（${cat[2]}分）` };
  return undefined;
}

/** Rows of cells (CSV, TSV, XLSX, HTML, DOCX, Markdown) → the table: header found, merged category cells filled down. */
export function tableFromRows(rows: string[][], fallbackTitle = "导入的评价指标体系表"): ImportedTable | undefined {
  const found = headerOf(rows);
  if (!found) return undefined;
  const { header } = found;
  const indicator = findColumn(header, HEADERS.indicator);
  const category = findColumn(header, HEADERS.category, [indicator, ...header.map((h, i) => (HEADERS.description.includes(headerWord(h)) ? i : -1)).filter((i) => i >= 0)]);
  // several description columns (评价要点 | 评价细则) are read as one text
  const descriptionCols = header.map((h, i) => (HEADERS.description.includes(headerWord(h)) ? i : -1)).filter((i) => i >= 0);
  if (indicator < 0 && descriptionCols.length === 0) return undefined;
  // weighted tables: 一级指标 | 权重 | 二级指标 | 权重 | 描述 — the weight after the category is the first-level one
  const weightCols = header.map((x, i) => (headerWord(x) === "权重" ? i : -1)).filter((i) => i >= 0);
  const valueCols = header.map((x, i) => (HEADERS.value.includes(headerWord(x)) ? i : -1)).filter((i) => i >= 0);
  const categoryWeightCol = weightCols.length >= 2 ? weightCols[0]! : -1;
  const valueCol = weightCols.length >= 2 ? weightCols[1]! : (valueCols[0] ?? -1);
  // the title: the last line above the header that is not 「附件1」 or a draft mark 「（征求意见稿）」
  const titleRow = rows
    .slice(0, found.index)
    .reverse()
    .find((r) => r.some((c) => cleanCell(c) !== "") && !/^附件\s*\d+$|^[（(]?(征求意见稿|草稿|送审稿)[）)]?$/.test(cleanCell(r.find((c) => cleanCell(c) !== "")!)));
  const table: ImportedTable = { title: titleRow ? cleanCell(titleRow.find((c) => cleanCell(c) !== "")!) : fallbackTitle, rows: [], notes: [] };
  const attachment = rows
    .slice(0, found.index)
    .map((r) => cleanCell(r.find((c) => cleanCell(c) !== "") ?? ""))
    .find((c) => /^附件\s*\d+$/.test(c));
  if (attachment) table.attachment = attachment.replace(/\s+/g, "");
  let categoryText = "";
  let weight = "";
  let section: { bonus: boolean; deduction?: boolean; cap?: string } | undefined;
  for (const r of rows.slice(found.end)) {
    const cell = (i: number) => (i >= 0 ? cleanCell(r[i] ?? "") : "");
    const nonEmpty = [...new Set(r.map(cleanCell).filter((c) => c !== ""))];
    if (nonEmpty.length === 0) continue;
    if (nonEmpty.length === 1 && /^(注|备注|说明)[：:]/.test(nonEmpty[0]!)) {
      table.notes.push(nonEmpty[0]!.replace(/^(备注|说明)[：:]/, "注："));
      continue;
    }
    if (nonEmpty.length === 1 && table.rows.length > 0 && /^(注|备注)\s*[:：]?$/.test(nonEmpty[0]!)) continue;
    // a row that is only a heading: a section of bonus points, or a category for the rows below
    if (nonEmpty.length === 1) {
      const s = sectionOf(nonEmpty[0]!);
      if (s) {
        if (s.bonus || s.deduction) {
          section = { bonus: s.bonus, ...(s.deduction ? { deduction: true } : {}), ...(s.cap ? { cap: s.cap } : {}) };
          categoryText = nonEmpty[0]!;
        } else {
          section = undefined;
          categoryText = s.category!;
        }
        weight = "";
        continue;
      }
      if (table.rows.length > 0 && cell(indicator) === "" && descriptionCols.every((c) => cell(c) === "")) {
        table.notes.push(nonEmpty[0]!);
        continue;
      }
    }
    if (cell(category)) {
      categoryText = cell(category);
      weight = cell(categoryWeightCol);
      const s = sectionOf(categoryText);
      // a category under a 「加分项（最高10分）」 heading row stays in that section
      if (s?.bonus) section = { bonus: true, ...(s.cap ? { cap: s.cap } : {}) };
      else if (s?.deduction) section = { bonus: false, deduction: true, ...(s.cap ? { cap: s.cap } : {}) };
    }
    const description = descriptionCols
      .map(cell)
      .filter((c) => c !== "")
      .map((c) => (/[。；;]$/.test(c) ? c : `${c}。`))
      .join("");
    let name = cell(indicator) || (descriptionCols.length > 0 && category >= 0 && indicator < 0 ? categoryText : "");
    let value = cell(valueCol);
    let text = description;
    // 「（加分项，每项1分，最高不超过5分）」 in the indicator column: a bonus category whose rule is that text
    const inlineBonus = /^[（(](加分项[^）)]*)[）)]$/.exec(name);
    if (inlineBonus) {
      const cap = /(?:不超过|最高|最多|上限)(\d+(?:\.\d+)?)分/.exec(inlineBonus[1]!)?.[1];
      // the indicator needs a name of its own (a name is either a category or an indicator)
      const own = categoryText.replace(/[（(][^）)]*[）)]$/, "").split("的").pop() || `${categoryText}加分`;
      table.rows.push({ category: categoryText, categoryWeight: weight, indicator: own === categoryText ? `${own}加分` : own, value: "/", description: `${inlineBonus[1]}。${text}`, section: { bonus: true, ...(cap ? { cap } : {}) } });
      continue;
    }
    // 「成功吸引入驻…的数量。（15）」: the points written after the indicator when there is no 分值 column
    const trailing = /^(.*?)[。.]?\s*[（(](\d+(?:\.\d+)?)(?:分)?[)）]$/.exec(name);
    if (valueCol < 0 && trailing) {
      name = trailing[1]!;
      value = `${trailing[2]}分`;
    }
    if (!name && !text) continue;
    if (!text && /[。；]/.test(name)) text = name;
    table.rows.push({ category: categoryText, categoryWeight: weight, indicator: name, value, description: text, ...(section ? { section } : {}) });
  }
  return table.rows.length > 0 ? table : undefined;
}

/** A document of 认定条件 without a table: its title (the first heading line) and the numbered conditions. */
function conditionsTable(text: string, stem: string): ImportedTable | undefined {
  const conditions = conditionList(text);
  if (conditions.length === 0) return undefined;
  const title = text
    .replace(/<!--[\s\S]*?-->/g, "")
    .split("\n")
    .map((l) => l.replace(/^#+\s*/, "").trim())
    .find((l) => l !== "" && !/^[（(][一二三四五六七八九十]/.test(l));
  return { title: title ?? stem, rows: [], notes: [], conditions };
}

/** The seed's layout: each cell starts with a tab; a category cell may continue on untabbed lines. */
function parseSeedText(text: string): ImportedTable[] {
  const tables: ImportedTable[] = [];
  const lines = text.replace(/\r/g, "").split("\n");
  let lastText = "";
  let beforeTitle = "";
  let cells: string[] | undefined;
  let current: ImportedTable | undefined;
  let headerNeeded = 0;
  const flushRows = () => {
    if (!current || !cells) return;
    let category = "";
    for (let i = 0; i + 4 <= cells.length; i += 4) {
      const [c, ind, v, d] = cells.slice(i, i + 4).map(cleanCell) as [string, string, string, string];
      if (c) category = c;
      if (!ind && !d) continue;
      current.rows.push({ category, categoryWeight: "", indicator: ind, value: v, description: d });
    }
    cells = undefined;
  };
  for (const raw of lines) {
    if (raw.startsWith("\t")) {
      const cell = raw.slice(1);
      if (!cells) {
        // a header row opens a table: 类别 / 指标 / 分值 / 指标描述
        if (headerNeeded === 0 && HEADERS.category.includes(cell.trim())) {
          current = { title: lastText.replace(/\s+/g, ""), rows: [], notes: [], ...(/^附件\s*\d+$/.test(beforeTitle) ? { attachment: beforeTitle.replace(/\s+/g, "") } : {}) };
          tables.push(current);
          headerNeeded = 3;
          continue;
        }
        if (headerNeeded > 0) {
          headerNeeded--;
          if (headerNeeded === 0) cells = [];
          continue;
        }
        continue;
      }
      cells.push(cell);
      continue;
    }
    const t = raw.trim();
    if (t === "") continue;
    if (cells && cells.length % 4 === 1) {
      // the category cell spans several lines in the seed
      cells[cells.length - 1] += "\n" + t;
      continue;
    }
    if (cells) flushRows();
    if (current && /^注[：:]/.test(t)) current.notes.push(t);
    else {
      beforeTitle = lastText;
      lastText = t;
    }
  }
  flushRows();
  return tables.filter((t) => t.rows.length > 0);
}

const PROVINCES = "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆";

/** 地区, 年度 and 平台类型 as the title and the document's own words give them. */
export function metadataOf(title: string, paragraphs: readonly string[]): ImportedTable["meta"] {
  const all = [title, ...paragraphs].join("\n");
  const region = new RegExp(`((?:${PROVINCES})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?(?:[\\p{Script=Han}]{2,4}?市)?)`, "u").exec(all)?.[1];
  const year = /((?:19|20)\d\d)\s*年度?/.exec(title)?.[1] ?? /((?:19|20)\d\d)\s*年度/.exec(paragraphs.slice(0, 10).join("\n"))?.[1];
  const bare = title.replace(/^(?:\d{4}\s*年度?)/, "").replace(region && title.includes(region) ? region : new RegExp(`^(?:${PROVINCES})(?:省|市|自治区)?`), "");
  const type = /([\p{Script=Han}（）、()]{2,24}?(?:窗口平台|示范平台|公共服务平台|服务平台|示范基地|孵化器|众创空间|小微企业园|产业集群|服务机构|孵化基地))/u.exec(bare)?.[1];
  const meta: NonNullable<ImportedTable["meta"]> = {};
  if (region) meta.region = region;
  if (year) meta.year = year;
  if (type) meta.platformType = type;
  return meta;
}

/** Items of an evidence list in the text around the tables: 「附件2 证明材料清单」 then 「1.…」「2.…」. */
export function evidenceOf(paragraphs: readonly string[]): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  let inList = false;
  for (const p of paragraphs) {
    const t = p.trim();
    if (/(证明材料|佐证材料|材料清单|提供材料|附件材料|材料目录)/.test(t) && !/^\s*\d+[.、．]/.test(t)) {
      inList = true;
      continue;
    }
    if (!inList) continue;
    const item = /^[（(]?(\d{1,2})[)）.、．]\s*(.+)$/.exec(t);
    if (!item) {
      if (out.length > 0 && !/^[（(]?\d/.test(t)) inList = /材料|证明|资料/.test(t);
      continue;
    }
    const text = item[2]!.replace(/[。；;]$/, "");
    const core = text.replace(/^(?:获得|提供|平台)/, "").split(/[，,（(：:]/)[0]!.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, "");
    const name = core.length > 12 ? `${core.slice(0, 10)}材料` : /(材料|证明|报表|截图|资料|清单|名单|报告)$/.test(core) ? core : `${core}材料`;
    if (name.length >= 2 && !out.some((o) => o.name === name)) out.push({ name, text: `${item[1]}.${text}` });
  }
  return out;
}

/** Finishes a table with what its document says around it. */
function complete(t: ImportedTable, source: SourceTable | undefined, doc: SourceDocument, fallbackTitle = "导入的评价指标体系表"): ImportedTable {
  if (source) {
    const before = source.before.map(cleanCell).filter((x) => x !== "");
    const att = before.find((x) => /^附件\s*\d+/.test(x));
    if (att && !t.attachment) t.attachment = /^附件\s*\d+/.exec(att)![0].replace(/\s+/g, "");
    const title = [...before].reverse().find((x) => !/^附件\s*\d+$/.test(x) && !/^[（(]?(征求意见稿|草稿|送审稿)[）)]?$/.test(x) && x.length <= 60);
    if (title && (t.title === fallbackTitle || t.title === "导入的评价指标体系表" || !/表|指标|体系|标准/.test(t.title))) t.title = title.replace(/^附件\s*\d+\s*/, "");
    for (const a of source.after.map(cleanCell)) if (/^(注|备注|说明)\s*\d*[：:.]/.test(a) && !t.notes.includes(a)) t.notes.push(a.replace(/^(备注|说明)[：:]/, "注："));
  }
  t.meta = { ...metadataOf(t.title, doc.paragraphs), ...t.meta };
  const evidence = evidenceOf(doc.paragraphs);
  if (evidence.length > 0) t.evidence = evidence;
  return t;
}

/** A table continued on the next page (Word's repeated header, or a table per page) is one table. */
function joinContinued(tables: readonly SourceTable[]): SourceTable[] {
  const out: SourceTable[] = [];
  for (const t of tables) {
    const last = out[out.length - 1];
    const h = headerOf(t.rows);
    const lh = last ? headerOf(last.rows) : undefined;
    const between = t.before.filter((p) => cleanCell(p) !== "");
    if (last && h && lh && h.header.map(headerWord).join("|") === lh.header.map(headerWord).join("|") && between.every((p) => /^第\s*\d+\s*页/.test(p) || /^(注|备注)/.test(p) === false && last.after.includes(p) && between.length === 0)) {
      out[out.length - 1] = { rows: [...last.rows, ...t.rows.slice(h.end)], before: last.before, after: t.after };
    } else out.push({ ...t, rows: [...t.rows] });
  }
  return out;
}

function tablesOfDocument(doc: SourceDocument, fallbackTitle: string): ImportedTable[] {
  const out: ImportedTable[] = [];
  for (const s of joinContinued(doc.tables)) {
    const t = tableFromRows(s.rows, fallbackTitle);
    if (t) out.push(complete(t, s, doc, fallbackTitle));
  }
  return out;
}

/**
 * A rubric written as a numbered list rather than a table (标准 and 办法 often are):
 * 「（一）创新能力指标（满分40分）」 headings, 「1. 名称（满分20分）」 items and the lines under each item
 * (「A. 30%（含）以上（20分） B. …」) as its description.
 */
export function listTable(lines: readonly string[], title: string): ImportedTable | undefined {
  const rows: ImportedRow[] = [];
  let category: string | undefined;
  let current: ImportedRow | undefined;
  let items = 0;
  for (const raw of lines) {
    const line = raw.replace(/^#+\s*/, "").trim();
    const heading = /^[（(][一二三四五六七八九十]+[）)]\s*(.+?)\s*[（(]满分\s*(\d+(?:\.\d+)?)\s*分[）)]\s*$/.exec(line);
    if (heading) {
      category = `${heading[1]}（${heading[2]}分）`;
      current = undefined;
      continue;
    }
    const item = /^(\d{1,2})\s*[.．、]\s*(.+?)\s*[（(]满分\s*(\d+(?:\.\d+)?)\s*分[）)]\s*$/.exec(line);
    if (item) {
      items++;
      const name = item[2]!.trim();
      current = { category: category ?? `${name.replace(/指标$/, "")}（${item[3]}分）`, categoryWeight: "", indicator: name, value: `${item[3]}分`, description: "" };
      rows.push(current);
      continue;
    }
    if (/^#/.test(raw.trim()) || /^[一二三四五六七八九十]+、/.test(line)) {
      current = undefined;
      continue;
    }
    if (current && line !== "") current.description += (current.description && !/[。；;]$/.test(current.description) ? " " : "") + line;
  }
  return items >= 2 ? { title, rows, notes: [] } : undefined;
}

/** Every indicator table in a text: the seed layout, Markdown, HTML, else CSV or tab-separated rows, else a numbered list. */
export function parseTables(text: string, fallbackTitle = "导入的评价指标体系表"): ImportedTable[] {
  const src = text.replace(/^\uFEFF/, "");
  const seed = parseSeedText(src);
  if (seed.length > 0) {
    const paragraphs = src.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("\t"));
    return seed.map((t) => complete(t, undefined, { tables: [], paragraphs }));
  }
  if (/<table[\s>]/i.test(src)) return tablesOfDocument(readHtml(src), fallbackTitle);
  if (/^\s*\|.*\|\s*$/m.test(src) && /^\s*\|?\s*:?-{2,}/m.test(src)) return tablesOfDocument(readMarkdown(src), fallbackTitle);
  const delimited = tablesOfDocument(readDelimited(src), fallbackTitle);
  if (delimited.length > 0) return delimited;
  const lines = src.split(/\r?\n/).filter((l) => !/^\s*<!--.*-->\s*$/.test(l));
  const heading = lines.map((l) => /^#\s+(.+)$/.exec(l.trim())?.[1]).find((x) => x !== undefined);
  const list = listTable(lines, heading ?? fallbackTitle);
  return list ? [complete(list, undefined, { tables: [], paragraphs: lines.map((l) => l.replace(/^#+\s*/, "").trim()).filter((l) => l !== "") }, fallbackTitle)] : [];
}

/** Picks a table by a part of its title (「市州」), or the first. */
export function pickTable(tables: ImportedTable[], titlePart: string | undefined): ImportedTable | undefined {
  if (!titlePart) return tables[0];
  return tables.find((t) => t.title.includes(titlePart));
}

/** Which reader a file needs, from its name and first bytes. */
export type DocumentKind = "docx" | "xlsx" | "xls" | "text" | "doc" | "pdf";

export function documentKind(name: string, bytes: Uint8Array): DocumentKind {
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? "";
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return "pdf";
  if (zip && ext === "docx") return "docx";
  if (zip) return ext === "xlsx" || ext === "xlsm" || ext === "et" ? "xlsx" : new TextDecoder().decode(bytes.subarray(0, 2000)).includes("word/") ? "docx" : "xlsx";
  if (ole) return ext === "doc" || ext === "wps" ? "doc" : "xls";
  return "text";
}

/** The indicator tables of a file as an officer has it, or why none can be read (a Chinese sentence). */
export async function readIndicatorTables(name: string, bytes: Uint8Array, options: { sheet?: string } = {}): Promise<{ tables: ImportedTable[] } | { error: string }> {
  const stem = name.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  const kind = documentKind(name, bytes);
  switch (kind) {
    case "pdf":
      return { error: `「${name}」是 PDF：PDF 中的表格无法可靠地读出，请用原始的 Word（.docx）或 Excel（.xlsx）文件，或把表格复制为文字后导入` };
    case "doc":
      return { error: `「${name}」是旧版 Word（.doc）文件：请在 Word 或 WPS 中「另存为」.docx 后再导入` };
    case "xls":
      return { error: `「${name}」是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中「另存为」.xlsx 后再导入` };
    case "docx": {
      let doc: SourceDocument;
      try {
        doc = await readDocx(bytes);
      } catch {
        // not the zip library's own words (English, about its internals): what happened and what to do
        return { error: `「${name}」无法作为 Word 文档读取：文件可能已损坏（没有下载或复制完整），或不是 .docx；请在 Word 或 WPS 中打开后重新「另存为」.docx 再导入` };
      }
      const tables = tablesOfDocument(doc, stem);
      if (tables.length > 0) return { tables };
      const text = parseTables(doc.paragraphs.join("\n"), stem);
      const listed = conditionsTable(doc.paragraphs.join("\n"), stem);
      return text.length > 0 ? { tables: text } : listed ? { tables: [listed] } : { error: `「${name}」中没有找到指标体系表：需要含「指标」与「分值」或「指标描述」（评分标准）列的表格` };
    }
    case "xlsx": {
      const sheet = await readXlsxSheet(bytes, options.sheet ? { sheet: options.sheet } : {});
      if ("error" in sheet) return { error: `「${name}」：${sheet.error.message}` };
      const t = tableFromRows(sheet.rows, stem);
      return t ? { tables: [complete(t, undefined, { tables: [], paragraphs: sheet.rows.map((r) => r.filter((c) => c.trim() !== "").join(" ")) })] } : { error: `「${name}」的工作表「${sheet.name}」中没有找到指标体系表：需要「指标」与「分值」或「指标描述」（评分标准）列${sheet.sheets.length > 1 ? `；工作簿中的工作表：${sheet.sheets.map((s) => `「${s}」`).join("")}，可用 --sheet 选择` : ""}` };
    }
    case "text": {
      const decoded = decodeBytes(bytes);
      const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1];
      if ("error" in decoded && (ext === "docx" || ext === "xlsx" || ext === "xlsm")) {
        // a .docx or .xlsx is a zip file (it starts with PK): this one is not, and is not text either
        return { error: `「${name}」的扩展名是 .${ext}，但内容不是 ${ext === "docx" ? "Word 文档" : "Excel 工作簿"}：文件可能已损坏，或被改了扩展名；请用 ${ext === "docx" ? "Word" : "Excel"} 或 WPS 打开原文件，重新「另存为」.${ext} 后再导入` };
      }
      if ("error" in decoded) return { error: `「${name}」：${decoded.error}` };
      const tables = parseTables(decoded.text, stem);
      const listed = conditionsTable(decoded.text, stem);
      return tables.length > 0 ? { tables } : listed ? { tables: [listed] } : { error: `「${name}」中没有找到指标体系表：需要「类别」「指标」「分值」「指标描述」等列（CSV、制表符分隔、Markdown 或 HTML 表格），或原文中的评价指标体系表` };
    }
  }
}
