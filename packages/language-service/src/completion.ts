/**
 * Completion: keywords (from the one keyword table), declared inputs, units after a number
 * or 每, input types in the 输入 section, and sentence snippets in the officers' own words.
 */
import { COMPARATIVES, KEYWORDS, UNITS, type Range } from "@zhunsheng/core";
import { rangeOf, type LanguageDocument } from "./document.ts";

export type CompletionKind = "keyword" | "comparative" | "input" | "unit" | "type" | "snippet" | "value";

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Text to insert; a snippet uses `${1:占位}` tab stops when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  detail: string;
  documentation?: string;
  /** Orders items: lower first. */
  sortText: string;
  /** The text the item replaces (the word being typed). */
  range: Range;
}

/** Sentence patterns of the reference (§6), as snippets. */
export const SNIPPETS: readonly { label: string; insertText: string; detail: string }[] = [
  {
    label: "达…得…分，每少…减…分",
    insertText: "达${1:1500}${2:家次}得${3:15}分，每少${4:100}${2:家次}减${5:1}分（${6|不足一档不计,不足一档按一档计,按比例计|}）",
    detail: "达标与逐档扣分（§6.2）",
  },
  { label: "…及以上得…分，每少…减…分", insertText: "${1:3}${2:次}及以上得${3:6}分，每少${4:1}${2:次}减${5:2}分", detail: "达标与逐档扣分，后置比较词（§6.2）" },
  { label: "每…减…分", insertText: "每${1:1}${2:次}减${3:1}分", detail: "逐次扣分（§6.3）" },
  { label: "得…分（是否）", insertText: "得${1:5}分", detail: "条件得分：「是否」型输入为「是」时得分（§6.4）" },
  { label: "每项加…分", insertText: "每${1:项}加${2:3}分", detail: "逐项加分（§6.6）" },
  { label: "达到…不足…加…分", insertText: "达到${1:60}%不足${2:70}%加${3:20}分", detail: "分档，区间 [60, 70)（§6.7）" },
  { label: "达到…后每增加…加…分", insertText: "达到${1:70}%后每增加${2:10}个百分点加${3:10}分", detail: "逐档加分（§6.7）" },
  { label: "基准…，满分…，其间按线性计", insertText: "基准${1:200}${2:万元}，满分${3:1000}${2:万元}，其间按线性计", detail: "基准值与满分值（§6.9）" },
  { label: "指标 名称 分值", insertText: "指标 ${1:指标名称} ${2:10}分\n    描述：${3:公布表格中的指标描述}\n    ${0}", detail: "新指标（§5）" },
  { label: "类别 名称（分值）", insertText: "类别 ${1:类别名称}（${2:30}分）\n  指标 ${3:指标名称} ${2:30}分\n    ${0}", detail: "新类别（§5）" },
  { label: "等级", insertText: "等级\n  ${1:60}分以下：不合格\n  ${1:60}分（含）以上不足${2:80}分：合格\n  ${2:80}分（含）以上：优秀", detail: "等级划分（§8）" },
  { label: "…或…，取其高者", insertText: "${1:服务收入} ${2:300}${3:万元}以上得${4:10}分 或 ${5:服务收入比重} ${6:15}%以上得${4:10}分，${7|取其高者,取其低者|}", detail: "几种计分取其高者／取其低者" },
  { label: "选项（1）…", insertText: "选项（1）${1:输入一} ${2:6}%（含）以上得${3:10}分\n    选项（2）${4:输入二} ${5:30}%（含）以上得${3:10}分", detail: "平台从几种计分方式中选择一种" },
  { label: "国家级得…分；省级得…分；其他得…分", insertText: "${1:国家级}得${2:10}分；${3:省级}得${4:6}分；其他得${5:3}分", detail: "按取值计分（取值型输入）" },
  { label: "国家级每项加…分，最多…分", insertText: "${1:国家级}每项加${2:5}分，${3:省级}每项加${4:3}分，最多${5:10}分", detail: "清单：每项按其级别计分" },
  { label: "扣分项 名称（最多扣…分）", insertText: "扣分项 ${1:扣分项名称}（最多扣${2:10}分）\n  指标 ${3:指标名称}\n    ${4:输入名称} 扣${5:6}分", detail: "从总分中扣减，总分最低0分" },
  { label: "条件 总分 …分以上，其中 …", insertText: "条件 总分 ${1:70}分以上，其中 ${2:类别名称} 不低于${3:25}分", detail: "以得分为认定条件" },
  { label: "不符合认定条件的，不予评定等级", insertText: "不符合认定条件的，不予评定等级", detail: "等级：不符合认定条件时没有等级" },
  { label: "用例", insertText: "用例 ${1:用例名称}\n  输入 ${2:输入名称} ${3:0}\n  期望 总分 ${4:0}分", detail: "用例：检查器会运行（§12）" },
];

const TYPES = KEYWORDS.filter((k) => k.category === "type");

