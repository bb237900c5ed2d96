/**
 * Next year's rubric (issue 12), in Chromium: 新建下一年度草稿 copies the open rubric into a
 * new draft with 年度 moved on and the rubric it is based on recorded; the explorer shows the
 * lineage (2024 → 2025 草稿) across a reload; 影响 compares with the base by default;
 * 新建评价体系 starts a clean draft from 地区, 年度, 平台类型 and 满分.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { connectApp, newPage, openRubric, OUTPUT, type App } from "./app.ts";

const NATIONAL = "中小企业公共服务机构（服务项目）";

const editorText = (page: Page) => page.evaluate(() => (document.querySelector("zs-editor") as unknown as { editor: { getModel(): { getValue(): string } } }).editor.getModel().getValue());

describe("next year's rubric", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("新建下一年度草稿: 年度 2025, based on the 2024 rubric, lineage in the explorer, 影响 against the base", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, NATIONAL);
    const original = await editorText(page);
    expect(original).toMatch(/年度：2024/);
    await page.locator("zs-explorer button", { hasText: "新建下一年度草稿" }).click();
    const active = page.locator('zs-tabs [role="tab"][aria-selected="true"]');
    await expect.poll(() => active.textContent()).toContain(`${NATIONAL}（2025草稿）.zs`);
    const draft = await editorText(page);
    expect(draft).toMatch(/年度：2025/);
    expect(draft).not.toMatch(/年度：2024/);
    expect(draft).toContain("# 基于：rules/national/2024/");
    await expect.poll(() => page.locator("zs-status-bar .errors").textContent()).toBe("0");
    // lineage in the explorer, kept across a reload
    const entry = page.locator("zs-explorer [data-lineage]");
    await expect.poll(() => entry.first().textContent()).toContain(`${NATIONAL}（2024） →`);
    await page.waitForTimeout(800);
    await page.reload();
    await page.waitForSelector("html[data-ready]");
    await expect.poll(() => page.locator("zs-explorer [data-lineage]").first().textContent()).toContain(`${NATIONAL}（2024） →`);
    await page.screenshot({ path: `${OUTPUT}/next-year-draft.png` });

    // 影响 compares the draft with the rubric it is based on
    await page.locator("zs-explorer [role=treeitem]", { hasText: "（2025草稿）" }).click();
    await expect.poll(() => active.textContent()).toContain("（2025草稿）");
    await page.locator('zs-activity-bar button[aria-label="影响"]').click();
    const against = page.locator('zs-impact-view select[aria-label="对照版本"]');
    await expect.poll(async () => (await against.locator("option:checked").textContent()) ?? "", { timeout: 20_000 }).toContain(`基于的版本：${NATIONAL}（2024）`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("新建评价体系 makes a draft from 地区, 年度, 平台类型 and 满分 without errors", async () => {
    const { page, errors } = await newPage(app);
    await page.locator("zs-explorer button", { hasText: "新建评价体系…" }).click();
    const dialog = page.locator("zs-new-rubric form");
    await dialog.waitFor();
    await dialog.locator("input[name=region]").fill("浙江省");
    await dialog.locator("input[name=year]").fill("2026");
    await dialog.locator("input[name=platformType]").fill("小微企业创业创新基地");
    await dialog.locator("input[name=fullMarks]").fill("100");
    await dialog.locator("button", { hasText: "创建草稿" }).click();
    const active = page.locator('zs-tabs [role="tab"][aria-selected="true"]');
    await expect.poll(() => active.textContent()).toContain("小微企业创业创新基地（2026）.zs");
    const text = await editorText(page);
    for (const line of ["地区：浙江省", "年度：2026", "平台类型：小微企业创业创新基地", "满分：100分"]) expect(text).toContain(line);
    await expect.poll(() => page.locator("zs-status-bar .errors").textContent()).toBe("0");
    await page.locator("zs-score-table tbody tr[data-platform]").first().waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
