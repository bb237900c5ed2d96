/**
 * The explanation of one platform's score — its own stage, run only for the platform whose
 * explanation is shown. It calls the reference closures (parts.ts), so what it says is what
 * was computed; derived values appear with their formula and exact value:
 * 「专业人员比例 = 1190 ÷ 2000 × 100 = 59.5%，低于60%：不符合」.
 */
import type { Condition, Interval, Rubric } from "../model.ts";
import { ratCompare, type Rational } from "../decimal.ts";
import {
  categoryMax,
  categoryScore,
  chosenOption,
  clampTotal,
  combineGroup,
  contribution,
  eligibilityOf,
  evalIndicator,
  exactText,
  explainRule,
  fmt,
  gradeOf,
  compileCondition,
  relationText,
  scaleInterval,
  scoreOf,
  scoresOf,
  ZERO,
  type IndicatorFn,
  type Model,
  type Row,
  type ScoreView,
} from "./parts.ts";
import { exprText, type ReadRecord } from "./read.ts";
import { readsRational } from "../model-walk.ts";

export interface Explanation {
  label: string;
  text: string;
  score?: string;
  max?: string;
  children: Explanation[];
}

/** Whether an explanation's sentence already starts with its label as a word (「网站日常维护为「是」…」). */
export function namesItself(e: Explanation): boolean {
  return e.text.startsWith(e.label) && /^([ ：为]|$)/.test(e.text.slice(e.label.length));
}

interface Ex {
  rubric: Rubric;
  model: Model;
  row: Row & { panels?: ReadRecord["panels"] };
}

/** An input's value as shown: an entered value, or a derived one with its formula (「专业人员比例 = 1190 ÷ 2000 × 100 =」 then the value). */
function subjectLabel(x: Ex, i: number): string {
  const input = x.rubric.inputs[i]!;
  const scores = x.row.panels?.get(i);
  if (input.panel && scores) return `${input.name}（${panelText(input.panel, scores)} = ${exactText(x.row.derived[i] ?? ZERO)}）`;
  if (input.kind !== "derived" || !input.expression) return input.name;
  const values = exprText(input.expression, (name) => valueText(x, name));
  return `${input.name} = ${values} =`;
}

/** 「专家评分15、16、18、12、20，去掉最高分20、最低分12后取平均：(15+16+18)÷3」 */
function panelText(panel: NonNullable<Rubric["inputs"][number]["panel"]>, scores: readonly Rational[]): string {
  const shown = scores.map(exactText);
  const sorted = [...scores].sort(ratCompare);
  if (panel === "median") return `各位专家评分${shown.join("、")}，取中位数`;
  const used = panel === "trimmedMean" ? sorted.slice(1, -1) : sorted;
  const dropped = panel === "trimmedMean" ? `，去掉最高分${exactText(sorted[sorted.length - 1]!)}、最低分${exactText(sorted[0]!)}后` : "，";
  return `各位专家评分${shown.join("、")}${dropped}取平均：(${used.map(exactText).join("+")})÷${used.length}`;
}

function valueText(x: Ex, name: string): string | undefined {
  const i = x.model.compiled.index.get(name);
  if (i === undefined) return undefined;
  const q = x.row.derived[i];
  if (q) return exactText(q);
  return fmt(x.row.values[i]!, x.model.ctx);
}

function derivedValue(x: Ex, i: number): Rational {
  return x.row.derived[i] ?? ZERO;
}

