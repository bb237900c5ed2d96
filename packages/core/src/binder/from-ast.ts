/**
 * AST → Rubric: resolves names, joins step deductions to their thresholds, applies defaults,
 * and reports the structural problems (names, units, sums, weights). Never mutates the AST.
 */
import { canonicalUnit, UNITS, type Operator } from "@zhunsheng/grammar";
import type { Clause, Condition as ConditionAst, FileAst, Pos, IndicatorAst, InputAst, Name, OverrideAst, Predicate, Quantity, Range, RuleAst, RuleGroupAst } from "../ast.ts";
import { addDecimals, canonicalDecimal, compareDecimals, decimalsOf, MAX_DECIMALS, scaleLimit, toScaled } from "../decimal.ts";
import { digitsFor, rubricDecimals } from "../scale.ts";
import { emptyList, exactLength } from "../exact-length.ts";
import { unitConversion } from "./units.ts";
import { diagnostic, type Diagnostic, type Fix } from "../diagnostics.ts";
import { indicatorNumbers, optionInputs } from "../model-walk.ts";
import type { Bound, Category, Condition, Indicator, Input, Interval, Override, Part, Rubric, Rule, RuleGroup, ScoreTarget } from "../model.ts";
import type { NameKind, NameOccurrence } from "./names.ts";

const DEFAULT_PRECISION = 2;

const TYPE_LABEL: Record<Input["type"], string> = {
  number: "数值",
  count: "计数",
  percent: "百分比",
  money: "金额",
  yesno: "是否",
  score: "评分",
  text: "文本",
  enum: "取值",
  list: "清单",
};

export { TYPE_LABEL };

export function formatOp(op: Operator): string {
  return op === ">=" ? "≥" : op === "<=" ? "≤" : op;
}

/** Interval of a condition after the Civil Code rule (the operator is already decided by the word). */
export function intervalOf(cond: ConditionAst, source: string): Interval {
  const text = source.slice(cond.range.start.offset, cond.range.end.offset);
  if (cond.kind === "between") {
    return { lo: { value: canonicalDecimal(cond.low.value), closed: cond.lowClosed }, hi: { value: canonicalDecimal(cond.high.value), closed: cond.highClosed }, text };
  }
  let lo: Bound | undefined;
  let hi: Bound | undefined;
  for (const c of cond.comparisons) {
    const value = canonicalDecimal(c.value.value);
    if (c.op === ">=" || c.op === ">") lo = { value, closed: c.op === ">=" };
    else hi = { value, closed: c.op === "<=" };
  }
  return { lo, hi, text };
}

/** The interval of a condition, and ZS3067 when no value lies in it (90～80%, 达到80%不足80%): such a band never applies. */
function boundInterval(ctx: BindContext, cond: ConditionAst): Interval {
  const interval = intervalOf(cond, ctx.source);
  const { lo, hi } = interval;
  if (lo && hi) {
    const order = compareDecimals(lo.value, hi.value);
    if (order > 0 || (order === 0 && !(lo.closed && hi.closed))) ctx.diagnostics.push(diagnostic("ZS3067", cond.range, [interval.text, lo.value, hi.value]));
  }
  return interval;
}

interface BindContext {
  source: string;
  ast: FileAst;
  diagnostics: Diagnostic[];
  inputs: Map<string, Input>;
  used: Set<string>;
  names: NameOccurrence[];
  /** Categories, 大类 and indicators by name: what a score condition may name. */
  scoreTargets: Map<string, ScoreTarget>;
  /** Where the quick fix of an undeclared input declares it: found once (finding it reads the text up to there). */
  declareAt?: { at: Pos; newSection: boolean };
  /** Suggestions for unknown inputs, and for unknown scores (two lists of candidates). */
  suggestInputs: Suggestions;
  suggestScores: Suggestions;
}

function occurrence(ctx: BindContext, kind: NameKind, n: Name, declaration: boolean): void {
  ctx.names.push({ kind, name: n.text, range: n.range, declaration });
}

/** One row of the edit-distance table, kept between calls (a name is a few characters; a hostile one may be long). */
let row = new Int32Array(64);

/**
 * The edit distance of a and b when it is at most `limit`, else `limit + 1`. A row whose every
 * cell is over the limit ends the count: the distance can only grow from there.
 */
function distanceWithin(a: string, b: string, limit: number, budget?: { spent: number }): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (row.length <= b.length) row = new Int32Array(b.length + 1);
  const dp = row;
  for (let j = 0; j <= b.length; j++) dp[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    let least = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      const d = Math.min(tmp + 1, dp[j - 1]! + 1, prev + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      dp[j] = d;
      if (d < least) least = d;
      prev = tmp;
    }
    if (least > limit) return limit + 1;
    if (budget && (budget.spent += b.length) > SUGGESTION_CELLS) return limit + 1;
  }
  return Math.min(dp[b.length]!, limit + 1);
}

/**
 * How much comparing a file's unknown names with the known ones may cost, counted in characters
 * compared (edit-distance cells, and both names' lengths for the containment test): some tens of
 * milliseconds. An unknown name among 100 inputs costs a few thousand; a hostile file (thousands
 * of inputs, thousands of unknown names) took minutes without a bound. Past it a name gets no
 * suggestion; the diagnostic itself is the same.
 */
export const SUGGESTION_CELLS = 4_000_000;

/** The suggestions of one file: all of them within SUGGESTION_CELLS, each unknown name compared once per list of candidates. */
interface Suggestions {
  cells: { spent: number };
  made: Map<string, string | undefined>;
  /** How many candidates there were when `made` was filled (inputs are still being declared while derived ones are read). */
  candidates: number;
}

function suggestFor(name: string, candidates: Map<string, unknown>, s: Suggestions): string | undefined {
  if (s.candidates !== candidates.size) {
    s.made.clear();
    s.candidates = candidates.size;
  }
  if (s.made.has(name)) return s.made.get(name);
  const found = suggestName(name, candidates.keys(), s.cells);
  s.made.set(name, found);
  return found;
}

/**
 * "你是不是想写「…」" for an unknown name: the first candidate at the least distance, where a
 * candidate that contains the name or is contained in it is as far as their lengths differ, and
 * no farther than half the name's length (2 for short names).
 */
