/**
 * Diagnostics are values, collected and never thrown. Every one comes from this catalogue:
 * a stable code (1xxx syntax, 2xxx names and units, 3xxx rubric semantics, 4xxx evaluation
 * and cases; 5xxx is reserved for the pre-publication checks of @zhunsheng/publish), a severity
 * and a Chinese message template.
 */
import type { Range } from "./ast.ts";

export type Severity = "error" | "warning" | "info" | "hint";

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The preferred quick fix. */
  fix?: Fix;
  /** Further quick fixes, in order of preference. */
  otherFixes?: Fix[];
}

export const MESSAGES = {
  ZS1001: { severity: "error", template: "语法错误：{0}" },
  ZS1002: { severity: "error", template: "无法识别的字符「{0}」" },
  ZS1006: { severity: "error", template: "此处有看不见的字符：{0}（多见于从 Word、WPS 或网页复制的文字），请删除" },
  ZS1007: { severity: "error", template: "名称须用「」括起：{0}请写作{1}" },
  ZS1003: { severity: "error", template: "算式有{0}项，超过{1}项的上限：请拆成几个派生输入" },
  ZS1004: { severity: "error", template: "「缺少配对的」：名称或说明须在同一行内用「」括起" },
  ZS1005: { severity: "error", template: "」前面缺少配对的「" },
  ZS2001: { severity: "error", template: "未声明的输入「{0}」{1}" },
  ZS2002: { severity: "warning", template: "输入「{0}」已声明但没有任何指标使用" },
  ZS2003: { severity: "error", template: "名称「{0}」重复：{1}" },
  ZS2004: { severity: "warning", template: "单位不一致：输入「{0}」以{1}计，这里写的是{2}" },
  ZS2005: { severity: "warning", template: "未知的单位「{0}」：常用单位见语法参考；其他单位可在输入声明中写明，例如「设备数：计数 {0}」" },
  ZS2006: { severity: "error", template: "评分型输入「{0}」必须写明范围，例如「评分 0～20分」" },
  ZS2008: { severity: "error", template: "输入「{0}」缺少类型（计数、数值、百分比、金额、是否、评分、文本）" },
  ZS2009: { severity: "error", template: "派生输入「{0}」循环引用自身{1}" },
  ZS2010: { severity: "info", template: "材料「{0}」列在附件清单中，但没有指标要求它" },
  ZS2012: { severity: "error", template: "「{0}」不是类别、大类或指标，不能以其得分为条件{1}" },
  ZS2013: { severity: "info", template: "单位「{0}」不在常用单位表中，按本文件声明的单位处理" },
  ZS2014: { severity: "error", template: "{1}型输入「{0}」须列出至少两个取值，例如「{0}：{1} 国家级、省级、市级」" },
  ZS2015: { severity: "error", template: "「{0}」：多位专家评分的合成方式（取平均、去掉一个最高分和一个最低分后取平均、取中位数）只用于评分型输入，例如「专家评分：评分 0～20分 取平均」" },
  ZS2016: { severity: "error", template: "单位相差{3}倍：输入「{0}」以{1}计，这里写的是{2}；准绳不会自动换算，请写成「{4}{1}」" },
  ZS2017: { severity: "warning", template: "分值「{0}」没有写「分」：是分值就写成「{0}分」" },
  ZS2018: { severity: "error", template: "单位相差{3}倍：输入「{0}」以{1}计，这里写的是{2}；{4}换算成{1}不是有限小数，准绳不会自动换算：请改写这个数，或把输入改为以{2}计" },
  ZS2011: { severity: "info", template: "草稿：输入「{0}」尚未被计分句使用" },
  ZS3001: { severity: "error", template: "类别「{0}」标注{1}分，但所含指标合计{2}分" },
  ZS3002: { severity: "error", template: "「{0}」的权重为{1}，但所含指标权重合计{2}" },
  ZS3003: { severity: "error", template: "一级权重合计{0}，应当等于1" },
  ZS3004: { severity: "error", template: "满分写的是{0}分，但各类别合计{1}分" },
  ZS3008: { severity: "error", template: "大类「{0}」标注{1}分，但所属类别合计{2}分" },
  ZS3005: { severity: "info", template: "指标「{0}」分值待定（草稿）" },
  ZS3006: { severity: "error", template: "指标「{0}」没有分值或权重；草稿中可写「分值待定」" },
  ZS3007: { severity: "error", template: "缺少文件头：文件应以「评价体系 名称」开头" },
  ZS3010: { severity: "warning", template: "指标描述中的数字{0}在计分句中没有出现：描述与规则可能不一致" },
  ZS3011: { severity: "warning", template: "指标「{0}」在输入范围内最低只能得{1}分，达不到0分" },
  ZS3012: { severity: "warning", template: "指标「{0}」在输入范围内最高只能得{1}分，达不到满分{2}分" },
  ZS3013: { severity: "error", template: "「每少…减…分」前面需要一个达标条件，例如「达1500家次得15分」" },
  ZS3014: { severity: "error", template: "「得{0}分」没有条件：只有「是否」型输入可以直接得分" },
  ZS3015: { severity: "error", template: "「{0}」的输入「{1}」应为评分型（评分 0～N分）" },
  ZS3017: { severity: "error", template: "基准值{0}应小于满分值{1}" },
  ZS3018: { severity: "error", template: "「需提供」的「{0}」应为是否型（材料或是否型输入）" },
  ZS3019: { severity: "error", template: "读法只能写在「每少…减…分」或「每增加…加…分」之后" },
  ZS3021: { severity: "error", template: "文本型输入「{0}」不能计分" },
  ZS3022: { severity: "error", template: "选其一的各项单位应相同：{0}" },
  ZS3023: { severity: "error", template: "「{0}」不是是否型输入，需写出条件，例如「{0} 低于60%」" },
  ZS3024: { severity: "error", template: "证明材料「{0}」应在「材料」中声明（是否型）" },
  ZS3016: { severity: "warning", template: "指标「{0}」没有计分句，所有平台在该指标都得0分：请按指标描述写出计分句" },
  ZS3020: { severity: "hint", template: "不满一档的部分如何计算没有写明：默认「不足一档不计」（{0}）。可写明读法" },
  ZS3025: { severity: "warning", template: "指标「{0}」的计分句合计可达{1}分，超过指标分值{2}分：超出部分会被截去。请核对分值，或写明「直到满分{2}为止」" },
  ZS3030: { severity: "warning", template: "指标「{0}」的得分随「{1}」增加而下降：{2}" },
  ZS3031: { severity: "warning", template: "指标「{0}」的得分随派生输入「{1}」有升有降：{2}；请检查分档（得分通常随比例、增长率只升或只降）" },
  ZS3040: { severity: "warning", template: "{0}没有覆盖总分 {1}：该区间的平台没有{0}" },
  ZS3041: { severity: "error", template: "{0}重叠：总分 {1} 同时属于「{2}」和「{3}」{4}" },
  ZS3042: { severity: "warning", template: "专家评分「{0}」的范围上限{1}分与指标分值{2}分不一致" },
  ZS3043: { severity: "error", template: "放宽所列条件「{0}」不存在" },
  ZS3044: { severity: "info", template: "草稿：{0}个指标分值待定，分值确定前总分只计已定分值的指标" },
  ZS3045: { severity: "hint", template: "「{0}」两端都包含（{1}）：{2}不在此档。可写明读法" },
  ZS3050: { severity: "error", template: "数字{0}有{1}位小数：准绳最多支持{2}位小数" },
  ZS3051: { severity: "error", template: "数字{0}超出可精确计算的范围：本体系按{1}位小数计算，绝对值不能超过{2}" },
  ZS3052: { severity: "error", template: "{0}应大于0：{1}" },
  ZS3053: { severity: "error", template: "看不懂的精度写法「{0}」：请写「保留2位小数」「保留整数」或「四舍五入到0.01」（最多6位小数）" },
  ZS3047: { severity: "error", template: "「若…则本指标为0分」只能以输入为条件：「{0}」的得分此时尚未算出（以得分为条件请写在「否决」或「认定条件」中）" },
  ZS3049: { severity: "error", template: "「{0}」不是取值型输入：「为 …」只用于取值型输入（如「平台级别：取值 国家级、省级、市级」）" },
  ZS3065: { severity: "error", template: "「{0}」的取值中没有「{1}」（取值：{2}）" },
  ZS3062: { severity: "error", template: "「{0}」：另一类平台的门槛写作「（是否型输入 门槛）」或「（取值 门槛）」，例如「（培训类平台 不少于500人次）」" },
  ZS3063: { severity: "error", template: "{1}型输入「{0}」不能与数字比较：请写「{0} 为 …」" },
  ZS3064: { severity: "warning", template: "「不予评定等级」需要「认定条件」：本文件没有认定条件，此句不起作用" },
  ZS3067: { severity: "error", template: "「{0}」中没有任何数值（下限{1}，上限{2}）：请检查两端是否写反，或（含）（不含）是否写错" },
  ZS3066: { severity: "error", template: "「在此基础上每增加…」前面需要一个达标档，例如「达到50个得5分，在此基础上每增加1个加0.1分」" },
  ZS3054: { severity: "error", template: "扣分项「{0}」中的句子只能扣分：写作「发生…扣6分」「每次扣2分」「3次以上扣6分」" },
  ZS3055: { severity: "error", template: "「或…，取其高者」的每一句只能按一个输入计分：把「或」连接的分档写成单独的计分句" },
  ZS3056: { severity: "error", template: "分档中写了另一个输入（「或 …」）的计分句只能含「得／加／扣／不得分」的分档" },
  ZS3057: { severity: "warning", template: "指标「{0}」只有一个选项（{1}）：选项应至少两个，平台从中选择一项" },
  ZS3058: { severity: "error", template: "指标「{0}」的选项（{1}）没有只属于自己的输入：数据无法表明平台选择了哪一项" },
  ZS3059: { severity: "error", template: "「{0}」不是取值型或清单型输入：按取值计分（如「国家级得10分」）只用于「取值」「清单」型输入" },
  ZS3060: { severity: "error", template: "「{0}」是取值型输入（只有一个取值）：「每项」只用于清单型输入（如「获奖：清单 国家级、省级」）" },
  ZS3061: { severity: "error", template: "清单型输入「{0}」的计分句写作「国家级每项加5分，省级每项加3分，最多10分」或「国家级得10分；省级得6分（取最高一项）」" },
  ZS4001: { severity: "error", template: "用例「{0}」：{1}期望{2}，实际{3}" },
  ZS4002: { severity: "error", template: "用例「{0}」：{1}" },
  ZS4003: { severity: "error", template: "用例「{0}」期望的「{1}」不是指标、类别、大类、加分项或扣分项" },
} as const satisfies Record<string, { severity: Severity; template: string }>;

