/**
 * `npm run bench` — a benchmark, not a test. Prints medians; machines here are shared and noisy.
 * Rows 1, 2 and 5 time the built core (packages/core/dist, what the CLI runs; see built.ts); rows 2
 * and 5 run in processes of their own (scoring-main.ts, front-end-scaling-main.ts).
 *  1. parse + check of every rubric in rules/ (warm, median of 30 runs);
 *  2. scoring 1,000,000 platform records with the national norm, compiled, side by side with a
 *     hand-written TypeScript function computing the same rubric; records/s for both and the ratio;
 *  3. end to end: the built `zhunsheng score` on a 1,000,000-row CSV against a hand-written
 *     reader + scorer + JSON writer (test/bench/score-e2e.ts): rows/s, ratio, peak RSS;
 *  4. the service: a batch of 100,000 platforms posted to `zhunsheng serve` (test/bench/serve-batch.ts):
 *     records/s and the server's peak RSS;
 *  5. the front end's scaling: parse + check of the national norm copied 100× against 10×
 *     (test/bench/front-end-scaling.ts), target ≤ 12×.
 * BENCH_QUICK=1 runs every row small and once or twice (to see that the bench works, not for figures).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type * as Core from "../../packages/core/src/index.ts";
import { builtCore } from "./built.ts";
import { benchScoreEndToEnd } from "./score-e2e.ts";
import { benchServeBatch } from "./serve-batch.ts";

// what the CLI, the language server and the service run: the built JavaScript (`npm run bench` builds first)
const { analyze }: typeof Core = await builtCore();

const QUICK = Boolean(process.env["BENCH_QUICK"]);
if (QUICK) console.log("BENCH_QUICK: small sizes and few rounds — checks that every row runs; the figures are not the benchmark's");

const root = new URL("../../rules/", import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".zs") ? [p] : [];
  });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// ---- 1. parse + check ----------------------------------------------------------------------
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

// ---- 2. scoring ----------------------------------------------------------------------------
// in a fresh process: row 1 leaves a larger, older heap behind it (see scoring-main.ts)
const scoring = spawnSync(process.execPath, ["--import", "tsx", new URL("./scoring-main.ts", import.meta.url).pathname], { stdio: "inherit" });
if (scoring.status !== 0) throw new Error(`scoring row failed (exit ${scoring.status})`);

// ---- 3. end to end: zhunsheng score as a process ------------------------------------------
if (QUICK) benchScoreEndToEnd(Number(process.env["ZS_BENCH_ROWS"] ?? 20_000), 1);
else benchScoreEndToEnd();

// ---- 4. the scoring service ----------------------------------------------------------------
if (QUICK) await benchServeBatch(Number(process.env["ZS_BENCH_BATCH"] ?? 5_000), 1);
else await benchServeBatch();

// ---- 5. the front end's scaling ------------------------------------------------------------
// in a fresh process: the records and scorers of rows 1–4 stay on this heap (see front-end-scaling-main.ts)
const scaling = spawnSync(process.execPath, ["--import", "tsx", new URL("./front-end-scaling-main.ts", import.meta.url).pathname], { stdio: "inherit" });
if (scaling.status !== 0) throw new Error(`front-end scaling row failed (exit ${scaling.status})`);
