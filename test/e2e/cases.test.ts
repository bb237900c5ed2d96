/**
 * 用例 where the officer works, and explanations that cite their source (issue 12), in
 * Chromium: a ▶ 运行 lens on every case with its result inline; the quick fix
 * 「以实际结果为期望」 on a failing one; a new case made from a platform's row; each indicator's
 * explanation quoting the published sentence (描述) it applies, with the source document.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { connectApp, newPage, openRubric, OUTPUT, replaceInEditor, ROOT, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const HUNAN_TEXT = readFileSync(`${ROOT}rules/hunan/未注明年度/${HUNAN}.zs`, "utf8");
const CASES = (HUNAN_TEXT.match(/^用例 /gm) ?? []).length;

const lenses = (page: Page) => page.locator(".codelens-decoration");

/** Scrolls the editor to the line holding `text`, with the cursor on it. */
async function cursorAt(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const ed = (document.querySelector("zs-editor") as unknown as { editor: { getModel(): { findMatches(s: string, x: boolean, y: boolean, z: boolean, w: null, v: boolean): { range: { startLineNumber: number; startColumn: number } }[] }; setPosition(p: unknown): void; revealLineInCenter(l: number): void; focus(): void } }).editor;
    const m = ed.getModel().findMatches(t, false, false, true, null, false)[0]!;
    ed.setPosition({ lineNumber: m.range.startLineNumber, column: m.range.startColumn + 1 });
    ed.revealLineInCenter(m.range.startLineNumber);
    ed.focus();
  }, text);
}

describe("用例 and cited explanations", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows ▶ 运行 and the result on every case; a failing case gets 「以实际结果为期望」; ▶ 运行 explains the case", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await cursorAt(page, "用例 满分平台");
    const full = lenses(page).filter({ hasText: "✓ 通过：总分 115分" });
    await full.first().waitFor({ timeout: 20_000 });
    expect(await lenses(page).filter({ hasText: "▶ 运行" }).count()).toBeGreaterThan(0);

    // expect 116: the lens says so, and the quick fix writes the actual 115 back
    await replaceInEditor(page, "资源品牌培育 15分，总分 115分", "资源品牌培育 15分，总分 116分");
    await lenses(page).filter({ hasText: "✗ 未通过：总分期望116分，实际115分" }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${OUTPUT}/case-failing.png` });
    await cursorAt(page, "总分 116分");
    await page.keyboard.press("Control+.");
    const fix = page.locator(".action-widget .action-label, .monaco-list-row", { hasText: "以实际结果为期望：115分" });
    await fix.first().waitFor({ timeout: 15_000 });
    await fix.first().click();
    await full.first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator(".view-line", { hasText: "总分 115分" }).count()).toBeGreaterThan(0);

    // ▶ 运行: the case's explanation
    await lenses(page).locator("a", { hasText: "▶ 运行" }).first().click();
    await expect.poll(() => page.locator("zs-explanation .head h2").textContent(), { timeout: 15_000 }).toMatch(/^用例「.+」$/);
    expect(await page.locator("zs-explanation li").count()).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("explains a platform quoting each indicator's published sentence and the source; a line link goes there", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await page.locator("zs-score-table tbody tr[data-platform]").first().click();
    const quote = page.locator('zs-explanation blockquote.cite[data-indicator="服务企业数（家次）"]');
    await quote.waitFor({ timeout: 15_000 });
    expect(await quote.textContent()).toContain("线上交易总计达1500家次得15分");
    expect(await page.locator("zs-explanation .source").textContent()).toContain("湖南省窗口平台评价指标体系表");
    await page.screenshot({ path: `${OUTPUT}/explanation-cited.png` });
    const line = Number(/第(\d+)行/.exec((await quote.locator("button").textContent()) ?? "")?.[1]);
    const expected = HUNAN_TEXT.split(/\r?\n/).findIndex((l) => l.includes("线上交易总计达1500家次得15分")) + 1;
    expect(line).toBe(expected);
    await quote.locator("button").click();
    await expect.poll(() => page.locator("zs-status-bar .position").textContent()).toMatch(new RegExp(`行 ${expected}，`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("makes a new case from a platform's row, which passes", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const row = page.locator("zs-score-table tbody tr[data-platform]").nth(2);
    const platform = (await row.getAttribute("data-platform"))!;
    const total = (await row.locator("td.total").textContent())!.replace(/[↑↓\s]/g, "");
    await row.click();
    await page.locator("zs-explanation button.new-case").click();
    await expect.poll(() => page.locator("zs-status-bar .message").textContent()).toContain(`已新建用例「${platform}」`);
    await expect.poll(() => page.evaluate(() => (document.querySelector("zs-editor") as unknown as { editor: { getModel(): { getValue(): string } } }).editor.getModel().getValue())).toContain(`用例 ${platform}`);
    const text = await page.evaluate(() => (document.querySelector("zs-editor") as unknown as { editor: { getModel(): { getValue(): string } } }).editor.getModel().getValue());
    expect((text.match(/^用例 /gm) ?? []).length).toBe(CASES + 1);
    expect(text).toContain(`总分 ${total}分`);
    // the new case passes and adds no problem
    await lenses(page).filter({ hasText: `✓ 通过：总分 ${total}分` }).first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator("zs-status-bar .errors").textContent()).toBe("0");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
