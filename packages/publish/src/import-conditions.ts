/**
 * A list of 认定条件 as a notice prints it — 「（一）当年度考核合格；（二）场地面积不小于3000平方米；（三）创业实体入驻率
 * 不低于60%，在孵创业实体近2年年均不少于30户」 — read into the 认定条件 of a draft: each numbered item one or
 * more 条件 lines (their words joined by 「，」 must all hold), 「或」 kept as alternatives, each comparison on an
 * input named from its words, and words that compare nothing a yes/no input the officer answers.
 */
import { comparisonIn } from "./phrases.ts";

/** One numbered condition of the list: its label (一, 二…) and its words. */
export interface ListedCondition {
  label: string;
  text: string;
}

/** The numbered conditions of a text: lines that start with （一）, （二）… (at least two, in order). */
export function conditionList(text: string): ListedCondition[] {
  const out: ListedCondition[] = [];
  for (const line of text.replace(/\r/g, "").split("\n")) {
    const m = /^\s*(?:[-*]\s*)?[（(]([一二三四五六七八九十]{1,3})[）)]\s*(.+?)\s*$/.exec(line);
    // 「（一）运营资质。政府批准设立…」: the item's own heading is not a condition
    if (m) out.push({ label: m[1]!, text: m[2]!.replace(/^[\p{Script=Han}]{2,6}[。：:]\s*/u, "").replace(/[；;。.]+$/, "") });
  }
  return out.length >= 2 ? out : [];
}

/** Verbs and fillers before the measured words: 「拥有不低于500平方米的服务场地」 names 服务场地. */
const LEAD = /^(?:须|需|应|应当|必须|已|具有|具备|拥有|提供|有|配备|建有|累计|年均|每年|近\d年|近[一二三两]年|上年度|当年度)+/;

const UNIT_WORD: Record<string, string> = { 平方米: "面积", "%": "比例", 万元: "金额", 亿元: "金额", 家: "数", 户: "数", 个: "数", 人: "人数", 名: "人数", 位: "人数", 次: "次数", 场: "场数", 项: "项数", 年: "年数" };

/** A name for what a comparison measures, from the words around it. */
function measuredName(before: string, after: string, unit: string): string {
  const clean = (s: string) => s.replace(/[^\p{Script=Han}A-Za-z]/gu, "");
  const own = clean(before.replace(LEAD, ""));
  if (own.length >= 2) return own.slice(-16);
  // 「不低于500平方米的服务场地」: the measured thing follows
  const next = /^(?:的|以上的|以上)?([\p{Script=Han}A-Za-z]{2,14})/u.exec(after)?.[1];
  if (next) return `${clean(next)}${UNIT_WORD[unit] && !next.endsWith(UNIT_WORD[unit]!) ? UNIT_WORD[unit] : ""}`;
  return "";
}

export interface ConditionAtom {
  /** The input it reads and how it is declared (the declaration is completed with the name). */
  name: string;
  unit: string | undefined;
  /** The comparison in the language's words, or undefined for a yes/no input. */
  comparison: string | undefined;
  /** The words of the policy, kept as the input's description. */
  words: string;
}

/** An item's words → its parts that must all hold, each a list of alternatives (「或」). */
export function conditionAtoms(text: string): ConditionAtom[][] | undefined {
  const parts = text.split(/[，,；;。]\s*(?!或)|且/).map((p) => p.trim()).filter((p) => p !== "");
  const out: ConditionAtom[][] = [];
  for (const part of parts) {
    const alternatives = part.split(/[，,]?\s*(?:或者|或)\s*/).map((a) => a.trim()).filter((a) => a !== "");
    const atoms: ConditionAtom[] = [];
    for (const words of alternatives) {
      // two numbers in one part (「市（州）本级不少于40家、县不少于30家」, 「5名工作人员和10名创业导师」) say more than one comparison: left to the officer
      if ((words.match(/\d+(?:\.\d+)?/g) ?? []).length > 1) return undefined;
      const c = comparisonIn(words);
      if (!c) {
        // words that compare nothing: a yes/no input the officer answers (「当年度考核合格」)
        if (/\d/.test(words)) return undefined;
        const name = words.replace(/[^\p{Script=Han}A-Za-z]/gu, "").slice(0, 24);
        if (name.length < 3) return undefined;
        atoms.push({ name, unit: undefined, comparison: undefined, words });
        continue;
      }
      const name = measuredName(words.slice(0, c.start), words.slice(c.end), c.unit);
      // a name of two characters (「安排」) does not say what is measured
      if (name.length < 3) return undefined;
      atoms.push({ name, unit: c.unit, comparison: c.clause, words });
    }
    out.push(atoms);
  }
  return out.length > 0 ? out : undefined;
}
