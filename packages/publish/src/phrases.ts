/**
 * Scoring phrases in published prose — 「达1500家次得15分，每少100家次减1分」, 「每项加3分」,
 * 「满意度达到60%不足70%的，加20分」 — read once for both directions: import turns each phrase into
 * a rule clause, publication lines each phrase up with the rule part it states, number by number.
 */

/** What a phrase says; the kinds of the model's parts, plus caps and indicator vetoes. */
export type PhraseKind =
  | "stepDeduction"
  | "increments"
  | "countDeduction"
  | "perItem"
  | "add"
  | "tiers"
  | "levels"
  | "flag"
  | "baseline"
  | "expert"
  | "discretionary"
  | "cap"
  | "atMost"
  | "veto"
  | "floor";

/** A number of the phrase and where it stands; `start` is undefined when the prose leaves it implicit (「每项」 is 1 项). */
export interface PhraseNumber {
  value: string;
  start: number | undefined;
  end: number | undefined;
}

export interface Phrase {
  kind: PhraseKind;
  start: number;
  end: number;
  /** The numbers in the order the model lists them for this kind (see `partSlots` in prose.ts). */
  numbers: PhraseNumber[];
  /** The phrase as a rule clause without its subject: 「达1500家次得15分，每少100家次减1分」. */
  clause: string;
  /** Unit of the measured quantity (家次, %, 次…), when the phrase measures one. */
  unit: string | undefined;
  /** For 每…: the words between 每 and the unit or after it (缺报或晚报, 渠道). */
  what: string;
  /** Whether the phrase starts right at a comparative word, i.e. continues the previous phrase's quantity. */
  continues: boolean;
  /** What the clause had to assume because the prose does not say it (the officer confirms it). */
  assumption?: string;
  /** Why the phrase, though recognised, cannot be written as a rule (the sentence is marked instead). */
  unreadable?: string;
  /** Bands met by either of two measures (「300万元以上或服务收入比重15%以上（10分）」): the second measure's name and bands. */
  alternative?: { what: string; unit: string; clause: string };
  /** Lettered bands joined into one phrase, each with its own words (「A.Ⅰ类高价值知识产权1项以上（20分）」). */
  items?: { what: string; clause: string; unit: string | undefined }[];
  /** 「去掉一个最高分和一个最低分后取平均」: several experts score, combined so. */
  panel?: "mean" | "trimmedMean" | "median";
  /** 国家级（10分）、省级（6分）: the levels, highest first, with their points. */
  levels?: { value: string; points: string }[];
}

const NUM = "(\\d+(?:\\.\\d+)?)";
/** Chinese numerals officers write after 每 and 增加: 每一条, 每增加一次. */
const CNUM = "(\\d+(?:\\.\\d+)?|一|两|二|三|四|五|六|七|八|九|十)";
const CN: Record<string, string> = { 一: "1", 两: "2", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 十: "10" };
/** Units of a measured quantity, longest first (分 too: 「80分以上」). */
const QUNIT = "(个百分点|百分点|平方米|家次|人次|万元|亿元|台套|%|％|家|条|次|份|项|元|人|个|种|年|天|月|场|倍|台|套|户|件|篇|名|所|位|分)";
const PRE = "(达到|达|不低于|不少于|不小于|不大于|至少|满|超过|高于|多于|大于|不足|不满|低于|少于|小于|未达到|未到|未超过|不超过|不高于|≥|＞|>|≤|<|＜)";
const POST = "(?:（含）|\\(含\\))?(及以上|以上|及以下|以下|以内)";

/** Symbols and words the language does not take, written as words it does. */
const PRE_WORD: Record<string, string> = { 不小于: "不低于", 不大于: "不超过", 至少: "不少于", "≥": "不低于", ">": "超过", "＞": "超过", "≤": "不超过", "<": "低于", "＜": "低于", 大于: "超过", 小于: "低于" };

const num = (s: string) => CN[s] ?? s;
const unitOf = (u: string) => (u === "％" ? "%" : u === "百分点" ? "个百分点" : u);

