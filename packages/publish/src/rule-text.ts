/**
 * A rule, part or condition said back in the officer's words, from the bound model alone
 * (the diff and the side-by-side view never re-read source text).
 */
import type { Condition, GradeBand, Indicator, Interval, Part, Rule } from "@zhunsheng/core";
import { assertNever } from "./never.ts";

const READING: Record<string, string> = { floor: "不足一档不计", ceil: "不足一档按一档计", proRata: "按比例计" };

const u = (unit: string | undefined) => unit ?? "";

/** 「每1次」 is written 「每次」 only when the source did; the model keeps the number, so say it. */
function per(n: string, unit: string | undefined): string {
  return `每${n === "1" && (unit === "项" || unit === "次") ? "" : n}${u(unit)}`;
}

/** One part as a phrase: 「达1500家次得15分，每少100家次减1分」. */
export function partText(p: Part): string {
  switch (p.kind) {
    case "tiers":
      return p.tiers.map((t) => `${t.interval.text}得${t.points}分`).join("；");
    case "add":
      return `${p.interval.text}加${p.points}分`;
    case "flag":
      return `得${p.points}分`;
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
      return [...p.bands.map((b) => `${b.values.join("、")}得${b.points}分`), ...(p.otherwise !== undefined ? [`其他得${p.otherwise}分`] : [])].join("；");
    case "baseline":
      return `基准${p.base}${u(p.unit)}，满分${p.full}${u(p.unit)}，${p.between === "linear" ? "其间按线性计" : `其间得${p.between}分`}`;
    default:
      return assertNever(p);
  }
}

/** A whole rule: subject then its parts. */
export function ruleText(r: Rule): string {
  const subject = r.chooseOne ? `选其一（${r.subjects.map((s) => s.name).join("、")}）` : (r.subjects[0]?.name ?? "");
  const parts = r.parts.map(partText).join("；");
  return `${subject} ${parts}${r.atMost !== undefined ? `，最多${r.atMost}分` : ""}`;
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

/** Every rule of an indicator, caps and vetoes included, as sentences. */
export function indicatorRuleText(ind: Indicator): string {
  const lines = ind.rules.map(ruleText);
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
