/**
 * The explanation of one platform's score — its own stage, run only for the platform whose
 * explanation is shown. It calls the reference closures (parts.ts), so what it says is what
 * was computed; derived values appear with their formula and exact value:
 * 「专业人员比例 = 1190 ÷ 2000 × 100 = 59.5%，低于60%：不符合」.
 */
import type { Condition, Rubric } from "../model.ts";
import type { Rational } from "../decimal.ts";
import {
  categoryMax,
  categoryScore,
  contribution,
  eligibilityOf,
  evalIndicator,
  exactText,
  explainRule,
  fmt,
  gradeOf,
  relationText,
  relaxedLabels,
  scaleInterval,
  ZERO,
  type IndicatorFn,
  type Model,
  type Row,
} from "./parts.ts";
import { exprText, type ReadRecord } from "./read.ts";

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
  row: Row;
}

/** An input's value as shown: an entered value, or a derived one with its formula (「专业人员比例 = 1190 ÷ 2000 × 100 =」 then the value). */
function subjectLabel(x: Ex, i: number): string {
  const input = x.rubric.inputs[i]!;
  if (input.kind !== "derived" || !input.expression) return input.name;
  const values = exprText(input.expression, (name) => valueText(x, name));
  return `${input.name} = ${values} =`;
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

/** A condition with the platform's value, and where that value stands: holds → the words as written; fails → 「低于60%」. */
function conditionText(x: Ex, c: Condition, holds: boolean): string {
  if (c.kind === "flags") return c.inputs.map((inp) => `${inp.name}为「${x.row.values[x.model.compiled.index.get(inp.name)!] ? "是" : "否"}」`).join("、");
  const i = x.model.compiled.index.get(c.input.name)!;
  const unit = c.input.unit ?? "";
  const derived = c.input.kind === "derived";
  const shown = derived ? `${subjectLabel(x, i)} ${exactText(derivedValue(x, i))}` : `${c.input.name} ${fmt(x.row.values[i]!, x.model.ctx)}`;
  if (holds) return `${shown}${unit}，${c.interval.text}`;
  const si = scaleInterval(c.interval, x.model.ctx);
  const cmp = (t: number | undefined) => (t === undefined ? 0 : derived ? x.model.compiled.ratSub.cmp(derivedValue(x, i), t) : x.model.compiled.intSub.cmp(x.row.values[i]!, t));
  return `${shown}${unit}，${relationText(c.interval, { lo: cmp(si.lo), hi: cmp(si.hi) }, unit)}`;
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
  for (const r of f.rules) {
    const ruleMissing = r.requires.filter((k) => x.row.values[k] === 0).map((k) => inputs[k]!.name);
    const blocked = missingEvidence.length > 0 || ruleMissing.length > 0;
    const i = r.derived ? r.subjects[0]! : r.chooseOne ? (r.subjects.find((k) => x.row.present[k]) ?? r.subjects[0]!) : r.subjects[0]!;
    const name = inputs[i]!.name;
    const label = blocked ? name : subjectLabel(x, i);
    const e = explainRule(r, x.row, blocked, label);
    raw += e.value;
    let text = e.texts.join("；");
    if (!text.startsWith(name)) text = `${name} ${e.shown}${inputs[i]!.unit ?? ""}：${text}`;
    if (r.atMost !== undefined && e.raw > r.atMost) text += `；本句最多${fmt(r.atMost, ctx)}分`;
    if (ruleMissing.length > 0) text = `未提供「${ruleMissing.join("」「")}」，本句视为无：${text}`;
    children.push({ label: name, text, score: fmt(e.value, ctx), children: [] });
  }
  const max = f.max;
  const notes: string[] = [];
  if (f.cap !== undefined && raw > f.cap) notes.push(`合计${fmt(raw, ctx)}分，直到满分${fmt(f.cap, ctx)}分为止`);
  else if (max !== undefined && !f.indicator.bonus && raw > max) notes.push(`合计${fmt(raw, ctx)}分，以满分${fmt(max, ctx)}分为限`);
  if (raw < 0) notes.push(`合计${fmt(raw, ctx)}分，最低0分`);
  for (const veto of f.vetoes) {
    if (veto.test(x.row)) notes.push(`否决：${conditionText(x, veto.condition, true)}，本指标为0分`);
  }
  const maxText = max !== undefined ? `（满分${fmt(max, ctx)}分）` : "";
  const weightText = f.weight !== undefined ? `，权重${f.indicator.weight}，计入总分${fmt(contribution(f, s, ctx), ctx)}分` : "";
  const summary =
    children.length === 1 && notes.length === 0 && !f.indicator.startsFull ? `${children[0]!.text}${maxText}${weightText}` : `${[...children.map((c) => c.text), ...notes].join("；")}；得${fmt(s, ctx)}分${maxText}${weightText}`;
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
  let t = 0;
  for (const c of model.categories) {
    const s = categoryScore(c, read, ctx);
    t += s;
    const kids = c.indicators.map((f) => explainIndicator(x, f));
    const sum = c.indicators.reduce((a, f) => a + contribution(f, evalIndicator(f, read), ctx), 0);
    const capText = c.cap !== undefined && sum > c.cap ? `，合计${fmt(sum, ctx)}分，不超过${fmt(c.cap, ctx)}分` : "";
    const cmax = categoryMax(c.category, ctx);
    children.push({
      label: c.category.name,
      text: `${c.category.kind === "bonus" ? "加分项" : "类别"}「${c.category.name}」得${fmt(s, ctx)}分${capText}（满分${cmax}分）`,
      score: fmt(s, ctx),
      max: cmax,
      children: kids,
    });
  }
  const g = gradeOf(model, t, read);
  if (g.vetoed) {
    const v = model.vetoes.find((z) => z.label === g.vetoed && z.test(read))!;
    children.push({ label: "否决", text: `${conditionText(x, v.condition, true)}：直接视为${v.label}`, children: [] });
  } else if (rubric.grades.length > 0) {
    children.push({ label: rubric.gradeKind, text: g.grade ? `总分${fmt(t, ctx)}分，${rubric.gradeKind}为「${g.grade}」` : `总分${fmt(t, ctx)}分不在任何${rubric.gradeKind}区间内`, children: [] });
  }
  const el = model.eligibility;
  if (el) {
    const e = eligibilityOf(model, read);
    const lifted = relaxedLabels(el, read);
    const by = el.relaxations
      .filter((z) => read.values[z.flag] !== 0)
      .map((z) => `${z.relaxation.label ? `（${z.relaxation.label}）` : ""}${z.relaxation.flag.name}`)
      .join("、");
    const kids = el.rules.map((r) => {
      const ok = r.test.test(read);
      const label = r.rule.label ? `（${r.rule.label}）` : "";
      const relaxedNote = !ok && r.rule.label && lifted.has(r.rule.label) ? (e.eligible ? `；依${by}放宽` : `；依${by}本可放宽`) : "";
      return { label: `条件${label}`, text: `${conditionText(x, r.rule.condition, ok)}：${ok ? "符合" : "不符合"}${relaxedNote}`, children: [] };
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
