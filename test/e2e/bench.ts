/**
 * Browser benchmark (not a test): `npm run bench -w playground`.
 * Keystroke → updated score table for the largest built-in rubric at 1,000 and 10,000
 * platforms (p50/p95 over the edits) for two kinds of keystroke — a space that changes no score and
 * a digit in a threshold that changes scores — main-thread long tasks (PerformanceObserver `longtask`)
 * while typing at 10,000, the built app's JS size (gzip) and time to interactive on localhost.
 * Writes test-output/bench.json. Works from a fresh clone (it creates test-output/).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { analyze } from "../../packages/core/src/index.ts";
import { samplePlatforms } from "../../playground/src/worker/sample-data.ts";
import { importDataset, newPage, OUTPUT, ROOT, startApp } from "./app.ts";

const SIZES = [1000, 10000];
const EDITS = Number(process.env["BENCH_EDITS"] ?? 40);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : [join(dir, e)]));
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const round = (x: number) => +x.toFixed(1);

mkdirSync(OUTPUT, { recursive: true });
const rubrics = files(`${ROOT}rules`).filter((f) => f.endsWith(".zs"));
const largest = rubrics.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
const text = readFileSync(largest, "utf8");
const rubric = analyze(text).rubric!;

/** A CSV of `n` platforms for the rubric, values spread around its thresholds. */
function datasetCsv(n: number): string {
  const records: Record<string, unknown>[] = samplePlatforms(rubric, n).map((r, i) => ({ ...r, 名称: `平台${i + 1}` }));
  assertThresholdEditScores(records);
  const header = Object.keys(records[0]!);
  const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...records.map((r) => header.map((h) => String(r[h] ?? "")))].map((r) => r.map(field).join(",")).join("\n") + "\n";
}

/** Imports `file` as the open rubric's dataset and waits until the table counts its platforms. */
async function importBenchDataset(page: Page, file: string, n: number): Promise<void> {
  await importDataset(page, file, `${n} 个平台`, 120_000);
  await page.locator('zs-activity-bar button[aria-label="资源管理器"]').click();
}

/**
 * The two kinds of keystroke timed. A space at the end of the file changes no score (the worker may
 * keep its table); a digit typed into a threshold (达到100家 → 达到1000家, then removed) changes
 * scores, so every platform is scored again under a new scoring function.
 */
const THRESHOLD = { after: "年度服务企业数 达到100", key: "0" };
const EDIT_KINDS = [
  { name: "keystrokeToScoresMs", keys: ["Space", "Backspace"], at: undefined },
  { name: "scoringEditToScoresMs", keys: [THRESHOLD.key, "Backspace"], at: THRESHOLD.after },
] as const;

/** The threshold edit must change what the platforms score: else it would time a keystroke that changes nothing. */
function assertThresholdEditScores(records: Record<string, unknown>[]): void {
  const at = text.indexOf(THRESHOLD.after);
  if (at < 0) throw new Error(`the bench rubric has no 「${THRESHOLD.after}」`);
  const edited = text.slice(0, at + THRESHOLD.after.length) + THRESHOLD.key + text.slice(at + THRESHOLD.after.length);
  const before = analyze(text).scoring;
  const after = analyze(edited).scoring;
  if (!before.scorable || !after.scorable) throw new Error("the bench rubric or its threshold edit cannot be scored");
  const changed = records.filter((r) => before.scorer.score(r).total !== after.scorer.score(r).total).length;
  if (changed === 0) throw new Error(`typing ${THRESHOLD.key} after 「${THRESHOLD.after}」 changes no platform's total`);
}