/** One side of a condition: 「达1500家次」, 「50条以上」, 「80分（含）以上」. */
const SIDE = `(?:${PRE}\\s*)?${NUM}\\s*${QUNIT}(?:\\s*${POST})?`;
/** A condition: one side, two sides (「达到60%不足70%」, 「达到1次但未到1.5次」) or a range (「3%～5%」, 「200-300万元」). */
const INCL = "(?:（含）|\\(含\\))?";
const COND = `(?:${NUM}\\s*${QUNIT}?${INCL}\\s*[～~\\-—–至到]\\s*${NUM}\\s*${QUNIT}${INCL}|${SIDE}(?:\\s*(?:但|且|，|,)?\\s*${SIDE})?)`;

interface Side {
  pre: string | undefined;
  value: string;
  unit: string;
  post: string | undefined;
  start: number;
  end: number;
}

/** The sides of a matched condition text, with offsets relative to `base`. */
function sidesOf(text: string, base: number): Side[] | undefined {
  const range = new RegExp(`^${NUM}\\s*${QUNIT}?${INCL}\\s*([～~\\-—–至到])\\s*${NUM}\\s*${QUNIT}${INCL}$`).exec(text);
  if (range) {
    const [, a, ua, , b, ub] = range;
    const aStart = base + text.indexOf(a!);
    const bStart = base + text.lastIndexOf(b!);
    return [
      { pre: "range", value: a!, unit: unitOf(ua ?? ub!), post: undefined, start: aStart, end: aStart + a!.length },
      { pre: "range", value: b!, unit: unitOf(ub!), post: undefined, start: bStart, end: bStart + b!.length },
    ];
  }
  const sides: Side[] = [];
  const g = new RegExp(SIDE, "g");
  let m: RegExpExecArray | null;
  while ((m = g.exec(text))) {
    const [, pre, value, unit, post] = m;
    if (!pre && !post) return undefined;
    const at = base + m.index + m[0].indexOf(value!, pre ? pre.length : 0);
    sides.push({ pre, value: value!, unit: unitOf(unit!), post, start: at, end: at + value!.length });
  }
  return sides.length > 0 ? sides : undefined;
}

/** The condition in the language's words: 「达到60%不足70%」, 「3%～5%」. */
function conditionClause(sides: Side[]): string {
  if (sides[0]!.pre === "range") return `${sides[0]!.value}${sides[0]!.unit}～${sides[1]!.value}${sides[1]!.unit}`;
  const one = (s: Side) => (s.pre ? `${PRE_WORD[s.pre] ?? s.pre}${s.value}${s.unit}` : `${s.value}${s.unit}${s.post === "及以上" || s.post === "以上" ? s.post : s.post ?? ""}`);
  return sides.length === 2 ? `${one(sides[0]!)}${sides[1]!.pre === "未到" || sides[1]!.pre === "未超过" ? "但" : ""}${one(sides[1]!)}` : one(sides[0]!);
}

interface Pattern {
  kind: PhraseKind;
  re: RegExp;
  make(m: RegExpExecArray): Omit<Phrase, "start" | "end" | "kind" | "continues"> | undefined;
}

const READING = "(?:[（(](不足一档不计|不足一档按一档计|按比例计)[）)])?";
/** Levels of an award or a recognition, as the policy names them. */
const LEVEL = "(国际级|国家级|省部级|省级|地市级|市级|市（州）级|县级|区级|县（区）级)";