/** A condition with the platform's values, and where they stand: holds → the words as written; fails → 「低于60%」. */
function conditionText(x: Ex, c: Condition, scores?: ScoreView): string {
  const { compiled, ctx } = x.model;
  switch (c.kind) {
    case "flags":
      return c.inputs.map((inp) => `${inp.name}为「${x.row.values[compiled.index.get(inp.name)!] ? "是" : "否"}」`).join("、");
    case "compare": {
      // another threshold for this kind of platform: say which one applied
      for (const o of c.overrides) {
        if (compileCondition(o.when, compiled).test(x.row)) return `${conditionText(x, o.when)}，适用「${o.interval.text}」：${valueAgainst(x, c.input, o.interval)}`;
      }
      return valueAgainst(x, c.input, c.interval);
    }
    case "score": {
      const v = scores ? scoreOf(c.target, compiled, scores) : 0;
      const si = scaleInterval(c.interval, ctx);
      const cmp = (t: number | undefined) => (t === undefined ? 0 : v - t);
      const holds = compileCondition(c, compiled).test(x.row, scores);
      const head = c.target.kind === "total" ? `总分 ${fmt(v, ctx)}分` : `「${c.label}」得分 ${fmt(v, ctx)}分`;
      return `${head}，${holds ? c.interval.text : relationText(c.interval, { lo: cmp(si.lo), hi: cmp(si.hi) }, "分")}`;
    }
    case "is": {
      const value = c.input.values[x.row.values[compiled.index.get(c.input.name)!]!] ?? "";
      const holds = c.values.includes(value);
      return `${c.input.name}为「${value}」${holds ? "" : `，不是「${c.values.join("」「")}」`}`;
    }
    case "all":
    case "any": {
      // each part with its own outcome; 或: met when any part is
      const parts = c.conditions.map((part) => `${conditionText(x, part, scores)}（${compileCondition(part, compiled).test(x.row, scores) ? "符合" : "不符合"}）`);
      return parts.join(c.kind === "all" ? "；" : "；或 ");
    }
  }
}

/** An input's value against an interval. */
function valueAgainst(x: Ex, input: Rubric["inputs"][number], interval: Interval): string {
  const i = x.model.compiled.index.get(input.name)!;
  const unit = input.unit ?? "";
  const derived = readsRational(input);
  const shown = derived ? `${subjectLabel(x, i)} ${exactText(derivedValue(x, i))}` : `${input.name} ${fmt(x.row.values[i]!, x.model.ctx)}`;
  const si = scaleInterval(interval, x.model.ctx);
  const cmp = (t: number | undefined) => (t === undefined ? 0 : derived ? x.model.compiled.ratSub.cmp(derivedValue(x, i), t) : x.model.compiled.intSub.cmp(x.row.values[i]!, t));
  const c = { lo: cmp(si.lo), hi: cmp(si.hi) };
  const holds = !(si.lo !== undefined && (si.loClosed ? c.lo < 0 : c.lo <= 0)) && !(si.hi !== undefined && (si.hiClosed ? c.hi > 0 : c.hi >= 0));
  return `${shown}${unit}，${holds ? interval.text : relationText(interval, c, unit)}`;
}

