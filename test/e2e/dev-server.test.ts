/**
 * `npm start -- --port N` (issue 12): the dev server listens on N and serves the workbench;
 * the first DOCX export pre-bundles nothing new, so the page is never reloaded under the
 * officer (the dev server used to re-optimise dependencies and reload, losing panel state).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectApp, freePort, openRubric, ROOT, type App } from "./app.ts";

describe("npm start", () => {
  let app: App;
  let server: ChildProcess | undefined;
  let url = "";
  let output = "";

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
    const port = await freePort();
    // as the README says: the port after `--`
    server = spawn("npm", ["start", "--", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (b: Buffer) => (output += b.toString()));
    server.stderr!.on("data", (b: Buffer) => (output += b.toString()));
    url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = await fetch(url).then((r) => r.status, () => 0);
      if (status === 200) break;
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`npm start did not serve ${url}:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    // the whole process group: npm, and vite under it
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    await app?.close();
  });

  it("serves the workbench on the port given, and the first DOCX export does not reload the page", async () => {
    const html = await (await fetch(url)).text();
    expect(html).toContain("<zs-workbench>");
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", acceptDownloads: true });
    const page = await context.newPage();
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(url);
    await page.waitForSelector("html[data-ready]", { timeout: 120_000 });
    await openRubric(page, "市州综合窗口平台");
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.locator('zs-activity-bar button[aria-label="发布前检查"]').click();
    const panel = page.locator("zs-publish-panel");
    await panel.locator("li.check").first().waitFor({ timeout: 120_000 });
    const download = page.waitForEvent("download", { timeout: 120_000 });
    await panel.locator('button[data-format="docx"]').click();
    expect((await download).suggestedFilename()).toMatch(/\.docx$/);
    // give a late re-optimisation the time to reload, then check it did not
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(loads).toBe(1);
    expect(output).not.toMatch(/optimized dependencies changed|reloading/i);
    await context.close();
  });
});
