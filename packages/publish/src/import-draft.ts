/**
 * An imported table → a draft `.zs`: the prose kept as 描述, every scoring phrase (phrases.ts, the
 * reader the export's prose check uses) turned into a rule with a generated input declaration, and
 * each sentence that still says how points are given left as a 「# 待补」 mark for the officer.
 * The report counts the scoring sentences and how many became rules.
 */
import { analyze, format, KEYWORDS, type Diagnostic } from "@zhunsheng/core";
import { findPhrases, gradeBands, saysScoring, splitSentences, type Phrase, type PhraseKind } from "./phrases.ts";
import { PANEL_TEXT } from "./rule-text.ts";
import { conditionAtoms } from "./import-conditions.ts";
import type { ImportedRow, ImportedTable } from "./import-table.ts";
import { suggestConcept, type Vocabulary } from "./concepts.ts";
import { assertNever } from "./never.ts";

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
  /** Rules recognised: the indicator, the kind of sentence (in Chinese) and the sentence. */
  recognised: { indicator: string; pattern: string; sentence: string }[];
  /** Sentences that say how points are given, and how many of them became rules entirely. */
  sentences: { scoring: number; recognised: number };
  /** The checker's view of the draft. */
  diagnostics: Diagnostic[];
}

export interface DraftOptions {
  /** 来源 header line. */
  source?: string;
  region?: string;
  year?: string;
  platformType?: string;
  /** The shared concept vocabulary: each indicator gets the concept its name suggests. */
  vocabulary?: Vocabulary;
}

/** The kind of sentence, as the report names it. */
export const PATTERN_NAME: Record<PhraseKind, string> = {
  stepDeduction: "达标与逐档扣分",
  increments: "逐档加分",
  countDeduction: "逐次扣分",
  perItem: "逐项加分",
  add: "条件加分",
  tiers: "分档得分",
  levels: "按级别得分",
  flag: "条件得分",
  baseline: "基准值与满分值",
  expert: "综合评定",
  discretionary: "酌情加分",
  cap: "封顶",
  atMost: "句内封顶",
  veto: "指标否决",
  floor: "扣完为止",
};

