/**
 * The compiled model of a large rubric lives through a whole analysis, so each of its objects is
 * copied by the young generation's collections: it must stay small. V8 gives every object built as
 * `{ ...base, more }` (a spread that adds properties) a hidden class of its own, about 1 KB per
 * sentence of a rubric; the compiled sentences must share one (one per kind: integer or derived).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { analyze } from "../../packages/core/src/index.ts";
import { buildModel, type RuleFn } from "../../packages/core/src/evaluator/parts.ts";

setFlagsFromString("--allow-natives-syntax");
// (compiled after the flag: V8's own test of whether two objects share a hidden class)
const sameShape = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;

const RULES = fileURLToPath(new URL("../../rules", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".zs") ? [p] : [];
  });

/** Every compiled sentence of every rubric in rules/ that binds, integer and derived apart. */
function compiledRules(): { derived: RuleFn[]; integer: RuleFn[] } {
  const out = { derived: [] as RuleFn[], integer: [] as RuleFn[] };
  for (const f of files(RULES)) {
    const rubric = analyze(readFileSync(f, "utf8")).rubric;
    if (!rubric) continue;
    let model;
    try {
      model = buildModel(rubric, 2);
    } catch {
      continue; // a rubric with errors the compiler cannot take (its diagnostics say so elsewhere)
    }
    for (const ind of model.indicators) for (const r of ind.rules) (r.derived ? out.derived : out.integer).push(r);
  }
  return out;
}

describe("compiled model shapes", () => {
  it("V8's shape test answers (natives syntax enabled)", () => {
    expect(sameShape({ a: 1 }, { a: 2 })).toBe(true);
    expect(sameShape({ a: 1 }, { b: 2 })).toBe(false);
  });

  it("every compiled sentence of one kind shares one hidden class", () => {
    const { derived, integer } = compiledRules();
    expect(integer.length).toBeGreaterThan(100);
    expect(derived.length).toBeGreaterThan(0);
    for (const group of [integer, derived]) {
      const odd = group.filter((r) => !sameShape(r, group[0]!));
      expect(odd.length).toBe(0);
    }
  });
});
