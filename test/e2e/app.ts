/**
 * The built workbench served on localhost for the end-to-end tests: `vite build`, then
 * `vite preview` on a free port, and Debian's Chromium driven by playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PLAYGROUND = `${ROOT}playground`;
export const OUTPUT = `${ROOT}test-output`;
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
/**
 * Whether to run the browser tests: on a developer machine without Chromium they are skipped;
 * under CI (which installs it) a missing browser must fail the run, never skip it silently.
 */
export const hasChromium = existsSync(CHROMIUM) || process.env["CI"] === "true";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface App {
  url: string;
  /** This run's build (its own folder: test runs in parallel must not rebuild under each other's server). */
  outDir: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the app, serves it and launches Chromium. */
export async function startApp(): Promise<App> {
  mkdirSync(OUTPUT, { recursive: true });
  const outDir = mkdtempSync(join(tmpdir(), "zhunsheng-e2e-"));
  const config = { root: PLAYGROUND, configFile: `${PLAYGROUND}/vite.config.ts`, logLevel: "warn" as const, build: { outDir, emptyOutDir: true } };
  await build(config);
  const port = await freePort();
  const server: PreviewServer = await preview({ ...config, preview: { port, strictPort: true, host: "127.0.0.1" } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    outDir,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A fresh page (own storage) with page errors collected. */
export async function newPage(app: App): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // the preview server can answer an error status while the machine is loaded by parallel
  // test files; a page that fails to load is retried, never an assertion
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(app.url);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      const status = await fetch(app.url).then((r) => r.status, (e: Error) => e.message);
      console.warn(`retrying page load (${attempt}): ${(err as Error).message}; the server now answers ${status}`);
      await page.waitForTimeout(500);
    }
  }
  await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
  return { page, errors };
}

/** Opens a built-in rubric from the explorer tree and waits for its scores. */
export async function openRubric(page: Page, platformType: string): Promise<void> {
  await page.locator('zs-explorer [role="treeitem"]', { hasText: platformType }).last().click();
  await page.locator("zs-score-table tbody tr").first().waitFor({ timeout: 30_000 });
}

/** Platform → total, as the 评分 table shows them. */
export async function totals(page: Page): Promise<Map<string, string>> {
  const rows = await page.locator("zs-score-table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute("data-platform") ?? "", (tr.querySelector("td.total")?.textContent ?? "").replace(/[↑↓\s]/g, "")] as const),
  );
  return new Map(rows);
}

/** The token span showing exactly `text` in the editor (the line must be on screen). */
export function editorToken(page: Page, text: string) {
  return page.locator(".view-lines .view-line > span > span").filter({ hasText: new RegExp(`^${text}$`) });
}

/** The token showing exactly `text` on the editor line that contains `line` (view lines are not in DOM order). */
export function tokenOnLine(page: Page, line: RegExp, text: string) {
  return page.locator(".view-lines .view-line").filter({ hasText: line }).locator("span > span").filter({ hasText: new RegExp(`^${text}$`) });
}

/** Scrolls the editor to an indicator through the outline view. */
export async function revealIndicator(page: Page, name: string): Promise<void> {
  await page.locator('zs-activity-bar button[aria-label="大纲"]').click();
  await page.locator("zs-outline button", { hasText: name }).first().click();
  await page.locator('zs-activity-bar button[aria-label="资源管理器"]').click();
}