/** Name of the quantity an indicator measures: 「服务企业数（家次）」 → 「服务企业数」. */
export function baseName(indicator: string): string {
  let s = indicator.replace(/[（(][^）)]*[）)]/g, "").replace(/[“”"'「」‘’\s]/g, "");
  const segs = s.split(/[，,、；;]/).filter((x) => x !== "");
  s = segs[segs.length - 1] ?? s;
  const de = s.lastIndexOf("的");
  if (de >= 0 && de < s.length - 1) s = s.slice(de + 1);
  return s.replace(/^[\d.]+|[^\p{Script=Han}A-Za-z0-9_]/gu, "") || "指标";
}

const COUNT_SUFFIX: Record<string, string> = { 家次: "家次", 人次: "人次", 家: "家数", 条: "条数", 次: "次数", 份: "份数", 项: "项数", 个: "个数", 人: "人数", 场: "场数", 篇: "篇数", 件: "件数", 种: "种数", 户: "户数", 所: "所数", 名: "人数", 位: "人数", 年: "年数", 天: "天数", 月: "月数", "%": "比例", 万元: "金额", 元: "金额", 亿元: "金额", 倍: "倍数", 分: "评分", 台: "台数", 套: "套数", 台套: "台套数", 平方米: "面积" };

/** The declaration of a measured quantity, from its unit. */
function quantityDecl(unit: string | undefined, direction: "越多越好" | "越少越好", note: string): (name: string) => string {
  const desc = note ? ` 「${note.replace(/[「」]/g, "")}」` : "";
  if (unit === "万元" || unit === "元" || unit === "亿元") return (n) => `${n}：金额 ${unit} ${direction}${desc}`;
  if (unit === "%") return (n) => `${n}：百分比 ${direction}${desc}`;
  if (unit === undefined || ["年", "天", "月", "倍", "分", "平方米"].includes(unit)) return (n) => `${n}：数值${unit ? ` ${unit}` : ""} ${direction}${desc}`;
  return (n) => `${n}：计数 ${unit} ${direction}${desc}`;
}

const KEYWORD_WORDS = new Set(KEYWORDS.flatMap((k) => k.forms));

/** A name as written in .zs: plain when it is one word of the language, else in 「」. */
export function zsName(name: string): string {
  // a name that starts with a word of the language (「每年举办…」) or holds digits is written in 「」
  const plain = /^[\p{Script=Han}A-Za-z_“”"][\p{Script=Han}A-Za-z_“”"]*$/u.test(name) && ![...KEYWORD_WORDS].some((k) => name.startsWith(k));
  return plain ? name : `「${name.replace(/[「」]/g, "")}」`;
}

interface ParsedCategory {
  name: string;
  points?: string;
  weight?: string;
  bonusCap?: string;
  bonus: boolean;
  /** 扣分项: taken off the total, at most `deductionCap`. */
  deduction?: boolean;
  deductionCap?: string;
}

export function parseCategory(cell: string, section?: { bonus: boolean; deduction?: boolean; cap?: string }): ParsedCategory {
  const c = cell.replace(/\s+/g, "");
  // 「安全与诚信（扣分项，最多扣10分）」 as the export writes it, or a heading 「扣分项（最多扣10分）」
  const deduction = /^(.*?)[（(]扣分项(?:[，,]?(?:最多扣|扣分不超过|不超过|最多|最高|上限)(\d+(?:\.\d+)?)分)?[)）]$/.exec(c);
  if (deduction) return { name: deduction[1]!, bonus: false, deduction: true, ...(deduction[2] ? { deductionCap: deduction[2] } : {}) };
  const deductionHeading = /^(?:扣分项|扣分指标|减分项)(?:[（(](?:最多扣|扣分不超过|最多扣减|不超过|最多|最高|上限)?(\d+(?:\.\d+)?)分[)）])?$/.exec(c);
  if (deductionHeading) return { name: "扣分事项", bonus: false, deduction: true, ...(deductionHeading[1] ? { deductionCap: deductionHeading[1] } : {}) };
  if (section?.deduction) return { name: c.replace(/[（(][^（）()]*[)）]$/, "") || "扣分事项", bonus: false, deduction: true, ...(section.cap ? { deductionCap: section.cap } : {}) };
  const bonus = /^(.*?)[（(](?:加分项|附加分|加分)(?:[，,]?(?:不超过|最多|最高|上限)(\d+(?:\.\d+)?)分)?[)）]$/.exec(c);
  if (bonus) return { name: bonus[1]!, bonus: true, ...(bonus[2] ? { bonusCap: bonus[2] } : {}) };
  const heading = /^(?:加分项|附加分|加分指标)(?:[（(](?:不超过|最多|最高|上限)?(\d+(?:\.\d+)?)分[)）])?$/.exec(c);
  if (heading) return { name: "加分项", bonus: true, ...(heading[1] ? { bonusCap: heading[1] } : {}) };
  const pending = /^(.*?)[（(]分值待定[)）]$/.exec(c);
  if (pending) return { name: pending[1]!, bonus: false };
  const pts = /^(.*?)[（(](\d+(?:\.\d+)?)分?[)）]$/.exec(c);
  if (pts) return { name: pts[1]!, points: pts[2]!, bonus: section?.bonus ?? false, ...(section?.cap ? { bonusCap: section.cap } : {}) };
  const w = /^(.*?)[（(]?权重(0?\.\d+|1)[)）]?$/.exec(c);
  if (w) return { name: w[1]!, weight: w[2]!, bonus: false };
  return { name: c || "未分类", bonus: section?.bonus ?? false, ...(section?.cap ? { bonusCap: section.cap } : {}) };
}

function parseValue(v: string): { points?: string; weight?: string; pending?: boolean } {
  const s = v.replace(/\s+/g, "");
  if (/^(待定|分值待定|暂定)$/.test(s)) return { pending: true };
  // a 扣分项's indicator: 「最多扣5分」
  const off = /^(?:最多扣|扣分不超过|最多减)(\d+(?:\.\d+)?)分$/.exec(s);
  if (off) return { points: off[1]! };
  const p = /^(\d+(?:\.\d+)?)分?$/.exec(s);
  if (p && /分$/.test(s)) return { points: p[1]! };
  if (/^0?\.\d+$/.test(s) || s === "1") return { weight: s.startsWith(".") ? `0${s}` : s };
  if (p) return { points: p[1]! };
  return {};
}

/** Words saying that an indicator's sentences do not add up: one is chosen, the highest counts, or nothing accumulates. */
const COMBINE = /选择一[个项]|选其[一中]|任选|二选一|择一|取其[高低]|取较[高低]|取最[高低]|以.{0,8}最高.{0,4}为准|不累计/;

/** Words that open a sentence without naming what is measured. */
const FILLER = /^(?:考评年度内|考评期内|考核期内|年度内|评价期内|上年度|其中|此外|另外|同时|平台|企业|该项)+/;

/** The clause of the sentence just before a phrase, as a quantity's or a condition's name. */
function contextName(sentence: string, from: number, to: number): string {
  const segs = sentence
    .slice(from, to)
    .split(/[，,；;：:。]/)
    .map((s) => s.replace(/[「」“”"（）()、\s]/g, "").replace(/的$/, "").replace(FILLER, ""))
    .filter((s) => /\p{Script=Han}.*\p{Script=Han}/u.test(s));
  const seg = segs[0] ?? "";
  const name = seg.replace(/[^\p{Script=Han}A-Za-z_]/gu, "");
  if (name.length <= 12) return name;
  // cut at a word boundary (before 的, 并, 和, 及, 与, 来, 以) rather than inside a word
  const cut = Math.max(...[..."的并和及与来以"].map((c) => name.lastIndexOf(c, 12)));
  return cut >= 4 ? name.slice(0, cut) : name.slice(0, 12);
}

/** Whether a generated rule line, with the declarations it needs, reads without a syntax or name error on its own. */
function parsesAlone(decls: string[], line: string): boolean {
  const text = `评价体系 检查\n输入\n${decls.map((d) => `  ${d}`).join("\n")}\n类别 甲\n  指标 乙 100分\n${line.replace(/^\s*/, "    ")}\n`;
  return !analyze(text, "检查.zs").diagnostics.some((d) => d.code.startsWith("ZS1") || d.code === "ZS2001" || d.code === "ZS3013" || d.code === "ZS3014" || d.code === "ZS3015");
}

/** Builds the draft rubric text from an imported table. */
export function draftFromTable(table: ImportedTable, options: DraftOptions = {}): ImportedDraft {
  const inputs: string[] = [];
  const used = new Set<string>();
  const blocks: string[] = [];
  const markLines: { indicator: string; text: string; marker: string }[] = [];
  const recognisedAll: ImportedDraft["recognised"] = [];
  let scoringSentences = 0;
  let fullyRecognised = 0;
  const groups: { category: string; weight: string; rows: ImportedRow[]; section?: { bonus: boolean; cap?: string } }[] = [];
  for (const r of table.rows) {
    const last = groups[groups.length - 1];
    if (last && last.category === r.category && last.section === r.section) last.rows.push(r);
    else groups.push({ category: r.category, weight: r.categoryWeight, rows: [r], ...(r.section ? { section: r.section } : {}) });
  }
  const indicatorNames = new Set(table.rows.map((r) => r.indicator));
  const categoryNames = new Set(groups.map((g) => parseCategory(g.category, g.section).name));
  const free = (n: string) => !used.has(n) && !indicatorNames.has(n) && !categoryNames.has(n) && !KEYWORD_WORDS.has(n);
  /** The first free name among the candidates; then 之二, 之三… */
  const uniqueName = (candidates: string[]) => {
    const base = candidates.find((c) => c !== "") ?? "输入";
    let n = candidates.find((c) => c !== "" && free(c));
    for (let k = 0; n === undefined; k++) {
      const cand = `${base}之${"二三四五六七八九十"[k % 9]}${k >= 9 ? "甲乙丙丁戊己庚辛壬癸"[Math.floor(k / 9) % 10] : ""}`;
      if (free(cand)) n = cand;
    }
    used.add(n);
    return n;
  };
  let fullMarks = 0n;
  let fullMarksKnown = true;
  let markCounter = 0;
  const mark = (indicator: string, text: string) => {
    const marker = `__MARK${markCounter++}__`;
    markLines.push({ indicator, text, marker });
    return marker;
  };
  for (const g of groups) {
    const cat = parseCategory(g.category, g.section);
    const weight = cat.weight ?? (g.weight ? parseValue(g.weight).weight : undefined);
    if (cat.bonus) blocks.push(`加分项 ${zsName(cat.name)}${cat.bonusCap ? `（不超过${cat.bonusCap}分）` : ""}`);
    else if (cat.deduction) blocks.push(`扣分项 ${zsName(cat.name)}${cat.deductionCap ? `（最多扣${cat.deductionCap}分）` : ""}`);
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
      const max = v.points ?? (v.weight ? "100" : cat.bonus ? cat.bonusCap : undefined);
      const head = `  指标 ${zsName(name)}${v.points ? ` ${v.points}分` : v.weight ? ` 权重${v.weight}` : cat.bonus || cat.deduction ? "" : " 分值待定"}`;
      const lines = [head];
      const concept = options.vocabulary ? suggestConcept(options.vocabulary, name, row.description) : undefined;
      if (concept) lines.push(`    概念：${concept}`);
      const description = row.description.replace(/\s*\n\s*/g, "");
      if (description) lines.push(`    描述：${description}`);
      const ruleLines: string[] = [];
      const tailLines: string[] = [];
      let rules = 0;
      let firstQuantity = true;
      // 「从（1）（2）两项中选择一项进行评分」: the phrases after each （k） score option k
      const optionList = optionMarks(description);
      const optionRules = new Map<string, number>();
      let lastOption: string | undefined;
      let optionFirst = false;
      /** Pieces saying the sentences do not simply add up, settled once every sentence is read. */
      const combinePieces: { text: string; unread: boolean }[] = [];
      let highestStated = false;
      const ownInputs: number[] = [];
      const ownKinds: PhraseKind[] = [];
      for (const s of splitSentences(description)) {
        const phrases = findPhrases(s.text);
        let prefix = "";
        const withOption = (line: string) => line.replace(/^(\s*)/, `$1${prefix}`);
        let current: { index: number; unit: string | undefined; decl: string } | undefined;
        let previousEnd = 0;
        let unread = false;
        const unreadPhrases = new Set<Phrase>();
        const declOf = new Map<number, string>();
        /** A new input and its rule line, kept only when the line reads on its own (else the sentence is marked). */
        const addRule = (decl: (n: string) => string, candidates: string[], line: (n: string) => string, target: string[] = ruleLines): number | undefined => {
          const n = uniqueName(candidates);
          const d = decl(zsName(n));
          const l = target === ruleLines ? withOption(line(zsName(n))) : line(zsName(n));
          if (!parsesAlone([d], l)) {
            used.delete(n);
            unread = true;
            return undefined;
          }
          ownInputs.push(inputs.length);
          inputs.push(d);
          target.push(l);
          declOf.set(target.length - 1, d);
          if (target === ruleLines && lastOption !== undefined) optionRules.set(lastOption, (optionRules.get(lastOption) ?? 0) + 1);
          return target.length - 1;
        };
        /** Several new inputs and one rule line reading them all (bands met by either measure, 取其高者). */
        const addRules = (specs: { decl: (n: string) => string; candidates: string[] }[], line: (names: string[]) => string): boolean => {
          const names = specs.map((x) => uniqueName(x.candidates));
          const decls = specs.map((x, i) => x.decl(zsName(names[i]!)));
          const l = withOption(line(names.map(zsName)));
          if (!parsesAlone(decls, l)) {
            for (const n of names) used.delete(n);
            unread = true;
            return false;
          }
          for (const d of decls) ownInputs.push(inputs.push(d) - 1);
          ruleLines.push(l);
          if (lastOption !== undefined) optionRules.set(lastOption, (optionRules.get(lastOption) ?? 0) + 1);
          return true;
        };
        for (const p of phrases) {
          unread = false;
          recognisedAll.push({ indicator: name, pattern: PATTERN_NAME[p.kind], sentence: s.text });
          ownKinds.push(p.kind);
          const context = contextName(s.text, previousEnd, p.start);
          previousEnd = p.end;
          const option = optionList?.filter((o) => o.at <= s.start + p.start).pop();
          if (option?.option !== lastOption) {
            // bands never run on from one option into the next
            current = undefined;
            lastOption = option?.option;
            optionFirst = true;
          }
          prefix = option ? `选项（${option.option}）` : "";
          const quantityName = (unit: string | undefined) => {
            const suffix = unit ? (COUNT_SUFFIX[unit] ?? "数量") : "数量";
            const own = baseName(name).endsWith(suffix) ? baseName(name) : `${baseName(name)}${suffix}`;
            const first = firstQuantity;
            firstQuantity = false;
            // an option's quantity is named by the option's own heading (「（1）按企业研发费用总额占销售收入总额的比例分档评价」)
            if (option && optionFirst && option.heading.length >= 2) {
              optionFirst = false;
              return [option.heading, own, context];
            }
            return first || context.length < 2 ? [own, context] : [context, own];
          };
          // the labels Ⅰ–Ⅻ ①–⑳ tell measures apart (Ⅰ类知识产权 / Ⅱ类知识产权)
          const clean = (w: string) => w.replace(/[^\p{Script=Han}A-Za-z\u2160-\u216B\u2460-\u2473]/gu, "");
          switch (p.kind) {
            case "stepDeduction":
            case "increments":
            case "add":
            case "tiers":
            case "baseline":
            case "perItem":
            case "countDeduction": {
              // 「A.服务收入300万元以上或服务收入占总收入比重15%以上（10分）；B.200万元以上或10%以上（7分）」: bands met by either measure
              if (p.kind === "tiers" && p.alternative && !p.unreadable) {
                const alt = p.alternative;
                const a = p.clause.split("；");
                const b = alt.clause.split("；");
                if (a.length === b.length) {
                  const ok = addRules(
                    [
                      { decl: quantityDecl(p.unit, "越多越好", clean(p.what) || context), candidates: [clean(p.what), ...quantityName(p.unit)].filter((c) => c.length >= 2) },
                      { decl: quantityDecl(alt.unit, "越多越好", clean(alt.what)), candidates: [clean(alt.what), `${baseName(name)}${COUNT_SUFFIX[alt.unit] ?? "数量"}`].filter((c) => c.length >= 2) },
                    ],
                    ([x, y]) => `    ${x} ${a.map((band, k) => `${band.replace(/得[\d.]+分$/, "")}或 ${y} ${b[k]}`).join("；")}`,
                  );
                  if (ok) rules++;
                } else unread = true;
                current = undefined;
                break;
              }
              // 「A.Ⅰ类高价值知识产权1项以上（20分）；B.自主研发的Ⅰ类知识产权1项以上（15分）」: each band its own measure, the best band met counts
              if (p.kind === "tiers" && p.unreadable && p.items && !p.alternative && p.items.every((it) => clean(it.what).length >= 2)) {
                const measures: { what: string; unit: string | undefined; bands: string[] }[] = [];
                for (const it of p.items) {
                  const last = measures[measures.length - 1];
                  if (last && last.what === clean(it.what) && last.unit === it.unit) last.bands.push(it.clause);
                  else measures.push({ what: clean(it.what), unit: it.unit, bands: [it.clause] });
                }
                if (measures.length >= 2 && new Set(measures.map((m) => m.what)).size === measures.length) {
                  const ok = addRules(
                    measures.map((m) => ({ decl: quantityDecl(m.unit, "越多越好", m.what), candidates: [`${m.what}${COUNT_SUFFIX[m.unit ?? ""] ?? "数量"}`] })),
                    (ns) => `    ${measures.map((m, i) => `${ns[i]} ${m.bands.join("；")}`).join(" 或 ")}，取其高者`,
                  );
                  if (ok) rules++;
                  current = undefined;
                  break;
                }
              }
              if (p.unreadable) {
                unread = true;
                current = undefined;
                break;
              }
              if (current && p.continues && current.unit === p.unit && p.kind !== "perItem" && p.kind !== "countDeduction") {
                const joined = `${ruleLines[current.index]}；${p.clause}`;
                if (parsesAlone([current.decl], joined)) {
                  ruleLines[current.index] = joined;
                  break;
                }
              }
              // 「国家级每项加5分，省级每项加3分」: a list of items, each level its points
              if (p.kind === "perItem" && p.levels && p.levels.length >= 2) {
                const levels = [...p.levels].sort((a, b) => LEVEL_ORDER.indexOf(a.value) - LEVEL_ORDER.indexOf(b.value));
                const at = addRule(
                  (x) => `${x}：清单 ${levels.map((l) => l.value).join("、")}${context ? ` 「${context}」` : ""}`,
                  [levelName(context), `${baseName(name)}${baseName(name).endsWith("级别") ? "" : "级别"}`].filter((c) => c.length >= 4),
                  (n) => `    ${n} ${p.levels!.map((l) => `${l.value}每项加${l.points}分`).join("，")}`,
                );
                current = at === undefined ? undefined : { index: at, unit: undefined, decl: declOf.get(at)! };
                if (at !== undefined) rules++;
                break;
              }
              const direction = p.kind === "countDeduction" ? "越少越好" : "越多越好";
              const decl = quantityDecl(p.unit, direction, p.kind === "countDeduction" || p.kind === "perItem" ? p.what.replace(/^[的]/, "") : context);
              const candidates = p.kind === "countDeduction" && p.what ? [`${p.what.replace(/[^\p{Script=Han}A-Za-z0-9_]/gu, "")}${COUNT_SUFFIX[p.unit ?? ""] ?? "次数"}`, ...quantityName(p.unit)] : quantityName(p.unit);
              const at = addRule(decl, candidates, (n) => `    ${n} ${p.clause}`);
              current = at === undefined ? undefined : { index: at, unit: p.unit, decl: declOf.get(at)! };
              if (at !== undefined) rules++;
              break;
            }
            case "flag": {
              const verified = /(认定|评定)有效/.test(s.text.slice(0, p.start)) ? `${baseName(name)}认定有效` : "";
              const at = addRule((x) => `${x}：是否${context ? ` 「${s.text.slice(0, p.start).replace(/[，,的\s]+$/, "").replace(/[「」]/g, "").slice(-60)}」` : ""}`, [verified, context, `${baseName(name)}达标`].filter((c) => c !== ""), (n) => `    ${n} ${p.clause}`);
              current = undefined;
              if (at !== undefined) rules++;
              break;
            }
            case "levels": {
              // 国家级（10分）、省级（6分）、市级（3分）: one level (取值), or the highest of several (清单，取最高一项)
              const highest = /取最高|最高一项|以最高|就高|不累计/.test(s.text);
              const levels = [...p.levels!].sort((a, b) => LEVEL_ORDER.indexOf(a.value) - LEVEL_ORDER.indexOf(b.value));
              const values = levels.map((l) => l.value).join("、");
              const at = addRule(
                (x) => `${x}：${highest ? `清单 ${values}` : `取值 ${values}、无`}${context ? ` 「${context}」` : ""}`,
                [levelName(context), `${baseName(name)}${baseName(name).endsWith("级别") ? "" : "级别"}`, `${baseName(name)}等级`].filter((c) => c.length >= 4),
                (n) => `    ${n} ${levels.map((l) => `${l.value}得${l.points}分`).join("；")}${highest ? "（取最高一项）" : ""}`,
              );
              current = at === undefined ? undefined : { index: at, unit: undefined, decl: declOf.get(at)! };
              if (at !== undefined) {
                rules++;
                if (highest) highestStated = true;
              }
              break;
            }
            case "expert":
            case "discretionary": {
              const top = max ?? "100";
              const what = p.kind === "expert" ? (p.what ? `由${p.what}综合评定` : "综合评定") : "酌情加分";
              // several experts: how their scores combine is part of the input (数据逐一填写各位专家的评分)
              const combine = p.panel ? ` ${PANEL_TEXT[p.panel]}` : ` 「${what}」`;
              const at = addRule((x) => `${x}：评分 0～${top}分${combine}`, [`${baseName(name)}${p.kind === "expert" ? "评定分" : "酌情分"}`], (n) => `    ${n} ${p.clause}`);
              current = undefined;
              if (at !== undefined) rules++;
              break;
            }
            case "cap":
              if (!tailLines.includes(`    ${p.clause}`)) tailLines.push(`    ${p.clause}`);
              break;
            case "atMost":
              if (current && parsesAlone([current.decl], `${ruleLines[current.index]}，${p.clause}`)) ruleLines[current.index] += `，${p.clause}`;
              else unread = true;
              break;
            case "veto": {
              addRule(quantityDecl(p.unit, "越多越好", context), [context, `${baseName(name)}否决条件`], (n) => `    若 ${n} ${p.clause} 则本指标为0分`, tailLines);
              break;
            }
            case "floor":
              break;
            default:
              assertNever(p.kind);
          }
          if (unread) unreadPhrases.add(p);
        }
        // what is left of each piece once the recognised phrases are cut out (and the indicator's own 分值 restated)
        // counted piece by piece (「；」 separates what officers count as sentences)
        for (const piece of splitSentences(s.text, true)) {
          const from = piece.start;
          const to = piece.start + piece.text.length;
          const inside = phrases.filter((p) => p.start < to && p.end > from);
          let left = piece.text;
          for (const p of [...inside].reverse()) left = left.slice(0, Math.max(0, p.start - from)) + left.slice(Math.min(left.length, p.end - from));
          if (v.points) left = left.replace(new RegExp(`(?<![\\d.])${v.points.replace(".", "\\.")}\\s*分(?![\\d])`), "");
          // 「选择一个指标进行评分」「取其高者」「不累计加分」: the sentences do not simply add up, which the draft's rules would
          const combines = COMBINE.test(piece.text);
          const scoring = saysScoring(piece.text) || combines;
          if (scoring) scoringSentences++;
          if (combines) {
            combinePieces.push({ text: piece.text, unread: inside.some((p) => unreadPhrases.has(p)) });
            continue;
          }
          const assumed = inside.filter((p) => p.assumption && p.start >= from);
          // a rule written on an assumption is in the draft, marked for the officer to confirm
          for (const p of assumed) ruleLines.push(`    # 待补：${p.assumption} ${mark(name, `${piece.text}（${p.assumption}）`)}`);
          if (assumed.length > 0) continue;
          if (saysScoring(left) || inside.some((p) => unreadPhrases.has(p))) ruleLines.push(`    # 待补：「${piece.text}」未能自动识别，请写成计分句 ${mark(name, piece.text)}`);
          else if (scoring) fullyRecognised++;
        }
      }
      /** 「两项取其高者」 after sentences on different measures: the indicator's rules become one 取其高者 (取其低者) group. */
      const higherOf = (text: string): boolean => {
        const plain = ruleLines.map((l, i) => ({ l, i })).filter(({ l }) => !/^\s*#/.test(l) && !/^\s*选项/.test(l));
        if (plain.length < 2 || plain.length !== ruleLines.filter((l) => !/^\s*#/.test(l)).length) return false;
        const line = `    ${plain.map(({ l }) => l.trim()).join(" 或 ")}，${/低/.test(HIGHER.exec(text)![0]) ? "取其低者" : "取其高者"}`;
        if (!parsesAlone(ownInputs.map((i) => inputs[i]!), line)) return false;
        for (const { i } of [...plain].reverse()) ruleLines.splice(i, 1);
        ruleLines.push(line);
        return true;
      };
      // the sentences that say how the others combine: stated by the draft's options, 取最高一项 lists or counting notes
      const perItemOnly = ownKinds.filter((k) => k === "perItem").length >= 2 && ownKinds.every((k) => k === "perItem" || k === "floor");
      for (const c of combinePieces) {
        const chosen = optionList !== undefined && CHOOSE.test(c.text) && optionList.every((o) => (optionRules.get(o.option) ?? 0) > 0);
        const highest = (highestStated && /取最高|最高一项|就高/.test(c.text)) || (HIGHER.test(c.text) && higherOf(c.text));
        // 「（以个人最高学历为准，不累计加分）」 after per-item points: each one counted once, under its highest level — how the data is counted
        const counting = perItemOnly && /以.{0,10}最高.{0,8}为准|不累计|不重复/.test(c.text);
        if (!c.unread && (chosen || highest || counting)) {
          fullyRecognised++;
          if (counting) for (const i of ownInputs) inputs[i] = noted(inputs[i]!, c.text.replace(/^[（(]|[）)。]+$/g, ""));
        } else ruleLines.push(`    # 待补：「${c.text}」：原文的各句不是逐句相加（选择一项、取最高或不累计），草稿中的规则逐句相加，请按原文改写 ${mark(name, c.text)}`);
      }
      if (rules === 0 && !markLines.some((m) => m.indicator === name)) ruleLines.push(`    # 待补：没有可识别的计分句，请按指标描述写出 ${mark(name, "指标描述中没有可识别的计分句")}`);
      blocks.push([...lines, ...ruleLines, ...tailLines].join("\n"));
    }
  }
  const grades = gradesBlock(table.notes);
  if (grades) blocks.push(`\n${grades}`);
  // a list of 认定条件: each item its 条件 lines, or a mark when its words cannot be read
  if (table.conditions && table.conditions.length > 0) {
    const lines = ["认定条件"];
    for (const c of table.conditions) {
      scoringSentences++;
      const atoms = conditionAtoms(c.text);
      const written = atoms?.map((alternatives) => {
        const names = alternatives.map((a) => uniqueName([a.name]));
        const decls = alternatives.map((a, i) => (a.comparison !== undefined ? quantityDecl(a.unit, "越多越好", a.words)(zsName(names[i]!)) : `${zsName(names[i]!)}：是否 「${a.words.replace(/[「」]/g, "")}」`));
        const line = `  条件（${c.label}）${alternatives.map((a, i) => `${zsName(names[i]!)}${a.comparison !== undefined ? ` ${a.comparison}` : ""}`).join("，或 ")}`;
        const probe = `评价体系 检查\n输入\n${decls.map((d) => `  ${d}`).join("\n")}\n认定条件\n${line}\n`;
        if (analyze(probe, "检查.zs").diagnostics.some((d) => d.severity === "error")) {
          for (const n of names) used.delete(n);
          return undefined;
        }
        return { decls, line };
      });
      if (written && written.every((w) => w !== undefined)) {
        for (const w of written) {
          inputs.push(...w!.decls);
          lines.push(w!.line);
        }
        fullyRecognised++;
        recognisedAll.push({ indicator: `条件（${c.label}）`, pattern: "认定条件", sentence: c.text });
      } else lines.push(`  # 待补：条件（${c.label}）「${c.text}」未能自动识别，请写成条件 ${mark(`条件（${c.label}）`, c.text)}`);
    }
    blocks.push(`\n${lines.join("\n")}`);
  }
  const title = table.title.replace(/表$/, "") || "导入的评价指标体系";
  const period = table.notes.map((n) => /考[评核]期为(.+?)[。.]?$/.exec(n)?.[1]).find((x) => x !== undefined);
  const meta = { region: options.region ?? table.meta?.region, year: options.year ?? table.meta?.year, platformType: options.platformType ?? table.meta?.platformType };
  const header = [
    `# 由准绳从指标体系表导入的草稿${options.source ? `：${options.source}` : ""}`,
    "# 「# 待补」处未能自动识别：请改写为计分句，检查器会指出没有计分句或达不到满分的指标。",
    ...(options.vocabulary ? ["# 「概念」按指标名称从共用概念表中建议，请核对。"] : []),
    `评价体系 ${zsName(title)}`,
    ...(meta.region ? [`  地区：${meta.region}`] : []),
    ...(meta.year ? [`  年度：${meta.year}`] : []),
    ...(meta.platformType ? [`  平台类型：${meta.platformType}`] : []),
    "  状态：草稿",
    ...(fullMarksKnown && fullMarks > 0n ? [`  满分：${Number(fullMarks) / 100}分`] : []),
    ...(period ? [`  考评期：${period}`] : []),
    ...(options.source ? [`  来源：${options.source}`] : []),
  ];
  const inputBlock = inputs.length > 0 ? ["输入", ...inputs.map((i) => `  ${i}`)] : [];
  const evidence = table.evidence ?? [];
  const evidenceBlock = evidence.length > 0 ? ["材料", ...evidence.map((e) => `  ${zsName(e.name)}：「${e.text.replace(/[「」]/g, "")}」`)] : [];
  const notes = table.notes.map((n) => (/^注[：:]/.test(n) ? `注：${n.replace(/^注[：:]/, "")}` : `注：${n}`));
  let text = [header.join("\n"), inputBlock.join("\n"), evidenceBlock.join("\n"), ...blocks.map((b, i) => (b.startsWith("类别") || b.startsWith("加分项") ? (i > 0 ? "\n" : "") + b : "\n" + b)), notes.length ? "\n" + notes.join("\n") : ""]
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
  return { text, marks, recognised: recognisedAll, sentences: { scoring: scoringSentences, recognised: fullyRecognised }, diagnostics: a.diagnostics };
}

/** Levels from the highest: how a 取值 or 清单 input lists its values. */
const LEVEL_ORDER = ["国际级", "国家级", "省部级", "省级", "地市级", "市（州）级", "市级", "县（区）级", "县级", "区级"];

/** The name of a level input from the words before the levels (「获得」 says nothing: the indicator names it then). */
const levelName = (context: string) => {
  const own = context.replace(/^(?:获得|取得|荣获|被评为|评为|获|属于|为)/, "");
  return own.length >= 2 ? `${own}级别` : "";
};

/** Words saying the higher (or lower) of the sentences counts. */
const HIGHER = /取其高者|取较高者|取高者|取其低者|取较低者|取低者/;

/** Words saying the platform scores one of several options. */
const CHOOSE = /选择一[个项]|选其[一中]|任选一|二选一|择一/;

/** The options （1）（2）… after 「选择一项」 in a description, each with where it starts and its heading as a name. */
function optionMarks(description: string): { option: string; at: number; heading: string }[] | undefined {
  const choose = CHOOSE.exec(description);
  if (!choose) return undefined;
  const after = [...description.matchAll(/[（(]([1-9])[）)]/g)].filter((m) => m.index >= choose.index + choose[0].length);
  if (after.length < 2 || after.some((m, i) => m[1] !== String(i + 1))) return undefined;
  return after.map((m) => {
    const rest = description.slice(m.index + m[0].length);
    const end = rest.search(/[。；;，,]|[A-Ha-h][.．、]|\d/);
    const heading = (end < 0 ? rest : rest.slice(0, end))
      .replace(/^按/, "")
      .replace(/(分档评价|分档计分|分档|评价|计分)$/, "")
      .replace(/[^\p{Script=Han}A-Za-z]/gu, "");
    return { option: m[1]!, at: m.index, heading };
  });
}

/** An input declaration with a note added to its description. */
function noted(decl: string, note: string): string {
  return / 「[^」]*」$/.test(decl) ? decl.replace(/」$/, `；${note.replace(/[「」]/g, "")}」`) : `${decl} 「${note.replace(/[「」]/g, "")}」`;
}

/** The notes' grade bands as a 等级 (or 星级) block, when they state at least two bands that read as the language's. */
function gradesBlock(notes: readonly string[]): string | undefined {
  for (const n of notes) {
    const bands = gradeBands(n);
    if (bands.length < 2 || new Set(bands.map((b) => b.label)).size !== bands.length) continue;
    const stars = bands.every((b) => /星/.test(b.label));
    const gate = notes.some((x) => /不符合.{0,8}条件.{0,6}不予评定/.test(x));
    const block = [stars ? "星级" : "等级", ...bands.map((b) => `  ${b.clause}：${b.label}`), ...(gate ? [`  不符合认定条件的，不予评定${stars ? "星级" : "等级"}`] : [])].join("\n");
    const probe = `评价体系 检查\n输入\n  甲：计数 家\n类别 乙 100分\n  指标 丙 100分\n    甲 1家以上得100分\n${block}\n`;
    if (!analyze(probe, "检查.zs").diagnostics.some((d) => d.code.startsWith("ZS1"))) return block;
  }
  return undefined;
}

/** The phrases of one sentence with their kinds' names (what the report lists). */
export function recognise(sentence: string): { pattern: string; clause: string; phrase: Phrase }[] {
  return findPhrases(sentence).map((p) => ({ pattern: PATTERN_NAME[p.kind], clause: p.clause, phrase: p }));
}

/** The recognition report: how many scoring sentences became rules, and each place left to finish. */
export function importReportMarkdown(table: ImportedTable, draft: ImportedDraft, draftFile = "草稿.zs"): string {
  const { scoring, recognised } = draft.sentences;
  const pct = scoring > 0 ? `${Math.floor((recognised / scoring) * 1000) / 10}%` : "—";
  const out = [
    `# 导入报告：${table.title}`,
    "",
    `- 指标：${table.rows.length}个`,
    `- 计分句：${scoring}句，完整识别为计分规则${recognised}句（${pct}）`,
    `- 待补：${draft.marks.length}处（草稿中标「# 待补」）`,
    `- 检查器：${draft.diagnostics.filter((d) => d.severity === "error").length}个错误，${draft.diagnostics.filter((d) => d.severity === "warning").length}个警告`,
    "",
    "## 待补的句子",
    "",
    ...(draft.marks.length > 0 ? draft.marks.map((m) => `- ${draftFile}:${m.line} 指标「${m.indicator}」：${m.text}`) : ["没有。"]),
    "",
    "## 识别出的计分句",
    "",
    "| 指标 | 句式 | 原句 |",
    "| --- | --- | --- |",
    ...draft.recognised.map((r) => `| ${r.indicator.replace(/\|/g, "\\|")} | ${r.pattern} | ${r.sentence.replace(/\|/g, "\\|")} |`),
  ];
  return out.join("\n") + "\n";
}
