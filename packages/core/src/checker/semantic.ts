/**
 * Checks that need the rubric's arithmetic: reachability of 0 and the maximum, monotonicity,
 * grade bands over the whole score range, partial-step readings, and the example cases.
 * Rules are functions of one input each, piecewise constant or linear between the numbers
 * written in them, so evaluating them at those numbers (and just beside them) is exhaustive.
 */
import { addDecimals, compareDecimals, decimalsOf, isDecimalString } from "../decimal.ts";
import { intervalOf } from "../binder/from-ast.ts";
import { diagnostic, type Diagnostic, type Fix } from "../diagnostics.ts";
import { compile, type Scorer } from "../evaluator/scorer.ts";
import { criticalPoints } from "../evaluator/critical-points.ts";
import type { CaseAst, Condition as ConditionAst, Range } from "../ast.ts";
import type { Indicator, Input, Interval, Part, Rubric, Rule } from "../model.ts";
import { optionInputs } from "../model-walk.ts";

interface Extent {
  min: number;
  max: number;
}

interface IndicatorExtent extends Extent {
  /** Highest sum of the sentences before the indicator's cap and maximum apply. */
  rawMax: number;
}

/** Lowest and highest value of an indicator over its inputs' ranges. */
function indicatorExtent(ind: Indicator, scorer: Scorer): IndicatorExtent | undefined {
  const fns = scorer.ruleFunctions(ind.path);
  if (fns.length === 0) return undefined;
  const max = ind.max !== undefined ? scorer.scale(ind.max)! : undefined;
  const start = ind.startsFull && max !== undefined ? max : 0;
  const ruleExtent = new Map<Rule, Extent>();
  for (const { rule, value } of fns) {
    let rmin = Infinity;
    let rmax = -Infinity;
    for (const input of rule.subjects) {
      for (const x of criticalPoints(rule, input, scorer, ind.cap ?? ind.max)) {
        const v = value(x);
        if (v < rmin) rmin = v;
        if (v > rmax) rmax = v;
      }
    }
    ruleExtent.set(rule, { min: rmin, max: rmax });
  }
  // groups: summed, or the best / worst of independent sentences; then each option's sum
  const groupExtent = (g: Indicator["groups"][number]): Extent => {
    const xs = g.rules.map((r) => ruleExtent.get(r) ?? { min: 0, max: 0 });
    const cap = g.atMost !== undefined ? scorer.scale(g.atMost)! : Infinity;
    const e =
      g.combine === "sum"
        ? { min: xs.reduce((a, x) => a + x.min, 0), max: xs.reduce((a, x) => a + x.max, 0) }
        : g.combine === "max"
          ? { min: Math.max(...xs.map((x) => x.min)), max: Math.max(...xs.map((x) => x.max)) }
          : { min: Math.min(...xs.map((x) => x.min)), max: Math.min(...xs.map((x) => x.max)) };
    return { min: Math.min(e.min, cap), max: Math.min(e.max, cap) };
  };
  const common = ind.groups.filter((g) => g.option === undefined).map(groupExtent);
  const perOption = ind.options.map((o) => ind.groups.filter((g) => g.option === o).map(groupExtent));
  const sum = (list: Extent[]) => ({ min: list.reduce((a, x) => a + x.min, 0), max: list.reduce((a, x) => a + x.max, 0) });
  const base = sum(common);
  const options = perOption.map(sum);
  const lo = start + base.min + (options.length ? Math.min(...options.map((x) => x.min)) : 0);
  const hi = start + base.max + (options.length ? Math.max(...options.map((x) => x.max)) : 0);
  const clamp = (v: number) => {
    let r = v;
    const cap = ind.cap !== undefined ? scorer.scale(ind.cap)! : undefined;
    if (cap !== undefined && r > cap) r = cap;
    if (max !== undefined && r > max) r = max;
    return r < 0 ? 0 : r;
  };
  return { min: ind.vetoes.length > 0 ? 0 : clamp(lo), max: clamp(hi), rawMax: hi };
}