function sectionAt(doc: LanguageDocument, offset: number): string | undefined {
  const before = doc.text.slice(0, offset).split("\n");
  for (let i = before.length - 1; i >= 0; i--) {
    const m = /^(输入|派生|材料|大类|类别|加分项|扣分项|等级|星级|否决|认定条件|用例|评价体系|注)/.exec(before[i]!);
    if (m) return m[1];
  }
  return undefined;
}

const WORD = /[\p{Script=Han}A-Za-z_“”"]*$/u;

/** Completions at `offset`. */
export function complete(doc: LanguageDocument, offset: number): CompletionItem[] {
  const lineStart = doc.text.lastIndexOf("\n", offset - 1) + 1;
  const prefix = doc.text.slice(lineStart, offset);
  const items: CompletionItem[] = [];
  const section = sectionAt(doc, offset);

  // right after a number or 每: units
  if (/[0-9０-９]$/.test(prefix) || /每$/.test(prefix)) {
    const range = rangeOf(doc, offset, offset);
    UNITS.forEach((u, i) => items.push({ label: u, kind: "unit", insertText: u, snippet: false, detail: "单位", sortText: String(i).padStart(3, "0"), range }));
    return items;
  }
  const word = WORD.exec(prefix)?.[0] ?? "";
  const range = rangeOf(doc, offset - word.length, offset);

  // 输入 section, after 「名称：」: types, directions and units
  if ((section === "输入" || section === "派生") && /^[ \t\u3000]+[^：:]+[：:][^「]*$/.test(prefix)) {
    TYPES.forEach((k, i) => items.push({ label: k.forms[0]!, kind: "type", insertText: k.forms[0]!, snippet: false, detail: "输入类型", documentation: k.doc, sortText: `0${i}`, range }));
    for (const f of ["越多越好", "越少越好", "范围"]) {
      const k = KEYWORDS.find((x) => x.forms.includes(f))!;
      items.push({ label: f, kind: "keyword", insertText: f, snippet: false, detail: "句中用词", documentation: k.doc, sortText: `1${f}`, range });
    }
    UNITS.forEach((u, i) => items.push({ label: u, kind: "unit", insertText: u, snippet: false, detail: "单位", sortText: `2${String(i).padStart(3, "0")}`, range }));
    return items;
  }

  const indented = /^[ \t\u3000]+/.test(prefix);
  const atLineStart = /^[ \t\u3000]*[\p{Script=Han}A-Za-z_“”"]*$/u.test(prefix);
  const inIndicator = section === "类别" || section === "加分项" || section === "扣分项" || section === "大类";
  // after a 取值 / 清单 input at the start of a sentence (or after 为): its values
  const lineInput = /^[ \t\u3000]*(?:条件(?:（[^）]*）)?[ \t\u3000]*)?([^\s，；：]+)[ \t\u3000]/u.exec(prefix)?.[1];
  const valued = lineInput !== undefined ? doc.analysis.rubric?.inputByName.get(lineInput) : undefined;
  if (valued && (valued.type === "enum" || valued.type === "list")) {
    valued.values.forEach((v, i) => items.push({ label: v, kind: "value", insertText: v, snippet: false, detail: `「${valued.name}」的取值`, sortText: `0${String(i).padStart(2, "0")}`, range }));
    if (valued.type === "enum") items.push({ label: "其他", kind: "keyword", insertText: "其他", snippet: false, detail: "其他取值", sortText: "0zz", range });
  }
  // declared inputs first where a scoring sentence starts
  const inputRank = inIndicator && indented && atLineStart ? "0" : "2";
  for (const input of doc.analysis.ast.inputs) {
    const name = input.name.text;
    const needsQuotes = /[^\p{Script=Han}A-Za-z0-9_“”"]/u.test(name);
    const type = doc.analysis.rubric?.inputByName.get(name);
    items.push({
      label: name,
      kind: "input",
      insertText: needsQuotes ? `「${name}」` : name,
      snippet: false,
      detail: input.kind === "evidence" ? "证明材料" : input.kind === "derived" ? "派生输入" : `输入${type?.unit ? `（${type.unit}）` : ""}`,
      documentation: input.description?.text,
      sortText: `${inputRank}${name}`,
      range,
    });
  }
  const snippetRank = inIndicator && !atLineStart ? "0" : "3";
  SNIPPETS.forEach((s, i) => items.push({ label: s.label, kind: "snippet", insertText: s.insertText, snippet: true, detail: s.detail, sortText: `${snippetRank}${String(i).padStart(2, "0")}`, range }));
  for (const c of COMPARATIVES) {
    items.push({ label: c.form, kind: "comparative", insertText: c.form, snippet: false, detail: `比较词：x ${c.op.replace(">=", "≥").replace("<=", "≤")} n`, sortText: `4${c.form}`, range });
  }
  for (const k of KEYWORDS) {
    for (const f of k.forms) {
      const rank = atLineStart && (k.category === "section" || k.category === "header") ? "1" : "5";
      items.push({ label: f, kind: "keyword", insertText: f, snippet: false, detail: k.category === "section" ? "段落" : k.category === "header" ? "文件头" : "关键字", documentation: k.doc, sortText: `${rank}${f}`, range });
    }
  }
  return items;
}
