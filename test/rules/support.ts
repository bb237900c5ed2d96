/** Shared helpers of the rules-library tests: the rubric files, exact decimal comparison, random platforms. */
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { analyze, optionInputs, type Analysis, type Input, type Rubric } from "@zhunsheng/core";

export const root = new URL("../../", import.meta.url).pathname;
export const rulesDir = join(root, "rules");

function walk(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

/** Every rubric of the library, as a path relative to rules/ (samples excluded). */
export const rubricFiles: string[] = walk(rulesDir, ".zs")
  .map((p) => relative(rulesDir, p))
  .filter((p) => !p.startsWith("samples/"))
  .sort();

export interface Loaded {
  file: string;
  analysis: Analysis;
  rubric: Rubric;
}

export function load(file: string): Loaded {
  const analysis = analyze(readFileSync(join(rulesDir, file), "utf8"), file);
  if (!analysis.rubric) throw new Error(`${file}: no rubric`);
  return { file, analysis, rubric: analysis.rubric };
}

export function samplePath(file: string): string {
  return join(rulesDir, "samples", file.replace(/\.zs$/, ".csv"));
}

/** Exact comparison of decimal strings (scaled to 10⁻⁹). */
export function nano(v: string): bigint {
  const neg = v.startsWith("-");
  const [int, frac = ""] = v.replace("-", "").split(".");
  const n = BigInt(int!) * 1_000_000_000n + BigInt((frac + "000000000").slice(0, 9));
  return neg ? -n : n;
}

export function sumDecimals(values: readonly string[]): bigint {
  return values.reduce((s, v) => s + nano(v), 0n);
}

/** Upper end used for unbounded inputs: far beyond every threshold written in the library. */
const OPEN_HIGH = 20000;

function bounds(input: Input): [number, number] {
  const lo = input.min !== undefined ? Number(input.min) : 0;
  const hi = input.max !== undefined ? Number(input.max) : OPEN_HIGH;
  return [lo, hi];
}

/** One valid value of an input, inside its declared range (two decimals at most). */
export function valueArb(input: Input): fc.Arbitrary<string> {
  const [lo, hi] = bounds(input);
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
    case "text":
      return fc.constant("");
    case "count":
      // small values are where the thresholds are: bias towards them
      return fc.oneof(fc.integer({ min: Math.ceil(lo), max: Math.min(Math.floor(hi), Math.ceil(lo) + 40) }), fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })).map(String);
    default:
      return fc.oneof(
        fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }).map(String),
        fc.integer({ min: Math.ceil(lo * 100), max: Math.floor(hi * 100) }).map((n) => (n / 100).toFixed(2)),
      );
  }
}

/** A random valid platform: every entered input filled; of a 选其一 group exactly one alternative, of a 选项 indicator one option's own inputs. */
export function recordArb(rubric: Rubric): fc.Arbitrary<Record<string, string>> {
  const entered = rubric.inputs.filter((i) => i.kind !== "derived");
  const groups = [
    ...rubric.indicators.flatMap((ind) => ind.rules.filter((r) => r.chooseOne).map((r) => r.subjects.map((s) => [s.name]))),
    ...rubric.indicators
      .filter((ind) => ind.options.length > 0)
      .map((ind) => {
        const own = optionInputs(ind.groups, { inputs: rubric.inputByName });
        return ind.options.map((o) => own.get(o) ?? []);
      }),
  ];
  const shape: Record<string, fc.Arbitrary<string>> = {};
  for (const i of entered) shape[i.name] = valueArb(i);
  return fc.tuple(fc.record(shape), fc.array(fc.nat(), { minLength: groups.length, maxLength: groups.length })).map(([rec, picks]) => {
    const out: Record<string, string> = { ...rec };
    groups.forEach((g, k) => g.forEach((names, j) => j !== picks[k]! % g.length && names.forEach((name) => delete out[name])));
    return out;
  });
}

/** The value of `input` moved by `steps` in its declared better direction, or undefined when that leaves the range. */
export function improve(input: Input, value: string, steps: number): string | undefined {
  const [lo, hi] = bounds(input);
  const delta = input.type === "count" ? steps : steps / 4;
  const next = Number(value) + (input.direction === "down" ? -delta : delta);
  if (next < lo || next > hi) return undefined;
  return input.type === "count" ? String(next) : next.toFixed(2);
}

/** Indicator/input pairs the checker already reports as not monotone (ZS3030): literal readings kept on purpose. */
export function reportedNonMonotone(analysis: Analysis): Set<string> {
  return new Set(
    analysis.diagnostics
      .filter((d) => d.code === "ZS3030")
      .map((d) => {
        const m = /指标「(.+?)」的得分随「(.+?)」/.exec(d.message);
        return m ? `${m[1]}#${m[2]}` : "";
      }),
  );
}
