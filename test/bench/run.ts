/**
 * `npm run bench` — a benchmark, not a test. Prints medians; machines here are shared and noisy.
 * Rows 1, 2 and 5 time the built core (packages/core/dist, what the CLI runs; see built.ts), each in
 * a process of its own (parse-check-main.ts, scoring-main.ts, front-end-scaling-main.ts).
 *  1. parse + check of every rubric in rules/ (warm, median of 30 runs);
 *  2. scoring 1,000,000 platform records with the national norm, compiled, side by side with a
 *     hand-written TypeScript function computing the same rubric; records/s for both and the ratio;
 *  3. end to end: the built `zhunsheng score` on a 1,000,000-row CSV against a hand-written
 *     reader + scorer + JSON writer (test/bench/score-e2e.ts): rows/s, ratio, peak RSS;
 *  4. the service: a batch of 100,000 platforms posted to `zhunsheng serve` (test/bench/serve-batch.ts):
 *     records/s and the server's peak RSS;
 *  5. the front end's scaling: parse + check of the national norm copied 100× against 10×
 *     (test/bench/front-end-scaling.ts), target ≤ 12×.
 * Row 5 runs before rows 3 and 4, which write and read gigabytes.
 * BENCH_QUICK=1 runs every row small and once or twice (to see that the bench works, not for figures).
 */
import { spawnSync } from "node:child_process";
import { benchScoreEndToEnd } from "./score-e2e.ts";
import { benchServeBatch } from "./serve-batch.ts";

const QUICK = Boolean(process.env["BENCH_QUICK"]);
if (QUICK) console.log("BENCH_QUICK: small sizes and few rounds — checks that every row runs; the figures are not the benchmark's");

/**
 * Rows 1, 2 and 5 each in a fresh process, spawned by this one before it has done any work of its
 * own. Row 5 spawned from a process that had run rows 1 and 2 measured 11.8, 12.3 and 12.3, and
 * 8.9-11.6 run alone (same build, load 1.5-2.5); why is not settled (that process's heap, or its
 * collector's background threads on the machine's second core). Row 2 after row 1 in one process:
 * 0.36-0.54, alone 0.53-0.58 (see scoring-main.ts).
 */
function row(file: string, name: string, nodeFlags: string[] = []): void {
  const r = spawnSync(process.execPath, [...nodeFlags, "--import", "tsx", new URL(file, import.meta.url).pathname], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${name} row failed (exit ${r.status})`);
}

// ---- 1. parse + check ----------------------------------------------------------------------
row("./parse-check-main.ts", "parse + check");

// ---- 2. scoring ----------------------------------------------------------------------------
row("./scoring-main.ts", "scoring");

// ---- 5. the front end's scaling ------------------------------------------------------------
// before rows 3 and 4, which write and read gigabytes (a 172 MB CSV, 3.4 GB of JSON, 68 M characters posted)
// and leave the page cache and the disk's writeback busy
// (--expose-gc: after the timed rounds, the row reports what one 100× analysis keeps alive)
row("./front-end-scaling-main.ts", "front-end scaling", ["--expose-gc"]);

// ---- 3. end to end: zhunsheng score as a process ------------------------------------------
if (QUICK) benchScoreEndToEnd(Number(process.env["ZS_BENCH_ROWS"] ?? 20_000), 1);
else benchScoreEndToEnd();

// ---- 4. the scoring service ----------------------------------------------------------------
if (QUICK) await benchServeBatch(Number(process.env["ZS_BENCH_BATCH"] ?? 5_000), 1);
else await benchServeBatch();
