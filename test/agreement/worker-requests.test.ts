/**
 * A keystroke sends the worker the new text and, for a digit, a completion request right after it
 * (Monaco triggers completion on digits). The worker may take the request before the analysis it
 * scheduled, or while that analysis lets events through between slices of the score table: the
 * scores must still go out first, from the one analysis of that text, and the answer must be the
 * one for the text the request was made on.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { analyze } from "../../packages/core/src/index.ts";
import * as ls from "../../packages/language-service/src/index.ts";
import { samplePlatforms } from "../../playground/src/worker/sample-data.ts";
import type { RpcMessage } from "../../playground/src/lib/rpc.ts";
import type { AnalysisEvent } from "../../playground/src/protocol.ts";
import { startAnalysisWorker, type WorkerDriver } from "./worker-driver.ts";

const TEXT = readFileSync(new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url), "utf8");
const AFTER = "年度服务企业数 达到100";
const AT = TEXT.indexOf(AFTER) + AFTER.length;
const URI = "test:/worker-requests.zs";

let worker: WorkerDriver;
let version = 1;

beforeAll(async () => {
  expect(AT).toBeGreaterThan(AFTER.length);
  worker = await startAnalysisWorker();
  const done = worker.analysis(URI, 1);
  await worker.request("open", { uri: URI, text: TEXT, version: 1 });
  await done;
});

/** Sends `text` and, without waiting, `ask(version)`; returns the worker's messages until both were answered and a timer turn passed. */
async function typeThenAsk(text: string, ask: (v: number) => Promise<unknown>): Promise<{ order: string[]; answer: unknown; v: number; analyzeMs: number[] }> {
  const v = ++version;
  const order: string[] = [];
  const analyzeMs: number[] = [];
  const stop = worker.listen((m: RpcMessage<AnalysisEvent>) => {
    if (m.kind === "event") {
      order.push(`analysis ${m.event.result.version}${m.event.result.scores ? " scored" : ""}`);
      analyzeMs.push(m.event.result.timing.analyzeMs);
    } else order.push("answer");
  });
  const updated = worker.request("update", { uri: URI, text, version: v });
  const answer = await ask(v);
  await updated;
  // the analysis the update scheduled has had its turn
  await new Promise((resolve) => setTimeout(resolve, 20));
  stop();
  return { order, answer, v, analyzeMs };
}

describe("an editor request right after a keystroke", () => {
  it("a completion after a digit: the new text's scores go out before the answer, once, and the answer is that text's", async () => {
    const text = TEXT.slice(0, AT) + "0" + TEXT.slice(AT);
    const { order, answer, v } = await typeThenAsk(text, () => worker.request("complete", { uri: URI, offset: AT + 1 }));
    // the update's own (empty) answer, then the scores of the new version, then the completion
    expect(order).toEqual(["answer", `analysis ${v} scored`, "answer"]);
    expect(answer).toEqual(ls.complete(ls.createDocument(text, "rubric.zs"), AT + 1));
    expect((answer as unknown[]).length).toBeGreaterThan(0);
  });

  it("the status bar's parse + check time is that text's analysis, also when the request computed it first", async () => {
    const text = TEXT.slice(0, AT) + "5" + TEXT.slice(AT);
    const { analyzeMs } = await typeThenAsk(text, () => worker.request("complete", { uri: URI, offset: AT + 1 }));
    // the national norm takes milliseconds to analyse: 0.0 ms would be the time to find it cached
    expect(analyzeMs).toHaveLength(1);
    expect(analyzeMs[0]).toBeGreaterThan(0.5);
  });

  it("every request that reads the document lets the scheduled analysis go first", async () => {
    const requests: [string, () => Promise<unknown>][] = [
      ["semanticTokens", () => worker.request("semanticTokens", { uri: URI })],
      ["hover", () => worker.request("hover", { uri: URI, offset: AT - 3 })],
      ["folding", () => worker.request("folding", { uri: URI })],
      ["symbols", () => worker.request("symbols", { uri: URI })],
      ["curve", () => worker.request("curve", { uri: URI, offset: AT - 1 })],
    ];
    for (const [i, [name, ask]] of requests.entries()) {
      const digit = String(i + 1);
      const text = TEXT.slice(0, AT) + digit + TEXT.slice(AT);
      const { order, v } = await typeThenAsk(text, ask);
      expect(order, name).toEqual(["answer", `analysis ${v} scored`, "answer"]);
    }
  });

  it("a request with no edit before it is answered at once, with no analysis", async () => {
    const { order } = await typeThenAsk(TEXT, async () => undefined);
    const v = version;
    // the update alone: its answer, then its analysis; a later request finds nothing scheduled
    expect(order).toEqual(["answer", `analysis ${v} scored`]);
    const seen: string[] = [];
    const stop = worker.listen((m) => seen.push(m.kind));
    await worker.request("complete", { uri: URI, offset: AT });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    expect(seen).toEqual(["response"]);
  });
});

describe("an editor request while the score table is being computed", () => {
  const BIG = "test:/worker-requests-big.zs";
  let v = 1;

  beforeAll(async () => {
    const done = worker.analysis(BIG, 1);
    await worker.request("open", { uri: BIG, text: TEXT, version: 1 });
    await done;
    // enough platforms that the table is computed in slices, with events let through between them
    const records = samplePlatforms(analyze(TEXT).rubric!, 40_000);
    const scored = worker.analysis(BIG, 1);
    await worker.request("setData", { uri: BIG, name: "platforms", records });
    await scored;
  });

  it("is answered after the scores of its text", async () => {
    const text = TEXT.slice(0, AT) + "0" + TEXT.slice(AT);
    const order: string[] = [];
    const stop = worker.listen((m) => order.push(m.kind === "event" ? `analysis ${m.event.result.version}` : "answer"));
    v++;
    const analysed = worker.analysis(BIG, v);
    const updated = worker.request("update", { uri: BIG, text, version: v });
    // the scheduled analysis starts, and gives way to events between slices of the table
    await new Promise((resolve) => setTimeout(resolve, 0));
    const asked = order.length;
    const answer = await worker.request("complete", { uri: BIG, offset: AT + 1 });
    await updated;
    await analysed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    // the request came in while the table was under way (else this would test nothing)
    expect(order.slice(0, asked)).toEqual(["answer"]);
    expect(order).toEqual(["answer", `analysis ${v}`, "answer"]);
    expect(answer).toEqual(ls.complete(ls.createDocument(text, "rubric.zs"), AT + 1));
  });
});
