/**
 * Checks officers need while drafting (issue 12), seen where they work: sentences that can add up to
 * more than their indicator's points, a bare number where points are meant — both in 问题 with a quick
 * fix — and a syntax error elsewhere in the file that does not hide them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newPage, openRubric, OUTPUT, revealIndicator, connectApp, tokenOnLine, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const INDICATOR = "服务企业数（家次）";

describe("drafting checks in the workbench", () => {
  let app: App;
  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("a sentence over the points and a bare 5 are warnings in 问题 with fixes; a broken category at the end of the file does not hide them", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
    await page.keyboard.press("Home");
    // 15分 already comes from 服务企业家次: five more points can exceed the indicator's 15分, and 「得5」 has no 分
    await page.keyboard.insertText("网站日常维护 得5\n    ");
    await page.locator('[role="tab"]', { hasText: "问题" }).click();
    const over = page.locator("zs-problems li", { hasText: "ZS3025" });
    const bare = page.locator("zs-problems li", { hasText: "分值「5」没有写「分」" });
    await over.first().waitFor({ timeout: 15_000 });
    await bare.first().waitFor({ timeout: 15_000 });
    expect(await over.first().textContent()).toContain("超过指标分值15分");
    // a syntax error at the end of the file (a stray word in the last section) keeps the semantic warnings above
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\n类别 （（\n");
    await expect.poll(async () => Number(await page.locator("zs-status-bar .errors").textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator("zs-problems li", { hasText: /ZS1\d{3}/ }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator("zs-problems li", { hasText: "ZS3025" }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator("zs-problems li", { hasText: "分值「5」没有写「分」" }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${OUTPUT}/drafting-checks.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