/** Keystroke → the score table of that text rendered, `EDITS` times (`keys` alternately, at the end of the file or right after `at`). */
async function keystrokes(page: Page, keys: readonly string[], at: string | undefined): Promise<number[]> {
  await page.locator(".view-lines").click();
  if (at === undefined) await page.keyboard.press("Control+End");
  else
    await page.evaluate(`(() => {
      const ed = document.querySelector("zs-editor").editor;
      const m = ed.getModel().findMatches(${JSON.stringify(at)}, false, false, true, null, false)[0];
      ed.setPosition({ lineNumber: m.range.endLineNumber, column: m.range.endColumn });
      ed.revealLineInCenter(m.range.endLineNumber);
      ed.focus();
    })()`);
  const times: number[] = [];
  for (let i = 0; i < EDITS; i++) {
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
    await page.keyboard.press(keys[i % keys.length]!);
    times.push(await page.evaluate<number>("window.__benchWait"));
  }
  return times;
}

/** Long main-thread tasks while typing a burst of 20 characters (as an officer types a sentence), until the scores settle. */
async function longTasksWhileTyping(page: Page): Promise<{ count: number; maxMs: number; keys: number }> {
  await page.evaluate(`window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: "longtask" }); undefined`);
  await page.locator(".view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  const sentence = "# 评分不阻塞输入：一个二十字的注释行测试";
  await page.keyboard.type(sentence, { delay: 40 });
  await page.waitForTimeout(1500);
  const long = await page.evaluate<number[]>("window.__long");
  return { count: long.length, maxMs: round(Math.max(0, ...long)), keys: sentence.length };
}

const app = await startApp();
try {
  // size of what the first page load fetches: entry JS, CSS and the two workers
  const assets = files(`${app.outDir}/assets`);
  const gz = (f: string) => gzipSync(readFileSync(f)).length;
  const initialJs = assets.filter((f) => /\/(index|analysis-worker|editor\.worker)-[^/]*\.js$/.test(f));
  const size = {
    initialJsGzipKB: round(initialJs.reduce((n, f) => n + gz(f), 0) / 1024),
    entryJsGzipKB: round(assets.filter((f) => /\/index-[^/]*\.js$/.test(f)).reduce((n, f) => n + gz(f), 0) / 1024),
    cssGzipKB: round(assets.filter((f) => f.endsWith(".css")).reduce((n, f) => n + gz(f), 0) / 1024),
    lazyChunks: assets.filter((f) => f.endsWith(".js") && !initialJs.includes(f)).map((f) => `${f.split("/").pop()} ${(gz(f) / 1024).toFixed(1)} KB`),
  };
  const relative = largest.slice(`${ROOT}rules/`.length);
  const platformType = /平台类型[：:]\s*(.+)/.exec(text)?.[1]?.trim() ?? relative;
  const runs: Record<string, unknown>[] = [];
  let tti = 0;
  for (const n of SIZES) {
    const csv = `${OUTPUT}/bench-${n}.csv`;
    writeFileSync(csv, datasetCsv(n));
    const run: Record<string, unknown> = { platforms: n, edits: EDITS };
    // each kind of keystroke on a page of its own, from the dataset's import: each pays the first, cold edits
    for (const kind of EDIT_KINDS) {
      const { page } = await newPage(app);
      if (n === SIZES[0] && kind === EDIT_KINDS[0]) tti = await page.evaluate(() => performance.now());
      await page.locator('zs-explorer [role="treeitem"]', { hasText: platformType }).last().click();
      await page.locator("zs-score-table tbody tr[data-platform]").first().waitFor();
      await importBenchDataset(page, csv, n);
      const times = await keystrokes(page, kind.keys, kind.at);
      run[kind.name] = { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) };
      if (n === SIZES[SIZES.length - 1] && kind === EDIT_KINDS[0]) run["longTasksWhileTyping"] = await longTasksWhileTyping(page);
      await page.context().close();
    }
    console.log(JSON.stringify(run));
    runs.push(run);
  }
  const result = { rubric: relative, runs, timeToInteractiveMs: Math.round(tti), size };
  writeFileSync(`${OUTPUT}/bench.json`, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await app.close();
}
