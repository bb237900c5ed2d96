/**
 * Accessible (issue 12): axe-core, the standard accessibility engine, finds no violations on
 * the workbench's main views, and every control is reachable by keyboard.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectApp, newPage, openRubric, violations, type App } from "./app.ts";

describe("accessibility", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("axe finds no violations on the welcome page, the open rubric and each panel and side view", async () => {
    const { page } = await newPage(app);
    const found: string[] = [];
    found.push(...(await violations(page, "欢迎页")));
    await openRubric(page, "市州综合窗口平台");
    found.push(...(await violations(page, "评分")));
    await page.locator("zs-score-table tbody tr[data-platform]").first().click();
    await page.locator("zs-explanation li").first().waitFor();
    found.push(...(await violations(page, "说明")));
    await page.locator("#panel-tab-problems").click();
    found.push(...(await violations(page, "问题")));
    for (const [label, ready] of [
      ["大纲", "zs-outline li"],
      ["样本数据", "zs-data-view select"],
      ["发布前检查", "zs-publish-panel li.check"],
    ] as const) {
      await page.locator(`zs-activity-bar button[aria-label="${label}"]`).click();
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      found.push(...(await violations(page, label)));
    }
    await page.locator('zs-activity-bar button[aria-label="对比"]').click();
    await page.locator("zs-compare-view table.compare tbody tr").first().waitFor({ timeout: 30_000 });
    found.push(...(await violations(page, "对比")));
    await page.locator('zs-activity-bar button[aria-label="影响"]').click();
    await page.locator("zs-impact-view h2").first().waitFor({ timeout: 30_000 });
    found.push(...(await violations(page, "影响")));
    expect(found).toEqual([]);
    await page.context().close();
  });

  it("every kind of control is reachable with Tab from the top of the page", async () => {
    const { page } = await newPage(app);
    await openRubric(page, "市州综合窗口平台");
    // from the top of the document, nothing focused
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen = new Set<string>();
    let released = false;
    for (let i = 0; i < 70; i++) {
      await page.keyboard.press("Tab");
      const where = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        const host = (el?.getRootNode() as ShadowRoot | Document) instanceof ShadowRoot ? ((el!.getRootNode() as ShadowRoot).host.tagName.toLowerCase()) : "";
        return `${host}|${el?.getAttribute("role") ?? el?.tagName.toLowerCase()}|${el?.closest(".monaco-editor") ? "editor" : ""}`;
      });
      seen.add(where);
      if (process.env["A11Y_DEBUG"]) console.log(i, where);
      // in the editor Tab indents; Ctrl+M lets it move on (as in VS Code)
      if (where.endsWith("|editor") && !released) {
        await page.keyboard.press("Control+m");
        released = true;
      }
    }
    const list = [...seen].join("\n");
    expect(list.split("\n").length, list).toBeGreaterThan(5);
    for (const want of ["zs-activity-bar|button", "zs-explorer|treeitem", "zs-tabs|tab", "|editor", "|separator|", "|tab|", "zs-score-table|button", "zs-score-table|tr", "zs-status-bar|button"]) expect(list, list).toContain(want);
    await page.context().close();
  });
});
