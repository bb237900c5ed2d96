/**
 * The parser builds each OR's alternatives once and keeps them by a number written at the call
 * (`this.alts(N, …)`). Two calls with one number would silently parse the second place with the
 * first place's alternatives: every number must stand at exactly one call, and the numbers run
 * 0, 1, 2, … (so a new call takes the next one).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

const source = readFileSync(new URL("../../grammar/src/parser.ts", import.meta.url), "utf8");

it("each cached OR alternatives number stands at exactly one call, numbered from 0 without gaps", () => {
  const ids = [...source.matchAll(/this\.alts\((\d+),/g)].map((m) => Number(m[1]));
  expect(ids.length).toBeGreaterThan(40);
  // every OR of the grammar goes through the cache (an OR with an inline array rebuilds it on every call)
  expect(source.match(/this\.OR\d*\(\[/g) ?? []).toEqual([]);
  expect([...ids].sort((a, b) => a - b)).toEqual(ids.map((_, i) => i));
});
