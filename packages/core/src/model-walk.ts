/** Walks over the model in one place: the numbers written (scale choice, prose check) and the inputs an indicator reads (comparison across rubrics). */
import type { Expr } from "./ast.ts";
import type { Condition, Indicator, Input, Interval, Part, RuleGroup } from "./model.ts";

function intervalNumbers(i: Interval): string[] {
  return [i.lo?.value, i.hi?.value].filter((v): v is string => v !== undefined);
}

/** Whether an input's value is read as an exact rational (derived inputs, item counts, expert panels) rather than a scaled integer. */
export function readsRational(input: Input): boolean {
  return input.kind === "derived" || input.panel !== undefined;
}

/** Every number a part was written with: thresholds, steps, points, bounds. */
export function partNumbers(p: Part): string[] {
  switch (p.kind) {
    case "tiers":
      return p.tiers.flatMap((t) => [t.points, ...intervalNumbers(t.interval)]);
    case "add":
      return [p.points, ...intervalNumbers(p.interval)];
    case "flag":
      return [p.points];
    case "stepDeduction":
      return [p.threshold.value, p.full, p.step, p.per];
    case "increments":
      return [p.from.value, p.step, p.points];
    case "perItem":
    case "countDeduction":
      return [p.per, p.points];
    case "levels":
      return [...p.bands.map((b) => b.points), ...(p.otherwise !== undefined ? [p.otherwise] : [])];
    case "baseline":
      return p.between === "linear" ? [p.base, p.full] : [p.base, p.full, p.between];
    case "expert":
    case "discretionary":
      return [];
  }
}

/** Every number a condition was written with (overrides and nested conditions included). */
export function conditionNumbers(c: Condition): string[] {
  switch (c.kind) {
    case "compare":
      return [...intervalNumbers(c.interval), ...c.overrides.flatMap((o) => [...intervalNumbers(o.interval), ...conditionNumbers(o.when)])];
    case "score":
      return intervalNumbers(c.interval);
    case "flags":
    case "is":
      return [];
    case "all":
    case "any":
      return c.conditions.flatMap(conditionNumbers);
  }
}

/** Every number an indicator was written with, its own points, caps and vetoes included. */
export function indicatorNumbers(ind: Indicator): string[] {
  return [
    ...[ind.points, ind.max, ind.cap, ind.weight].filter((v): v is string => v !== undefined),
    ...ind.rules.flatMap((r) => [...(r.atMost !== undefined ? [r.atMost] : []), ...r.parts.flatMap(partNumbers)]),
    ...ind.groups.flatMap((g) => (g.atMost !== undefined ? [g.atMost] : [])),
    ...ind.vetoes.flatMap((v) => ["0", ...conditionNumbers(v.condition)]),
  ];
}

/** The entered inputs each option reads that no other option reads (how the data shows the choice). */
export function optionInputs(groups: readonly RuleGroup[], ctx: { inputs: ReadonlyMap<string, Input> }): Map<string, string[]> {
  const reads = new Map<string, Set<string>>();
  for (const g of groups) {
    if (g.option === undefined) continue;
    const set = reads.get(g.option) ?? new Set<string>();
    for (const r of g.rules) for (const s of r.subjects) for (const name of enteredBehind(s, ctx.inputs)) set.add(name);
    reads.set(g.option, set);
  }
  const out = new Map<string, string[]>();
  for (const [o, set] of reads) out.set(o, [...set].filter((name) => ![...reads].some(([other, s]) => other !== o && s.has(name))));
  return out;
}

/** The entered inputs a (derived) input is computed from. */
function enteredBehind(input: Input, inputs: ReadonlyMap<string, Input>, seen = new Set<string>()): string[] {
  if (seen.has(input.name)) return [];
  seen.add(input.name);
  if (input.kind !== "derived" || !input.expression) return [input.name];
  const out: string[] = [];
  for (const name of exprNames(input.expression)) {
    const i = inputs.get(name);
    if (i) out.push(...enteredBehind(i, inputs, seen));
  }
  return out;
}

/** The names an expression refers to. */
export function exprNames(e: Expr): string[] {
  switch (e.kind) {
    case "number":
      return [];
    case "ref":
      return [e.name.text];
    case "neg":
      return exprNames(e.operand);
    case "binary":
      return [...exprNames(e.left), ...exprNames(e.right)];
    default:
      return assertNever(e);
  }
}

/** The inputs a condition tests. */
export function conditionInputs(c: Condition): Input[] {
  switch (c.kind) {
    case "compare":
      return [c.input, ...c.overrides.flatMap((o) => conditionInputs(o.when))];
    case "flags":
      return c.inputs;
    case "is":
      return [c.input];
    case "score":
      // a score is read from other indicators, whose inputs they list themselves
      return [];
    case "all":
    case "any":
      return c.conditions.flatMap(conditionInputs);
    default:
      return assertNever(c);
  }
}

/**
 * Every input an indicator's score reads: the inputs its sentences score, the materials they and the
 * indicator require, the inputs its vetoes test, and, behind each derived input, the inputs it is
 * computed from (the derived inputs are listed too). Whatever is not listed cannot change the score.
 */
export function indicatorInputs(ind: Indicator, inputs: ReadonlyMap<string, Input>): Input[] {
  const out = new Map<string, Input>();
  const visit = (i: Input): void => {
    if (out.has(i.name)) return;
    out.set(i.name, i);
    if (i.kind !== "derived" || !i.expression) return;
    for (const name of exprNames(i.expression)) {
      const operand = inputs.get(name);
      if (operand) visit(operand);
    }
  };
  for (const r of ind.rules) for (const i of [...r.subjects, ...r.requires]) visit(i);
  for (const i of ind.requires) visit(i);
  for (const v of ind.vetoes) for (const i of conditionInputs(v.condition)) visit(i);
  return [...out.values()];
}

function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${JSON.stringify(x)}`);
}