export function suggestName(name: string, candidates: Iterable<string>, budget?: { spent: number }): string | undefined {
  let best: string | undefined;
  // only a strictly closer candidate replaces the one found, so anything farther than that need not be counted exactly
  let bestDistance = Math.max(2, Math.floor(name.length / 2)) + 1;
  for (const c of candidates) {
    if (budget && (budget.spent += name.length + c.length) > SUGGESTION_CELLS) break;
    const d = c.includes(name) || name.includes(c) ? Math.abs(c.length - name.length) : distanceWithin(name, c, bestDistance - 1, budget);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // a name whose comparisons ran out of the file's allowance gets none (not one from the candidates seen so far)
  return budget && budget.spent > SUGGESTION_CELLS ? undefined : best;
}

function resolve(ctx: BindContext, name: Name): Input | undefined {
  occurrence(ctx, "input", name, false);
  const input = ctx.inputs.get(name.text);
  if (input) {
    ctx.used.add(input.name);
    return input;
  }
  const s = suggestFor(name.text, ctx.inputs, ctx.suggestInputs);
  const fixes = [
    ...(s ? [{ title: `改为「${s}」`, edits: [{ range: name.range, newText: s }] }] : []),
    declareFix(ctx, name.text),
  ];
  const d = diagnostic("ZS2001", name.range, [name.text, s ? `，你是不是想写「${s}」？` : "：请在「输入」中声明"], fixes[0]);
  if (fixes.length > 1) d.otherFixes = fixes.slice(1);
  ctx.diagnostics.push(d);
  return undefined;
}

/** Quick fix for an undeclared input: declare it at the end of the 输入 section (or create the section). */
function declareFix(ctx: BindContext, name: string): Fix {
  const decl = /^[\p{Script=Han}A-Za-z_“"‘][\p{Script=Han}A-Za-z0-9_“”"‘’·]*$/u.test(name) ? name : `「${name}」`;
  const { at, newSection } = (ctx.declareAt ??= declarePlace(ctx));
  if (!newSection) return { title: `在「输入」中声明「${name}」`, edits: [{ range: { start: { ...at }, end: { ...at } }, newText: `\n  ${decl}：数值` }] };
  return { title: `新建「输入」并声明「${name}」`, edits: [{ range: { start: { ...at }, end: { ...at } }, newText: `\n输入\n  ${decl}：数值` }] };
}

/** The end of the last input's line, or (no input yet) the end of the header, where a new 输入 section goes. */
function declarePlace(ctx: BindContext): { at: Pos; newSection: boolean } {
  const last = [...ctx.ast.inputs].reverse().find((i) => i.kind === "input");
  if (last) return { at: lineEnd(ctx.source, last.range.end.offset), newSection: false };
  const after = ctx.ast.title ? lineEnd(ctx.source, Math.max(ctx.ast.title.range.end.offset, ...Object.values(ctx.ast.headerRanges).map((r) => r?.end.offset ?? 0))) : { offset: 0, line: 1, column: 1 };
  return { at: after, newSection: true };
}

function lineEnd(source: string, offset: number): Pos {
  let end = source.indexOf("\n", offset);
  if (end < 0) end = source.length;
  const before = source.slice(0, end);
  const line = before.split("\n").length;
  return { offset: end, line, column: end - before.lastIndexOf("\n") };
}

/** The item counts of a 清单 input: one derived count per value (「获奖（国家级）」). */
export function itemName(list: string, value: string): string {
  return `${list}（${value}）`;
}

function bindInput(ast: InputAst, ctx: BindContext): Input {
  if (ast.type === "enum" || ast.type === "list") {
    const values = ast.values.map((v) => v.text);
    if (values.length < 2) ctx.diagnostics.push(diagnostic("ZS2014", ast.name.range, [ast.name.text, TYPE_LABEL[ast.type]]));
    const twice = ast.values.find((v, k) => values.indexOf(v.text) !== k);
    if (twice) ctx.diagnostics.push(diagnostic("ZS2003", twice.range, [twice.text, `已是「${ast.name.text}」的取值`]));
  }
  if (ast.panel && ast.type !== "score") ctx.diagnostics.push(diagnostic("ZS2015", ast.name.range, [ast.name.text]));
  let type = ast.type;
  if (!type) {
    if (ast.kind === "derived") type = "number";
    else {
      ctx.diagnostics.push(diagnostic("ZS2008", ast.name.range, [ast.name.text]));
      type = "number";
    }
  }
  const unit = type === "percent" ? "%" : ast.unit?.text;
  // a unit written on an input is this file's unit; one outside the common table is noted, not refused
  if (ast.unit && !UNITS.includes(ast.unit.text)) ctx.diagnostics.push(diagnostic("ZS2013", ast.unit.range, [ast.unit.text]));
  let min = ast.low ? canonicalDecimal(ast.low.value) : undefined;
  let max = ast.high ? canonicalDecimal(ast.high.value) : undefined;
  if (type === "score" && (min === undefined || max === undefined)) ctx.diagnostics.push(diagnostic("ZS2006", ast.name.range, [ast.name.text]));
  if (!ast.low && (type === "count" || type === "money" || type === "percent" || type === "number") && ast.kind !== "derived") min = "0";
  if (!ast.high && type === "percent" && ast.kind !== "derived") max = "100";
  return {
    name: ast.name.text,
    kind: ast.kind,
    type,
    unit,
    min,
    max,
    direction: ast.direction,
    reference: ast.reference,
    description: ast.description?.text,
    expression: ast.expression,
    values: ast.values.length === 0 ? emptyList() : ast.values.map((v) => v.text),
    panel: ast.panel,
    item: undefined,
    range: ast.name.range,
  };
}

/** The derived counts of a 清单 input, one per value. */
function itemInputs(list: Input): Input[] {
  return list.values.map((value) => ({
    name: itemName(list.name, value),
    kind: "derived",
    type: "count",
    unit: list.unit ?? "项",
    min: "0",
    max: undefined,
    direction: list.direction,
    reference: false,
    description: `「${list.name}」中「${value}」的项数`,
    expression: undefined,
    values: [],
    panel: undefined,
    item: { list: list.name, value },
    range: list.range,
  }));
}

/**
 * Units of a threshold or step must be the input's. 家次 vs 家 is worth a warning; 亿元 on an input
 * kept in 万元 would compare numbers 10,000 times apart — an error, with the number written in the
 * input's unit as the fix when it has a finite decimal (units.ts holds the conversions).
 */
function checkUnit(ctx: BindContext, input: Input, q: Quantity): void {
  if (!q.unit || !input.unit || q.unit === "分") return;
  if (canonicalUnit(q.unit) === canonicalUnit(input.unit)) return;
  const conversion = unitConversion(q.value, q.unit, input.unit);
  if (conversion?.same) return;
  if (conversion?.converted !== undefined) {
    const { factor, converted } = conversion;
    ctx.diagnostics.push(
      diagnostic("ZS2016", q.range, [input.name, input.unit, q.unit, factor, converted], {
        title: `改为「${converted}${input.unit}」`,
        edits: [{ range: q.range, newText: `${converted}${input.unit}` }],
      }),
    );
    return;
  }
  if (conversion) {
    ctx.diagnostics.push(diagnostic("ZS2018", q.range, [input.name, input.unit, q.unit, conversion.factor, `${q.value}${q.unit}`]));
    return;
  }
  ctx.diagnostics.push(diagnostic("ZS2004", q.range, [input.name, input.unit, q.unit]));
}

/** Points are written with 分: a bare 「15」 where points are meant may be a count or a typo, so it is said. */
function checkPoints(ctx: BindContext, q: Quantity): void {
  if (q.unit && q.unit !== "分") ctx.diagnostics.push(diagnostic("ZS2004", q.range, ["分值", "分", q.unit]));
  // the same quantity can be checked from two places (a band split by measure): said once
  if (!q.unit && !ctx.diagnostics.some((d) => d.code === "ZS2017" && d.range.start.offset === q.range.start.offset)) {
    ctx.diagnostics.push(
      diagnostic("ZS2017", q.range, [q.value], { title: `写成「${q.value}分」`, edits: [{ range: { start: q.range.end, end: q.range.end }, newText: "分" }] }),
    );
  }
}

function conditionText(ctx: BindContext, range: Range): string {
  return ctx.source.slice(range.start.offset, range.end.offset);
}

/** 每增加S加P from a starting point (written, or the band before for 在此基础上): units, points and a positive step checked. */
function incrementsPart(
  ctx: BindContext,
  subject: Input,
  clause: { step: Quantity; points: Quantity; range: Range },
  start: { from: Bound; fromOp: Operator; fromText: string },
): Part | undefined {
  checkUnit(ctx, subject, clause.step);
  checkPoints(ctx, clause.points);
  if (!positiveStep(ctx, clause.step, "每次增加的数量", clause.range)) return undefined;
  const step = canonicalDecimal(clause.step.value);
  return { kind: "increments", ...start, step, points: canonicalDecimal(clause.points.value), reading: "floor", unit: subject.unit, range: clause.range };
}

/** A step (每少S, 每增加S, 每S项) must be positive: a zero step has no meaning and would divide by zero. */
function positiveStep(ctx: BindContext, q: Quantity, what: string, clause: Range): boolean {
  if (compareDecimals(q.value, "0") > 0) return true;
  ctx.diagnostics.push(diagnostic("ZS3052", q.range, [what, conditionText(ctx, clause).replace(/^[，,；;\s]+/, "")]));
  return false;
}

function bindRule(ast: RuleAst, ctx: BindContext): Rule | undefined {
  const subjects = exactLength(ast.subjects.map((n) => resolve(ctx, n)).filter((i): i is Input => i !== undefined));
  if (subjects.length !== ast.subjects.length) return undefined;
  const subject = subjects[0]!;
  const parts: Part[] = [];
  const requires: Input[] = [];
  let atMost: string | undefined;
  let lastGet: { interval: Interval; points: string; range: Range; clause: Clause } | undefined;

  for (const clause of ast.clauses) {
    switch (clause.kind) {
      case "award": {
        checkPoints(ctx, clause.points);
        // 扣6分: a deduction is a negative award
        const points = canonicalDecimal(clause.verb === "deduct" ? `-${clause.points.value}` : clause.points.value);
        // bands with 「或 另一输入」 were split into sentences of one input each (splitAlternatives)
        if (!clause.condition) {
          if (subject.type !== "yesno") ctx.diagnostics.push(diagnostic("ZS3014", clause.range, [points]));
          parts.push({ kind: "flag", points, range: clause.range });
          break;
        }
        for (const c of clause.condition.kind === "compare" ? clause.condition.comparisons : []) checkUnit(ctx, subject, c.value);
        const interval = boundInterval(ctx, clause.condition);
        if (clause.verb === "add" || clause.verb === "deduct") {
          parts.push({ kind: "add", interval, points, range: clause.range });
          lastGet = undefined;
          break;
        }
        const last = parts[parts.length - 1];
        const tier = { interval, points, range: clause.range };
        if (last?.kind === "tiers") last.tiers.push(tier);
        else parts.push({ kind: "tiers", tiers: [tier], range: clause.range });
        lastGet = { interval, points, range: clause.range, clause };
        break;
      }
      case "stepLess": {
        checkUnit(ctx, subject, clause.step);
        checkPoints(ctx, clause.points);
        if (!positiveStep(ctx, clause.step, "每档的差额", clause.range)) break;
        const last = parts[parts.length - 1];
        const threshold = lastGet?.interval.lo;
        if (!lastGet || last?.kind !== "tiers" || !threshold || lastGet.interval.hi) {
          ctx.diagnostics.push(diagnostic("ZS3013", clause.range));
          break;
        }
        last.tiers.pop();
        if (last.tiers.length === 0) parts.pop();
        parts.push({
          kind: "stepDeduction",
          threshold,
          thresholdText: lastGet.interval.text,
          full: lastGet.points,
          step: canonicalDecimal(clause.step.value),
          per: canonicalDecimal(clause.points.value),
          reading: "floor",
          readingExplicit: false,
          unit: subject.unit,
          range: { start: lastGet.range.start, end: clause.range.end },
        });
        lastGet = undefined;
        break;
      }
      case "increments": {
        checkUnit(ctx, subject, clause.from.value);
        const part = incrementsPart(ctx, subject, clause, {
          from: { value: canonicalDecimal(clause.from.value.value), closed: clause.from.op !== ">" },
          fromOp: clause.from.op,
          fromText: conditionText(ctx, clause.from.range),
        });
        if (part) parts.push(part);
        lastGet = undefined;
        break;
      }
      case "each": {
        checkUnit(ctx, subject, clause.per);
        checkPoints(ctx, clause.points);
        if (!positiveStep(ctx, clause.per, "「每…」的数量", clause.range)) break;
        const common = { per: canonicalDecimal(clause.per.value), points: canonicalDecimal(clause.points.value), unit: subject.unit, range: clause.range };
        parts.push(clause.verb === "add" ? { kind: "perItem", ...common } : { kind: "countDeduction", ...common });
        lastGet = undefined;
        break;
      }
      case "expert":
      case "discretionary":
        if (subject.type !== "score") {
          ctx.diagnostics.push(diagnostic("ZS3015", clause.range, [clause.kind === "expert" ? "综合评定" : "酌情加分", subject.name]));
        }
        parts.push({ kind: clause.kind, range: clause.range });
        break;
      case "baseline":
        checkUnit(ctx, subject, clause.base);
        checkUnit(ctx, subject, clause.full);
        parts.push({
          kind: "baseline",
          base: canonicalDecimal(clause.base.value),
          full: canonicalDecimal(clause.full.value),
          between: clause.between === "linear" ? "linear" : canonicalDecimal(clause.between.value),
          unit: subject.unit,
          range: clause.range,
        });
        if (compareDecimals(clause.base.value, clause.full.value) >= 0) {
          ctx.diagnostics.push(diagnostic("ZS3017", clause.range, [canonicalDecimal(clause.base.value), canonicalDecimal(clause.full.value)]));
        }
        break;
      case "onBasis": {
        // 在此基础上每增加…: from the threshold of the band just before
        const base = lastGet?.interval.lo;
        if (!base) {
          ctx.diagnostics.push(diagnostic("ZS3066", clause.range));
          break;
        }
        const part = incrementsPart(ctx, subject, clause, { from: base, fromOp: base.closed ? ">=" : ">", fromText: lastGet!.interval.text });
        if (part) parts.push(part);
        lastGet = undefined;
        break;
      }
      case "values": {
        // bands by value: a 取值 input (清单 sentences are split into item counts before)
        if (subject.type !== "enum") {
          ctx.diagnostics.push(diagnostic("ZS3059", clause.range, [subject.name]));
          break;
        }
        if (clause.per) {
          ctx.diagnostics.push(diagnostic("ZS3060", clause.range, [subject.name]));
          break;
        }
        checkPoints(ctx, clause.points);
        const points = canonicalDecimal(clause.verb === "deduct" ? `-${clause.points.value}` : clause.verb === "none" ? "0" : clause.points.value);
        for (const v of clause.values) if (!subject.values.includes(v.text)) ctx.diagnostics.push(diagnostic("ZS3065", v.range, [subject.name, v.text, subject.values.join("、")]));
        const last = parts[parts.length - 1];
        const levels = last?.kind === "levels" ? last : { kind: "levels" as const, all: subject.values, bands: [], otherwise: undefined, range: clause.range };
        if (levels !== last) parts.push(levels);
        if (clause.otherwise) levels.otherwise = points;
        else {
          const seen = new Set(levels.bands.flatMap((b) => b.values));
          for (const v of clause.values) if (seen.has(v.text)) ctx.diagnostics.push(diagnostic("ZS2003", v.range, [v.text, "已在前一档中写过"]));
          levels.bands.push({ values: clause.values.map((v) => v.text), points, range: clause.range });
        }
        levels.range = { start: levels.range.start, end: clause.range.end };
        lastGet = undefined;
        break;
      }
      case "highestItem":
        // on a 取值 input one value is given: the highest item is that value
        if (subject.type !== "enum") ctx.diagnostics.push(diagnostic("ZS3059", clause.range, [subject.name]));
        break;
      case "atMost":
        checkPoints(ctx, clause.points);
        atMost = canonicalDecimal(clause.points.value);
        break;
      case "requires":
        for (const n of clause.names) {
          const r = resolve(ctx, n);
          if (!r) continue;
          if (r.type !== "yesno") ctx.diagnostics.push(diagnostic("ZS3018", n.range, [r.name]));
          requires.push(r);
        }
        break;
      case "reading": {
        const target = [...parts].reverse().find((p) => p.kind === "stepDeduction" || p.kind === "increments");
        if (!target) ctx.diagnostics.push(diagnostic("ZS3019", clause.range));
        else if (target.kind === "stepDeduction") {
          target.reading = clause.reading;
          target.readingExplicit = true;
        } else if (target.kind === "increments") target.reading = clause.reading;
        break;
      }
    }
  }
  for (const s of subjects) {
    if (s.type === "text") ctx.diagnostics.push(diagnostic("ZS3021", ast.range, [s.name]));
  }
  if (ast.chooseOne) {
    const units = new Set(subjects.map((s) => s.unit));
    if (units.size > 1) ctx.diagnostics.push(diagnostic("ZS3022", ast.range, [subjects.map((s) => `「${s.name}」以${s.unit ?? "（无单位）"}计`).join("，")]));
  }
  return { subjects, chooseOne: ast.chooseOne, parts: exactLength(parts), atMost, requires: exactLength(requires), range: ast.range };
}

/** Where a condition may look: indicator vetoes read inputs only (an indicator's own score is not known yet). */
type ConditionScope = "inputs" | "scores";

/** A name in a condition: an input, or (when 得分 is written, or no input has the name) a score. */
function conditionSubject(name: Name, score: boolean, ctx: BindContext, scope: ConditionScope): { input: Input } | { target: ScoreTarget } | undefined {
  const target = ctx.scoreTargets.get(name.text);
  if (target && (score || !ctx.inputs.has(name.text))) {
    if (scope === "inputs") {
      ctx.diagnostics.push(diagnostic("ZS3047", name.range, [name.text]));
      return undefined;
    }
    return { target };
  }
  if (score) {
    const s = suggestFor(name.text, ctx.scoreTargets, ctx.suggestScores);
    ctx.diagnostics.push(diagnostic("ZS2012", name.range, [name.text, s ? `，你是不是想写「${s}」？` : ""]));
    return undefined;
  }
  const input = resolve(ctx, name);
  return input && { input };
}

function scoreInterval(ctx: BindContext, cond: ConditionAst): Interval {
  if (cond.kind === "compare") for (const c of cond.comparisons) checkPoints(ctx, c.value);
  else {
    checkPoints(ctx, cond.low);
    checkPoints(ctx, cond.high);
  }
  return boundInterval(ctx, cond);
}

/** One subject compared: an input's value (with the overrides for other kinds of platform) or a score. */
function compareCondition(name: Name, score: boolean, cond: ConditionAst, overrides: OverrideAst[], range: Range, ctx: BindContext, scope: ConditionScope): Condition | undefined {
  const subject = conditionSubject(name, score, ctx, scope);
  if (!subject) return undefined;
  if ("target" in subject) {
    if (overrides.length > 0) ctx.diagnostics.push(diagnostic("ZS3062", overrides[0]!.range, [name.text]));
    return { kind: "score", target: subject.target, label: name.text, interval: scoreInterval(ctx, cond), range };
  }
  const input = subject.input;
  if (input.type === "enum" || input.type === "list" || input.type === "text") {
    ctx.diagnostics.push(diagnostic("ZS3063", range, [input.name, TYPE_LABEL[input.type]]));
    return undefined;
  }
  if (cond.kind === "compare") for (const c of cond.comparisons) checkUnit(ctx, input, c.value);
  const bound: Override[] = [];
  for (const o of overrides) {
    const when = kindCondition(o.when, o.values, ctx);
    if (!when) continue;
    if (o.condition.kind === "compare") for (const c of o.condition.comparisons) checkUnit(ctx, input, c.value);
    bound.push({ when, interval: boundInterval(ctx, o.condition), range: o.range });
  }
  return { kind: "compare", input, interval: boundInterval(ctx, cond), overrides: bound, range };
}

/** The kind of platform an override is for: a yes/no input (培训类平台), a value of a 取值 input (县级), or `级别 为 县级`. */
function kindCondition(when: Name, values: Name[], ctx: BindContext): Condition | undefined {
  if (values.length > 0) return isCondition(when, values, when.range, ctx);
  const input = ctx.inputs.get(when.text);
  if (input) {
    ctx.used.add(input.name);
    if (input.type === "yesno") return { kind: "flags", inputs: [input], range: when.range };
    ctx.diagnostics.push(diagnostic("ZS3062", when.range, [when.text]));
    return undefined;
  }
  const owners = [...ctx.inputs.values()].filter((i) => i.type === "enum" && i.values.includes(when.text));
  if (owners.length === 1) {
    ctx.used.add(owners[0]!.name);
    return { kind: "is", input: owners[0]!, values: [when.text], range: when.range };
  }
  resolve(ctx, when);
  return undefined;
}

function isCondition(subject: Name, values: Name[], range: Range, ctx: BindContext): Condition | undefined {
  const input = resolve(ctx, subject);
  if (!input) return undefined;
  if (input.type !== "enum") {
    ctx.diagnostics.push(diagnostic("ZS3049", subject.range, [input.name]));
    return undefined;
  }
  const ok = values.filter((v) => {
    if (input.values.includes(v.text)) return true;
    ctx.diagnostics.push(diagnostic("ZS3065", v.range, [input.name, v.text, input.values.join("、")]));
    return false;
  });
  return ok.length === values.length ? { kind: "is", input, values: ok.map((v) => v.text), range } : undefined;
}

/** A condition as written → the model. Inputs and scores are resolved; 且/其中 → all, 或 → any. */
function bindCondition(p: Predicate, ctx: BindContext, scope: ConditionScope = "scores"): Condition | undefined {
  switch (p.kind) {
    case "compare":
      return compareCondition(p.subject, p.score, p.condition, p.overrides, p.range, ctx, scope);
    case "total":
      if (scope === "inputs") {
        ctx.diagnostics.push(diagnostic("ZS3047", p.range, ["总分"]));
        return undefined;
      }
      return { kind: "score", target: { kind: "total" }, label: "总分", interval: scoreInterval(ctx, p.condition), range: p.range };
    case "quantified": {
      const parts = p.subjects.map((n) => compareCondition(n, p.score, p.condition, [], n.range, ctx, scope));
      if (parts.some((c) => c === undefined)) return undefined;
      return { kind: p.quantifier, conditions: parts as Condition[], range: p.range };
    }
    case "is":
      return isCondition(p.subject, p.values, p.range, ctx);
    case "and":
    case "or": {
      const parts = p.operands.map((o) => bindCondition(o, ctx, scope));
      if (parts.some((c) => c === undefined)) return undefined;
      return { kind: p.kind === "and" ? "all" : "any", conditions: parts as Condition[], range: p.range };
    }
    case "flags": {
      const inputs = p.subjects.map((n) => resolve(ctx, n)).filter((i): i is Input => i !== undefined);
      if (inputs.length !== p.subjects.length) return undefined;
      for (const i of inputs) {
        if (i.type !== "yesno") ctx.diagnostics.push(diagnostic("ZS3023", p.range, [i.name]));
      }
      return { kind: "flags", inputs, range: p.range };
    }
  }
}

/** A number with a scoring unit in prose; never starts inside a longer number (linear on long digit runs). */
const PROSE_NUMBER = /(?<![\d.])(\d+(?:\.\d+)?)\s*(家次|个百分点|万元|家|条|次|份|项|分|%|％|人|种)/g;

/** Numbers in the published prose (with a scoring unit) that the rules never use. */
function checkProse(ind: Indicator, ctx: BindContext, categoryNumbers: readonly string[]): void {
  if (!ind.description || !ind.descriptionRange || ind.rules.length === 0) return;
  // numbers of the grade or star bands may be quoted in an indicator's prose (江苏: 75~84分为三星)
  const gradeNumbers = ctx.ast.grades.flatMap((g) => (g.condition.kind === "between" ? [g.condition.low.value, g.condition.high.value] : g.condition.comparisons.map((c) => c.value.value)));
  // the prose may also quote its category's points or its bonus group's cap (湖州: 「最高不超过5分」 under 加分项（不超过5分）)
  // 「扣6分」 states the points taken off (-6) by their size
  const numbers = new Set([...indicatorNumbers(ind), ...gradeNumbers, ...categoryNumbers].map((v) => canonicalDecimal(v.replace(/^-/, ""))));
  const missing = new Set<string>();
  for (const m of ind.description.matchAll(PROSE_NUMBER)) {
    const value = canonicalDecimal(m[1]!);
    // 「无（0分）」「不具备的得0分」: nothing is awarded, no rule needs to say so
    if (value === "0") continue;
    if (!numbers.has(value)) missing.add(`${m[1]}${m[2]}`);
  }
  if (missing.size > 0) ctx.diagnostics.push(diagnostic("ZS3010", ind.descriptionRange, [[...missing].map((x) => `「${x}」`).join("、")]));
}

/**
 * A sentence whose bands name another input (「300万元以上或 服务收入比重 15%以上得10分」) is split
 * into sentences of one input each: its 得 bands, one sentence per input, scored by the highest
 * (the best band met by any measure); each 加 clause with alternatives, one group of its own; the
 * rest of the sentence as it is.
 */
function splitAlternatives(ast: RuleAst, ctx: BindContext): { plain: RuleAst | undefined; groups: RuleAst[][] } {
  const awards = ast.clauses.filter((c): c is Extract<Clause, { kind: "award" }> => c.kind === "award");
  if (!awards.some((c) => c.alternatives.length > 0)) return { plain: ast, groups: [] };
  const shared = ast.clauses.filter((c) => c.kind === "requires");
  const blocked = ast.clauses.find((c) => c.kind !== "award" && c.kind !== "requires");
  if (blocked) {
    ctx.diagnostics.push(diagnostic("ZS3056", blocked.range));
    return { plain: undefined, groups: [] };
  }
  const sentence = (subject: Name, clauses: Clause[]): RuleAst => ({ subjects: [subject], chooseOne: false, clauses: [...clauses, ...shared], option: ast.option, range: ast.range });
  const subject = ast.subjects[0]!;
  const groups: RuleAst[][] = [];
  // 得 bands: per input, the bands it meets
  const bands = awards.filter((c) => c.verb === "get" || c.verb === "none");
  if (bands.some((c) => c.alternatives.length > 0)) {
    const byInput = new Map<string, { name: Name; clauses: Clause[] }>([[subject.text, { name: subject, clauses: [] }]]);
    for (const c of bands) {
      byInput.get(subject.text)!.clauses.push({ ...c, alternatives: [] });
      for (const alt of c.alternatives) {
        const entry = byInput.get(alt.subject.text) ?? { name: alt.subject, clauses: [] };
        entry.clauses.push({ ...c, condition: alt.condition, alternatives: [] });
        byInput.set(alt.subject.text, entry);
      }
    }
    groups.push([...byInput.values()].map((e) => sentence(e.name, e.clauses)));
  }
  const rest: Clause[] = bands.some((c) => c.alternatives.length > 0) ? [] : bands;
  for (const c of awards.filter((x) => x.verb === "add" || x.verb === "deduct")) {
    if (c.alternatives.length === 0) {
      rest.push(c);
      continue;
    }
    groups.push([sentence(subject, [{ ...c, alternatives: [] }]), ...c.alternatives.map((alt) => sentence(alt.subject, [{ ...c, condition: alt.condition, alternatives: [] }]))]);
  }
  return { plain: rest.length > 0 ? sentence(subject, rest) : undefined, groups };
}

const COMBINE_TEXT = { max: "取其高者", min: "取其低者" } as const;

/**
 * A sentence on a 清单 input becomes sentences on its item counts: 「国家级每项加5分，省级每项加3分，
 * 最多10分」 one group summing per-item points (capped); 「国家级得10分；省级得6分（取最高一项）」 one
 * group taking the highest level present; 「国家级加2分；省级加1分」 adds once per level present.
 */
function bindListSentence(ast: RuleAst, list: Input, option: string | undefined, ctx: BindContext): RuleGroup[] {
  ctx.used.add(list.name);
  const item = (value: string) => ctx.inputs.get(itemName(list.name, value));
  const requires: Input[] = [];
  let atMost: string | undefined;
  const highest = ast.clauses.some((c) => c.kind === "highestItem");
  const sum: Rule[] = [];
  const best: Rule[] = [];
  const rule = (subject: Input, part: Part, range: Range): Rule => ({ subjects: [subject], chooseOne: false, parts: [part], atMost: undefined, requires, range });
  const atLeastOne: Interval = { lo: { value: "1", closed: true }, hi: undefined, text: "有" };
  for (const c of ast.clauses) {
    switch (c.kind) {
      case "values": {
        if (c.otherwise) {
          ctx.diagnostics.push(diagnostic("ZS3061", c.range, [list.name]));
          break;
        }
        checkPoints(ctx, c.points);
        const points = canonicalDecimal(c.verb === "deduct" ? `-${c.points.value}` : c.verb === "none" ? "0" : c.points.value);
        for (const v of c.values) {
          const subject = item(v.text);
          if (!subject) {
            ctx.diagnostics.push(diagnostic("ZS3065", v.range, [list.name, v.text, list.values.join("、")]));
            continue;
          }
          ctx.used.add(subject.name);
          const text = `${v.text}`;
          if (c.per) {
            if (!positiveStep(ctx, c.per, "「每…」的数量", c.range)) continue;
            const per = canonicalDecimal(c.per.value);
            const part: Part = c.verb === "deduct" ? { kind: "countDeduction", per, points: canonicalDecimal(c.points.value), unit: subject.unit, range: c.range } : { kind: "perItem", per, points, unit: subject.unit, range: c.range };
            sum.push(rule(subject, part, c.range));
          } else if (c.verb === "get" || c.verb === "none" || highest) {
            best.push(rule(subject, { kind: "tiers", tiers: [{ interval: { ...atLeastOne, text: `有${text}` }, points, range: c.range }], range: c.range }, c.range));
          } else sum.push(rule(subject, { kind: "add", interval: { ...atLeastOne, text: `有${text}` }, points, range: c.range }, c.range));
        }
        break;
      }
      case "atMost":
        checkPoints(ctx, c.points);
        atMost = canonicalDecimal(c.points.value);
        break;
      case "requires":
        for (const n of c.names) {
          const r = resolve(ctx, n);
          if (r) requires.push(r);
        }
        break;
      case "highestItem":
        break;
      default:
        ctx.diagnostics.push(diagnostic("ZS3061", c.range, [list.name]));
    }
  }
  const out: RuleGroup[] = [];
  if (best.length > 0) out.push({ combine: "max", rules: best, atMost: sum.length === 0 ? atMost : undefined, option, text: "取最高一项", range: ast.range });
  if (sum.length > 0) out.push({ combine: "sum", rules: sum, atMost, option, text: undefined, range: ast.range });
  return out;
}

/** The groups of an indicator: plain sentences, 或…取其高者 groups, bands met by either input, options. */
function bindGroups(ast: IndicatorAst, ctx: BindContext): RuleGroup[] {
  const out: RuleGroup[] = [];
  const orGroup = new Map<RuleAst, RuleGroupAst>();
  for (const g of ast.groups) for (const r of g.rules) orGroup.set(r, g);
  const plainGroup = (r: Rule, option: string | undefined): RuleGroup => ({ combine: "sum", rules: [r], atMost: undefined, option, text: undefined, range: r.range });
  for (const r of ast.rules) {
    const option = r.option?.text;
    const listInput = ctx.inputs.get(r.subjects[0]?.text ?? "");
    if (listInput?.type === "list" && !r.chooseOne && !orGroup.has(r)) {
      out.push(...bindListSentence(r, listInput, option, ctx));
      continue;
    }
    const g = orGroup.get(r);
    if (g) {
      if (g.rules[0] !== r) continue;
      // 或…，取其高者: each sentence is one way of scoring
      const members: Rule[] = [];
      for (const m of g.rules) {
        const split = splitAlternatives(m, ctx);
        if (split.groups.length > 0) {
          ctx.diagnostics.push(diagnostic("ZS3055", m.range));
          continue;
        }
        const bound = split.plain && bindRule(split.plain, ctx);
        if (bound) members.push(bound);
      }
      if (members.length === g.rules.length) out.push({ combine: g.combine, rules: members, atMost: undefined, option, text: COMBINE_TEXT[g.combine], range: g.range });
      continue;
    }
    const split = splitAlternatives(r, ctx);
    const plain = split.plain && bindRule(split.plain, ctx);
    if (plain) out.push(plainGroup(plain, option));
    for (const members of split.groups) {
      const bound = members.map((m) => bindRule(m, ctx));
      if (bound.every((b) => b !== undefined)) out.push({ combine: "max", rules: bound as Rule[], atMost: undefined, option, text: "取其高者", range: r.range });
    }
  }
  return out;
}

/** 选项（1）、（2）: each option must be told apart by inputs of its own (the data fills one option's). */
function bindOptions(groups: RuleGroup[], ast: IndicatorAst, ctx: BindContext): string[] {
  const options = [...new Set(groups.map((g) => g.option).filter((o): o is string => o !== undefined))];
  if (options.length === 0) return [];
  if (options.length === 1) ctx.diagnostics.push(diagnostic("ZS3057", ast.name.range, [ast.name.text, options[0]!]));
  if (groups.some((g) => g.option === undefined)) {
    // sentences outside the options are scored for every platform: allowed, nothing to check
  }
  const own = optionInputs(groups, ctx);
  for (const o of options) if ((own.get(o) ?? []).length === 0) ctx.diagnostics.push(diagnostic("ZS3058", ast.name.range, [ast.name.text, o]));
  return options;
}

function bindIndicator(ast: IndicatorAst, category: { name: string; bonus: boolean; deduction: boolean; weighted: boolean; numbers: string[] }, ctx: BindContext): Indicator {
  const groups = bindGroups(ast, ctx);
  const rules = groups.flatMap((g) => g.rules);
  const options = bindOptions(groups, ast, ctx);
  const points = ast.points ? canonicalDecimal(ast.points.value) : undefined;
  if (ast.points) checkPoints(ctx, ast.points);
  const weight = ast.weight ? canonicalDecimal(ast.weight.value) : undefined;
  const scale = ast.scale ? canonicalDecimal(ast.scale.value) : weight !== undefined ? "100" : undefined;
  const max = points ?? scale;
  if (ast.pending) ctx.diagnostics.push(diagnostic("ZS3005", ast.name.range, [ast.name.text]));
  else if (ast.rules.length === 0 && !ast.incomplete) ctx.diagnostics.push(diagnostic("ZS3016", ast.name.range, [ast.name.text]));
  else if (max === undefined && !category.bonus && !category.deduction && !ast.incomplete) ctx.diagnostics.push(diagnostic("ZS3006", ast.name.range, [ast.name.text]));
  const requires = exactLength(
    ast.requires
      .map((n) => resolve(ctx, n))
      .filter((i): i is Input => i !== undefined),
  );
  for (const r of requires) {
    if (r.type !== "yesno") ctx.diagnostics.push(diagnostic("ZS3024", ast.range, [r.name]));
  }
  const allParts = rules.flatMap((r) => r.parts);
  // deduction-only indicators start from their maximum (扣分制); a 扣分项's indicators start from 0
  const deducts = (p: Part) => p.kind === "countDeduction" || ((p.kind === "flag" || p.kind === "add") && p.points.startsWith("-"));
  const startsFull = !category.deduction && allParts.length > 0 && allParts.every(deducts);
  for (const r of rules) {
    for (const p of r.parts) {
      if ((p.kind === "expert" || p.kind === "discretionary") && p.kind === "expert" && max !== undefined) {
        const hi = r.subjects[0]?.max;
        if (hi !== undefined && compareDecimals(hi, max) !== 0 && rules.length === 1) {
          ctx.diagnostics.push(diagnostic("ZS3042", p.range, [r.subjects[0]!.name, hi, max]));
        }
      }
    }
  }
  const indicator: Indicator = {
    name: ast.name.text,
    path: `${category.name}/${ast.name.text}`,
    category: category.name,
    bonus: category.bonus,
    deduction: category.deduction,
    max,
    points,
    weight,
    pending: ast.pending,
    rules: exactLength(rules),
    groups: exactLength(groups),
    options: exactLength(options),
    vetoes: exactLength(
      ast.vetoes
        .map((v) => {
          const condition = bindCondition(v.predicate, ctx, "inputs");
          return condition && { condition, range: v.range };
        })
        .filter((v): v is { condition: Condition; range: Range } => v !== undefined),
    ),
    cap: ast.cap ? canonicalDecimal(ast.cap.value) : undefined,
    startsFull,
    requires,
    description: ast.description?.text,
    descriptionRange: ast.description?.range,
    concept: ast.concept?.text,
    range: ast.range,
  };
  checkProse(indicator, ctx, category.numbers);
  return indicator;
}

/** Every sentence of a 扣分项 takes points off: 扣N分, 每次扣N分, 达…扣N分. */
function checkDeductions(ind: Indicator, ctx: BindContext): void {
  for (const r of ind.rules) {
    for (const p of r.parts) {
      const deducts = p.kind === "countDeduction" || ((p.kind === "flag" || p.kind === "add") && p.points.startsWith("-"));
      if (!deducts) ctx.diagnostics.push(diagnostic("ZS3054", p.range, [ind.category]));
    }
  }
}

/** Binds a parsed file into a Rubric and reports structural problems. */
export function bindRubric(ast: FileAst, source: string, fileName: string): { rubric: Rubric; diagnostics: Diagnostic[]; names: NameOccurrence[] } {
  const cells = { spent: 0 };
  const ctx: BindContext = { source, ast, diagnostics: [], inputs: new Map(), used: new Set(), names: [], scoreTargets: new Map(), suggestInputs: { cells, made: new Map(), candidates: 0 }, suggestScores: { cells, made: new Map(), candidates: 0 } };
  if (!ast.title) ctx.diagnostics.push(diagnostic("ZS3007", { start: ast.range.start, end: ast.range.start }));

  // two namespaces: inputs (data), and what is scored (categories, 大类, indicators). Source tables
  // often name an indicator after its input, so a name may be both; a condition then reads the input
  // unless 得分 is written.
  const seenInputs = new Map<string, string>();
  const seenItems = new Map<string, string>();
  const declare = (seen: Map<string, string>, name: Name, what: string) => {
    const prev = seen.get(name.text);
    if (prev) ctx.diagnostics.push(diagnostic("ZS2003", name.range, [name.text, `已作为${prev}声明`]));
    else seen.set(name.text, what);
  };
  for (const i of ast.inputs) {
    occurrence(ctx, "input", i.name, true);
    declare(seenInputs, i.name, i.kind === "evidence" ? "材料" : i.kind === "derived" ? "派生输入" : "输入");
    if (ctx.inputs.has(i.name.text)) continue;
    const input = bindInput(i, ctx);
    ctx.inputs.set(i.name.text, input);
    if (input.type === "list") for (const item of itemInputs(input)) if (!ctx.inputs.has(item.name)) ctx.inputs.set(item.name, item);
  }
  for (const c of ast.categories) {
    occurrence(ctx, "category", c.name, true);
    declare(seenItems, c.name, c.kind === "bonus" ? "加分项" : c.kind === "deduction" ? "扣分项" : "类别");
    if (!ctx.scoreTargets.has(c.name.text)) ctx.scoreTargets.set(c.name.text, { kind: "category", name: c.name.text });
    for (const ind of c.indicators) {
      occurrence(ctx, "indicator", ind.name, true);
      declare(seenItems, ind.name, "指标");
      if (!ctx.scoreTargets.has(ind.name.text)) ctx.scoreTargets.set(ind.name.text, { kind: "indicator", path: `${c.name.text}/${ind.name.text}`, name: ind.name.text });
    }
  }
  for (const g of ast.groups) {
    declare(seenItems, g.name, "大类");
    if (!ctx.scoreTargets.has(g.name.text)) ctx.scoreTargets.set(g.name.text, { kind: "group", name: g.name.text, categories: g.categories });
  }
  // derived expressions: references resolve like rule subjects
  for (const i of ast.inputs) {
    if (i.expression) visitRefs(i.expression, (n) => {
      if (n.text === i.name.text) {
        occurrence(ctx, "input", n, false);
        ctx.diagnostics.push(diagnostic("ZS2009", n.range, [i.name.text, ""]));
      } else resolve(ctx, n);
    });
  }
  checkDerivedCycles(ast.inputs, ctx);

  const weighted = ast.categories.some((c) => c.weight !== undefined || c.indicators.some((i) => i.weight !== undefined));
  const categories: Category[] = ast.categories.flatMap((c) => {
    const bonus = c.kind === "bonus";
    const deduction = c.kind === "deduction";
    const numbers = [c.points?.value, c.cap?.value].filter((v): v is string => v !== undefined);
    const indicators = c.indicators.map((i) => bindIndicator(i, { name: c.name.text, bonus, deduction, weighted, numbers }, ctx));
    if (deduction) for (const ind of indicators) checkDeductions(ind, ctx);
    const cat: Category = {
      name: c.name.text,
      kind: c.kind,
      group: c.group,
      points: c.points ? canonicalDecimal(c.points.value) : undefined,
      weight: c.weight ? canonicalDecimal(c.weight.value) : undefined,
      pending: c.pending,
      cap: c.cap ? canonicalDecimal(c.cap.value) : undefined,
      indicators,
      range: c.range,
    };
    if (!c.incomplete) checkCategorySums(cat, c.name.range, c.points?.range, ctx);
    return [cat];
  });

  const groups = ast.groups.map((g) => {
    const members = categories.filter((c) => c.group === g.name.text);
    const points = g.points ? canonicalDecimal(g.points.value) : undefined;
    const weight = g.weight ? canonicalDecimal(g.weight.value) : undefined;
    if (points !== undefined && !members.some((m) => m.pending || m.indicators.some((i) => i.pending))) {
      const sum = addDecimals(members.map((m) => m.points ?? addDecimals(m.indicators.map((i) => i.points ?? "0"))));
      if (compareDecimals(sum, points) !== 0) ctx.diagnostics.push(diagnostic("ZS3008", g.name.range, [g.name.text, points, sum]));
    }
    if (weight !== undefined) {
      const sum = addDecimals(members.map((m) => m.weight ?? addDecimals(m.indicators.map((i) => i.weight ?? "0"))));
      if (compareDecimals(sum, weight) !== 0) ctx.diagnostics.push(diagnostic("ZS3002", g.name.range, [g.name.text, weight, sum]));
    }
    return { name: g.name.text, points, weight, categories: g.categories, range: g.range };
  });
  const base = categories.filter((c) => c.kind === "category");
  const indicators = categories.flatMap((c) => c.indicators);
  const pendingCount = indicators.filter((i) => i.pending).length;
  let fullMarks: string;
  if (weighted) {
    const total = addDecimals(base.map((c) => c.weight ?? addDecimals(c.indicators.map((i) => i.weight ?? "0"))));
    if (compareDecimals(total, "1") !== 0 && base.length > 0) {
      ctx.diagnostics.push(diagnostic("ZS3003", ast.title?.range ?? ast.range, [total]));
    }
    fullMarks = "100";
  } else {
    fullMarks = addDecimals(base.map((c) => c.points ?? addDecimals(c.indicators.map((i) => i.points ?? "0"))));
  }
  const declaredFull = ast.header.fullMarks ? canonicalDecimal(ast.header.fullMarks.value) : undefined;
  if (declaredFull !== undefined && pendingCount === 0 && base.length > 0 && compareDecimals(declaredFull, fullMarks) !== 0) {
    ctx.diagnostics.push(diagnostic("ZS3004", ast.headerRanges.fullMarks ?? ast.range, [declaredFull, fullMarks]));
  }
  if (declaredFull !== undefined && (pendingCount > 0 || base.length === 0)) fullMarks = declaredFull;
  if (pendingCount > 0) ctx.diagnostics.push(diagnostic("ZS3044", ast.title?.range ?? ast.range, [pendingCount]));
  const maxTotal = addDecimals([fullMarks, ...categories.filter((c) => c.kind === "bonus").map((c) => c.cap ?? "0")]);

  const grades = ast.grades.map((g) => ({ label: g.label.text, interval: boundInterval(ctx, g.condition), also: g.also && bindCondition(g.also, ctx), range: g.range }));
  if (ast.gradeGate && !ast.eligibility) ctx.diagnostics.push(diagnostic("ZS3064", ast.gradeGate));
  const vetoes = ast.vetoes
    .map((v) => {
      const condition = bindCondition(v.predicate, ctx);
      return condition && { condition, label: v.label.text, range: v.range };
    })
    .filter((v): v is NonNullable<typeof v> => v !== undefined);

  let eligibility: Rubric["eligibility"];
  if (ast.eligibility) {
    const rules = ast.eligibility.conditions
      .map((c) => {
        const main = bindCondition(c.predicate, ctx);
        // 或（二）…: the condition is met when it or any alternative holds
        const alternatives = c.alternatives.map((a) => bindCondition(a.predicate, ctx));
        if (!main || alternatives.some((a) => a === undefined)) return undefined;
        const condition: Condition = alternatives.length === 0 ? main : { kind: "any", conditions: [main, ...(alternatives as Condition[])], range: c.range };
        return { label: c.label?.text, condition, range: c.range };
      })
      .filter((c): c is NonNullable<typeof c> => c !== undefined);
    const labels = new Set(ast.eligibility.conditions.flatMap((c) => [c.label?.text, ...c.alternatives.map((a) => a.label?.text)]).filter((l): l is string => l !== undefined));
    const relaxations = ast.eligibility.relaxations
      .map((r) => {
        const condition = bindCondition(r.predicate, ctx);
        for (const l of r.relaxed) if (!labels.has(l.text)) ctx.diagnostics.push(diagnostic("ZS3043", l.range, [`（${l.text}）`]));
        return condition && { label: r.label?.text, condition, relaxed: r.relaxed.map((l) => l.text), range: r.range };
      })
      .filter((r): r is NonNullable<typeof r> => r !== undefined);
    eligibility = { rules, relaxations };
  }

  // names in a part a syntax error cut short are used there: no 「未使用」 on top of the syntax error
  for (const part of ast.broken) for (const n of part.names) if (ctx.inputs.has(n.text)) ctx.used.add(n.text);
  // case inputs count as references too, but do not make an input "used" (the checker runs the cases)
  for (const c of ast.cases) {
    for (const i of c.inputs) occurrence(ctx, "input", i.name, false);
    for (const e of c.expectations) {
      if (e.kind !== "item") continue;
      const target = ctx.scoreTargets.get(e.target.text);
      if (target && target.kind !== "group" && target.kind !== "total") occurrence(ctx, target.kind, e.target, false);
    }
  }
  const isDraft = ast.header.status?.text.includes("草稿") === true || pendingCount > 0;
  for (const i of ctx.inputs.values()) {
    if (ctx.used.has(i.name) || i.reference || i.type === "text" || i.item) continue;
    // an attachment on the checklist that no indicator scores is not a mistake; a draft's fields await their rules
    if (i.kind === "evidence") ctx.diagnostics.push(diagnostic("ZS2010", i.range, [i.name]));
    else if (isDraft) ctx.diagnostics.push(diagnostic("ZS2011", i.range, [i.name]));
    else ctx.diagnostics.push(diagnostic("ZS2002", i.range, [i.name]));
  }

  const precisionText = ast.header.precision?.text;
  const precision = precisionText === undefined ? DEFAULT_PRECISION : parsePrecision(precisionText);
  if (precision === undefined) ctx.diagnostics.push(diagnostic("ZS3053", ast.headerRanges.precision ?? ast.header.precision!.range, [precisionText!]));
  const rubric: Rubric = {
    fileName,
    header: {
      title: ast.title?.text ?? "",
      region: ast.header.region?.text,
      year: ast.header.year?.text,
      platformType: ast.header.platformType?.text,
      period: ast.header.period?.text,
      source: ast.header.source?.text,
      status: ast.header.status?.text,
    },
    inputs: [...ctx.inputs.values()],
    inputByName: ctx.inputs,
    categories,
    groups,
    indicators,
    weighted,
    fullMarks,
    maxTotal,
    grades,
    gradeKind: ast.gradesKeyword === "星级" ? "星级" : "等级",
    gradeNeedsEligibility: ast.gradeGate !== undefined && ast.eligibility !== undefined,
    vetoes,
    eligibility,
    precision: precision ?? DEFAULT_PRECISION,
    draft: isDraft,
    notes: ast.notes.map((n) => n.text),
    ast,
  };
  checkNumbers(ast, rubric, ctx);
  return { rubric, diagnostics: ctx.diagnostics, names: ctx.names.sort((a, b) => a.range.start.offset - b.range.start.offset) };
}

/**
 * Derived inputs that read each other in a ring (甲 = 乙 + 1, 乙 = 甲 + 1): no order computes
 * them, so each gets ZS2009 at its reference into the ring, with the ring written out. (An input
 * that reads itself directly is reported where its expression is resolved.)
 */
function checkDerivedCycles(inputs: readonly InputAst[], ctx: BindContext): void {
  const derived = new Map<string, InputAst>();
  for (const i of inputs) if (i.expression && !derived.has(i.name.text)) derived.set(i.name.text, i);
  /** Each derived input's references to other derived inputs, in the order written. */
  const reads = new Map<string, Name[]>();
  for (const [name, i] of derived) {
    const refs: Name[] = [];
    visitRefs(i.expression!, (n) => n.text !== name && derived.has(n.text) && refs.push(n));
    reads.set(name, refs);
  }
  const declared = new Map([...derived.keys()].map((name, k) => [name, k]));
  for (const ring of stronglyConnected([...derived.keys()], (name) => reads.get(name)!.map((n) => n.text))) {
    if (ring.length < 2) continue;
    const members = new Set(ring);
    // in the order declared (sorting the ring, not filtering every derived input per ring: a file of many rings stays linear)
    for (const name of ring.sort((a, b) => declared.get(a)! - declared.get(b)!)) {
      const at = reads.get(name)!.find((n) => members.has(n.text))!;
      const path = ring.length <= RING_SHOWN ? pathBack(name, members, reads) : undefined;
      const shown = path ? `：${path.map((n) => `「${n}」`).join(" → ")}` : `：与另外${ring.length - 1}个派生输入相互引用`;
      ctx.diagnostics.push(diagnostic("ZS2009", at.range, [name, shown]));
    }
  }
}

/** Rings of more derived inputs than this are described by their size instead of written out. */
const RING_SHOWN = 12;

/** The shortest way from `start` back to itself through `members` (breadth first), as names from start to start. */
function pathBack(start: string, members: Set<string>, reads: Map<string, Name[]>): string[] | undefined {
  const from = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q]!;
    for (const n of reads.get(at)!) {
      if (!members.has(n.text)) continue;
      if (n.text === start) {
        const path = [start];
        for (let x = at; x !== start; x = from.get(x)!) path.push(x);
        path.push(start);
        return [path[0]!, ...path.slice(1, -1).reverse(), start];
      }
      if (!from.has(n.text)) {
        from.set(n.text, at);
        queue.push(n.text);
      }
    }
  }
  return undefined;
}

