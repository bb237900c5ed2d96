/**
 * The fuzz campaign (issue 9): `npm run fuzz [-- --count N --seed S --workers W --keep-all --no-save --regressions]`.
 * Inputs are examined in child processes; an input that runs longer than 1 s is a hang, one
 * that runs 30 s (wall clock) is killed and the child restarted after it. Every failing input is kept in
 * test/fuzz/regressions/ (two of each kind, shortest first; all with --keep-all; none with --no-save), and the figures are printed at the end.
 */
import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Job, Report } from "./child.ts";
import type { Finding } from "./examine.ts";
import { inputAt } from "./inputs.ts";
import { keep, loadRegressions } from "./regressions.ts";

export interface Found {
  index: number;
  ms: number;
  family: string;
  finding: Finding;
}

export interface CampaignResult {
  inputs: number;
  findings: Found[];
  slowest: { index: number; ms: number; family: string };
  elapsedMs: number;
}

export interface CampaignOptions {
  /** Which inputs: a seeded range, or the kept regressions. */
  source: { kind: "seed"; seed: number; count: number; deepEvery?: number } | { kind: "regressions" };
  workers?: number;
  /** An input taking more CPU time than this is a hang (reported, not killed). */
  hangMs?: number;
  /** A child silent for this long (wall clock) is killed and its input reported as a hang. */
  killMs?: number;
  onProgress?: (done: number, total: number, findings: number) => void;
}

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

function familyOf(options: CampaignOptions, index: number): string {
  return options.source.kind === "seed" ? inputAt(options.source.seed, index).family : loadRegressions()[index]!.entry.family;
}

/** Runs the inputs of `options.source` in child processes and collects what fails. */
export function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const total = options.source.kind === "seed" ? options.source.count : loadRegressions().length;
  const hangMs = options.hangMs ?? 1000;
  const killMs = options.killMs ?? 30_000;
  const workers = Math.max(1, Math.min(options.workers ?? 1, total));
  const findings: Found[] = [];
  const slowest = { index: -1, ms: 0, family: "" };
  let done = 0;
  const started = performance.now();
  const jobOf = (from: number, to: number): Job =>
    options.source.kind === "seed" ? { source: "seed", seed: options.source.seed, from, to, deepEvery: options.source.deepEvery ?? 16 } : { source: "regressions", from, to };

  const record = (index: number, ms: number, finding: Finding) => findings.push({ index, ms, family: familyOf(options, index), finding });

  /** Runs [from, to) in one child, restarting after a hang or a crash. */
  const runRange = (from: number, to: number): Promise<void> =>
    new Promise((resolve) => {
      if (from >= to) return resolve();
      let next = from;
      let last = performance.now();
      let finished = false;
      let ready = false;
      const child: ChildProcess = fork(CHILD, [], { execArgv: ["--conditions=@zhunsheng/source", "--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"] });
      let stderr = "";
      child.stderr?.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
      const restartAfter = (finding: Finding) => {
        record(next, performance.now() - last, finding);
        done++;
        finished = true;
        clearInterval(watchdog);
        child.kill("SIGKILL");
        resolve(runRange(next + 1, to));
      };
      const watchdog = setInterval(() => {
        // a child starting on a busy machine is not a hang: the clock runs from its first message
        if (!finished && ready && performance.now() - last > killMs) restartAfter({ kind: "hang", message: `超过${killMs / 1000}秒仍未结束，已终止` });
        else if (!finished && !ready && performance.now() - last > 120_000) restartAfter({ kind: "crash", message: "子进程两分钟内没有启动" });
      }, 200);
      child.on("message", (m: Report | "ready" | "done") => {
        last = performance.now();
        if (m === "ready") {
          ready = true;
          return void child.send(jobOf(from, to));
        }
        if (m === "done") {
          finished = true;
          clearInterval(watchdog);
          return resolve();
        }
        const [index, ms, finding] = m;
        next = index + 1;
        done++;
        if (ms > slowest.ms) Object.assign(slowest, { index, ms, family: familyOf(options, index) });
        if (finding) record(index, ms, finding);
        else if (ms > hangMs) record(index, ms, { kind: "hang", message: `用时${Math.round(ms)}毫秒，超过${hangMs}毫秒` });
        if (done % 1000 === 0) options.onProgress?.(done, total, findings.length);
      });
      child.on("exit", (code, signal) => {
        if (finished) return;
        restartAfter({ kind: "crash", message: `子进程退出（${signal ?? code}）：${stderr.trim().split("\n").slice(-3).join(" ")}` });
      });
    });

  const per = Math.ceil(total / workers);
  const ranges = Array.from({ length: workers }, (_, w) => runRange(w * per, Math.min(total, (w + 1) * per)));
  return Promise.all(ranges).then(() => ({ inputs: total, findings: findings.sort((a, b) => a.index - b.index), slowest, elapsedMs: performance.now() - started }));
}