export type DiagnosticCode = keyof typeof MESSAGES;

/** A hostile 400-digit number is named by its ends and its length, not printed whole in every line. */
const LONG_DIGITS = /[0-9]{41,}/g;
const shortDigits = (run: string) => `${run.slice(0, 12)}…${run.slice(-4)}（共${run.length}位）`;

/** Longer quoted values (a pasted paragraph in a number cell) are shown by their start and length. */
const LONG_VALUE = 60;

/**
 * A value as a message quotes it: whole when short; a run of more than 40 digits by its ends and
 * length; text longer than 60 characters by its first 40 and its length.
 */
export function shownValue(text: string): string {
  const digits = text.replace(LONG_DIGITS, shortDigits);
  const chars = [...digits];
  return chars.length > LONG_VALUE ? `${chars.slice(0, 40).join("")}…（共${[...text].length}字）` : digits;
}

export function diagnostic(code: DiagnosticCode, range: Range, args: readonly (string | number)[] = [], fix?: Fix): Diagnostic {
  const entry = MESSAGES[code];
  const message = entry.template.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? "")).replace(LONG_DIGITS, shortDigits);
  const d: Diagnostic = { code, severity: entry.severity, message, range };
  if (fix) d.fix = fix;
  return d;
}

/** Severity order for sorting and counting. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.range.start.offset - b.range.start.offset || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}
