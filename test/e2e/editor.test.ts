/**
 * An editor that behaves like VS Code (issue 12), in Chromium at 1440×900: completion shown
 * by Ctrl+Space, by typing and by the palette; every palette command does something; a
 * context menu; Ctrl+M; a layout that never outgrows the window, with resizable parts and a
 * tab strip that scrolls; line and column that follow the file shown.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { connectApp, editorToken, newPage, openRubric, OUTPUT, replaceInEditor, revealIndicator, tokenOnLine, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const INDICATOR = "服务企业数（家次）";

/** The cursor at the start of a new empty line after the 1500家次 rule. */
async function newLineAfterRule(page: Page): Promise<void> {
  await openRubric(page, HUNAN);
  await revealIndicator(page, INDICATOR);
  await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
}

async function runPaletteCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press("Control+Shift+P");
  await page.locator("zs-command-palette input").fill(label);
  await page.keyboard.press("Enter");
}

const suggestions = (page: Page) => page.locator(".suggest-widget.visible .monaco-list-row");

describe("the editor as in VS Code", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows completion with Ctrl+Space, while typing, and from the palette; accepting one inserts it", async () => {
    const { page, errors } = await newPage(app);
    await newLineAfterRule(page);
    await page.keyboard.press("Control+Space");
    await suggestions(page).first().waitFor({ timeout: 15_000 });
    expect(await suggestions(page).count()).toBeGreaterThan(5);
    // inputs are offered with their unit (the list is virtualised: only the rows in view exist)
    expect((await suggestions(page).allInnerTexts()).join("\n")).toMatch(/输入（/);
    await page.screenshot({ path: `${OUTPUT}/completion.png` });
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".suggest-widget.visible").count()).toBe(0);

    // while typing: the start of an input's name offers it, and Enter takes it
    await page.keyboard.insertText("服务企");
    await suggestions(page).filter({ hasText: "服务企业家次" }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press("Escape");

    // 触发建议 from the command palette
    await runPaletteCommand(page, "触发建议");
    await suggestions(page).first().waitFor({ timeout: 15_000 });
    await suggestions(page).filter({ hasText: "服务企业家次" }).first().click();
    await expect.poll(() => page.locator(".view-line", { hasText: "服务企业家次" }).count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("palette: 转到输入的声明 moves the cursor to the declaration, 查找所有引用 lists the references", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
    const position = page.locator("zs-status-bar .position");
    const ruleLine = Number(/行 (\d+)/.exec((await position.textContent()) ?? "")?.[1]);
    await runPaletteCommand(page, "转到输入的声明");
    // the input is declared in the 输入 block near the top of the file
    await expect.poll(async () => Number(/行 (\d+)/.exec((await position.textContent()) ?? "")?.[1])).toBeLessThan(ruleLine);
    const declared = page.locator(".view-line", { hasText: /服务企业家次：/ });
    // the cursor moves before Monaco has scrolled and drawn the line: wait for it
    await expect.poll(() => declared.count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await runPaletteCommand(page, "查找所有引用");
    const peek = page.locator(".zone-widget .reference-zone-widget, .peekview-widget");
    await peek.first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator(".peekview-title").innerText()).toMatch(/\d+ 个引用|引用/);
    await page.screenshot({ path: `${OUTPUT}/references.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("right-click opens a context menu with the usual entries, and its 命令面板 opens the palette", async () => {
    const { page } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click({ button: "right" });
    const items = page.locator(".monaco-menu .action-label");
    await items.first().waitFor({ timeout: 10_000 });
    const labels = (await items.allInnerTexts()).filter((l) => l.trim() !== "");
    for (const want of ["转到定义", "转到引用", "重命名符号", "格式化文档", "剪切", "复制", "粘贴", "触发建议", "命令面板…"]) expect(labels).toContain(want);
    // the menu is drawn with the theme's colours (not transparent over the text)
    const background = await page.locator(".monaco-menu").first().evaluate((m) => getComputedStyle(m.parentElement!).backgroundColor);
    expect(background).toBe("rgb(255, 255, 255)");
    await page.screenshot({ path: `${OUTPUT}/context-menu.png` });
    await page.locator(".monaco-menu .action-label", { hasText: "命令面板…" }).click();
    await expect.poll(() => page.locator("zs-command-palette").getAttribute("open")).not.toBeNull();
    await page.context().close();
  });

  it("Tab indents in the editor; after Ctrl+M it moves the focus out, and the status bar shows the mode", async () => {
    const { page } = await newPage(app);
    await newLineAfterRule(page);
    const lineText = () => page.locator(".view-line").filter({ has: page.locator("span") }).evaluateAll((ls) => ls.map((l) => l.textContent ?? ""));
    const before = (await lineText()).join("\n");
    await page.keyboard.press("Tab");
    await expect.poll(async () => (await lineText()).join("\n")).not.toBe(before);
    await page.keyboard.press("Control+z");

    await page.keyboard.press("Control+m");
    await page.locator("zs-status-bar .tab-focus", { hasText: "Tab 移动焦点" }).waitFor();
    const text = (await lineText()).join("\n");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest(".monaco-editor") === null)).toBe(true);
    expect((await lineText()).join("\n")).toBe(text);
    // and back
    await page.locator(".view-lines").click();
    await page.keyboard.press("Control+m");
    await expect.poll(() => page.locator("zs-status-bar .tab-focus").count()).toBe(0);
    await page.context().close();
  });

  it("with five files open and the side bar shown, the window never outgrows 1440×900; tabs scroll; side bar and panel resize", async () => {
    const { page, errors } = await newPage(app);
    for (const type of ["市州综合窗口平台", "产业集群窗口平台", "县（市、区）、工业园区窗口平台", "江苏省中小企业公共服务示范平台", "中小企业公共服务示范平台"]) await openRubric(page, type);
    await expect.poll(() => page.locator('zs-tabs [role="tab"]').count()).toBe(5);
    const size = () => page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, body: document.body.scrollWidth }));
    expect(await size()).toEqual({ w: 1440, h: 900, body: 1440 });
    // the status bar, the last tab and the editor's scrollbar are inside the window
    const status = await page.locator("zs-status-bar").boundingBox();
    expect(status!.y + status!.height).toBeLessThanOrEqual(900);
    expect(status!.x + status!.width).toBeLessThanOrEqual(1440);
    const scrollbar = await page.locator(".monaco-editor .scrollbar.vertical").first().boundingBox();
    expect(scrollbar!.x + scrollbar!.width).toBeLessThanOrEqual(1440);
    const lastTab = page.locator('zs-tabs [role="tab"]').last();
    await lastTab.click();
    const box = await lastTab.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1440);
    // the first tab is scrolled out of view (the strip scrolls, the page does not)
    const strip = await page.locator("zs-tabs .strip").evaluate((s) => ({ scrollLeft: s.scrollLeft, overflow: s.scrollWidth > s.clientWidth }));
    if (strip.overflow) expect(strip.scrollLeft).toBeGreaterThan(0);

    // drag the side bar's sash 120 px to the right, then back with the keyboard
    const side = page.locator("aside .side");
    const w0 = (await side.boundingBox())!.width;
    const sash = page.locator('zs-sash[orientation="vertical"]');
    const s = (await sash.boundingBox())!;
    await page.mouse.move(s.x + s.width / 2, s.y + 200);
    await page.mouse.down();
    await page.mouse.move(s.x + s.width / 2 + 120, s.y + 200, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await side.boundingBox())!.width - w0)).toBe(120);
    await sash.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => Math.round((await side.boundingBox())!.width - w0)).toBe(40);
    // the panel grows when its sash is dragged up, and the size survives a reload
    const panel = page.locator("section.panel");
    const h0 = (await panel.boundingBox())!.height;
    const ps = (await page.locator('zs-sash[orientation="horizontal"]').boundingBox())!;
    await page.mouse.move(ps.x + 300, ps.y + ps.height / 2);
    await page.mouse.down();
    await page.mouse.move(ps.x + 300, ps.y + ps.height / 2 - 100, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.abs((await panel.boundingBox())!.height - h0 - 100)).toBeLessThanOrEqual(2);
    const h1 = (await panel.boundingBox())!.height;
    expect(await size()).toEqual({ w: 1440, h: 900, body: 1440 });
    await page.screenshot({ path: `${OUTPUT}/five-tabs.png` });
    await page.reload();
    await page.waitForSelector("html[data-ready]");
    await expect.poll(async () => (await page.locator("section.panel").boundingBox())!.height).toBe(h1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("line and column in the status bar follow the file shown, never another file's cursor", async () => {
    const { page } = await newPage(app);
    await openRubric(page, HUNAN);
    // far down the long file
    await page.locator(".view-lines").click();
    await page.keyboard.press("Control+End");
    const far = Number(/行 (\d+)/.exec((await page.locator("zs-status-bar .position").textContent()) ?? "")?.[1]);
    expect(far).toBeGreaterThan(60);
    // a short file: the status bar shows its own cursor
    await openRubric(page, "中小企业公共服务示范平台");
    const lines = await page.evaluate(() => (document.querySelector("zs-editor") as unknown as { editor: { getModel(): { getLineCount(): number } } }).editor.getModel().getLineCount());
    await expect.poll(async () => Number(/行 (\d+)/.exec((await page.locator("zs-status-bar .position").textContent()) ?? "")?.[1])).toBeLessThanOrEqual(lines);
    // back to the first file: its cursor again
    await page.locator('zs-tabs [role="tab"]').first().click();
    await expect.poll(async () => Number(/行 (\d+)/.exec((await page.locator("zs-status-bar .position").textContent()) ?? "")?.[1])).toBe(far);
    await page.context().close();
  });

  it("colours inputs by the language service, and the colours follow an edit", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    // the input colour of the theme (semantic token 「input」); the lexical highlighter leaves names black
    const INPUT = "rgb(0, 16, 128)";
    const colour = (text: string) => editorToken(page, text).first().evaluate((e) => getComputedStyle(e).color);
    await expect.poll(() => colour("服务企业家次"), { timeout: 15_000 }).toBe(INPUT);
    await replaceInEditor(page, "服务企业家次：计数", "服务家次：计数");
    await expect.poll(() => colour("服务家次"), { timeout: 15_000 }).toBe(INPUT);
    await replaceInEditor(page, "服务家次：计数", "服务企业家次：计数");
    await expect.poll(() => editorToken(page, "服务家次").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => colour("服务企业家次"), { timeout: 15_000 }).toBe(INPUT);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
