/**
 * The exact meaning of what was written, in Chinese: intervals after the Civil Code rule and
 * the formula of each scoring part. Shared by hover and the workbench's curve view.
 */
import { OPERATOR_LABEL, type Bound, type Comparison, type Input, type Interval, type Operator, type Part } from "@zhunsheng/core";

/** Civil Code art. 1259, quoted wherever an operator is explained. */
export const CIVIL_CODE_1259 = "《民法典》第一千二百五十九条：民法所称的「以上」「以下」「以内」「届满」，包括本数；所称的「不满」「超过」「以外」，不包括本数。";

/** 「x ≥ 1500（含1500）」 */
export function operatorMeaning(op: Operator, value: string, unit = ""): string {
  const n = `${value}${unit}`;
  const inclusive = op === ">=" || op === "<=";
  return `x ${OPERATOR_LABEL[op]} ${value}（${inclusive ? "含" : "不含"}${n}本身）`;
}

function boundText(b: Bound | undefined, side: "lo" | "hi"): string {
  if (!b) return side === "lo" ? "(−∞" : "+∞)";
  return side === "lo" ? `${b.closed ? "[" : "("}${b.value}` : `${b.value}${b.closed ? "]" : ")"}`;
}

/** Interval notation: [60, 70), [1500, +∞). */
export function intervalNotation(i: Pick<Interval, "lo" | "hi">): string {
  return `${boundText(i.lo, "lo")}, ${boundText(i.hi, "hi")}`;
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

const READING: Record<string, string> = {
  floor: "不足一档不计",
  ceil: "不足一档按一档计",
  proRata: "按比例计",
};

/** One sentence per scoring part, with the operator and interval made explicit. */
export function describePart(part: Part, input: Input | undefined, indicatorMax: string | undefined): string {
  const u = input?.unit ?? "";
  const x = input?.name ?? "x";
  switch (part.kind) {
    case "tiers":
      return `按档取一（满足的档中取最高一档）：${part.tiers.map((t) => `${inequality(t.interval, x)} 即 ${intervalNotation(t.interval)} 得${t.points}分`).join("；")}；都不满足得0分`;
    case "add":
      return `${inequality(part.interval, x)} 即 ${intervalNotation(part.interval)} 时加${part.points}分（与其他加分累计）`;
    case "flag":
      return `${x}为「是」时得${part.points}分，为「否」不得分`;
    case "stepDeduction":
      return `${x} ${part.threshold.closed ? "≥" : ">"} ${part.threshold.value}${u} 得${part.full}分；不足时每差${part.step}${part.unit ?? u}减${part.per}分（${READING[part.reading]}${part.readingExplicit ? "" : "，默认读法"}），最低0分`;
    case "increments":
      return `${x} ${OPERATOR_LABEL[part.fromOp]} ${part.from.value}${u} 时，加 ${part.points} × ⌊(${x} − ${part.from.value}) ÷ ${part.step}⌋ 分（完整一档才计）`;
    case "perItem":
      return `每${part.per === "1" ? "" : part.per}${part.unit ?? u}加${part.points}分：得分 = ${part.points} × ⌊${x} ÷ ${part.per}⌋`;
    case "countDeduction":
      return `从指标分值${indicatorMax ?? ""}分起扣，每${part.per === "1" ? "" : part.per}${part.unit ?? u}减${part.points}分，最低0分`;
    case "expert":
      return `得分 = 录入的评定分${input?.min !== undefined ? `（须在 ${input.min}～${input.max ?? ""} 之间，超出是数据错误）` : ""}`;
    case "discretionary":
      return "得分 = 录入的酌情分，受指标封顶约束";
    case "baseline":
      return part.between === "linear"
        ? `${x} < ${part.base}${u} 得0分；${x} ≥ ${part.full}${u} 得满分${indicatorMax ?? ""}分；其间按线性计：满分 × (${x} − ${part.base}) ÷ (${part.full} − ${part.base})`
        : `${x} < ${part.base}${u} 得0分；${x} ≥ ${part.full}${u} 得满分${indicatorMax ?? ""}分；其间得${part.between}分`;
  }
}
