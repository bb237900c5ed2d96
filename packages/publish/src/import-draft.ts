/**
 * An imported table → a draft `.zs`: the prose kept as 描述, the sentences that follow a known
 * pattern turned into rules with generated input declarations, the rest left as 「# 待补」 marks
 * that the checker (ZS3012, and ZS3016 for an indicator with no rule) points the officer to.
 */
import { analyze, format, KEYWORDS, type Diagnostic } from "@zhunsheng/core";
import type { ImportedRow, ImportedTable } from "./import-table.ts";

/** A place the officer must finish by hand. */
export interface ImportMark {
  indicator: string;
  /** The sentence that was not recognised (or why the indicator has no rule). */
  text: string;
  /** 1-based line of the mark in the draft. */
  line: number;
}

export interface ImportedDraft {
  text: string;
  marks: ImportMark[];
  /** Rules recognised, by pattern name. */
  recognised: { indicator: string; pattern: string; sentence: string }[];
  /** The checker's view of the draft. */
  diagnostics: Diagnostic[];
}

export interface DraftOptions {
  /** 来源 header line. */
  source?: string;
  region?: string;
  year?: string;
  platformType?: string;
}

const UNITS = "家次|人次|万元|家|条|次|份|项|个|人|场|篇|件|种|户|所|名";
const NUM = "(\\d+(?:\\.\\d+)?)";
const PRE = "(达到|达|不低于|不少于|满)";
const POST = "(及以上|（含）以上|\\(含\\)以上|以上)";

interface InputDecl {
  name: string;
  decl: string;
}

interface Recognised {
  start: number;
  end: number;
  pattern: string;
  /** Rule lines (without indentation), using the placeholder {input} for the generated name. */
  lines: string[];
  input?: { suffix: string; decl: (name: string) => string; name?: string };
}

