/**
 * Bench row (issue 8): the front end is linear — parse + check of a rubric 100× the national norm
 * costs at most 12× the 10× one. The large rubrics are the national norm's inputs and categories
 * copied with every declared name renamed (through the binder's name table, so every use follows
 * its declaration); the header, grades, vetoes and cases are kept once.
 */
import { readFileSync } from "node:fs";
import type * as Core from "../../packages/core/src/index.ts";
import { builtCore } from "./built.ts";
import { median } from "./process.ts";

// what the CLI, the language server and the service run: the built JavaScript (`npm run bench` builds first)
const { analyze }: typeof Core = await builtCore();

const NATIONAL = new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url);

const HAN = "甲乙丙丁戊己庚辛壬癸";
/** A name suffix per copy: 副乙丙 for copy 12 (no digits: names are Han text). */
const suffix = (k: number) => (k === 0 ? "" : `副${String(k).replace(/\d/g, (d) => HAN[Number(d)]!)}`);

/** The national norm with its inputs and categories present `copies` times. */
export function scaledNational(copies: number): string {
  const text = readFileSync(NATIONAL, "utf8");
  const a = analyze(text);
  const lines = text.split("\n");
  const offsetOfLine = (prefix: string) => {
    const i = lines.findIndex((l) => l.startsWith(prefix));
    if (i < 0) throw new Error(`the national norm has no line starting 「${prefix}」`);
    return lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  };
  const inputsStart = offsetOfLine("输入");
  const inputsEnd = offsetOfLine("材料");
  const categoriesStart = offsetOfLine("类别");
  const categoriesEnd = offsetOfLine("等级");
  /** A span of the text with every name occurring in it renamed for copy k. */
  const copy = (start: number, end: number, k: number) => {
    if (k === 0) return text.slice(start, end);
    let out = "";
    let at = start;
    for (const o of a.names) {
      const s = o.range.start.offset;
      const e = o.range.end.offset;
      if (s < start || e > end) continue;
      const written = text.slice(s, e);
      out += text.slice(at, s) + (written.endsWith("」") ? `${written.slice(0, -1)}${suffix(k)}」` : `${written}${suffix(k)}`);
      at = e;
    }
    return out + text.slice(at, end);
  };
  const parts = [text.slice(0, inputsStart)];
  // each section's heading once (输入, 材料), then each copy's declarations under it
  const afterLine = (offset: number) => text.indexOf("\n", offset) + 1;
  parts.push(text.slice(inputsStart, afterLine(inputsStart)));
  for (let k = 0; k < copies; k++) parts.push(copy(afterLine(inputsStart), inputsEnd, k));
  parts.push(text.slice(inputsEnd, afterLine(inputsEnd)));
  for (let k = 0; k < copies; k++) parts.push(copy(afterLine(inputsEnd), categoriesStart, k));
  for (let k = 0; k < copies; k++) parts.push(copy(categoriesStart, categoriesEnd, k));
  parts.push(text.slice(categoriesEnd));
  return parts.join("");
}

/** Median parse + check time of the 10× and the 100× rubric, and their ratio. */
// 21 rounds, not 7: one round's ratio swings by ±2 with the collections each 100× analysis happens to
// pay, and the median of 7 moved between 9.4 and 12.1 over eleven processes on a quiet machine; the
// median of 21 moved between 9.6 and 11.0 over five (each round is one 10× and one 100× analysis, ~0.3 s)
export function benchFrontEndScaling(rounds = Number(process.env["BENCH_QUICK"] ? 3 : 21), warmUp = Number(process.env["BENCH_QUICK"] ? 1 : 8)): void {
  const small = scaledNational(10);
  const large = scaledNational(100);
  for (const [name, t] of [["10×", small], ["100×", large]] as const) {
    const a = analyze(t);
    // the copies must bind: a syntax or name error would skip the checker and flatter the ratio
    const broken = a.diagnostics.filter((d) => d.severity === "error" && (d.code.startsWith("ZS1") || d.code.startsWith("ZS2")));
    if (broken.length > 0) throw new Error(`the ${name} national rubric does not bind: ${broken[0]!.code} ${broken[0]!.message}`);
  }
  // wall time and the process's CPU time: on a shared machine the CPU time is the steadier of the two
  const time = (t: string) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    analyze(t);
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  };
  // both sizes warmed to steady state first (as parse + check is "warm" in row 1): within one process
  // the 10× analysis falls from about 75 to 23 ms over its first rounds and the 100× from 650 to
  // 360 ms, so a median over rounds still on that slope mixes cold and warm code (the 10× denominator
  // moved between 42 and 59 ms from process to process, and the ratio with it)
  for (let i = 0; i < warmUp; i++) {
    time(small);
    time(large);
  }
  const smallRuns: { wall: number; cpu: number }[] = [];
  const largeRuns: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    smallRuns.push(time(small));
    largeRuns.push(time(large));
  }
  const m = (runs: { wall: number; cpu: number }[], k: "wall" | "cpu") => median(runs.map((r) => r[k]));
  console.log(`front end scaling: parse + check of the national norm copied 10× (${(small.length / 1000).toFixed(0)}k characters) and 100× (${(large.length / 1000).toFixed(0)}k characters), median of ${rounds} after ${warmUp} warm-up rounds of each:`);
  console.log(`  wall: 10× ${m(smallRuns, "wall").toFixed(0)} ms, 100× ${m(largeRuns, "wall").toFixed(0)} ms, ratio ${(m(largeRuns, "wall") / m(smallRuns, "wall")).toFixed(1)}`);
  console.log(`  CPU:  10× ${m(smallRuns, "cpu").toFixed(0)} ms, 100× ${m(largeRuns, "cpu").toFixed(0)} ms, ratio 100×/10× ${(m(largeRuns, "cpu") / m(smallRuns, "cpu")).toFixed(1)} (target ≤ 12, linear = 10)`);
  // what the 100× analysis leaves alive (its result, and the tokens the parser still holds): a young-generation
  // collection copies all of it twice while the analysis runs, the excess of the 100× over ten 10× analyses
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    const kept: number[] = [];
    const held: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      analyze("");
      gc();
      gc();
      const before = process.memoryUsage().heapUsed;
      held.push(analyze(large));
      gc();
      gc();
      kept.push(process.memoryUsage().heapUsed - before);
      held.pop();
    }
    console.log(`  kept alive by one 100× analysis: ${(median(kept) / 1e6).toFixed(1)} MB (median of 5: ${kept.map((k) => (k / 1e6).toFixed(1)).join(", ")})`);
  }
}
