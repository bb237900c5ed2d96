/** fast-check generators of valid platform records for any rubric, from its declared inputs. */
import fc from "fast-check";
import { optionInputs, type Input, type Rubric } from "../../packages/core/src/index.ts";

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