function checkIndicators(rubric: Rubric, scorer: Scorer, out: Diagnostic[]): void {
  for (const ind of rubric.indicators) {
    if (ind.pending || ind.rules.length === 0) continue;
    const extent = indicatorExtent(ind, scorer);
    if (extent && !ind.bonus && !ind.deduction && ind.max !== undefined) {
      // 「其他得5分」: a value outside the listed ones scoring above 0 is what the rubric says
      const otherwise = ind.rules.some((r) => r.parts.some((p) => p.kind === "levels" && p.otherwise !== undefined));
      if (extent.min > 0 && !otherwise) out.push(diagnostic("ZS3011", ind.range, [ind.name, scorer.format(extent.min)]));
      if (extent.max < scorer.scale(ind.max)!) out.push(diagnostic("ZS3012", ind.range, [ind.name, scorer.format(extent.max), ind.max]));
      // sentences that can add up to more than the points are cut silently unless the rubric says so (直到满分…为止)
      if (ind.cap === undefined && !ind.startsFull && extent.rawMax > scorer.scale(ind.max)!) out.push(overPoints(ind, scorer.format(extent.rawMax)));
    }
    checkMonotone(ind, scorer, out);
    for (const r of ind.rules) for (const p of r.parts) checkReading(p, r.subjects[0]!, scorer, out);
  }
}

function overPoints(ind: Indicator, raw: string): Diagnostic {
  const last = ind.rules[ind.rules.length - 1]!.range;
  const indent = " ".repeat(Math.max(0, last.start.column - 1));
  return diagnostic("ZS3025", ind.rules[0]!.range, [ind.name, raw, ind.max!], {
    title: `写明「直到满分${ind.max}为止」`,
    edits: [{ range: { start: last.end, end: last.end }, newText: `\n${indent}直到满分${ind.max}为止` }],
  });
}

function checkMonotone(ind: Indicator, scorer: Scorer, out: Diagnostic[]): void {
  const fns = scorer.ruleFunctions(ind.path);
  const bySubject = new Map<Input, ((x: number) => number)[]>();
  for (const { rule, value } of fns) {
    if (rule.chooseOne) continue;
    const s = rule.subjects[0]!;
    // declared directions are checked; a derived input (a ratio, a growth rate) is checked without one
    if (!s.direction && s.kind !== "derived") continue;
    bySubject.set(s, [...(bySubject.get(s) ?? []), value]);
  }
  for (const [input, values] of bySubject) {
    const rule = fns.find((f) => f.rule.subjects[0] === input)!.rule;
    const points = criticalPoints(rule, input, scorer, ind.cap ?? ind.max);
    const u = input.unit ?? "";
    if (!input.direction) {
      // no direction declared: the score should move one way only (a ratio that scores higher then lower is suspicious)
      let trend = 0;
      let prev: { x: number; v: number } | undefined;
      for (const x of points) {
        const v = values.reduce((a, f) => a + f(x), 0);
        if (prev && v !== prev.v) {
          const sign = Math.sign(v - prev.v);
          if (trend !== 0 && sign !== trend) {
            out.push(diagnostic("ZS3031", rule.range, [ind.name, input.name, `${scorer.format(prev.x)}${u}得${scorer.format(prev.v)}分，${scorer.format(x)}${u}得${scorer.format(v)}分`]));
            break;
          }
          trend = sign;
        }
        prev = { x, v };
      }
      continue;
    }
    let prev: { x: number; v: number } | undefined;
    for (const x of points) {
      const v = values.reduce((a, f) => a + f(x), 0);
      if (prev) {
        const worse = input.direction === "up" ? v < prev.v : v > prev.v;
        if (worse) {
          out.push(
            diagnostic("ZS3030", rule.range, [
              ind.name,
              input.name,
              `${scorer.format(prev.x)}${u}得${scorer.format(prev.v)}分，${scorer.format(x)}${u}只得${scorer.format(v)}分${input.direction === "down" ? "（该输入越少越好）" : ""}`,
            ]),
          );
          break;
        }
      }
      prev = { x, v };
    }
  }
}

