/**
 * Bench row (issue 8): `zhunsheng score <national norm> --data <1,000,000-row CSV> --json > file`
 * as users pay it — the built CLI as a process — against a hand-written baseline in the same run
 * (split-based CSV reader, hand-coded rubric on floats, the same JSON). The two outputs must be
 * byte-identical before a ratio is printed. Rows: ZS_BENCH_ROWS (default 1,000,000).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NATIONAL, writeNationalCsv } from "./national-data.ts";
import { median, perSecond, runNode, type ProcessRun } from "./process.ts";
import { filesEqual } from "./files-equal.ts";

const root = new URL("../../", import.meta.url).pathname;

export function benchScoreEndToEnd(rows = Number(process.env["ZS_BENCH_ROWS"] ?? 1_000_000), rounds = 3): void {
  const dir = mkdtempSync(join(tmpdir(), "zs-bench-score-"));
  try {
    const csv = join(dir, "platforms.csv");
    writeNationalCsv(csv, rows);
    const cliOut = join(dir, "cli.json");
    const handOut = join(dir, "hand.json");
    const cli = () => runNode([join(root, "packages/cli/bin/zhunsheng.js"), "score", NATIONAL, "--data", csv, "--json"], cliOut);
    const hand = () => runNode(["--import", "tsx", join(root, "test/bench/score-baseline.ts"), csv], handOut, { cwd: root });
    const cliRuns: ProcessRun[] = [];
    const handRuns: ProcessRun[] = [];
    for (let i = 0; i < rounds; i++) {
      cliRuns.push(cli());
      handRuns.push(hand());
      if (i === 0 && !filesEqual(cliOut, handOut)) throw new Error(`zhunsheng score and the hand-written baseline wrote different JSON (${cliOut}, ${handOut})`);
    }
    const c = median(cliRuns.map((r) => r.ms));
    const h = median(handRuns.map((r) => r.ms));
    const mb = (statSync(cliOut).size / 1e6).toFixed(0);
    console.log(`zhunsheng score, national norm × ${rows.toLocaleString("en")}-row CSV (${(statSync(csv).size / 1e6).toFixed(0)} MB) --json > file (${mb} MB, byte-identical to the baseline's), median of ${rounds}:`);
    console.log(`  zhunsheng score (built CLI, streaming):        ${(c / 1000).toFixed(1)} s, ${perSecond(rows, c)} rows/s, peak RSS ${Math.max(...cliRuns.map((r) => r.rssMb)).toFixed(0)} MB (target ≤ 500 MB)`);
    console.log(`  hand-written (split reader, floats, same JSON): ${(h / 1000).toFixed(1)} s, ${perSecond(rows, h)} rows/s, peak RSS ${Math.max(...handRuns.map((r) => r.rssMb)).toFixed(0)} MB`);
    console.log(`  ratio zhunsheng/hand-written speed: ${(h / c).toFixed(2)} (target ≥ 0.5)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
