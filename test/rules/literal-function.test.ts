/**
 * Two functions score every record: the one made from the factory shared by every rubric with the
 * same source (the numbers passed in as constants) — what the workbench and short batches run —
 * and, from the 20,000th record of a batch and for `Scorer.total`, the same source with the numbers
 * written in as literals (codegen's `literal()`, a text substitution). `zhunsheng score` on a large
 * file runs the second: on every rubric of the library and random platforms, both must write the
 * same whole verdict (every indicator, subtotal, total, grade, veto and 认定).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "@zhunsheng/core";
import { generateVerdict, type GeneratedVerdict } from "../../packages/core/src/evaluator/codegen.ts";
import { buildModel } from "../../packages/core/src/evaluator/parts.ts";
import { load, recordArb, rubricFiles } from "./support.ts";

describe.each(rubricFiles)("%s", (file) => {
  const { rubric } = load(file);
  const scorer = compile(rubric);
  const gens = new Map<number, GeneratedVerdict>();
  const genAt = (digits: number) => {
    let g = gens.get(digits);
    if (!g) gens.set(digits, (g = generateVerdict(rubric, buildModel(rubric, digits))));
    return g;
  };

  it("the function with the numbers as literals writes what the factory's function writes", () => {
    const base = genAt(scorer.digits);
    expect(base.literal().toString()).not.toMatch(/\bk\d+\b/);
    let scored = 0;
    fc.assert(
      fc.property(recordArb(rubric), (rec) => {
        const read = scorer.read(rec);
        if (read.errors.length > 0) return;
        const g = genAt(read.digits);
        const a = new Float64Array(g.layout.size);
        const b = new Float64Array(g.layout.size);
        const ta = g.fn(read.values, read.present, read.derived, a, g.helpers);
        const tb = g.literal()(read.values, read.present, read.derived, b, g.helpers);
        expect(tb).toBe(ta);
        expect([...b]).toEqual([...a]);
        scored++;
      }),
      { numRuns: 200, seed: 20261130 },
    );
    expect(scored).toBeGreaterThan(0);
  });
});
