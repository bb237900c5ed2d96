/**
 * Bench row (issue 13): a batch of 100,000 platforms posted to `zhunsheng serve` (the built CLI
 * as a process, national norm): records/s of the whole request (upload, reading, scoring, the
 * streamed answer) and the server's peak RSS. Platforms: ZS_BENCH_BATCH (default 100,000).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nationalRubric, recordGenerator } from "./national-data.ts";
import { median, perSecond } from "./process.ts";

const root = new URL("../../", import.meta.url).pathname;
const HOOK = new URL("./peak-rss.mjs", import.meta.url).href;
const NATIONAL = "national/2024/中小企业公共服务规范评价指标";

export async function benchServeBatch(count = Number(process.env["ZS_BENCH_BATCH"] ?? 100_000), rounds = 3): Promise<void> {
  const next = recordGenerator(nationalRubric(), 7);
  const body = JSON.stringify(Array.from({ length: count }, next));
  const dir = mkdtempSync(join(tmpdir(), "zs-bench-serve-"));
  const rssFile = join(dir, "rss");
  const server = spawn(process.execPath, ["--import", HOOK, join(root, "packages/cli/bin/zhunsheng.js"), "serve", join(root, "rules"), "--port", "0"], {
    env: { ...process.env, ZS_BENCH_RSS_FILE: rssFile },
    stdio: ["ignore", "ignore", "pipe"],
  });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let err = "";
      server.stderr.on("data", (d: Buffer) => {
        err += d.toString();
        const m = /准绳评分服务：(http:\/\/[^（]+)（/.exec(err);
        if (m) resolve(m[1]!);
      });
      server.on("exit", (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    const times: number[] = [];
    let answered = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const res = await fetch(`${address}/rubrics/${encodeURIComponent(NATIONAL)}/batch`, { method: "POST", body, headers: { "content-type": "application/json" } });
      if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      // count the verdicts as they stream in (one per line)
      answered = 0;
      for await (const chunk of res.body! as unknown as AsyncIterable<Uint8Array>) for (let k = 0; k < chunk.length; k++) if (chunk[k] === 10) answered++;
      times.push(performance.now() - t0);
      answered -= 2; // one line break before each verdict, two around the closing "]"
    }
    if (answered !== count) throw new Error(`the batch answered ${answered} verdicts for ${count} platforms`);
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
    const rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
    const ms = median(times);
    console.log(`zhunsheng serve, POST /rubrics/…/batch of ${count.toLocaleString("en")} platforms (national norm, ${(body.length / 1e6).toFixed(0)} M characters of JSON), median of ${rounds}:`);
    console.log(`  ${(ms / 1000).toFixed(1)} s per batch, ${perSecond(count, ms)} records/s; server peak RSS ${rssMb.toFixed(0)} MB`);
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}