/**
 * Strongly connected components (Tarjan), without recursion: a chain of thousands of derived
 * inputs must not exhaust the stack.
 */
function stronglyConnected(nodes: readonly string[], next: (node: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; edges: readonly string[]; i: number }[] = [];
    const open = (node: string) => {
      index.set(node, index.size);
      low.set(node, index.get(node)!);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: next(node), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      if (top.i < top.edges.length) {
        const m = top.edges[top.i++]!;
        if (!index.has(m)) open(m);
        else if (onStack.has(m)) low.set(top.node, Math.min(low.get(top.node)!, index.get(m)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let x: string;
        do {
          x = stack.pop()!;
          onStack.delete(x);
          component.push(x);
        } while (x !== top.node);
        components.push(component);
      }
    }
  }
  return components;
}

function visitRefs(e: NonNullable<InputAst["expression"]>, f: (n: Name) => void): void {
  switch (e.kind) {
    case "number":
      return;
    case "ref":
      return f(e.name);
    case "neg":
      return visitRefs(e.operand, f);
    case "binary":
      visitRefs(e.left, f);
      visitRefs(e.right, f);
  }
}

function checkCategorySums(cat: Category, nameRange: Range, pointsRange: Range | undefined, ctx: BindContext): void {
  if (cat.kind !== "category" || cat.indicators.some((i) => i.pending) || cat.pending || cat.indicators.length === 0) return;
  if (cat.points !== undefined) {
    const sum = addDecimals(cat.indicators.map((i) => i.points ?? "0"));
    if (compareDecimals(sum, cat.points) !== 0) {
      const fix = pointsRange && { title: `把类别分值改为各指标之和${sum}分`, edits: [{ range: pointsRange, newText: `${sum}分` }] };
      ctx.diagnostics.push(diagnostic("ZS3001", nameRange, [cat.name, cat.points, sum], fix));
    }
  }
  if (cat.weight !== undefined) {
    const sum = addDecimals(cat.indicators.map((i) => i.weight ?? "0"));
    if (compareDecimals(sum, cat.weight) !== 0) ctx.diagnostics.push(diagnostic("ZS3002", nameRange, [cat.name, cat.weight, sum]));
  }
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function digitCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  return CHINESE_DIGITS[text];
}

/**
 * 精度 as written, read strictly: 「保留2位小数」「保留两位小数」「小数点后一位」「保留整数」「取整」
 * 「四舍五入到0.01」「精确到0.1」「2位小数」「2」. Anything else (or more than 6 decimals) is undefined:
 * a wording the reader does not know is a diagnostic, never a guess.
 */
export function parsePrecision(text: string): number | undefined {
  const t = text.replace(/\s+/g, "").replace(/^四舍五入[，,、]?/, "").replace(/[。.]$/, "");
  let n: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(?:保留|精确到|精确至|取)?(?:到)?(?:小数点后)?([0-9]+|[零〇一二两三四五六七八九])位(?:小数)?$/.exec(t))) n = digitCount(m[1]!);
  else if (/^(?:保留|取|精确到|精确至)?整数$|^取整$/.test(t)) n = 0;
  else if ((m = /^(?:到|至|精确到|精确至|保留到)(0\.0*1|1)$/.exec(t))) n = m[1] === "1" ? 0 : m[1]!.length - 2;
  else if ((m = /^([0-9])$/.exec(t))) n = Number(m[1]);
  return n !== undefined && n <= MAX_DECIMALS ? n : undefined;
}

