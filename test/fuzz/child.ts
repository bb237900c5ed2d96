/**
 * A fuzz worker process: examines the inputs it is told to and reports each one to the parent
 * ([index, milliseconds, finding?]). It runs apart so that a hang is seen and killed by the
 * parent, not suffered, and a crash takes only this process down.
 */
import { examine } from "./examine.ts";
import { inputAt, type FuzzInput } from "./inputs.ts";
import { loadRegressions } from "./regressions.ts";

export type Job =
  | { source: "seed"; seed: number; from: number; to: number; deepEvery: number }
  | { source: "regressions"; from: number; to: number };

/** An input done: its index, the CPU milliseconds it took, and what went wrong if anything did. */
export type Report = [index: number, ms: number, finding?: import("./examine.ts").Finding];

function inputOf(job: Job, index: number, fixtures: FuzzInput[] | undefined): FuzzInput {
  return job.source === "seed" ? inputAt(job.seed, index) : fixtures![index]!;
}

process.on("message", (job: Job) => {
  const fixtures = job.source === "regressions" ? loadRegressions().map((r) => r.input) : undefined;
  for (let i = job.from; i < job.to; i++) {
    const input = inputOf(job, i, fixtures);
    const deep = job.source === "regressions" || i % job.deepEvery === 0;
    // CPU time, not wall time: on a shared machine a starved process is not a slow input
    const start = process.cpuUsage();
    const finding = examine(input, i, deep);
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    const report: Report = finding ? [i, ms, finding] : [i, ms];
    process.send!(report);
  }
  process.send!("done", () => process.exit(0));
});
// the parent went away (Ctrl-C, a killed test run): stop too, never run on as an orphan
process.on("disconnect", () => process.exit(0));
process.send!("ready");
