/**
 * After an imported dataset is first scored, the worker analyses the open text again while it is
 * idle, so that the officer's first edits find the engine's code warm. The warm-up must change
 * nothing the page sees and must give way to the first edit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { analyze } from "../../packages/core/src/index.ts";
import { samplePlatforms } from "../../playground/src/worker/sample-data.ts";
import { startAnalysisWorker, type WorkerDriver } from "./worker-driver.ts";

const TEXT = readFileSync(new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url), "utf8");
const AFTER = "年度服务企业数 达到100";
const AT = TEXT.indexOf(AFTER) + AFTER.length;
const RECORDS = samplePlatforms(analyze(TEXT).rubric!, 200).map((r, i) => ({ ...r, 名称: `平台${i + 1}` }));

let worker: WorkerDriver;
let warmUps: Map<string, { runs: number }>;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  worker = await startAnalysisWorker();
  // the module the driver loaded (cached): its warm-up record
  ({ warmUps } = await import("../../playground/src/worker/analysis-worker.ts"));
});

async function openWith(uri: string, records: Record<string, unknown>[] | undefined): Promise<void> {
  const opened = worker.analysis(uri, 1);
  await worker.request("open", { uri, text: TEXT, version: 1 });
  await opened;
  if (records) {
    const scored = worker.analysis(uri, 1);
    await worker.request("setData", { uri, name: "platforms.csv", records });
    await scored;
  }
}

describe("the idle warm-up after an import", () => {
  it("runs after the imported platforms are first scored, and an edit then scores as a fresh analysis does", async () => {
    const uri = "test:/warm-1.zs";
    await openWith(uri, RECORDS);
    for (let i = 0; i < 200 && (warmUps.get(uri)?.runs ?? 0) < 12; i++) await settle(20);
    expect(warmUps.get(uri)?.runs).toBe(12);
    const text = TEXT.slice(0, AT) + "0" + TEXT.slice(AT);
    const done = worker.analysis(uri, 2);
    await worker.request("update", { uri, text, version: 2 });
    const result = await done;
    const fresh = analyze(text);
    expect(result.diagnostics).toEqual(fresh.diagnostics);
    expect(result.stale).toBe(false);
    const page = await worker.request("scoreView", { uri, sort: { key: "rank", ascending: true }, start: 0, count: RECORDS.length });
    const totals = [...page!.rows].sort((a, b) => a.index - b.index).map((r) => r.total);
    expect(totals).toEqual(RECORDS.map((r) => fresh.scoring.scorable && fresh.scoring.scorer.score(r).total));
    expect(warmUps.get(uri)?.runs).toBe(12);
  });

  it("gives way to the first edit and does not start again", async () => {
    const uri = "test:/warm-2.zs";
    await openWith(uri, RECORDS);
    const done = worker.analysis(uri, 2);
    await worker.request("update", { uri, text: TEXT + " ", version: 2 });
    await done;
    const runs = warmUps.get(uri)!.runs;
    expect(runs).toBeLessThan(12);
    await settle(300);
    expect(warmUps.get(uri)!.runs).toBe(runs);
  });

  it("does not run for the generated sample platforms", async () => {
    const uri = "test:/warm-3.zs";
    await openWith(uri, undefined);
    await settle(100);
    expect(warmUps.has(uri)).toBe(false);
  });
});
