/**
 * AST → Rubric: resolves names, joins step deductions to their thresholds, applies defaults,
 * and reports the structural problems (names, units, sums, weights). Never mutates the AST.
 */
import { canonicalUnit, UNITS, type Operator } from "@zhunsheng/grammar";
import type { Clause, Condition as ConditionAst, FileAst, Pos, IndicatorAst, InputAst, Name, Predicate, Quantity, Range, RuleAst } from "../ast.ts";
import { addDecimals, canonicalDecimal, compareDecimals, decimalsOf, MAX_DECIMALS, scaleLimit, toScaled } from "../decimal.ts";
import { digitsFor, rubricDecimals } from "../scale.ts";
import { diagnostic, type Diagnostic, type Fix } from "../diagnostics.ts";
import { indicatorNumbers } from "../model-walk.ts";
import type { Bound, Category, Condition, Indicator, Input, Interval, Part, Rubric, Rule } from "../model.ts";
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
};

export { TYPE_LABEL };

export function formatOp(op: Operator): string {
  return op === ">=" ? "≥" : op === "<=" ? "≤" : op;
}

/** Interval of a condition after the Civil Code rule (the operator is already decided by the word). */
export function intervalOf(cond: ConditionAst, source: string): Interval {
  const text = source.slice(cond.range.start.offset, cond.range.end.offset);
  if (cond.kind === "between") {
    return { lo: { value: canonicalDecimal(cond.low.value), closed: true }, hi: { value: canonicalDecimal(cond.high.value), closed: true }, text };
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

interface BindContext {
  source: string;
  ast: FileAst;
  diagnostics: Diagnostic[];
  inputs: Map<string, Input>;
  used: Set<string>;
  names: NameOccurrence[];
}

function occurrence(ctx: BindContext, kind: NameKind, n: Name, declaration: boolean): void {
  ctx.names.push({ kind, name: n.text, range: n.range, declaration });
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** "你是不是想写「…」" for an unknown name. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.includes(name) || name.includes(c) ? Math.abs(c.length - name.length) : levenshtein(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

function resolve(ctx: BindContext, name: Name): Input | undefined {
  occurrence(ctx, "input", name, false);
  const input = ctx.inputs.get(name.text);
  if (input) {
    ctx.used.add(input.name);
    return input;
  }
  const s = suggestName(name.text, ctx.inputs.keys());
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
  const last = [...ctx.ast.inputs].reverse().find((i) => i.kind === "input");
  if (last) {
    const at = lineEnd(ctx.source, last.range.end.offset);
    return { title: `在「输入」中声明「${name}」`, edits: [{ range: { start: at, end: at }, newText: `\n  ${decl}：数值` }] };
  }
  const after = ctx.ast.title ? lineEnd(ctx.source, Math.max(ctx.ast.title.range.end.offset, ...Object.values(ctx.ast.headerRanges).map((r) => r?.end.offset ?? 0))) : { offset: 0, line: 1, column: 1 };
  return { title: `新建「输入」并声明「${name}」`, edits: [{ range: { start: after, end: after }, newText: `\n输入\n  ${decl}：数值` }] };
}

function lineEnd(source: string, offset: number): Pos {
  let end = source.indexOf("\n", offset);
  if (end < 0) end = source.length;
  const before = source.slice(0, end);
  const line = before.split("\n").length;
  return { offset: end, line, column: end - before.lastIndexOf("\n") };
}

function bindInput(ast: InputAst, ctx: BindContext): Input {
  let type = ast.type;
  if (!type) {
    if (ast.kind === "derived") type = "number";
    else {
      ctx.diagnostics.push(diagnostic("ZS2008", ast.name.range, [ast.name.text]));
      type = "number";
    }
  }
  const unit = type === "percent" ? "%" : ast.unit?.text;
  if (ast.unit && !UNITS.includes(ast.unit.text)) ctx.diagnostics.push(diagnostic("ZS2005", ast.unit.range, [ast.unit.text]));
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
    range: ast.name.range,
  };
}

/** Units of a threshold or step must be the input's (家次 vs 家 is worth a warning). */
function checkUnit(ctx: BindContext, input: Input, q: Quantity): void {
  if (!q.unit || !input.unit || q.unit === "分") return;
  if (canonicalUnit(q.unit) !== canonicalUnit(input.unit)) {
    ctx.diagnostics.push(diagnostic("ZS2004", q.range, [input.name, input.unit, q.unit]));
  }
}

function checkPoints(ctx: BindContext, q: Quantity): void {
  if (q.unit && q.unit !== "分") ctx.diagnostics.push(diagnostic("ZS2004", q.range, ["分值", "分", q.unit]));
}

function conditionText(ctx: BindContext, range: Range): string {
  return ctx.source.slice(range.start.offset, range.end.offset);
}

/** A step (每少S, 每增加S, 每S项) must be positive: a zero step has no meaning and would divide by zero. */
function positiveStep(ctx: BindContext, q: Quantity, what: string, clause: Range): boolean {
  if (compareDecimals(q.value, "0") > 0) return true;
  ctx.diagnostics.push(diagnostic("ZS3052", q.range, [what, conditionText(ctx, clause).replace(/^[，,；;\s]+/, "")]));
  return false;
}

function bindRule(ast: RuleAst, ctx: BindContext): Rule | undefined {
  const subjects = ast.subjects.map((n) => resolve(ctx, n)).filter((i): i is Input => i !== undefined);
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
        const points = canonicalDecimal(clause.points.value);
        if (!clause.condition) {
          if (subject.type !== "yesno") ctx.diagnostics.push(diagnostic("ZS3014", clause.range, [points]));
          parts.push({ kind: "flag", points, range: clause.range });
          break;
        }
        for (const c of clause.condition.kind === "compare" ? clause.condition.comparisons : []) checkUnit(ctx, subject, c.value);
        const interval = intervalOf(clause.condition, ctx.source);
        if (clause.verb === "add") {
          parts.push({ kind: "add", interval, points, range: clause.range });
          lastGet = undefined;
          break;
        }
        const last = parts[parts.length - 1];
        const tier = { interval, points, range: clause.range };
        if (last?.kind === "tiers") last.tiers.push(tier);
        else parts.push({ kind: "tiers", tiers: [tier], range: clause.range });
        lastGet = { ...tier, clause };
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
        checkUnit(ctx, subject, clause.step);
        checkPoints(ctx, clause.points);
        if (!positiveStep(ctx, clause.step, "每次增加的数量", clause.range)) break;
        parts.push({
          kind: "increments",
          from: { value: canonicalDecimal(clause.from.value.value), closed: clause.from.op !== ">" },
          fromOp: clause.from.op,
          fromText: conditionText(ctx, clause.from.range),
          step: canonicalDecimal(clause.step.value),
          points: canonicalDecimal(clause.points.value),
          reading: "floor",
          unit: subject.unit,
          range: clause.range,
        });
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
  return { subjects, chooseOne: ast.chooseOne, parts, atMost, requires, range: ast.range };
}

function bindCondition(p: Predicate, ctx: BindContext): Condition | undefined {
  if (p.kind === "compare") {
    const input = resolve(ctx, p.subject);
    if (!input) return undefined;
    if (p.condition.kind === "compare") for (const c of p.condition.comparisons) checkUnit(ctx, input, c.value);
    return { kind: "compare", input, interval: intervalOf(p.condition, ctx.source), range: p.range };
  }
  const inputs = p.subjects.map((n) => resolve(ctx, n)).filter((i): i is Input => i !== undefined);
  if (inputs.length !== p.subjects.length) return undefined;
  for (const i of inputs) {
    if (i.type !== "yesno") ctx.diagnostics.push(diagnostic("ZS3023", p.range, [i.name]));
  }
  return { kind: "flags", inputs, range: p.range };
}

const PROSE_NUMBER = /(\d+(?:\.\d+)?)\s*(家次|个百分点|万元|家|条|次|份|项|分|%|％|人|种)/g;

/** Numbers in the published prose (with a scoring unit) that the rules never use. */
function checkProse(ind: Indicator, ctx: BindContext, categoryNumbers: readonly string[]): void {
  if (!ind.description || !ind.descriptionRange || ind.rules.length === 0) return;
  // numbers of the grade or star bands may be quoted in an indicator's prose (江苏: 75~84分为三星)
  const gradeNumbers = ctx.ast.grades.flatMap((g) => (g.condition.kind === "between" ? [g.condition.low.value, g.condition.high.value] : g.condition.comparisons.map((c) => c.value.value)));
  // the prose may also quote its category's points or its bonus group's cap (湖州: 「最高不超过5分」 under 加分项（不超过5分）)
  const numbers = new Set([...indicatorNumbers(ind), ...gradeNumbers, ...categoryNumbers, "0"].map(canonicalDecimal));
  const missing: string[] = [];
  for (const m of ind.description.matchAll(PROSE_NUMBER)) {
    if (!numbers.has(canonicalDecimal(m[1]!)) && !missing.includes(`${m[1]}${m[2]}`)) missing.push(`${m[1]}${m[2]}`);
  }
  if (missing.length > 0) ctx.diagnostics.push(diagnostic("ZS3010", ind.descriptionRange, [missing.map((x) => `「${x}」`).join("、")]));
}

function bindIndicator(ast: IndicatorAst, category: { name: string; bonus: boolean; weighted: boolean; numbers: string[] }, ctx: BindContext): Indicator {
  const rules = ast.rules.map((r) => bindRule(r, ctx)).filter((r): r is Rule => r !== undefined);
  const points = ast.points ? canonicalDecimal(ast.points.value) : undefined;
  if (ast.points) checkPoints(ctx, ast.points);
  const weight = ast.weight ? canonicalDecimal(ast.weight.value) : undefined;
  const scale = ast.scale ? canonicalDecimal(ast.scale.value) : weight !== undefined ? "100" : undefined;
  const max = points ?? scale;
  if (ast.pending) ctx.diagnostics.push(diagnostic("ZS3005", ast.name.range, [ast.name.text]));
  else if (ast.rules.length === 0) ctx.diagnostics.push(diagnostic("ZS3016", ast.name.range, [ast.name.text]));
  else if (max === undefined && !category.bonus) ctx.diagnostics.push(diagnostic("ZS3006", ast.name.range, [ast.name.text]));
  const requires = ast.requires
    .map((n) => resolve(ctx, n))
    .filter((i): i is Input => i !== undefined);
  for (const r of requires) {
    if (r.type !== "yesno") ctx.diagnostics.push(diagnostic("ZS3024", ast.range, [r.name]));
  }
  const allParts = rules.flatMap((r) => r.parts);
  const startsFull = allParts.length > 0 && allParts.every((p) => p.kind === "countDeduction");
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
    max,
    points,
    weight,
    pending: ast.pending,
    rules,
    vetoes: ast.vetoes
      .map((v) => {
        const condition = bindCondition(v.predicate, ctx);
        return condition && { condition, range: v.range };
      })
      .filter((v): v is { condition: Condition; range: Range } => v !== undefined),
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

/** Binds a parsed file into a Rubric and reports structural problems. */
export function bindRubric(ast: FileAst, source: string, fileName: string): { rubric: Rubric; diagnostics: Diagnostic[]; names: NameOccurrence[] } {
  const ctx: BindContext = { source, ast, diagnostics: [], inputs: new Map(), used: new Set(), names: [] };
  if (!ast.title) ctx.diagnostics.push(diagnostic("ZS3007", { start: ast.range.start, end: ast.range.start }));

  // names: inputs, then categories and indicators share one namespace with them
  const seen = new Map<string, string>();
  const declare = (name: Name, what: string) => {
    const prev = seen.get(name.text);
    if (prev) ctx.diagnostics.push(diagnostic("ZS2003", name.range, [name.text, `已作为${prev}声明`]));
    else seen.set(name.text, what);
  };
  for (const i of ast.inputs) {
    occurrence(ctx, "input", i.name, true);
    declare(i.name, i.kind === "evidence" ? "材料" : i.kind === "derived" ? "派生输入" : "输入");
    if (!ctx.inputs.has(i.name.text)) ctx.inputs.set(i.name.text, bindInput(i, ctx));
  }
  for (const c of ast.categories) {
    occurrence(ctx, "category", c.name, true);
    declare(c.name, c.kind === "bonus" ? "加分项" : "类别");
    for (const ind of c.indicators) {
      occurrence(ctx, "indicator", ind.name, true);
      declare(ind.name, "指标");
    }
  }
  // derived expressions: references resolve like rule subjects
  for (const i of ast.inputs) {
    if (i.expression) visitRefs(i.expression, (n) => {
      if (n.text === i.name.text) {
        occurrence(ctx, "input", n, false);
        ctx.diagnostics.push(diagnostic("ZS2009", n.range, [i.name.text]));
      } else resolve(ctx, n);
    });
  }

  const weighted = ast.categories.some((c) => c.weight !== undefined || c.indicators.some((i) => i.weight !== undefined));
  const categories: Category[] = ast.categories.map((c) => {
    const bonus = c.kind === "bonus";
    const numbers = [c.points?.value, c.cap?.value].filter((v): v is string => v !== undefined);
    const indicators = c.indicators.map((i) => bindIndicator(i, { name: c.name.text, bonus, weighted, numbers }, ctx));
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
    checkCategorySums(cat, c.name.range, c.points?.range, ctx);
    return cat;
  });

  for (const g of ast.groups) declare(g.name, "大类");
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

  const grades = ast.grades.map((g) => ({ label: g.label.text, interval: intervalOf(g.condition, source), range: g.range }));
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
        const condition = bindCondition(c.predicate, ctx);
        return condition && { label: c.label?.text, condition, range: c.range };
      })
      .filter((c): c is NonNullable<typeof c> => c !== undefined);
    const labels = new Set(rules.map((r) => r.label).filter((l): l is string => l !== undefined));
    const relaxations = ast.eligibility.relaxations
      .map((r) => {
        const flag = resolve(ctx, r.flag);
        for (const l of r.relaxed) if (!labels.has(l.text)) ctx.diagnostics.push(diagnostic("ZS3043", l.range, [`（${l.text}）`]));
        return flag && { label: r.label?.text, flag, relaxed: r.relaxed.map((l) => l.text), range: r.range };
      })
      .filter((r): r is NonNullable<typeof r> => r !== undefined);
    eligibility = { rules, relaxations };
  }

  // case inputs count as references too, but do not make an input "used" (the checker runs the cases)
  const categoryNames = new Set(ast.categories.map((c) => c.name.text));
  for (const c of ast.cases) {
    for (const i of c.inputs) occurrence(ctx, "input", i.name, false);
    for (const e of c.expectations) {
      if (e.kind !== "item" || ctx.inputs.has(e.target.text)) continue;
      occurrence(ctx, categoryNames.has(e.target.text) ? "category" : "indicator", e.target, false);
    }
  }
  const isDraft = ast.header.status?.text.includes("草稿") === true || pendingCount > 0;
  for (const i of ctx.inputs.values()) {
    if (ctx.used.has(i.name) || i.reference || i.type === "text") continue;
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
  if (cat.kind === "bonus" || cat.indicators.some((i) => i.pending) || cat.pending || cat.indicators.length === 0) return;
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
    if (isQuantity(node)) {
      quantities.push(node);
      return;
    }
    for (const v of Array.isArray(node) ? node : Object.values(node)) walk(v);
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
