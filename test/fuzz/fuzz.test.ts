/**
 * The fuzz campaign inside `npm test`: a small seeded run (the full one is `npm run fuzz`), and
 * every input a campaign ever failed on, kept in test/fuzz/regressions/. An input still marked
 * "open" in regressions/index.json must still fail — when a fix makes it pass, mark it "fixed".
 */
import { describe, expect, it } from "vitest";
import { problemKey, runCampaign, summarize } from "./campaign.ts";
import { loadRegressions } from "./regressions.ts";

const kept = loadRegressions();
/** The problems still open (kind and message shape): the seeded run may meet them on other inputs too. */
const open = new Set(kept.filter((k) => k.entry.status === "open").map((k) => problemKey(k.entry.finding)));

describe("fuzz campaign", () => {
  it("a seeded run of 500 inputs finds no problem that is not kept as an open regression", async () => {
    const seed = 20250101;
    const result = await runCampaign({ source: { kind: "seed", seed, count: 500, deepEvery: 8 }, workers: 2, hangMs: 5000, killMs: 10_000 });
    expect(result.inputs).toBe(500);
    const fresh = result.findings.filter((f) => !open.has(problemKey(f.finding)));
    const report = summarize(fresh).map((g) => `${g.count} × [${g.kind}] ${g.message.slice(0, 160)} ${g.where ?? ""}`);
    expect(report, `new problems — keep them (two of each) with: npm run fuzz -- --seed ${seed} --count 500`).toEqual([]);
  });

  it("every kept regression behaves as its index says", async () => {
    expect(kept.length).toBeGreaterThan(0);
    const result = await runCampaign({ source: { kind: "regressions" }, workers: 2, hangMs: 5000, killMs: 10_000 });
    const failing = new Set(result.findings.map((f) => f.index));
    const wrong = kept.flatMap(({ entry }, i) => {
      if (entry.status === "fixed" && failing.has(i)) return [`${entry.file}: marked fixed but fails again: ${result.findings.find((f) => f.index === i)!.finding.message.slice(0, 160)}`];
      // (how long a slow input takes depends on the machine: an open hang that finishes is not proof of a fix)
      if (entry.status === "open" && entry.finding.kind !== "hang" && !failing.has(i)) return [`${entry.file}: passes now — mark it "fixed" in test/fuzz/regressions/index.json`];
      return [];
    });
    expect(wrong).toEqual([]);
  });
});