function checkReading(p: Part, input: Input, scorer: Scorer, out: Diagnostic[]): void {
  if (p.kind !== "stepDeduction" || p.readingExplicit) return;
  const partialPossible = input.type !== "count" || (scorer.scale(p.step) ?? 0) > (scorer.scale("1") ?? 1);
  if (!partialPossible) return;
  const example = exampleShortfall(p, scorer);
  out.push(
    diagnostic("ZS3020", p.range, [example], {
      title: "写明读法：不足一档不计",
      edits: [{ range: { start: p.range.end, end: p.range.end }, newText: "（不足一档不计）" }],
    }),
  );
}

function exampleShortfall(p: Extract<Part, { kind: "stepDeduction" }>, scorer: Scorer): string {
  const t = scorer.scale(p.threshold.value)!;
  const step = scorer.scale(p.step)!;
  const x = t - Math.floor(step / 2);
  const u = p.unit ?? "";
  return `${scorer.format(x)}${u}差${scorer.format(t - x)}${u}，不满${p.step}${u}，不扣分`;
}

function checkGrades(rubric: Rubric, scorer: Scorer, out: Diagnostic[]): void {
  if (rubric.grades.length === 0) return;
  const s = (v: string) => scorer.scale(v)!;
  const bounds = new Set<number>([0, s(rubric.maxTotal)]);
  for (const g of rubric.grades) {
    if (g.interval.lo) bounds.add(s(g.interval.lo.value));
    if (g.interval.hi) bounds.add(s(g.interval.hi.value));
  }
  const sorted = [...bounds].filter((b) => b >= 0 && b <= s(rubric.maxTotal)).sort((a, b) => a - b);
  const probes: { x: number; text: string; open?: [number, number] }[] = [];
  sorted.forEach((b, i) => {
    probes.push({ x: b, text: `${scorer.format(b)}分` });
    const next = sorted[i + 1];
    if (next !== undefined) probes.push({ x: (b + next) / 2, text: `${scorer.format(b)}～${scorer.format(next)}分之间（不含两端）`, open: [b, next] });
  });
  const kind = rubric.gradeKind;
  const contains = (x: number) =>
    rubric.grades.filter((g) => {
      const lo = g.interval.lo;
      const hi = g.interval.hi;
      if (lo && (lo.closed ? x < s(lo.value) : x <= s(lo.value))) return false;
      if (hi && (hi.closed ? x > s(hi.value) : x >= s(hi.value))) return false;
      return true;
    });
  // consecutive uncovered probes are one gap: one warning each
  const gaps: (typeof probes)[] = [];
  let run: typeof probes = [];
  let overlapReported = false;
  for (const p of probes) {
    const hits = contains(p.x);
    const interior = rubric.grades.some((g) => g.interval.hi && s(g.interval.hi.value) <= p.x) && rubric.grades.some((g) => g.interval.lo && s(g.interval.lo.value) >= p.x);
    // below the lowest star there is simply no star; grades (等级) must cover everything
    const mustCover = kind === "等级" || interior;
    if (hits.length === 0 && mustCover) run.push(p);
    else if (run.length > 0) {
      gaps.push(run);
      run = [];
    }
    if (hits.length > 1 && !overlapReported) {
      // a band closed at its top where the next band starts closed: end it just before (「60分以下」 → 「不足60分」)
      const upper = hits.find((h) => h.interval.hi?.closed && s(h.interval.hi.value) === p.x);
      const astBand = upper ? rubric.ast.grades[rubric.grades.indexOf(upper)] : undefined;
      const fix =
        upper && astBand
          ? {
              title: `改为「${bandText({ ...upper.interval, hi: { value: upper.interval.hi!.value, closed: false } })}」`,
              edits: [{ range: astBand.condition.range, newText: bandText({ ...upper.interval, hi: { value: upper.interval.hi!.value, closed: false } }) }],
            }
          : undefined;
      // 「60分以下」 by the Civil Code includes 60 (art. 1259): say so, it is why the policy text overlaps
      const word = astBand?.condition.kind === "compare" ? astBand.condition.comparisons.find((c) => c.op === "<=")?.word : undefined;
      const why = word && fix ? `（按民法典第1259条，「${word}」含本数：${p.text}不属于「${upper!.label}」请写${fix.title.slice(2)}）` : "";
      out.push(diagnostic("ZS3041", hits[1]!.range, [kind, p.text, hits[0]!.label, hits[1]!.label, why], fix));
      overlapReported = true;
    }
  }
  if (run.length > 0) gaps.push(run);
  for (const gap of gaps) {
    const first = gap[0]!;
    const last = gap[gap.length - 1]!;
    const text =
      gap.length === 1
        ? first.text
        : `${first.open ? `超过${scorer.format(first.open[0])}分` : `${scorer.format(first.x)}分（含）`}至${last.open ? `${scorer.format(last.open[1])}分（不含）` : `${scorer.format(last.x)}分（含）`}之间`;
    const opens = gap.filter((p) => p.open);
    const before = rubric.grades.find((g) => g.interval.hi && opens.some((p) => s(g.interval.hi!.value) === p.open![0]));
    const after = rubric.grades.find((g) => g.interval.lo && opens.some((p) => s(g.interval.lo!.value) === p.open![1]));
    let fix;
    const astBand = before ? rubric.ast.grades[rubric.grades.indexOf(before)] : undefined;
    if (before && after && astBand && before.interval.lo) {
      const unit = "分";
      fix = {
        title: `改为「${before.interval.lo.value}${unit}${before.interval.lo.closed ? "以上" : "（不含）以上"}不足${after.interval.lo!.value}${unit}」，与下一档相接`,
        edits: [{ range: astBand.condition.range, newText: `${before.interval.lo.value}${unit}${before.interval.lo.closed ? "以上" : ""}不足${after.interval.lo!.value}${unit}` }],
      };
    }
    out.push(diagnostic("ZS3040", (before ?? rubric.grades[0]!).range, [kind, text], fix));
  }
}

