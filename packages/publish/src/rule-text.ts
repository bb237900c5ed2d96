/**
 * A rule, part or condition said back in the officer's words, from the bound model alone
 * (the diff and the side-by-side view never re-read source text).
 */
import type { Condition, GradeBand, Indicator, Input, Interval, Part, Rule, RuleGroup } from "@zhunsheng/core";
import { assertNever } from "./never.ts";

const READING: Record<string, string> = { floor: "不足一档不计", ceil: "不足一档按一档计", proRata: "按比例计" };

const u = (unit: string | undefined) => unit ?? "";

/** 「每1次」 is written 「每次」 only when the source did; the model keeps the number, so say it. */
function per(n: string, unit: string | undefined): string {
  return `每${n === "1" && (unit === "项" || unit === "次") ? "" : n}${u(unit)}`;
}

/** Points as awarded: 「得6分」「加6分」, and a negative award as the officer writes it, 「扣6分」. */
export function awardText(verb: "得" | "加", points: string): string {
  return points.startsWith("-") ? `扣${points.slice(1)}分` : `${verb}${points}分`;
}

/** One part as a phrase: 「达1500家次得15分，每少100家次减1分」. */
export function partText(p: Part): string {
  switch (p.kind) {
    case "tiers":
      return p.tiers.map((t) => `${t.interval.text}${awardText("得", t.points)}`).join("；");
    case "add":
      return `${p.interval.text}${awardText("加", p.points)}`;
    case "flag":
      return awardText("得", p.points);
    case "stepDeduction":
      return `${p.thresholdText}得${p.full}分，每少${p.step}${u(p.unit)}减${p.per}分${p.readingExplicit ? `（${READING[p.reading]}）` : ""}`;
    case "increments":
      return `${p.fromText}后每增加${p.step}${u(p.unit)}加${p.points}分`;
    case "perItem":
      return `${per(p.per, p.unit)}加${p.points}分`;
    case "countDeduction":
      return `${per(p.per, p.unit)}减${p.points}分`;
    case "expert":
      return "综合评定";
    case "discretionary":
      return "酌情加分";
    case "levels":
      return [...p.bands.map((b) => `${b.values.join("、")}${awardText("得", b.points)}`), ...(p.otherwise !== undefined ? [`其他${awardText("得", p.otherwise)}`] : [])].join("；");
    case "baseline":
      return `基准${p.base}${u(p.unit)}，满分${p.full}${u(p.unit)}，${p.between === "linear" ? "其间按线性计" : `其间得${p.between}分`}`;
    default:
      return assertNever(p);
  }
}

/** How the experts' scores of a 评分 input combine (语法参考 §2). */
export const PANEL_TEXT = { mean: "取平均", trimmedMean: "去掉一个最高分和一个最低分后取平均", median: "取中位数" } as const;

/** A part said for its subject: an expert score read from a panel says how the panel's scores combine. */
function partFor(p: Part, subject: Input | undefined): string {
  if (p.kind === "expert" && subject?.panel) return `由专家评分，${PANEL_TEXT[subject.panel]}`;
  return partText(p);
}

const requiresText = (r: Rule) => (r.requires.length > 0 ? `（需提供 ${r.requires.map((i) => i.name).join("、")}）` : "");

/** A whole rule: subject then its parts. */
export function ruleText(r: Rule): string {
  const subject = r.chooseOne ? `选其一（${r.subjects.map((s) => s.name).join("、")}）` : (r.subjects[0]?.name ?? "");
  const parts = r.parts.map((p) => partFor(p, r.chooseOne ? undefined : r.subjects[0])).join("；");
  return `${subject} ${parts}${r.atMost !== undefined ? `，最多${r.atMost}分` : ""}${requiresText(r)}`;
}

/** The 清单 input whose item counts every rule of the group scores, if they all score one list. */
function listOf(g: RuleGroup): string | undefined {
  const lists = new Set(g.rules.map((r) => (r.parts.length === 1 && r.subjects.length === 1 && !r.chooseOne ? r.subjects[0]!.item?.list : undefined)));
  const [only] = lists;
  return lists.size === 1 && only !== undefined ? only : undefined;
}

/** One item's clause of a list sentence: 「国家级每项加5分」「省级得6分」. */
function itemClause(r: Rule): string {
  const value = r.subjects[0]!.item!.value;
  const p = r.parts[0]!;
  switch (p.kind) {
    case "perItem":
      return `${value}${per(p.per, p.unit)}${awardText("加", p.points)}`;
    case "countDeduction":
      return `${value}${per(p.per, p.unit)}扣${p.points}分`;
    case "tiers":
      return `${value}${awardText("得", p.tiers[0]!.points)}`;
    case "add":
      return `${value}${awardText("加", p.points)}`;
    default:
      return `${value} ${partText(p)}`;
  }
}

