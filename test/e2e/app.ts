/**
 * The built workbench served on localhost for the end-to-end tests: built and served once per
 * run by global-setup.ts (`vite build`, `vite preview`), or here when a file runs on its own
 * (the bench); Debian's Chromium driven by playwright-core.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PLAYGROUND = `${ROOT}playground`;
export const OUTPUT = `${ROOT}test-output`;
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
/** The one command that installs what the browser tests need on Debian. */
export const INSTALL_COMMAND = "sudo apt-get install -y chromium fonts-noto-cjk";

/** What the browser tests need and this machine lacks: the browser, and the font without which every Chinese character is a box. */
export function missingBrowserParts(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push("chromium");
  let fonts = "";
  try {
    fonts = execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  } catch {
    // no fontconfig: the font is missing too
  }
  if (!/Noto Sans CJK/i.test(fonts)) missing.push("fonts-noto-cjk");
  return missing;
}

export function freePort(): Promise<number> {
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

const LAUNCH = {
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
};

/** The app built once for the whole run (global-setup.ts), with this file's own Chromium. */
export async function connectApp(shared: { url: string; outDir: string }): Promise<App> {
  mkdirSync(OUTPUT, { recursive: true });
  const browser = await chromium.launch(LAUNCH);
  return { ...shared, browser, close: () => browser.close() };
}

/** Builds the app, serves it and launches Chromium (for scripts that run outside vitest, such as the bench). */
export async function startApp(): Promise<App> {
  mkdirSync(OUTPUT, { recursive: true });
  const missing = missingBrowserParts();
  if (missing.length > 0) throw new Error(`缺少 ${missing.join("、")}。请运行：${INSTALL_COMMAND}`);
  const outDir = mkdtempSync(join(tmpdir(), "zhunsheng-e2e-"));
  const config = { root: PLAYGROUND, configFile: `${PLAYGROUND}/vite.config.ts`, logLevel: "warn" as const, build: { outDir, emptyOutDir: true } };
  await build(config);
  const port = await freePort();
  const server: PreviewServer = await preview({ ...config, preview: { port, strictPort: true, host: "127.0.0.1" } });
  const browser = await chromium.launch(LAUNCH);
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

/** A fresh page (own storage) with page errors collected, and what the console reports as errors (a failed load included). */
export async function newPage(app: App): Promise<{ page: Page; errors: string[]; consoleErrors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${m.text()} ${m.location().url}`);
  });
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
  return { page, errors, consoleErrors };
}

/** Opens a built-in rubric from the explorer tree and waits for its scores. */
export async function openRubric(page: Page, platformType: string): Promise<void> {
  const item = page.locator('zs-explorer [role="treeitem"]', { hasText: platformType }).last();
  await item.click();
  // the rubric is open when the explorer marks it as the active file (the table of the file open before may still show)
  await page.locator(`zs-explorer [role="treeitem"][data-id="${await item.getAttribute("data-id")}"][aria-selected="true"]`).waitFor({ timeout: 30_000 });
  await page.locator("zs-score-table tbody tr[data-platform]").first().waitFor({ timeout: 30_000 });
}

/** Shows a side view (the activity bar toggles: a click on the open view's button would close it). */
export async function showSide(page: Page, label: string, ready: string): Promise<void> {
  if (!(await page.locator(ready).first().isVisible())) await page.locator(`zs-activity-bar button[aria-label="${label}"]`).click();
}

/**
 * Imports a data file into the open rubric through the 样本数据 view's 导入 button, and waits until the
 * score table's bar shows `until` (the file's name by default; a workbook loads exceljs into the worker first).
 */
export async function importDataset(page: Page, path: string, until = path.split("/").pop()!, timeout = 30_000): Promise<void> {
  await showSide(page, "样本数据", "zs-data-view button");
  const chooser = page.waitForEvent("filechooser");
  await page.locator("zs-data-view button", { hasText: "导入" }).click();
  await (await chooser).setFiles(path);
  await page.locator("zs-score-table .bar", { hasText: until }).waitFor({ timeout });
}

/** Replaces the first occurrence of `from` in the open file with `to`, as an officer's edit would (one undoable edit). */
export async function replaceInEditor(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate(
    ([a, b]) => {
      const ed = (document.querySelector("zs-editor") as unknown as { editor: { getModel(): { findMatches(s: string, x: boolean, y: boolean, z: boolean, w: null, v: boolean): { range: unknown }[] }; executeEdits(s: string, e: unknown[]): void } }).editor;
      const m = ed.getModel().findMatches(a!, false, false, true, null, false)[0];
      if (!m) throw new Error(`the open file has no 「${a}」`);
      ed.executeEdits("test", [{ range: m.range, text: b }]);
    },
    [from, to],
  );
}

/** Platform → total, as the 评分 table shows them. */
export async function totals(page: Page): Promise<Map<string, string>> {
  const rows = await page.locator("zs-score-table tbody tr[data-platform]").evaluateAll((trs) =>
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

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** axe's violations (WCAG 2 A/AA and best practices) on the page as it is now, one line each. */
export async function violations(page: Page, view: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations;
  });
  return found.flatMap((v) => v.nodes.map((n) => `${view}: ${v.id} (${v.impact}) ${v.help} — ${n.target.join(" ")}`));
}