/** Decimals written in the example cases' inputs (the scale must hold them). */
function caseDigits(rubric: Rubric): number {
  return Math.max(2, ...rubric.ast.cases.flatMap((c) => c.inputs.map((i) => (typeof i.value === "object" && "value" in i.value ? (i.value.value.split(".")[1]?.length ?? 0) : 0))));
}

/** A score band in the Civil Code's words: 「60分以上不足80分」, 「超过90分」. */
function bandText(i: { lo?: { value: string; closed: boolean } | undefined; hi?: { value: string; closed: boolean } | undefined }, unit = "分"): string {
  const lo = i.lo ? (i.lo.closed ? `${i.lo.value}${unit}以上` : `超过${i.lo.value}${unit}`) : "";
  const hi = i.hi ? (i.hi.closed ? `${i.hi.value}${unit}以下` : `不足${i.hi.value}${unit}`) : "";
  return lo + hi;
}

/** What every case of a rubric shares: its inputs' defaults, the 选其一 rule of each alternative, each 选项's own inputs (made once per rubric). */
interface CaseShape {
  defaults: Record<string, unknown>;
  chooseRuleOf: Map<Input, Rule>;
  options: { indicator: Indicator; own: Map<string, string[]> }[];
}

const caseShapes = new WeakMap<Rubric, CaseShape>();

function caseShape(rubric: Rubric): CaseShape {
  let shape = caseShapes.get(rubric);
  if (shape) return shape;
  const defaults: Record<string, unknown> = {};
  for (const input of rubric.inputs) {
    if (input.kind === "derived" || input.type === "text") continue;
    // inputs a case does not name: 0 / 否, the lowest value of a 取值, no items of a 清单
    defaults[input.name] =
      input.type === "yesno" ? "否" : input.type === "enum" ? input.values[input.values.length - 1]! : input.type === "list" ? "无" : input.min !== undefined && Number(input.min) > 0 ? input.min : "0";
  }
  const chooseRuleOf = new Map<Input, Rule>();
  for (const ind of rubric.indicators)
    for (const r of ind.rules) {
      if (!r.chooseOne) continue;
      for (const s of r.subjects.slice(1)) delete defaults[s.name];
      for (const s of r.subjects) if (!chooseRuleOf.has(s)) chooseRuleOf.set(s, r);
    }
  const options = rubric.indicators.filter((x) => x.options.length > 0).map((indicator) => ({ indicator, own: optionInputs(indicator.groups, { inputs: rubric.inputByName }) }));
  shape = { defaults, chooseRuleOf, options };
  caseShapes.set(rubric, shape);
  return shape;
}

