/**
 * Browser benchmark (not a test): `npm run bench -w playground`.
 * Keystroke → updated score table for the largest built-in rubric with 100 sample platforms
 * (p50/p95 over 50 edits), the built app's JS size (gzip) and time to interactive on localhost.
 * Writes test-output/bench.json.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { analyze } from "../../packages/core/src/index.ts";
import { samplePlatforms } from "../../playground/src/worker/sample-data.ts";
import { newPage, OUTPUT, ROOT, startApp } from "./app.ts";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : [join(dir, e)]));
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const rubrics = files(`${ROOT}rules`).filter((f) => f.endsWith(".zs"));
const largest = rubrics.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
const text = readFileSync(largest, "utf8");
const rubric = analyze(text).rubric!;
const records: Record<string, unknown>[] = samplePlatforms(rubric, 100).map((r, i) => ({ ...r, 名称: `平台${i + 1}` }));
const header = Object.keys(records[0]!);
const csv = [header, ...records.map((r) => header.map((h) => String(r[h] ?? "")))].map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")).join("\n") + "\n";
writeFileSync(`${OUTPUT}/bench-100.csv`, csv);

const app = await startApp();
try {
  // size of what the first page load fetches: entry JS, CSS and the two workers
  const assets = files(`${app.outDir}/assets`);
  const gz = (f: string) => gzipSync(readFileSync(f)).length;
  const initialJs = assets.filter((f) => /\/(index|analysis-worker|editor\.worker)-[^/]*\.js$/.test(f));
  const size = {
    initialJsGzipKB: +(initialJs.reduce((n, f) => n + gz(f), 0) / 1024).toFixed(1),
    entryJsGzipKB: +(assets.filter((f) => /\/index-[^/]*\.js$/.test(f)).reduce((n, f) => n + gz(f), 0) / 1024).toFixed(1),
    cssGzipKB: +(assets.filter((f) => f.endsWith(".css")).reduce((n, f) => n + gz(f), 0) / 1024).toFixed(1),
    lazyChunks: assets.filter((f) => f.endsWith(".js") && !initialJs.includes(f)).map((f) => `${f.split("/").pop()} ${(gz(f) / 1024).toFixed(1)} KB`),
  };

  const { page } = await newPage(app);
  const tti = await page.evaluate(() => performance.now());
  const relative = largest.slice(`${ROOT}rules/`.length);
  const platformType = /平台类型[：:]\s*(.+)/.exec(text)?.[1]?.trim() ?? relative;
  await page.locator('zs-explorer [role="treeitem"]', { hasText: platformType }).last().click();
  await page.locator("zs-score-table tbody tr").first().waitFor();
  await page.locator('zs-activity-bar button[aria-label="样本数据"]').click();
  const chooser = page.waitForEvent("filechooser");
  await page.locator("zs-data-view button", { hasText: "导入" }).click();
  await (await chooser).setFiles(`${OUTPUT}/bench-100.csv`);
  await page.waitForFunction(() => document.querySelector("zs-score-table")?.shadowRoot?.querySelectorAll("tbody tr").length === 100);
  await page.locator(".view-lines").click();
  await page.keyboard.press("Control+End");

  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    // armed before the key is pressed (a string, so that the bundler's helpers do not leak into the page)
    await page.evaluate(`window.__benchWait = new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener("keydown", () => { t0 = t0 || performance.now(); }, { capture: true, once: true });
      const wb = document.querySelector("zs-workbench");
      // an analysis already under way when the key was pressed does not count
      function done() {
        if (t0 === 0) return;
        wb.removeEventListener("scores-rendered", done);
        resolve(performance.now() - t0);
      }
      wb.addEventListener("scores-rendered", done);
    }); undefined`);
    await page.keyboard.press(i % 2 === 0 ? "Space" : "Backspace");
    times.push(await page.evaluate<number>("window.__benchWait"));
    if (process.env["BENCH_DEBUG"]) console.log(i, times[times.length - 1]);
  }
  console.log(times.map((t) => t.toFixed(0)).join(" "));
  const result = {
    rubric: relative,
    platforms: 100,
    edits: times.length,
    keystrokeToScoresMs: { p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1), max: +Math.max(...times).toFixed(1) },
    timeToInteractiveMs: +tti.toFixed(0),
    size,
  };
  writeFileSync(`${OUTPUT}/bench.json`, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await app.close();
}
