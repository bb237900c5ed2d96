/**
 * Properties that guard the impact numbers, over the rules library and generated edits:
 * no change and zero impact against itself or its formatted copy; an edit confined to one
 * indicator moves only that indicator and the totals containing it; undoing it restores
 * every score exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, compile, format, type Rubric } from "../../packages/core/src/index.ts";
import { diffRubrics, measureImpact } from "../../packages/publish/src/index.ts";
import { recordArb } from "../core/arbitraries.ts";
import { corpus } from "./helpers.ts";

const RUBRICS = corpus().filter((c) => c.rubric.indicators.some((i) => i.rules.length > 0));
const RUNS = 25;

/** Source spans of the scoring sentences, each with its indicator's path. */
function ruleSpans(r: Rubric): { indicator: string; start: number; end: number }[] {
  return r.indicators.flatMap((ind) => ind.rules.map((rule) => ({ indicator: ind.path, start: rule.range.start.offset, end: rule.range.end.offset })));
}

/** Every decimal literal inside a rule sentence of the source, tagged with its indicator's path. */
function editableNumbers(text: string, r: Rubric) {
  const spots: { indicator: string; category: string; start: number; end: number; value: string }[] = [];
  for (const span of ruleSpans(r)) {
    const src = text.slice(span.start, span.end);
    for (const m of src.matchAll(/\d+(?:\.\d+)?/g)) {
      // a digit inside a name (「18.上年度…」) is not a number of the rule
      const before = src[m.index - 1] ?? " ";
      if (/[\p{Script=Han}A-Za-z_]/u.test(before) && !/[达满得加减每少于过足到超低高多至]/.test(before)) continue;
      const ind = r.indicators.find((i) => i.path === span.indicator)!;
      spots.push({ indicator: span.indicator, category: ind.category, start: span.start + m.index, end: span.start + m.index + m[0].length, value: m[0] });
    }
  }
  return spots;
}

function boundOrUndefined(text: string): Rubric | undefined {
  const a = analyze(text, "edited.zs");
  return a.rubric && !a.diagnostics.some((d) => d.severity === "error" && !d.code.startsWith("ZS4")) ? a.rubric : undefined;
}

describe("impact properties over the rules library", () => {
  it(`covers the library (${RUBRICS.length} rubrics)`, () => {
    expect(RUBRICS.length).toBeGreaterThanOrEqual(4);
  });

  for (const c of RUBRICS) {
    it(`${c.name}: against itself and its formatted copy, no change and zero impact`, () => {
      const formatted = boundOrUndefined(format(c.text).text)!;
      expect(formatted).toBeDefined();
      expect(diffRubrics(c.rubric, formatted).changes).toEqual([]);
      fc.assert(
        fc.property(fc.array(recordArb(c.rubric), { minLength: 1, maxLength: 6 }), (recs) => {
          for (const other of [c.rubric, formatted]) {
            const impact = measureImpact(c.rubric, other, recs);
            for (const p of impact.platforms) {
              expect(p.before).toBe(p.after);
              expect(p.change === null || p.change === "0").toBe(true);
              expect(p.rankBefore).toBe(p.rankAfter);
              expect(p.gradeBefore).toBe(p.gradeAfter);
              expect(p.indicators).toEqual([]);
              expect(p.categories).toEqual([]);
              expect(p.crossings).toEqual([]);
            }
            expect(impact.histogram.every((b) => b.before === b.after)).toBe(true);
          }
        }),
        { numRuns: 10 },
      );
    });
  }

  const editable = RUBRICS.map((c) => ({ ...c, spots: editableNumbers(c.text, c.rubric) })).filter((c) => c.spots.length > 0);

  it("an edit confined to one indicator moves only it and the totals containing it; undoing it restores every score", () => {
    const arb = fc
      .constantFrom(...editable)
      .chain((c) => fc.tuple(fc.constant(c), fc.constantFrom(...c.spots), fc.integer({ min: 1, max: 3000 }), fc.boolean()))
      .chain(([c, spot, n, half]) => fc.tuple(fc.constant(c), fc.constant(spot), fc.constant(half && n > 1 ? `${n - 1}.5` : String(n)), fc.array(recordArb(c.rubric), { minLength: 1, maxLength: 5 })));
    let tried = 0;
    fc.assert(
      fc.property(arb, ([c, spot, value, recs]) => {
        const edited = c.text.slice(0, spot.start) + value + c.text.slice(spot.end);
        const newR = boundOrUndefined(edited);
        fc.pre(newR !== undefined);
        tried++;
        // the diff sees at most the one indicator
        const d = diffRubrics(c.rubric, newR!);
        for (const s of d.scoringChanged) expect([s.old, s.new]).toEqual([spot.indicator, spot.indicator]);
        const impact = measureImpact(c.rubric, newR!, recs);
        const name = c.rubric.indicators.find((i) => i.path === spot.indicator)!.name;
        for (const p of impact.platforms) {
          for (const i of p.indicators) expect(i.name).toBe(name);
          for (const cat of p.categories) expect(cat.name).toBe(spot.category);
          if (p.change !== null && p.change !== "0") expect(p.indicators.length).toBe(1);
        }
        // undo: the restored text scores every platform exactly as before, indicator by indicator
        const restored = boundOrUndefined(edited.slice(0, spot.start) + spot.value + edited.slice(spot.start + value.length))!;
        const a = compile(c.rubric, { dataDigits: 2 });
        const b = compile(restored, { dataDigits: 2 });
        for (const r of recs) {
          const x = a.score(r);
          const y = b.score(r);
          expect(y.total).toBe(x.total);
          expect(y.indicators.map((i) => i.score)).toEqual(x.indicators.map((i) => i.score));
          expect(y.categories).toEqual(x.categories);
        }
        expect(diffRubrics(c.rubric, restored).changes).toEqual([]);
      }),
      { numRuns: RUNS * 4 },
    );
    expect(tried).toBeGreaterThan(10);
  });
});