/**
 * The record a 用例 describes: every entered input at its lowest value (0／否) unless the case
 * gives it; `unknown` lists the case's inputs that are not declared. The workbench runs a case
 * (its explanation) from the same record the checker scores.
 */
export function caseRecord(rubric: Rubric, c: CaseAst): { record: Record<string, unknown>; unknown: CaseAst["inputs"] } {
  const shape = caseShape(rubric);
  const record: Record<string, unknown> = { ...shape.defaults };
  // 选项: a case fills in the option whose inputs it names (the first option when it names none)
  const named = new Set(c.inputs.map((i) => i.name.text));
  for (const { indicator: ind, own } of shape.options) {
    const pick = ind.options.find((o) => (own.get(o) ?? []).some((n) => named.has(n))) ?? ind.options[0];
    for (const o of ind.options) if (o !== pick) for (const n of own.get(o) ?? []) delete record[n];
  }
  const unknown: CaseAst["inputs"] = [];
  for (const i of c.inputs) {
    const input = rubric.inputByName.get(i.name.text);
    if (!input) {
      unknown.push(i);
      continue;
    }
    const chooseRule = shape.chooseRuleOf.get(input);
    if (chooseRule) for (const s of chooseRule.subjects) delete record[s.name];
    record[i.name.text] = typeof i.value === "boolean" ? (i.value ? "是" : "否") : "value" in i.value ? i.value.value : i.value.text;
  }
  return { record, unknown };
}

/** The quick fix of a failing expectation: the actual result written in its place (「以实际结果为期望」). */
function actualFix(range: Range, newText: string): Fix {
  return { title: `以实际结果为期望：${newText}`, edits: [{ range, newText }] };
}

function checkCases(rubric: Rubric, scorer: Scorer, out: Diagnostic[]): void {
  if (rubric.ast.cases.length === 0) return;
  for (const c of rubric.ast.cases) {
    const { record, unknown } = caseRecord(rubric, c);
    for (const i of unknown) out.push(diagnostic("ZS4002", i.name.range, [c.name.text, `「${i.name.text}」不是已声明的输入`]));
    if (unknown.length > 0) continue;
    const v = scorer.score(record);
    if (v.errors.length > 0) {
      out.push(diagnostic("ZS4002", c.name.range, [c.name.text, v.errors.map((e) => e.message).join("；")]));
      continue;
    }
    for (const e of c.expectations) {
      switch (e.kind) {
        case "total":
          if (!sameDecimal(v.total, e.value.value)) {
            const d = diagnostic("ZS4001", e.range, [c.name.text, "总分", `${e.value.value}分`, `${v.total}分`]);
            if (v.total !== null) d.fix = actualFix(e.value.range, `${v.total}${e.value.unit ?? "分"}`);
            out.push(d);
          }
          break;
        case "grade": {
          // 「等级 无」 expects no grade (a total in a gap, or below the lowest star)
          const expected = e.label.text === "无" ? null : e.label.text;
          if (v.grade !== expected) {
            const d = diagnostic("ZS4001", e.range, [c.name.text, rubric.gradeKind, expected ? `「${expected}」` : "无", v.grade ? `「${v.grade}」` : "无"]);
            d.fix = actualFix(e.label.range, v.grade ?? "无");
            out.push(d);
          }
          break;
        }
        case "eligible":
          if (v.eligible !== e.value) {
            const d = diagnostic("ZS4001", e.range, [c.name.text, "认定", e.value ? "是" : "否", v.eligible === null ? "无认定条件" : v.eligible ? "是" : "否"]);
            // the 是/否 is the expectation's last character
            if (v.eligible !== null) d.fix = actualFix({ start: { ...e.range.end, offset: e.range.end.offset - 1, column: e.range.end.column - 1 }, end: e.range.end }, v.eligible ? "是" : "否");
            out.push(d);
          }
          break;
        case "item": {
          const target = e.target.text;
          const ind = v.indicators.find((x) => x.name === target);
          const cat = v.categories.find((x) => x.name === target);
          // a 大类's score is the sum of its categories'
          const group = rubric.groups.find((g) => g.name === target);
          const groupScore = group && addDecimals(v.categories.filter((x) => group.categories.includes(x.name)).map((x) => x.score));
          const actual = ind ? ind.score : cat ? cat.score : groupScore;
          if (!ind && !cat && !group) out.push(diagnostic("ZS4003", e.target.range, [c.name.text, target]));
          else if (!sameDecimal(actual ?? null, e.value.value)) {
            const d = diagnostic("ZS4001", e.range, [c.name.text, `「${target}」`, `${e.value.value}分`, actual === null ? "未计分" : `${actual}分`]);
            if (actual != null) d.fix = actualFix(e.value.range, `${actual}${e.value.unit ?? "分"}`);
            out.push(d);
          }
          break;
        }
      }
    }
  }
}

