/** fast-check generators of valid platform records for any rubric, from its declared inputs. */
import fc from "fast-check";
import { compareDecimals, criticalPoints, decimalsOf, fromScaled, optionInputs, toScaled, type Condition, type Input, type Interval, type Rubric, type Scorer } from "../../packages/core/src/index.ts";

function valueOf(input: Input): fc.Arbitrary<string> {
  const lo = input.min !== undefined ? Number(input.min) : 0;
  const hi = input.max !== undefined ? Number(input.max) : Math.max(lo + 10, 5000);
  if (input.panel) {
    // several experts' scores within the range (three at least, for 去掉最高分和最低分)
    return fc.array(fc.integer({ min: Math.ceil(lo * 10), max: Math.floor(hi * 10) }), { minLength: 3, maxLength: 7 }).map((xs) => xs.map((n) => String(n / 10)).join("、"));
  }
  switch (input.type) {
    case "yesno":
      return fc.constantFrom("是", "否");
    case "enum":
      return fc.constantFrom(...input.values);
    case "list":
      return fc.array(fc.constantFrom(...input.values), { maxLength: 6 }).map((xs) => (xs.length === 0 ? "无" : xs.join("、")));
    case "count":
      return fc.oneof(fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.min(hi, lo + 30)) }), fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })).map(String);
    default:
      // two decimals at most, inside the range
      return fc.integer({ min: Math.ceil(lo * 100), max: Math.floor(hi * 100) }).map((n) => (n / 100).toFixed(2));
  }
}

/** A record with every entered input filled; for 选其一 exactly one alternative is filled. */
export function recordArb(rubric: Rubric): fc.Arbitrary<Record<string, string>> {
  const entered = rubric.inputs.filter((i) => i.kind !== "derived" && i.type !== "text");
  // 选其一 and 选项: exactly one alternative (or one option's own inputs) is filled in
  const groups = [
    ...rubric.indicators.flatMap((i) => i.rules.filter((r) => r.chooseOne).map((r) => r.subjects.map((s) => [s.name]))),
    ...rubric.indicators
      .filter((i) => i.options.length > 0)
      .map((i) => {
        const own = optionInputs(i.groups, { inputs: rubric.inputByName });
        return i.options.map((o) => own.get(o) ?? []);
      }),
  ];
  const shape: Record<string, fc.Arbitrary<string>> = {};
  for (const i of entered) shape[i.name] = valueOf(i);
  return fc.tuple(fc.record(shape), fc.array(fc.nat(), { minLength: groups.length, maxLength: groups.length })).map(([rec, picks]) => {
    const out: Record<string, string> = { ...rec };
    groups.forEach((g, k) => g.forEach((names, j) => j !== picks[k]! % g.length && names.forEach((name) => delete out[name])));
    // derived inputs may divide: keep denominators non-zero where a record would otherwise be invalid
    return out;
  });
}

/** The values written in a condition (认定条件, 否决, 若…则, overrides), with the inputs they are compared with. */
function conditionThresholds(c: Condition, out: Map<Input, string[]>): void {
  const add = (input: Input, interval: Interval) => {
    const list = out.get(input) ?? [];
    for (const b of [interval.lo, interval.hi]) if (b) list.push(b.value);
    out.set(input, list);
  };
  switch (c.kind) {
    case "compare":
      add(c.input, c.interval);
      for (const o of c.overrides) {
        add(c.input, o.interval);
        conditionThresholds(o.when, out);
      }
      return;
    case "all":
    case "any":
      for (const x of c.conditions) conditionThresholds(x, out);
      return;
    case "flags":
    case "score":
    case "is":
      return;
  }
}

/** `v` moved by `delta` (exact decimal strings, via the scale of the finest of the two). */
function shifted(v: string, delta: string, sign: 1 | -1): string {
  const d = Math.max(decimalsOf(v), decimalsOf(delta));
  const n = toScaled(v, d)! + sign * toScaled(delta, d)!;
  return fromScaled(n, d);
}

/**
 * Values where some entered input's effect on the verdict can change: the rules' critical points
 * (every number written in a rule, one unit of the scale either side, step boundaries — the points the
 * checker and the curve read), and every number a condition compares, with a hundredth and a millionth
 * either side for inputs that take decimals (a millionth makes the scorer compile a finer scale).
 */
export function boundaryValues(rubric: Rubric, scorer: Scorer): Map<string, string[]> {
  const byInput = new Map<Input, string[]>();
  const push = (input: Input, values: string[]) => byInput.set(input, [...(byInput.get(input) ?? []), ...values]);
  for (const ind of rubric.indicators)
    for (const rule of ind.rules)
      for (const input of rule.subjects) if (input.kind !== "derived") push(input, criticalPoints(rule, input, scorer, ind.max ?? "100").map((x) => scorer.format(x)));
  const conditions = new Map<Input, string[]>();
  for (const v of rubric.vetoes) conditionThresholds(v.condition, conditions);
  for (const ind of rubric.indicators) for (const v of ind.vetoes) conditionThresholds(v.condition, conditions);
  for (const r of rubric.eligibility?.rules ?? []) conditionThresholds(r.condition, conditions);
  for (const r of rubric.eligibility?.relaxations ?? []) conditionThresholds(r.condition, conditions);
  for (const [input, values] of conditions) {
    if (input.kind === "derived") continue;
    const deltas = input.type === "count" ? ["1"] : ["1", "0.01", "0.000001"];
    push(input, values.flatMap((v) => [v, ...deltas.flatMap((d) => [shifted(v, d, -1), shifted(v, d, 1)])]));
  }
  const out = new Map<string, string[]>();
  for (const [input, values] of byInput) {
    if (input.panel || input.type === "yesno" || input.type === "enum" || input.type === "list" || input.type === "text") continue;
    const inRange = values.filter((v) => (input.min === undefined || compareDecimals(v, input.min) >= 0) && (input.max === undefined || compareDecimals(v, input.max) <= 0));
    const unique = [...new Set(inRange)];
    if (unique.length > 0) out.set(input.name, unique);
  }
  return out;
}

/**
 * Records concentrated at the boundaries: a valid record (`recordArb`) with some of its inputs moved to
 * a boundary value; now and then a cell a reader must refuse (text in a number, a value past its range),
 * so that errors are compared too.
 */
export function boundaryRecordArb(rubric: Rubric, scorer: Scorer): fc.Arbitrary<Record<string, string>> {
  const bounds = [...boundaryValues(rubric, scorer)];
  const entered = rubric.inputs.filter((i) => i.kind !== "derived" && i.type !== "text");
  const bad = (i: Input): string[] => [
    "abc",
    ...(i.max !== undefined ? [shifted(i.max, i.type === "count" ? "1" : "0.01", 1)] : []),
    ...(i.min !== undefined && i.type !== "yesno" ? [shifted(i.min, i.type === "count" ? "1" : "0.01", -1)] : []),
  ];
  const moves = bounds.map(([name, values]) => fc.option(fc.constantFrom(...values), { freq: 2 }).map((v) => [name, v] as const));
  // one record in six has a refused cell
  const spoil =
    entered.length > 0
      ? fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom(...entered).chain((i) => fc.constantFrom(...bad(i)).map((v) => [i.name, v] as const)), weight: 1 })
      : fc.constant(null);
  return fc.tuple(recordArb(rubric), fc.tuple(...moves), spoil).map(([rec, moved, spoiled]) => {
    const out = { ...rec };
    for (const [name, v] of moved) if (v !== null && name in out) out[name] = v;
    if (spoiled && spoiled[0] in out) out[spoiled[0]] = spoiled[1];
    return out;
  });
}