const PATTERNS: Pattern[] = [
  {
    // 达1500家次得15分，每少100家次减1分 / 3次及以上得6分，每少1次减2分
    kind: "stepDeduction",
    re: new RegExp(`(${SIDE})的?[，,]?得${NUM}分[，,；;]?(?:以此为基础[，,]?)?每(?:少|减少|差|低)${CNUM}\\s*${QUNIT}的?[，,]?(?:减|扣|扣减)${NUM}分${READING}`),
    make(m) {
      const sides = sidesOf(m[1]!, m.index);
      if (!sides || sides.length !== 1) return undefined;
      const [, , , , , , full, step, stepUnit, per, reading] = m;
      const s = sides[0]!;
      return {
        // the threshold is the condition's number; the others follow it in the text
        numbers: [{ value: s.value, start: s.start, end: s.end }, ...numbersAfter(m, m[1]!.length, [full!, step!, per!])],
        clause: `${conditionClause(sides)}得${full}分，每少${num(step!)}${unitOf(stepUnit!)}减${per}分${reading ? `（${reading}）` : ""}`,
        unit: s.unit,
        what: "",
      };
    },
  },
  {
    // 达到70%后每增加10个百分点加10分 / 100家后每增加100家加10分 / 超过2次的，每增加一次加10分
    kind: "increments",
    re: new RegExp(`(?:(达到|达|超过|满)\\s*)?${NUM}\\s*${QUNIT}(?:以上)?(?:后|的)?[，,]?每(?:增加|多)${CNUM}\\s*${QUNIT}[\\p{Script=Han}]{0,6}?的?[，,]?加${NUM}分`, "u"),
    make(m) {
      const [, pre, from, unit, step, stepUnit, points] = m;
      const n = numbersAfter(m, 0, [from!, step!, points!]);
      return { numbers: n, clause: `${pre ?? ""}${from}${unitOf(unit!)}后每增加${num(step!)}${unitOf(stepUnit!)}加${points}分`, unit: unitOf(unit!), what: "" };
    },
  },
  {
    // 每缺报或晚报1次减1分 / 每发现一次扣2分
    kind: "countDeduction",
    // 「每少报一次扣2分」: 每少 followed by a verb counts what is missing (每少100家次 is a step below a threshold)
    re: new RegExp(`每(?!少[\\d一两二三四五六七八九十]|增加|多|减少)([^\\d，,。；;、：:]{0,12}?)${CNUM}?\\s*${QUNIT}[\\p{Script=Han}]{0,8}?的?[，,]?(?:减|扣|扣除|扣减)${NUM}分`, "u"),
    make(m) {
      const [, what, per, unit, points] = m;
      if (unit === "分") return undefined;
      const n = numbersAfter(m, 1 + what!.length, [per, points!]);
      return { numbers: n, clause: `每${per ? num(per) : "1"}${unitOf(unit!)}减${points}分`, unit: unitOf(unit!), what: what! };
    },
  },
  {
    // 每项加3分 / 每建立一种渠道加20分 / 每一条记录加2分 / 每作出一个服务对接的加5分 / 每项1分
    kind: "perItem",
    re: new RegExp(`每(?!少|增加|多|减少)([^\\d，,。；;、：:]{0,8}?)${CNUM}?\\s*${QUNIT}([\\p{Script=Han}“”"]{0,10}?)的?[，,]?(?:加|得|计)?${NUM}分`, "u"),
    make(m) {
      const [, what, per, unit, noun, points] = m;
      if (unit === "分") return undefined;
      const n = numbersAfter(m, 1 + what!.length, [per, points!]);
      return { numbers: n, clause: `每${per && per !== "一" ? num(per) : unit === "项" || unit === "次" ? "" : "1"}${unitOf(unit!)}加${points}分`, unit: unitOf(unit!), what: `${what}${noun}` };
    },
  },
  {
    // 基准200万元，满分1000万元，其间按线性计
    kind: "baseline",
    re: new RegExp(`基准(?:值)?(?:为)?\\s*${NUM}\\s*${QUNIT}?[，,]?\\s*满分(?:值)?(?:为)?\\s*[≥>＞]?\\s*${NUM}\\s*${QUNIT}?(?:[，,]?(其间按线性计|其间得${NUM}分))?`),
    make(m) {
      const [, base, unit, full, unit2, between, betweenPoints] = m;
      const n = numbersAfter(m, 0, [base!, full!, ...(betweenPoints ? [betweenPoints] : [])]);
      const u = unitOf(unit ?? unit2 ?? "");
      return {
        numbers: n,
        clause: `基准${base}${u}，满分${full}${u}，${between ? (betweenPoints ? `其间得${betweenPoints}分` : "其间按线性计") : "其间按线性计"}`,
        unit: u || undefined,
        what: "",
        ...(between ? {} : { assumption: "原文未写明基准值与满分值之间如何计分，草稿暂按线性计，请核对" }),
      };
    },
  },
  {
    // 若第三方抽样评估企业的满意度低于60%的，本指标项目视为0分
    kind: "veto",
    re: new RegExp(`(${COND})的?[，,]?(?:则)?(?:本指标(?:项目)?|本项(?:指标)?|该项(?:指标)?|该指标)(?:视为|计|得|为|记)0分`),
    make(m) {
      const sides = sidesOf(m[1]!, m.index);
      if (!sides) return undefined;
      return { numbers: sides.map((s) => ({ value: s.value, start: s.start, end: s.end })), clause: conditionClause(sides), unit: sides[0]!.unit, what: "" };
    },
  },
  {
    // 达到60%不足70%的，加20分 / 不低于10%的，加30分
    // 1次以上扣3分: a deduction on a condition (negative points)
    kind: "add",
    re: new RegExp(`(${COND})的?[，,]?(加|扣|扣减|减)${NUM}分`),
    make(m) {
      const sides = sidesOf(m[1]!, m.index);
      if (!sides) return undefined;
      const points = m[m.length - 1]!;
      const deduct = m[m.length - 2] !== "加";
      return {
        numbers: [...sides.map((s) => ({ value: s.value, start: s.start, end: s.end })), ...negated(numbersAfter(m, m[1]!.length, [points]), deduct)],
        clause: `${conditionClause(sides)}${deduct ? "扣" : "加"}${points}分`,
        unit: sides[0]!.unit,
        what: "",
      };
    },
  },
  {
    // A.服务收入300万元以上或服务收入占总收入比重15%以上（10分） / 200万元以上或10%以上得7分: a band met by either measure
    kind: "tiers",
    re: new RegExp(`(?:^|(?<=[\\s，,；;。：:、]))(?:[A-Ha-h][.．、]\\s*)?(?<what>[^（()）；;。\\sA-H\\d]{0,16}?)\\s*(?<cond>${COND})\\s*(?:或者|或)\\s*(?<alt>[^（()）；;。\\s\\d]{0,16}?)\\s*(?<altCond>${COND})\\s*(?:[（(](?<p1>\\d+(?:\\.\\d+)?)分[)）]|的?[，,]?(?:可)?得(?<p2>\\d+(?:\\.\\d+)?)分)`, "u"),
    make(m) {
      const all = m[0];
      const { what, cond, alt, altCond } = m.groups!;
      const points = m.groups!.p1 ?? m.groups!.p2!;
      const at = all!.indexOf(cond!);
      const altAt = all!.indexOf(altCond!, at + cond!.length + 1);
      const sides = sidesOf(cond!, m.index + at);
      const altSides = sidesOf(altCond!, m.index + altAt);
      if (!sides || !altSides) return undefined;
      const side = (x: Side) => ({ value: x.value, start: x.start, end: x.end });
      return {
        numbers: [...sides.map(side), ...altSides.map(side), ...numbersAfter(m, altAt + altCond!.length, [points])],
        clause: `${conditionClause(sides)}得${points}分`,
        unit: sides[0]!.unit,
        what: what!,
        alternative: { what: alt!, unit: altSides[0]!.unit, clause: `${conditionClause(altSides)}得${points}分` },
      };
    },
  },
  {
    // A. 30%（含）以上（20分） B. 25%（含）-30%（16分）: lettered bands with the points in brackets
    kind: "tiers",
    re: new RegExp(`(?:^|(?<=[\\s，,；;。：:、]))(?:[A-Ha-h][.．、]\\s*)?([^（()）；;。\\sA-H]{0,16}?)(${COND})\\s*[（(](\\d+(?:\\.\\d+)?)分[)）]`, "u"),
    make(m) {
      const cond = m[2]!;
      const sides = sidesOf(cond, m.index + m[0].indexOf(cond));
      if (!sides) return undefined;
      const points = m[m.length - 1]!;
      return {
        numbers: [...sides.map((s) => ({ value: s.value, start: s.start, end: s.end })), ...numbersAfter(m, m[0].indexOf(cond) + cond.length, [points])],
        clause: `${conditionClause(sides)}得${points}分`,
        unit: sides[0]!.unit,
        what: m[1]!,
      };
    },
  },
  {
    // 1份及以上得5分 / 90%以上得10分 (consecutive bands are joined into one part below)
    kind: "tiers",
    re: new RegExp(`(${COND})[\\p{Script=Han}“”"]{0,8}?的?[，,]?(?:可)?得${NUM}分`, "u"),
    make(m) {
      const sides = sidesOf(m[1]!, m.index);
      if (!sides) return undefined;
      const points = m[m.length - 1]!;
      return {
        numbers: [...sides.map((s) => ({ value: s.value, start: s.start, end: s.end })), ...numbersAfter(m, m[1]!.length, [points])],
        clause: `${conditionClause(sides)}得${points}分`,
        unit: sides[0]!.unit,
        what: "",
      };
    },
  },
  {
    // 由专家组评分，去掉一个最高分和一个最低分后取平均 / 专家评分取中位数
    kind: "expert",
    re: /(?:由([^，,。；;]{1,12}?))?(?:评分|打分|评审打分|评议)?[，,]?(去掉一个最高分和一个最低分后?(?:取平均|求平均|的平均)(?:值|分)?|取平均(?:值|分)|算术平均|取中位数)/,
    make: (m) => ({ numbers: [], clause: "综合评定", unit: undefined, what: m[1] ?? "", panel: m[2]!.startsWith("去掉") ? "trimmedMean" : m[2] === "取中位数" ? "median" : "mean" }),
  },
  {
    // 国家级（10分）、省级（6分）、市级（3分）/ 国家级得10分，省级得6分: points by level
    kind: "levels",
    re: new RegExp(`${LEVEL}[^（()）；;。，,、\\d]{0,8}?(?:[（(]${NUM}分[)）]|得${NUM}分)(?:[、，,；;]?\\s*${LEVEL}[^（()）；;。，,、\\d]{0,8}?(?:[（(]${NUM}分[)）]|得${NUM}分))+`),
    make(m) {
      const levels: { value: string; points: string }[] = [];
      const numbers: PhraseNumber[] = [];
      const one = new RegExp(`${LEVEL}[^（()）；;。，,、\\d]{0,8}?(?:[（(]${NUM}分[)）]|得${NUM}分)`, "g");
      let x: RegExpExecArray | null;
      while ((x = one.exec(m[0]))) {
        const points = x[2] ?? x[3]!;
        const at = m.index + x.index + x[0].lastIndexOf(points);
        levels.push({ value: x[1]!, points });
        numbers.push({ value: points, start: at, end: at + points.length });
      }
      if (new Set(levels.map((l) => l.value)).size !== levels.length) return undefined;
      return { numbers, clause: levels.map((l) => `${l.value}得${l.points}分`).join("；"), unit: undefined, what: "", levels };
    },
  },
  {
    // 由省工信厅综合评定
    kind: "expert",
    re: /(?:由([^，,。；;]+?))?(综合评定|专家评定|专家评审|综合评价打分|评审确定)/,
    make: (m) => ({ numbers: [], clause: "综合评定", unit: undefined, what: m[1] ?? "" }),
  },
  {
    kind: "discretionary",
    re: /酌情(?:加分|给分|计分|加)/,
    make: () => ({ numbers: [], clause: "酌情加分", unit: undefined, what: "" }),
  },
  {
    // 直到满分100为止 / 合计不超过15分 / 最高不超过20分
    kind: "cap",
    re: new RegExp(`直到满分${NUM}分?为止|(?:合计|累计|总计|最高|本项|本指标)?(?:不超过|不得超过|最高)${NUM}分(?:为止)?|以${NUM}分为限|${NUM}分封顶`),
    make(m) {
      const v = m[1] ?? m[2] ?? m[3] ?? m[4]!;
      return { numbers: numbersAfter(m, 0, [v]), clause: `直到满分${v}为止`, unit: undefined, what: "" };
    },
  },
  {
    // 最多80分 / 最多扣10分 (a sentence's own cap)
    kind: "atMost",
    re: new RegExp(`最多(?:加|扣|减)?${NUM}分`),
    make: (m) => ({ numbers: numbersAfter(m, 0, [m[1]!]), clause: `最多${m[1]}分`, unit: undefined, what: "" }),
  },
  {
    // <50个不得分 / 低于60%的不得分: below the first band there are no points, which the bands already say
    kind: "floor",
    re: new RegExp(`(${COND})的?[，,]?(?:不得分|不计分|得0分|计0分|为0分)`),
    make: (m) => ({ numbers: [], clause: "", unit: undefined, what: m[1] ?? "" }),
  },
  {
    // E.无（0分） / F.没有知识产权（0分）: the band below every other gets nothing, which the bands already say
    kind: "floor",
    re: /(?:[A-Ha-h][.．、]\s*)?(?:无|没有[\p{Script=Han}]{0,10}|未[\p{Script=Han}]{1,10}|不具备[\p{Script=Han}]{0,8}|其他)\s*[（(]0分[)）]/u,
    make: () => ({ numbers: [], clause: "", unit: undefined, what: "" }),
  },
  {
    // 扣完为止 / 扣至0分为止: the indicator's floor, which every deduction already has
    kind: "floor",
    re: /(?:扣|减)(?:完|至0分|到0分)(?:本项分值)?为止/,
    make: () => ({ numbers: [], clause: "", unit: undefined, what: "" }),
  },
  {
    // 经省工信厅认定有效的得10分 / 做好日常更新维护得5分 / ……的，加50分 / 发生安全生产事故的，扣6分
    kind: "flag",
    re: new RegExp(`(?:的)?[，,]?(得|加|(?<!每[^，,。；;]{0,12})扣|(?<!每[^，,。；;]{0,12})扣减)${NUM}分`),
    make(m) {
      const [, verb, points] = m;
      const deduct = verb!.startsWith("扣");
      return { numbers: negated(numbersAfter(m, 0, [points!]), deduct), clause: `${deduct ? "扣" : verb}${points}分`, unit: undefined, what: "" };
    },
  },
];

