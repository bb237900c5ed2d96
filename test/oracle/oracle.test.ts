/**
 * The independent oracle (issue 9) against the engine, on every rubric in rules/: platforms at every
 * threshold and one unit of its last digit either side, derived inputs pushed across their thresholds,
 * totals pushed across grade boundaries, and random platforms — each scored by the oracle, by the
 * generated verdict function (`score`), by the explaining closures (`referenceScore`) and by `explain`.
 * A disagreement is a bug in one of them: keep the failing record in regressions.ts.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, compile, type ConditionAst, type FileAst } from "@zhunsheng/core";
import { rubricFiles, rulesDir } from "../rules/support.ts";
import { caseFailures, caseRecord } from "./cases.ts";
import { compareAll } from "./compare.ts";
import { PlatformMaker, prng } from "./inputs.ts";
import { oracleOf, Unsupported } from "./oracle.ts";
import { REGRESSIONS } from "./regressions.ts";

function load(file: string) {
  const text = readFileSync(join(rulesDir, file), "utf8");
  const analysis = analyze(text, file);
  if (!analysis.rubric) throw new Error(`${file}: no rubric`);
  return { ast: analysis.ast as FileAst, scorer: compile(analysis.rubric) };
}

it("the library has rubrics to compare (not a vacuous run)", () => expect(rubricFiles.length).toBeGreaterThanOrEqual(18));

describe.each(rubricFiles)("%s", (file) => {
  const { ast, scorer } = load(file);

  it("is within what the oracle computes (no construct refused)", () => {
    expect(() => oracleOf(ast)).not.toThrow(Unsupported);
  });
  const oracle = oracleOf(ast);

  it("the oracle computes every hand-checked 用例 as written", () => {
    expect(ast.cases.length).toBeGreaterThanOrEqual(5);
    const failures = ast.cases.flatMap((c) => caseFailures(oracle, c).map((f) => `用例「${c.name.text}」：${f}`));
    expect(failures).toEqual([]);
  });

  const maker = new PlatformMaker(oracle, ast.cases.map((c) => caseRecord(oracle, c)));

  it("agrees at every threshold and one unit of its last digit either side", () => {
    const rnd = prng(20260101);
    const problems: string[] = [];
    let n = 0;
    for (const { record, why } of maker.sweep(rnd, 1)) {
      n++;
      const d = compareAll(why, oracle.evaluate(record), scorer, record);
      if (d.length > 0) problems.push(...d, `  数据：${JSON.stringify(record)}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // every numeric input that a rule compares has its neighbourhood swept (at least t−, t, t+ for one threshold)
    const swept = [...maker.thresholds.keys()].filter((k) => oracle.entered.some((i) => i.name.text === k));
    if (swept.length > 0) expect(n).toBeGreaterThanOrEqual(swept.length * 3);
  });

  it("agrees where derived inputs cross their thresholds", () => {
    const rnd = prng(20260102);
    const problems: string[] = [];
    for (const { record, why } of maker.derivedCrossings(rnd)) {
      const d = compareAll(why, oracle.evaluate(record), scorer, record);
      if (d.length > 0) problems.push(...d, `  数据：${JSON.stringify(record)}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // each derived input that a rule or condition compares was pushed across at least one of its thresholds
    for (const d of oracle.derivedInputs) {
      if (!(maker.thresholds.get(d.name.text) ?? []).length) continue;
      expect([...maker.crossed].some((w) => w.startsWith(`${d.name.text} 越过`)), d.name.text).toBe(true);
    }
  });

  it("agrees where the total crosses a grade boundary", () => {
    const rnd = prng(20260103);
    const problems: string[] = [];
    for (const { record, why } of maker.gradeCrossings(rnd)) {
      const d = compareAll(why, oracle.evaluate(record), scorer, record);
      if (d.length > 0) problems.push(...d, `  数据：${JSON.stringify(record)}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    if (ast.grades.length > 0) expect([...maker.crossed].some((w) => w.startsWith("总分越过"))).toBe(true);
  });

  it("agrees on random platforms drawn around the thresholds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const record = maker.backgroundOrBase(prng(seed));
        expect(compareAll(`seed ${seed}`, oracle.evaluate(record), scorer, record)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("regressions: records on which the oracle and the engine once disagreed", () => {
  it.each(REGRESSIONS.map((r) => [r.name, r] as const))("%s", (_name, r) => {
    const text = r.file ? readFileSync(join(rulesDir, r.file), "utf8") : r.text!;
    const analysis = analyze(text, r.file ?? "regression.zs");
    const oracle = oracleOf(analysis.ast);
    const scorer = compile(analysis.rubric!);
    const o = oracle.evaluate(r.record);
    expect(compareAll(r.name, o, scorer, r.record)).toEqual([]);
    r.expect?.(o);
  });
});

/** The numbers compared in a rubric's rules and conditions, as source ranges of their digits. */
function comparedNumbers(ast: FileAst, text: string): { start: number; end: number; value: string }[] {
  const out: { start: number; end: number; value: string }[] = [];
  const fromCondition = (c: ConditionAst | undefined) => {
    if (!c) return;
    const quantities = c.kind === "between" ? [c.low, c.high] : c.comparisons.map((k) => k.value);
    for (const qty of quantities) {
      const at = qty.range.start.offset;
      const m = /^\d+(\.\d+)?/.exec(text.slice(at, qty.range.end.offset));
      if (m) out.push({ start: at, end: at + m[0].length, value: m[0] });
    }
  };
  // a 不得分 band gives 0 points whichever side of it a value lies: moving its threshold changes no score
  for (const cat of ast.categories) for (const ind of cat.indicators) for (const rule of ind.rules) for (const c of rule.clauses) if (c.kind === "award" && c.verb !== "none") fromCondition(c.condition);
  for (const c of ast.eligibility?.conditions ?? []) if (c.predicate.kind === "compare") fromCondition(c.predicate.condition);
  return out;
}

/** One unit of the last digit up: 1500 → 1501, 59.9 → 60.0. */
function bump(v: string): string {
  const d = v.includes(".") ? v.length - v.indexOf(".") - 1 : 0;
  const n = BigInt(v.replace(".", "")) + 1n;
  const s = n.toString().padStart(d + 1, "0");
  return d === 0 ? s : `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`;
}

describe("not vacuous: an engine whose threshold is one unit off is caught by the threshold sweep", () => {
  it.each(rubricFiles)("%s", (file) => {
    const text = readFileSync(join(rulesDir, file), "utf8");
    const ast = analyze(text, file).ast as FileAst;
    const numbers = comparedNumbers(ast, text);
    if (numbers.length === 0) return expect(ast.cases.length).toBeGreaterThan(0); // expert scores only: nothing compared
    const oracle = oracleOf(ast);
    const maker = new PlatformMaker(oracle, ast.cases.map((c) => caseRecord(oracle, c)));
    const records = [...maker.sweep(prng(7), 1), ...maker.derivedCrossings(prng(8))];
    const tried = numbers.filter((_, k) => k % Math.ceil(numbers.length / 4) === 0);
    const caught = tried.filter((n) => {
      const mutant = analyze(text.slice(0, n.start) + bump(n.value) + text.slice(n.end), file);
      if (!mutant.rubric) return true;
      const scorer = compile(mutant.rubric);
      return records.some(({ record, why }) => compareAll(why, oracle.evaluate(record), scorer, record).length > 0);
    });
    expect(caught.length, `${caught.length} of ${tried.length} shifted thresholds caught`).toBeGreaterThan(0);
  });
});