function explainIndicator(x: Ex, f: IndicatorFn): Explanation {
  const { ctx } = x.model;
  const inputs = x.rubric.inputs;
  const s = evalIndicator(f, x.row);
  const children: Explanation[] = [];
  const missingEvidence = f.requires.filter((r) => x.row.values[r] === 0).map((r) => inputs[r]!.name);
  if (missingEvidence.length > 0) {
    children.push({ label: "证明材料", text: `未提供「${missingEvidence.join("」「")}」：不按要求提供则视为无，不计入评分，按无此项计`, children: [] });
  }
  if (f.indicator.startsFull && f.max !== undefined) children.push({ label: "起点", text: `从满分${fmt(f.max, ctx)}分起扣`, children: [] });
  let raw = f.indicator.startsFull && f.max !== undefined ? f.max : 0;
  const explainMember = (r: IndicatorFn["rules"][number]): { child: Explanation; value: number } => {
    const ruleMissing = r.requires.filter((k) => x.row.values[k] === 0).map((k) => inputs[k]!.name);
    const blocked = missingEvidence.length > 0 || ruleMissing.length > 0;
    const i = r.derived ? r.subjects[0]! : r.chooseOne ? (r.subjects.find((k) => x.row.present[k]) ?? r.subjects[0]!) : r.subjects[0]!;
    const name = inputs[i]!.name;
    const label = blocked ? name : subjectLabel(x, i);
    const e = explainRule(r, x.row, blocked, label);
    let text = e.texts.join("；");
    if (!text.startsWith(name)) text = `${name} ${e.shown}${inputs[i]!.unit ?? ""}：${text}`;
    if (r.atMost !== undefined && e.raw > r.atMost) text += `；本句最多${fmt(r.atMost, ctx)}分`;
    if (ruleMissing.length > 0) text = `未提供「${ruleMissing.join("」「")}」，本句视为无：${text}`;
    return { child: { label: name, text, score: fmt(e.value, ctx), children: [] }, value: e.value };
  };
  const options = f.indicator.options;
  const chosen = options.length > 0 ? chosenOption(f, x.row) : -1;
  if (options.length > 0) children.push({ label: "选项", text: `平台选择了选项（${options[chosen] ?? "?"}）按其计分，其他选项不计`, children: [] });
  for (const g of f.groups) {
    if (g.option >= 0 && g.option !== chosen) continue;
    const members = g.members.map((k) => explainMember(f.rules[k]!));
    const value = combineGroup(g, members.map((m) => m.value));
    raw += value;
    if (g.group.combine === "sum" && members.length === 1 && g.atMost === undefined) {
      children.push(members[0]!.child);
      continue;
    }
    // 取其高者 / 取其低者: each way of scoring, then the one that counts
    const sum = members.reduce((a, m) => a + m.value, 0);
    const capped = g.atMost !== undefined && (g.group.combine === "sum" ? sum : value) > g.atMost ? `，最多${fmt(g.atMost, ctx)}分` : "";
    const how = g.group.combine === "sum" ? `合计${fmt(sum, ctx)}分${capped}` : `${g.group.text ?? "取其高者"}：${fmt(combineGroup({ ...g, atMost: undefined }, members.map((m) => m.value)), ctx)}分${capped}`;
    children.push({ label: g.group.text ?? "合计", text: `${members.map((m) => m.child.text).join("；")}；${how}`, score: fmt(value, ctx), children: members.map((m) => m.child) });
  }
  const max = f.max;
  const notes: string[] = [];
  if (f.cap !== undefined && raw > f.cap) notes.push(`合计${fmt(raw, ctx)}分，直到满分${fmt(f.cap, ctx)}分为止`);
  else if (max !== undefined && !f.indicator.bonus && !f.indicator.deduction && raw > max) notes.push(`合计${fmt(raw, ctx)}分，以满分${fmt(max, ctx)}分为限`);
  if (f.indicator.deduction) {
    if (max !== undefined && raw < -max) notes.push(`合计扣${fmt(-raw, ctx)}分，本项最多扣${fmt(max, ctx)}分`);
  } else if (raw < 0) notes.push(`合计${fmt(raw, ctx)}分，最低0分`);
  for (const veto of f.vetoes) {
    if (veto.test(x.row)) notes.push(`否决：${conditionText(x, veto.condition)}，本指标为0分`);
  }
  const maxText = max === undefined ? "" : f.indicator.deduction ? `（最多扣${fmt(max, ctx)}分）` : `（满分${fmt(max, ctx)}分）`;
  const weightText = f.weight !== undefined ? `，权重${f.indicator.weight}，计入总分${fmt(contribution(f, s, ctx), ctx)}分` : "";
  const summary =
    children.length === 1 && notes.length === 0 && !f.indicator.startsFull
      ? `${children[0]!.text}${maxText}${weightText}`
      : `${[...children.map((c) => c.text), ...notes].join("；")}；${f.indicator.deduction ? (s === 0 ? "不扣分" : `扣${fmt(-s, ctx)}分`) : `得${fmt(s, ctx)}分`}${maxText}${weightText}`;
  return { label: f.indicator.name, text: summary, score: fmt(s, ctx), ...(max !== undefined ? { max: fmt(max, ctx) } : {}), children };
}