/** The same problem: the kind and the message without numbers or code lists (stable while the code around it moves). */
export function problemKey(f: Finding): string {
  const message = f.message
    .replace(/ZS[0-9]+/g, "ZS")
    .replace(/[0-9][0-9.]*/g, "N")
    .replace(/(ZS,?)+/g, "ZS…")
    .slice(0, 60);
  return `${f.kind}|${message}`;
}

/** A group of findings for the report: the same problem thrown from the same function. */
export function groupKey(f: Finding): string {
  const frame = f.where?.split(" ← ")[0]?.replace(/:[0-9]+:[0-9]+\)?$/, "") ?? "";
  return `${problemKey(f)}|${frame}`;
}

/** Findings grouped by what went wrong, most frequent first. */
export function summarize(findings: readonly Found[]): { kind: string; message: string; where?: string; count: number; first: number }[] {
  const groups = new Map<string, { kind: string; message: string; where?: string; count: number; first: number }>();
  for (const f of findings) {
    const key = groupKey(f.finding);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { kind: f.finding.kind, message: f.finding.message, where: f.finding.where, count: 1, first: f.index });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "1000000" },
      seed: { type: "string" },
      workers: { type: "string", default: String(Math.max(1, Math.min(2, availableParallelism()))) },
      "no-save": { type: "boolean", default: false },
      regressions: { type: "boolean", default: false },
      "keep-all": { type: "boolean", default: false },
    },
  });
  const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
  const count = Number(values.count);
  const source = values.regressions ? ({ kind: "regressions" } as const) : ({ kind: "seed", seed, count } as const);
  console.log(values.regressions ? "模糊测试：重跑保存的失败输入" : `模糊测试：种子 ${seed}，${count} 个输入，${values.workers} 个子进程`);
  const result = await runCampaign({
    source,
    workers: Number(values.workers),
    onProgress: (done, total, n) => {
      if (done % 20_000 === 0) console.log(`  ${done}/${total}，发现 ${n} 个问题`);
    },
  });
  const kinds = (k: string) => result.findings.filter((f) => f.finding.kind === k).length;
  console.log(`\n输入 ${result.inputs} 个，用时 ${(result.elapsedMs / 1000).toFixed(0)} 秒`);
  console.log(`抛出异常 ${kinds("throw")}，超时（>1秒）${kinds("hang")}，进程崩溃 ${kinds("crash")}，破坏后未报告 ${kinds("silent")}，读法不一致 ${kinds("differs")}，结果含 NaN/Infinity ${kinds("nonsense")}`);
  console.log(`最慢的输入：第 ${result.slowest.index} 个（${result.slowest.family}），${result.slowest.ms.toFixed(1)} 毫秒`);
  for (const g of summarize(result.findings)) console.log(`  ${g.count} × [${g.kind}] ${g.message.slice(0, 240)}${g.where ? `\n      at ${g.where}` : ""}\n      例：第 ${g.first} 个`);
  if (!values["no-save"] && source.kind === "seed") {
    // keep a few inputs of each kind of failure, the shortest first
    const kept = new Map<string, number>();
    const byLength = [...result.findings].map((f) => ({ f, text: inputAt(seed, f.index) })).sort((a, b) => a.text.text.length - b.text.text.length);
    for (const { f, text } of byLength) {
      const key = groupKey(f.finding);
      if (!values["keep-all"] && (kept.get(key) ?? 0) >= 2) continue;
      kept.set(key, (kept.get(key) ?? 0) + 1);
      console.log(`保存：test/fuzz/regressions/${keep(text, f.finding)}`);
    }
  }
  process.exitCode = result.findings.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
