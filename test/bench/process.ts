/** Timing a benchmarked command as a separate process: wall time and peak RSS, stdout to a file. */
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HOOK = new URL("./peak-rss.mjs", import.meta.url).href;

export interface ProcessRun {
  ms: number;
  /** Peak resident set size, MB. */
  rssMb: number;
}

/** Runs `node [nodeArgs] args` with stdout into `outFile`; throws with its stderr if it fails. */
export function runNode(nodeArgs: string[], outFile: string, options: { cwd?: string } = {}): ProcessRun {
  const rssFile = join(tmpdir(), `zs-bench-rss-${process.pid}`);
  const out = openSync(outFile, "w");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", HOOK, ...nodeArgs], {
    stdio: ["ignore", out, "pipe"],
    env: { ...process.env, ZS_BENCH_RSS_FILE: rssFile },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t0;
  closeSync(out);
  if (r.status !== 0) throw new Error(`${nodeArgs.join(" ")} exited ${r.status}: ${r.stderr}`);
  const rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
  rmSync(rssFile, { force: true });
  return { ms, rssMb };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");