/** The numbers `values` found one after another in the match, starting `from` characters in. */
function numbersAfter(m: RegExpExecArray, from: number, values: (string | undefined)[]): PhraseNumber[] {
  let pos = from;
  return values.map((v) => {
    if (v === undefined || v === "") return { value: "1", start: undefined, end: undefined };
    const i = m[0].indexOf(v, pos);
    if (i < 0) return { value: num(v), start: undefined, end: undefined };
    pos = i + v.length;
    return { value: num(v), start: m.index + i, end: m.index + i + v.length };
  });
}

/** Points taken off (扣N分) are negative points; the digits in the text stay where they are. */
function negated(numbers: PhraseNumber[], deduct: boolean): PhraseNumber[] {
  return deduct ? numbers.map((n) => ({ ...n, value: n.value === "0" ? n.value : `-${n.value}` })) : numbers;
}

/** Whether the text between two phrases joins them into one set of bands (only punctuation and 的). */
const JOINER = /^[\s，,；;、的或]*(?:[A-Ha-h][.．、])?\s*$/;

/** The scoring phrases of a sentence, left to right, without overlaps; consecutive 得 bands are one phrase. */
export function findPhrases(sentence: string): Phrase[] {
  const found: Phrase[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  for (const p of PATTERNS) {
    const g = new RegExp(p.re.source, p.re.flags.includes("g") ? p.re.flags : p.re.flags + "g");
    let m: RegExpExecArray | null;
    while ((m = g.exec(sentence))) {
      if (m[0] === "") {
        g.lastIndex++;
        continue;
      }
      // leading punctuation and 的 of a match belong to the sentence, not the phrase
      const lead = /^[的，,\s]*/.exec(m[0])![0].length;
      const start = m.index + lead;
      const end = m.index + m[0].length;
      if (taken(start, end)) continue;
      const made = p.make(m);
      if (!made) continue;
      const before = sentence.slice(0, start);
      const continues = /[，,；;]\s*$/.test(before) || before.trim() === "";
      found.push({ ...made, kind: p.kind, start, end, continues: continues && /^(?:达到|达|不低于|不少于|满|超过|高于|不足|低于|未达到|\d)/.test(sentence.slice(start)) });
    }
  }
  found.sort((a, b) => a.start - b.start);
  // 「90%以上得10分；80%以上得8分」: one part with three bands
  const joined: Phrase[] = [];
  for (const f of found) {
    const last = joined[joined.length - 1];
    // 「国家级每项加5分，省级每项加3分」: points per item of each level, one phrase with its levels
    const level = f.kind === "perItem" && f.numbers[0]?.start === undefined ? new RegExp(`${LEVEL}$`).exec(sentence.slice(Math.max(0, f.start - 8), f.start))?.[1] : undefined;
    if (level && f.what === "") {
      const item = { value: level, points: f.numbers[f.numbers.length - 1]!.value };
      if (last && last.kind === "perItem" && last.levels && /^[\s，,；;、]*$/.test(sentence.slice(last.end, f.start - level.length))) {
        joined[joined.length - 1] = { ...last, end: f.end, numbers: [...last.numbers, ...f.numbers], levels: [...last.levels, item], clause: `${last.clause}，${level}${f.clause}` };
        continue;
      }
      joined.push({ ...f, start: f.start - level.length, levels: [item], clause: `${level}${f.clause}` });
      continue;
    }
    if (last && last.kind === "tiers" && f.kind === "tiers" && last.unit === f.unit && JOINER.test(sentence.slice(last.end, f.start))) {
      // bands of one quantity only: 「Ⅰ类知识产权1项以上」 and 「Ⅱ类知识产权1项以上」 are two measures, not two bands
      const subject = (x: Phrase) => x.what.replace(/[^\p{Script=Han}A-Za-z]/gu, "");
      // a band without its own words (「B.200万元以上或10%以上（7分）」) goes on with the quantity of the band before
      const mixed = (subject(f) !== "" && subject(last) !== subject(f)) || last.clause.split("；").some((c) => c.replace(/得[\d.]+分$/, "") === f.clause.replace(/得[\d.]+分$/, ""));
      const either = last.alternative !== undefined || f.alternative !== undefined;
      const alternative = last.alternative && f.alternative && last.alternative.unit === f.alternative.unit ? { ...last.alternative, clause: `${last.alternative.clause}；${f.alternative.clause}` } : undefined;
      const unreadable = mixed || last.unreadable ? "各档的条件针对不同的项目（或条件相同），不是同一个数量的分档" : either && !alternative ? "有的档由两个数量之一达到，有的档只有一个数量" : undefined;
      const items = [...(last.items ?? [{ what: last.what, clause: last.clause, unit: last.unit }]), { what: f.what, clause: f.clause, unit: f.unit }];
      joined[joined.length - 1] = { ...last, end: f.end, numbers: [...last.numbers, ...f.numbers], clause: `${last.clause}；${f.clause}`, items, ...(alternative ? { alternative } : {}), ...(unreadable ? { unreadable } : {}) };
    } else joined.push(f);
  }
  return joined;
}

/**
 * The sentences of a description, split after 。 (and ；; too when `pieces`): bands written across 「；」
 * (「90%以上得15分；80%-90%得10分」) are one sentence for reading phrases, several pieces for counting.
 */
export function splitSentences(description: string, pieces = false): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = pieces ? /[^。；;]+[。；;]?/g : /[^。]+。?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(description))) {
    const lead = /^\s*/.exec(m[0])![0].length;
    const text = m[0].slice(lead).trimEnd();
    if (text !== "") out.push({ text, start: m.index + lead });
  }
  return out;
}