/**
 * A 取其高者 group of one band list per input with the same points band by band is a set of bands each
 * met by either measure (「300万元以上或 服务收入比重 15%以上得10分」): the best band met by any input
 * is the highest of the inputs' own bands, so the two readings are the same rule.
 */
export function eitherBands(g: RuleGroup): { subjects: Input[]; bands: { intervals: Interval[]; points: string }[] } | undefined {
  if (g.combine !== "max" || g.rules.length < 2 || g.atMost !== undefined) return undefined;
  const tiers = g.rules.map((r) => (r.parts.length === 1 && r.parts[0]!.kind === "tiers" && r.subjects.length === 1 && !r.chooseOne && r.atMost === undefined && r.requires.length === 0 && r.subjects[0]!.item === undefined ? r.parts[0]!.tiers : undefined));
  const first = tiers[0];
  if (!first || tiers.some((t) => t === undefined || t.length !== first.length || t.some((b, k) => b.points !== first[k]!.points))) return undefined;
  return { subjects: g.rules.map((r) => r.subjects[0]!), bands: first.map((b, k) => ({ intervals: tiers.map((t) => t![k]!.interval), points: b.points })) };
}

/** One group of an indicator's sentences as the language writes it. */
export function groupText(g: RuleGroup): string {
  const option = g.option !== undefined ? `选项（${g.option}）` : "";
  const atMost = g.atMost !== undefined ? `，最多${g.atMost}分` : "";
  const list = listOf(g);
  if (list !== undefined) return `${option}${list} ${g.rules.map(itemClause).join("，")}${g.combine === "max" ? `（${g.text ?? "取最高一项"}）` : ""}${atMost}${requiresText(g.rules[0]!)}`;
  const either = eitherBands(g);
  if (either) {
    const bands = either.bands.map((b) => `${b.intervals.map((iv, j) => (j === 0 ? iv.text : `或 ${either.subjects[j]!.name} ${iv.text}`)).join("")}${awardText("得", b.points)}`);
    return `${option}${either.subjects[0]!.name} ${bands.join("；")}`;
  }
  if (g.combine === "sum") return `${option}${g.rules.map(ruleText).join("；")}${atMost}`;
  return `${option}${g.rules.map(ruleText).join(" 或 ")}，${g.text ?? (g.combine === "max" ? "取其高者" : "取其低者")}${atMost}`;
}

export function conditionText(c: Condition): string {
  switch (c.kind) {
    case "compare":
      return `${c.input.name} ${c.interval.text}${c.overrides.map((o) => `（${conditionText(o.when)} ${o.interval.text}）`).join("")}`;
    case "flags":
      return c.inputs.map((i) => i.name).join("或");
    case "score":
      return `${c.target.kind === "total" ? "总分" : `${c.label}得分`} ${c.interval.text}`;
    case "is":
      return `${c.input.name} 为 ${c.values.join("、")}`;
    case "all":
      return c.conditions.map(conditionText).join("，且 ");
    case "any":
      return c.conditions.map(conditionText).join("，或 ");
  }
}

/** Every rule of an indicator, caps and vetoes included, as sentences; options say 「由平台选择一项评分」. */
export function indicatorRuleText(ind: Indicator): string {
  const lines = ind.groups.map(groupText);
  if (ind.options.length > 0) lines.unshift(`从${ind.options.map((o) => `（${o}）`).join("")}中选择一项评分`);
  if (ind.cap !== undefined) lines.push(`直到满分${ind.cap}为止`);
  for (const v of ind.vetoes) lines.push(`若 ${conditionText(v.condition)} 则本指标为0分`);
  return lines.join("；");
}

/** The numbers a rule turns on, as the officer reads them: 「达1500家次」「3次及以上」「基准200万元」. */
export function thresholdsOf(ind: Indicator): string[] {
  const out: string[] = [];
  for (const r of ind.rules) {
    for (const p of r.parts) {
      switch (p.kind) {
        case "tiers":
          out.push(...p.tiers.map((t) => t.interval.text));
          break;
        case "add":
          out.push(p.interval.text);
          break;
        case "stepDeduction":
          out.push(p.thresholdText);
          break;
        case "increments":
          out.push(p.fromText);
          break;
        case "baseline":
          out.push(`基准${p.base}${u(p.unit)}`, `满分值${p.full}${u(p.unit)}`);
          break;
        case "levels":
          out.push(...p.bands.map((b) => b.values.join("、")));
          break;
        case "flag":
        case "perItem":
        case "countDeduction":
        case "expert":
        case "discretionary":
          break;
        default:
          assertNever(p);
      }
    }
  }
  for (const v of ind.vetoes) if (v.condition.kind === "compare") out.push(`否决：${v.condition.interval.text}`);
  return out;
}

export function intervalText(i: Interval): string {
  return i.text;
}

export function bandText(g: GradeBand): string {
  return `${g.interval.text}${g.also ? `，其中 ${conditionText(g.also)}` : ""}：${g.label}`;
}
