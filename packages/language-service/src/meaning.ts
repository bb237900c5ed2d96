/**
 * The exact meaning of a comparative as written, in Chinese, after the Civil Code rule.
 * The meaning of whole scoring parts (formula, interval notation) is the core's `partMeaning`.
 */
import { OPERATOR_LABEL, type Bound, type Comparison, type Interval, type Operator } from "@zhunsheng/core";

/** Civil Code art. 1259, quoted wherever an operator is explained. */
export const CIVIL_CODE_1259 = "《民法典》第一千二百五十九条：民法所称的「以上」「以下」「以内」「届满」，包括本数；所称的「不满」「超过」「以外」，不包括本数。";

/** 「x ≥ 1500（含1500）」 */
export function operatorMeaning(op: Operator, value: string, unit = ""): string {
  const n = `${value}${unit}`;
  const inclusive = op === ">=" || op === "<=";
  return `x ${OPERATOR_LABEL[op]} ${value}（${inclusive ? "含" : "不含"}${n}本身）`;
}

/** The interval of comparisons written together (达到60%不足70% → [60, 70)). */
export function intervalOfComparisons(comparisons: readonly Comparison[]): Pick<Interval, "lo" | "hi"> {
  let lo: Bound | undefined;
  let hi: Bound | undefined;
  for (const c of comparisons) {
    const b = { value: c.value.value, closed: c.op === ">=" || c.op === "<=" };
    if (c.op === ">=" || c.op === ">") lo = b;
    else hi = b;
  }
  return { lo, hi };
}

/** 「60 ≤ x < 70」 */
export function inequality(i: Pick<Interval, "lo" | "hi">, x = "x"): string {
  const lo = i.lo ? `${i.lo.value} ${i.lo.closed ? "≤" : "<"} ` : "";
  const hi = i.hi ? ` ${i.hi.closed ? "≤" : "<"} ${i.hi.value}` : "";
  if (!lo && !hi) return "任意取值";
  return `${lo}${x}${hi}`;
}