/** Whether the words left of a sentence still say how points are given. */
export function saysScoring(rest: string): boolean {
  return /\d+(?:\.\d+)?\s*分|综合评定|专家评定|评审打分|酌情|加分(?!项)|扣分(?!项)|减分|得分|不得分|不计分/.test(rest);
}

/**
 * Grade bands stated in a note under the table: 「总分90分以上为优秀，75-89分为良好」, 「85分以上的评为五星」.
 * Only bands on points (分) of the total are read; the labels are the words after 为.
 */
export function gradeBands(note: string): { clause: string; label: string }[] {
  const out: { clause: string; label: string }[] = [];
  // 「50分以上，其中服务能力不低于30分为合格」: a band with conditions beyond the total is left to the officer, never cut short
  if (/其中|且|均|同时|并/.test(note)) return [];
  const re = new RegExp(`(${COND})(?:的|者)?(?:为|评为|认定为|定为|可评为)([^\\s，,；;。、：:\\d（()）]{1,6})`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(note))) {
    const sides = sidesOf(m[1]!, m.index);
    if (!sides || sides.some((s) => s.unit !== "分")) continue;
    out.push({ clause: conditionClause(sides), label: m[m.length - 1]!.replace(/(等级|级别|档次)$/, "") });
  }
  return out;
}

/**
 * The first comparison of a condition's words (「场地面积不小于3000平方米」 → 「不低于3000平方米」 at 4–13),
 * in the language's words, with its unit; undefined when the words compare nothing.
 */
export function comparisonIn(text: string): { clause: string; unit: string; start: number; end: number } | undefined {
  const re = new RegExp(COND, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const sides = sidesOf(m[0], m.index);
    if (sides) return { clause: conditionClause(sides), unit: sides[0]!.unit, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}