/** Name of the quantity an indicator measures: 「服务企业数（家次）」 → 「服务企业数」. */
export function baseName(indicator: string): string {
  let s = indicator.replace(/[（(][^）)]*[）)]/g, "").replace(/[“”"'「」‘’\s]/g, "");
  const segs = s.split(/[，,、；;]/).filter((x) => x !== "");
  s = segs[segs.length - 1] ?? s;
  const de = s.lastIndexOf("的");
  if (de >= 0 && de < s.length - 1) s = s.slice(de + 1);
  return s.replace(/[^\p{Script=Han}A-Za-z0-9_]/gu, "") || "指标";
}

const COUNT_SUFFIX: Record<string, string> = { 家次: "家次", 人次: "人次", 家: "家数", 条: "条数", 次: "次数", 份: "份数", 项: "项数", 个: "个数", 人: "人数", 场: "场数", 篇: "篇数", 件: "件数", 种: "种数", 户: "户数", 所: "所数", 名: "人数" };

function quantityDecl(unit: string, description: string): (name: string) => string {
  const desc = description ? ` 「${description}」` : "";
  if (unit === "万元") return (n) => `${n}：金额 万元 越多越好${desc}`;
  if (unit === "%") return (n) => `${n}：百分比 越多越好${desc}`;
  return (n) => `${n}：计数 ${unit} 越多越好${desc}`;
}

/** The clause before a match, as the input's description: 「…线上交易总计」. */
function contextBefore(sentence: string, at: number): string {
  const before = sentence.slice(0, at).split(/[，,：:]/).pop() ?? "";
  return before.replace(/[「」]/g, "").replace(/的$/, "").slice(-80).trim();
}

/** Recognises the known sentence patterns in one sentence, left to right, without overlaps. */
export function recognise(sentence: string, points: string | undefined): Recognised[] {
  const found: Recognised[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  const scan = (re: RegExp, make: (m: RegExpExecArray) => Omit<Recognised, "start" | "end"> | undefined) => {
    const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
    let m: RegExpExecArray | null;
    while ((m = g.exec(sentence))) {
      if (taken(m.index, m.index + m[0].length)) continue;
      const r = make(m);
      if (r) found.push({ ...r, start: m.index, end: m.index + m[0].length });
    }
  };
  // 达1500家次得15分，每少100家次减1分 / 3次及以上得6分，每少1次减2分 / 50条以上得5分，每少10条减1分
  scan(new RegExp(`${PRE}?${NUM}(${UNITS}|%)${POST}?的?[，,]?得${NUM}分[，,；;]?每少${NUM}(${UNITS}|%|个百分点)减${NUM}分`), (m) => {
    const [, pre, n, unit, post, full, step, stepUnit, per] = m;
    if (!pre && !post) return undefined;
    const cond = pre ? `${pre}${n}${unit}` : `${n}${unit}${post}`;
    return {
      pattern: "达标与逐档扣分",
      lines: [`{input} ${cond}得${full}分，每少${step}${stepUnit}减${per}分`],
      input: { suffix: COUNT_SUFFIX[unit!] ?? "数量", decl: quantityDecl(unit!, contextBefore(sentence, m.index)) },
    };
  });
  // 每缺报或晚报1次减1分
  scan(new RegExp(`每(?!少)([^\\d，,。；;、]{1,12}?)${NUM}(次|项|条|个|天)减${NUM}分`), (m) => {
    const [, what, n, unit, p] = m;
    return {
      pattern: "逐次扣分",
      lines: [`{input} 每${n}${unit}减${p}分`],
      input: { suffix: "", name: `${what!.replace(/[^\p{Script=Han}A-Za-z0-9_]/gu, "")}${unit === "天" ? "天数" : "次数"}`, decl: (name) => `${name}：计数 ${unit} 越少越好` },
    };
  });
  // 每项加3分 / 每次加3分
  // 每建立一种渠道加20分 / 每一条记录加2分: a verb and a noun may stand around the unit
  scan(new RegExp(`每(?:建立|获得|举办|开展|发布|新增|听取|提供)?(?:一|1)?(${UNITS})[\\p{Script=Han}]{0,8}?加${NUM}分`, "u"), (m) => {
    const [, unit, p] = m;
    return { pattern: "逐项加分", lines: [`{input} 每${unit}加${p}分`], input: { suffix: COUNT_SUFFIX[unit!] ?? "项数", decl: (name) => `${name}：计数 ${unit} 越多越好` } };
  });
  // 由省工信厅综合评定
  scan(/由([^，,。；;]+?)综合评定/, (m) => {
    const who = m[1]!;
    const max = points ?? "100";
    return { pattern: "综合评定", lines: ["{input} 综合评定"], input: { suffix: "评定分", decl: (name) => `${name}：评分 0～${max}分 「由${who}综合评定」` } };
  });
  // 经省工信厅、省枢纽平台认定有效的得10分
  scan(new RegExp(`(?:经([^，,。；;]+?))?(认定|评定)有效的?[，,]?得${NUM}分`), (m) => {
    const [, who, verb, p] = m;
    return { pattern: "认定有效得分", lines: [`{input} 得${p}分`], input: { suffix: `${verb}有效`, decl: (name) => `${name}：是否${who ? ` 「经${who}${verb}有效」` : ""}` } };
  });
  // 1份及以上得5分 (a single band)
  scan(new RegExp(`${PRE}?${NUM}(${UNITS}|%)${POST}?的?[，,]?得${NUM}分`), (m) => {
    const [, pre, n, unit, post, p] = m;
    if (!pre && !post) return undefined;
    const cond = pre ? `${pre}${n}${unit}` : `${n}${unit}${post}`;
    return { pattern: "达到即得分", lines: [`{input} ${cond}得${p}分`], input: { suffix: COUNT_SUFFIX[unit!] ?? "数量", decl: quantityDecl(unit!, contextBefore(sentence, m.index)) } };
  });
  // 直到满分100为止 / 不超过15分
  scan(new RegExp(`直到满分${NUM}分?为止`), (m) => ({ pattern: "封顶", lines: [`直到满分${m[1]}为止`] }));
  scan(new RegExp(`(?:合计|累计|最高)?不超过${NUM}分`), (m) => ({ pattern: "封顶", lines: [`直到满分${m[1]}为止`] }));
  return found.sort((a, b) => a.start - b.start);
}

/** Whether a sentence says how points are given (and so must become a rule). */
function isScoring(sentence: string): boolean {
  return /\d+(?:\.\d+)?分|评定|酌情|加分|扣分|减分/.test(sentence);
}

const KEYWORD_WORDS = new Set(KEYWORDS.flatMap((k) => k.forms));

/** A name as written in .zs: plain when it is one word of the language, else in 「」. */
export function zsName(name: string): string {
  return /^[\p{Script=Han}A-Za-z_“”"][\p{Script=Han}A-Za-z0-9_“”"]*$/u.test(name) && !KEYWORD_WORDS.has(name) ? name : `「${name.replace(/[「」]/g, "")}」`;
}

function parseCategory(cell: string): { name: string; points?: string; weight?: string; bonusCap?: string; bonus: boolean } {
  const c = cell.replace(/\s+/g, "");
  const bonus = /^(.*?)[（(]加分项(?:[，,]?(?:不超过|最多|上限)(\d+(?:\.\d+)?)分)?[)）]$/.exec(c);
  if (bonus) return { name: bonus[1]!, bonus: true, ...(bonus[2] ? { bonusCap: bonus[2] } : {}) };
  const pts = /^(.*?)[（(](\d+(?:\.\d+)?)分[)）]$/.exec(c);
  if (pts) return { name: pts[1]!, points: pts[2]!, bonus: false };
  const w = /^(.*?)[（(]?权重(0?\.\d+|1)[)）]?$/.exec(c);
  if (w) return { name: w[1]!, weight: w[2]!, bonus: false };
  return { name: c, bonus: false };
}

function parseValue(v: string): { points?: string; weight?: string } {
  const s = v.replace(/\s+/g, "");
  const p = /^(\d+(?:\.\d+)?)分?$/.exec(s);
  if (p && /分$/.test(s)) return { points: p[1]! };
  if (/^0?\.\d+$/.test(s) || s === "1") return { weight: s.startsWith(".") ? `0${s}` : s };
  if (p) return { points: p[1]! };
  return {};
}

function sentences(description: string): { text: string }[] {
  return description
    .split(/(?<=[。；;])/)
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .map((text) => ({ text }));
}

/** Builds the draft rubric text from an imported table. */
export function draftFromTable(table: ImportedTable, options: DraftOptions = {}): ImportedDraft {
  const inputs: InputDecl[] = [];
  const used = new Set<string>();
  const blocks: string[] = [];
  const markLines: { indicator: string; text: string; marker: string }[] = [];
  const recognisedAll: ImportedDraft["recognised"] = [];
  const groups: { category: string; weight: string; rows: ImportedRow[] }[] = [];
  for (const r of table.rows) {
    const last = groups[groups.length - 1];
    if (last && last.category === r.category) last.rows.push(r);
    else groups.push({ category: r.category, weight: r.categoryWeight, rows: [r] });
  }
  const indicatorNames = new Set(table.rows.map((r) => r.indicator));
  const categoryNames = new Set(groups.map((g) => parseCategory(g.category).name));
  const free = (n: string) => !used.has(n) && !indicatorNames.has(n) && !categoryNames.has(n);
  /** The first free name among the candidates; a name with digits is never a declaration, so 之二, 之三… */
  const uniqueName = (candidates: string[]) => {
    let n = candidates.find(free);
    for (let k = 0; n === undefined; k++) n = [`${candidates[0]}之${"二三四五六七八九十"[k % 9]}`].find(free) ?? (k > 20 ? `${candidates[0]}之${"甲乙丙丁戊己庚辛壬癸"[k % 10]}${"甲乙丙丁戊己庚辛壬癸"[Math.floor(k / 10) % 10]}` : undefined);
    used.add(n);
    return n;
  };
  let fullMarks = 0n;
  let fullMarksKnown = true;
  let markCounter = 0;
  for (const g of groups) {
    const cat = parseCategory(g.category);
    const weight = cat.weight ?? (g.weight ? parseValue(g.weight).weight : undefined);
    if (cat.bonus) blocks.push(`加分项 ${zsName(cat.name)}${cat.bonusCap ? `（不超过${cat.bonusCap}分）` : ""}`);
    else if (weight) blocks.push(`类别 ${zsName(cat.name)} 权重${weight}`);
    else if (cat.points) {
      blocks.push(`类别 ${zsName(cat.name)}（${cat.points}分）`);
      fullMarks += BigInt(Math.round(Number(cat.points) * 100));
    } else {
      blocks.push(`类别 ${zsName(cat.name)}`);
      fullMarksKnown = false;
    }
    for (const row of g.rows) {
      const name = row.indicator || "未命名指标";
      const v = parseValue(row.value);
      const head = `  指标 ${zsName(name)}${v.points ? ` ${v.points}分` : v.weight ? ` 权重${v.weight}` : cat.bonus ? "" : " 分值待定"}`;
      const lines = [head];
      if (row.description) lines.push(`    描述：${row.description.replace(/\s*\n\s*/g, "")}`);
      const bodyLines: string[] = [];
      let rules = 0;
      for (const s of sentences(row.description)) {
        const found = recognise(s.text, v.points ?? (cat.bonus ? cat.bonusCap : undefined));
        for (const f of found) {
          recognisedAll.push({ indicator: name, pattern: f.pattern, sentence: s.text });
          let inputName = "";
          if (f.input) {
            // 「荣誉资质、宣传推广（荣誉资质）」: when the main name is taken, the words in brackets tell the two apart
            const bracket = /[（(]([^）)]+)[）)]$/.exec(name)?.[1];
            const candidates = f.input.name ? [f.input.name] : [`${baseName(name)}${f.input.suffix}`, ...(bracket ? [`${baseName(bracket)}${f.input.suffix}`] : [])];
            inputName = uniqueName(candidates);
            inputs.push({ name: inputName, decl: f.input.decl(zsName(inputName)) });
          }
          for (const l of f.lines) {
            bodyLines.push(`    ${l.replace("{input}", zsName(inputName))}`);
            if (f.input) rules++;
          }
        }
        // what is left of a scoring sentence once the recognised parts are cut out
        let rest = s.text;
        for (const f of [...found].reverse()) rest = rest.slice(0, f.start) + rest.slice(f.end);
        if (isScoring(rest) && (found.length === 0 || /\d+(?:\.\d+)?分/.test(rest))) {
          const marker = `__MARK${markCounter++}__`;
          markLines.push({ indicator: name, text: s.text, marker });
          bodyLines.push(`    # 待补：「${s.text.replace(/\n/g, "")}」未能自动识别，请写成计分句 ${marker}`);
        }
      }
      if (rules === 0 && !markLines.some((m) => m.indicator === name)) {
        const marker = `__MARK${markCounter++}__`;
        markLines.push({ indicator: name, text: "指标描述中没有可识别的计分句", marker });
        bodyLines.push(`    # 待补：没有可识别的计分句，请按指标描述写出 ${marker}`);
      }
      blocks.push([...lines, ...bodyLines].join("\n"));
    }
  }
  const title = table.title.replace(/表$/, "") || "导入的评价指标体系";
  const period = table.notes.map((n) => /考评期为(.+?)[。.]?$/.exec(n)?.[1]).find((x) => x !== undefined);
  const header = [
    `# 由准绳从指标体系表导入的草稿${options.source ? `：${options.source}` : ""}`,
    "# 「# 待补」处未能自动识别：请改写为计分句，检查器会指出没有计分句或达不到满分的指标。",
    `评价体系 ${zsName(title)}`,
    ...(options.region ? [`  地区：${options.region}`] : []),
    ...(options.year ? [`  年度：${options.year}`] : []),
    ...(options.platformType ? [`  平台类型：${options.platformType}`] : []),
    "  状态：草稿",
    ...(fullMarksKnown && fullMarks > 0n ? [`  满分：${Number(fullMarks) / 100}分`] : []),
    ...(period ? [`  考评期：${period}`] : []),
    ...(options.source ? [`  来源：${options.source}`] : []),
  ];
  const inputBlock = inputs.length > 0 ? ["输入", ...inputs.map((i) => `  ${i.decl}`)] : [];
  const notes = table.notes.map((n) => (/^注[：:]/.test(n) ? `注：${n.replace(/^注[：:]/, "")}` : `注：${n}`));
  let text = [header.join("\n"), inputBlock.join("\n"), ...blocks.map((b, i) => (b.startsWith("类别") || b.startsWith("加分项") ? (i > 0 ? "\n" : "") + b : "\n" + b)), notes.length ? "\n" + notes.join("\n") : ""]
    .filter((s) => s !== "")
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  // the canonical layout, comments (and the markers in them) kept
  const formatted = format(text);
  if (formatted.diagnostics.length === 0) text = formatted.text;
  const marks: ImportMark[] = [];
  const textLines = text.split("\n");
  for (const m of markLines) {
    const line = textLines.findIndex((l) => l.includes(m.marker));
    marks.push({ indicator: m.indicator, text: m.text, line: line + 1 });
  }
  text = text.replace(/ __MARK\d+__/g, "").trimEnd() + "\n";
  const a = analyze(text, "导入草稿.zs");
  return { text, marks, recognised: recognisedAll, diagnostics: a.diagnostics };
}