/** A quantity of the syntax tree (a number with its unit and range). */
function isQuantity(x: unknown): x is Quantity {
  return typeof x === "object" && x !== null && "value" in x && "unit" in x && "range" in x && typeof (x as Quantity).value === "string";
}

/**
 * Every number of the rubric must be exact at the scale it is scored at: at most 6 decimals, and
 * small enough for the scale the rubric's own decimals need (cases are data: the checker reads them).
 */
function checkNumbers(ast: FileAst, rubric: Rubric, ctx: BindContext): void {
  const quantities: Quantity[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    if (Array.isArray(node)) {
      for (const v of node) walk(v);
      return;
    }
    if (isQuantity(node)) {
      quantities.push(node);
      return;
    }
    // a source range (every node has one) holds positions, never a number of the rubric
    if (typeof (node as Partial<Range>).start?.offset === "number") return;
    for (const key in node) walk((node as Record<string, unknown>)[key]);
  };
  walk([ast.header, ast.inputs.map((i) => ({ low: i.low, high: i.high })), ast.categories, ast.groups, ast.grades, ast.vetoes, ast.eligibility]);
  const digits = digitsFor(rubricDecimals(rubric), 2);
  const limit = scaleLimit(digits);
  for (const q of quantities) {
    const d = decimalsOf(q.value);
    if (d > MAX_DECIMALS) ctx.diagnostics.push(diagnostic("ZS3050", q.range, [q.value, d, MAX_DECIMALS]));
    else if (toScaled(q.value, digits) === undefined) ctx.diagnostics.push(diagnostic("ZS3051", q.range, [q.value, digits, limit]));
  }
}