function sameDecimal(actual: string | null, expected: string): boolean {
  return actual !== null && isDecimalString(actual) && isDecimalString(expected) && compareDecimals(actual, expected) === 0;
}

/** Just above a number, half a unit of its last digit: 84 → 84.5, 2.5 → 2.55. */
function justAbove(v: string): string {
  const d = decimalsOf(v);
  return addDecimals([v, `0.${"0".repeat(d)}5`]);
}

function inInterval(v: string, i: Interval): boolean {
  if (i.lo && (i.lo.closed ? compareDecimals(v, i.lo.value) < 0 : compareDecimals(v, i.lo.value) <= 0)) return false;
  if (i.hi && (i.hi.closed ? compareDecimals(v, i.hi.value) > 0 : compareDecimals(v, i.hi.value) >= 0)) return false;
  return true;
}

/**
 * 「75～84分」: both ends included by convention; a value between 84 and the next band falls in no
 * band — said once, and only when no neighbouring band covers it and the ends were not written.
 */
function checkBetweenBands(rubric: Rubric, out: Diagnostic[]): void {
  const hint = (cond: ConditionAst, unit: string, neighbours: readonly Interval[]) => {
    if (cond.kind !== "between" || cond.explicit) return;
    const lo = cond.low.value;
    const hi = cond.high.value;
    const above = justAbove(hi);
    if (neighbours.some((i) => inInterval(above, i))) return;
    const u = cond.high.unit ?? cond.low.unit ?? unit;
    out.push(
      diagnostic("ZS3045", cond.range, [`${lo}～${hi}${u}`, `[${lo}, ${hi}]`, `${above}${u}`], {
        title: `写明两端：${lo}${u}以上${hi}${u}以下`,
        edits: [{ range: cond.range, newText: `${lo}${u}以上${hi}${u}以下` }],
      }),
    );
  };
  // grade bands are not hinted here: a value between two bands is already reported once, as a gap (ZS3040)
  for (const ind of rubric.ast.categories.flatMap((c) => c.indicators)) {
    for (const r of ind.rules) {
      const input = rubric.inputByName.get(r.subjects[0]?.text ?? "");
      if (!input || input.type === "count") continue;
      const bands = r.clauses.flatMap((c) => (c.kind === "award" && c.condition ? [intervalOf(c.condition, "")] : []));
      for (const c of r.clauses) if (c.kind === "award" && c.condition) hint(c.condition, input.unit ?? "", bands);
    }
  }
}

/** The scorer the checks use; its scale also holds the example cases' decimals. */
export function compileForChecks(rubric: Rubric): Scorer {
  return compile(rubric, { dataDigits: caseDigits(rubric) });
}

/** The checks local to each indicator (for a file with errors elsewhere). */
export function checkIndicatorsOnly(rubric: Rubric, scorer: Scorer): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkIndicators(rubric, scorer, out);
  return out;
}

/** Runs every check that needs evaluation. */
export function checkSemantics(rubric: Rubric, scorer: Scorer = compileForChecks(rubric)): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkIndicators(rubric, scorer, out);
  checkGrades(rubric, scorer, out);
  checkBetweenBands(rubric, out);
  checkCases(rubric, scorer, out);
  return out;
}
