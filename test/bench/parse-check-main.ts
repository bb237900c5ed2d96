/**
 * Row 1 of `npm run bench`, in a process of its own (run.ts spawns it): parse + check of every
 * rubric in rules/ with the built core, warm (40 rounds), median of 30.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtCore } from "./built.ts";
import { median } from "./process.ts";

// what the CLI, the language server and the service run: the built JavaScript (`npm run bench` builds first)
const { analyze } = await builtCore();
const QUICK = Boolean(process.env["BENCH_QUICK"]);
const root = new URL("../../rules/", import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".zs") ? [p] : [];
  });

const sources = files(root).map((f) => readFileSync(f, "utf8"));
const totalChars = sources.reduce((s, t) => s + t.length, 0);
const WARM = QUICK ? 3 : 40;
const ROUNDS = QUICK ? 3 : 30;
for (let i = 0; i < WARM; i++) for (const s of sources) analyze(s); // the JIT settles after ~40 rounds here
const checkTimes: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const t0 = performance.now();
  for (const s of sources) analyze(s);
  checkTimes.push(performance.now() - t0);
}
console.log(`parse+check: ${sources.length} rubrics, ${totalChars} characters — median ${median(checkTimes).toFixed(2)} ms (after ${WARM} warm-up rounds, median of ${ROUNDS}; target < 50 ms)`);