/** The explanation of a platform's record once read (errors explained instead of a score). */
export function explainRead(rubric: Rubric, model: Model, read: ReadRecord): Explanation {
  const title = read.platform ?? "平台";
  if (read.errors.length > 0) {
    return {
      label: title,
      text: `数据有${read.errors.length}处错误，无法评分`,
      children: read.errors.map((e) => ({ label: e.field, text: e.message, children: [] })),
    };
  }
  const x: Ex = { rubric, model, row: read };
  const { ctx } = model;
  const children: Explanation[] = [];
  let sumAll = 0;
  for (const c of model.categories) {
    const s = categoryScore(c, read, ctx);
    sumAll += s;
    const kids = c.indicators.map((f) => explainIndicator(x, f));
    const sum = c.indicators.reduce((a, f) => a + contribution(f, evalIndicator(f, read), ctx), 0);
    const cmax = categoryMax(c.category, ctx);
    if (c.category.kind === "deduction") {
      const capText = c.cap !== undefined && sum < -c.cap ? `，合计扣${fmt(-sum, ctx)}分，最多扣${fmt(c.cap, ctx)}分` : c.cap !== undefined ? `（最多扣${fmt(c.cap, ctx)}分）` : "";
      children.push({ label: c.category.name, text: `扣分项「${c.category.name}」${s === 0 ? "不扣分" : `扣${fmt(-s, ctx)}分`}${capText}`, score: fmt(s, ctx), max: cmax, children: kids });
      continue;
    }
    const capText = c.cap !== undefined && sum > c.cap ? `，合计${fmt(sum, ctx)}分，不超过${fmt(c.cap, ctx)}分` : "";
    children.push({
      label: c.category.name,
      text: `${c.category.kind === "bonus" ? "加分项" : "类别"}「${c.category.name}」得${fmt(s, ctx)}分${capText}（满分${cmax}分）`,
      score: fmt(s, ctx),
      max: cmax,
      children: kids,
    });
  }
  const t = clampTotal(sumAll);
  if (sumAll < 0) children.push({ label: "总分", text: `各项合计${fmt(sumAll, ctx)}分，总分最低0分`, children: [] });
  const scores = scoresOf(model, read);
  const g = gradeOf(model, scores, read);
  if (g.ungraded) {
    children.push({ label: rubric.gradeKind, text: `不符合认定条件，不予评定${rubric.gradeKind}`, children: [] });
  } else if (g.vetoed) {
    const v = model.vetoes.find((z) => z.label === g.vetoed && z.test(read, scores))!;
    children.push({ label: "否决", text: `${conditionText(x, v.condition, scores)}：直接视为${v.label}`, children: [] });
  } else if (rubric.grades.length > 0) {
    const band = rubric.grades.find((b) => b.label === g.grade);
    const also = band?.also ? `，且${conditionText(x, band.also, scores)}` : "";
    // a band whose total fits but whose further conditions fail is said, so the missing grade is understood
    const missed = g.grade ? [] : model.grades.filter((b) => b.test(t) && b.also && !b.also.test(read, scores)).map((b) => `总分在「${b.label}」的区间内，但${conditionText(x, b.also!.condition, scores)}`);
    children.push({
      label: rubric.gradeKind,
      text: g.grade ? `总分${fmt(t, ctx)}分${also}，${rubric.gradeKind}为「${g.grade}」` : `总分${fmt(t, ctx)}分不在任何${rubric.gradeKind}区间内${missed.length ? `（${missed.join("；")}）` : ""}`,
      children: [],
    });
  }
  const el = model.eligibility;
  if (el) {
    const e = eligibilityOf(model, read, scores);
    const active = el.relaxations.filter((z) => z.test.test(read, scores));
    const kids = el.rules.map((r) => {
      const ok = r.test.test(read, scores);
      const label = r.rule.label ? `（${r.rule.label}）` : "";
      // only the relaxations that lift this very condition are named
      const by = r.rule.label ? active.filter((z) => z.relaxation.relaxed.includes(r.rule.label!)) : [];
      // a yes/no basis is named (「依（七）服务业绩突出放宽」); another condition is stated with its values
      const basis = (c: Condition) => (c.kind === "flags" ? c.inputs.map((i) => i.name).join("、") : conditionText(x, c, scores));
      const byText = by.map((z) => `${z.relaxation.label ? `（${z.relaxation.label}）` : ""}${basis(z.relaxation.condition)}`).join("、");
      const relaxedNote = !ok && by.length > 0 ? (e.eligible ? `；依${byText}放宽` : `；依${byText}本可放宽`) : "";
      return { label: `条件${label}`, text: `${conditionText(x, r.rule.condition, scores)}：${ok ? "符合" : "不符合"}${relaxedNote}`, children: [] };
    });
    children.push({
      label: "认定条件",
      text: e.eligible ? (e.relaxed ? `符合认定条件（放宽了条件${e.relaxed.map((l) => `（${l}）`).join("")}，已记录）` : "符合全部认定条件") : "不符合认定条件",
      children: kids,
    });
  }
  return {
    label: title,
    text: `总分${fmt(t, ctx)}分${rubric.maxTotal ? `（最高${rubric.maxTotal}分）` : ""}${g.grade ? `，${rubric.gradeKind}「${g.grade}」` : ""}`,
    score: fmt(t, ctx),
    children,
  };
}
