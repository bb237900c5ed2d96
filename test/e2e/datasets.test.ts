/**
 * Datasets as kept work, in Chromium at 1440×900: an imported file and a form edit survive a
 * reload; the 数据表 grid takes a block pasted from a spreadsheet and undoes it; a bad cell says
 * why in the cell and in 问题; F2 on an input renames its column; a column that matches no input
 * is a problem whose quick fix maps it; a share link carries the dataset to a fresh browser.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { connectApp, importDataset, newPage, openRubric, OUTPUT, revealIndicator, ROOT, showSide, tokenOnLine, totals, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const RUBRIC = analyze(readFileSync(`${ROOT}rules/hunan/未注明年度/${HUNAN}.zs`, "utf8")).rubric!;
const INPUTS = RUBRIC.inputs.filter((i) => i.kind !== "derived");

/** Platforms with every input of Hunan 市州 (values varied by platform), and the totals the core gives them. */
function platforms(names: string[], rename: Record<string, string> = {}): { csv: string; expected: Map<string, string | null> } {
  const records = names.map((name, k) => {
    const rec: Record<string, string> = { 名称: name };
    for (const i of INPUTS) rec[i.name] = i.type === "yesno" ? (k % 2 === 0 ? "是" : "否") : i.type === "score" ? String(10 + k) : String(300 * (k + 1));
    return rec;
  });
  const scorer = compile(RUBRIC);
  const header = ["名称", ...INPUTS.map((i) => i.name)];
  const csv = [header.map((h) => rename[h] ?? h), ...records.map((r) => header.map((h) => r[h]!))].map((r) => r.join(",")).join("\n") + "\n";
  return { csv, expected: new Map(records.map((r) => [r["名称"]!, scorer.score(r).total])) };
}

async function importCsv(page: Page, name: string, csv: string): Promise<void> {
  const path = `${OUTPUT}/${name}`;
  writeFileSync(path, csv);
  await importDataset(page, path);
}

async function showPanel(page: Page, id: string): Promise<void> {
  await page.locator(`#panel-tab-${id}`).click();
}

const cell = (page: Page, row: number, field: string) => page.locator(`zs-data-grid td[data-row="${row}"][data-field="${field}"]`);

describe("datasets in the workbench", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("keeps an imported CSV and a form edit across a reload", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const { csv, expected } = platforms(["保留甲平台", "保留乙平台", "保留丙平台"]);
    await importCsv(page, "e2e-保留.csv", csv);
    expect(Object.fromEntries(await totals(page))).toEqual(Object.fromEntries(expected));

    // the form edits the first platform: 服务企业家次 0 lowers its total
    const input = page.locator("zs-data-view label", { hasText: "服务企业家次" }).locator("input");
    await input.fill("0");
    await input.press("Tab");
    await expect.poll(async () => (await totals(page)).get("保留甲平台")).not.toBe(expected.get("保留甲平台"));
    const edited = Object.fromEntries(await totals(page));
    await page.waitForTimeout(600);

    await page.reload();
    await page.waitForSelector("html[data-ready]");
    await expect.poll(() => page.locator("zs-score-table .bar").textContent(), { timeout: 30_000 }).toContain("e2e-保留.csv（已修改）");
    await expect.poll(async () => Object.fromEntries(await totals(page))).toEqual(edited);
    await showSide(page, "样本数据", "zs-data-view button");
    const datasets = await page.locator("zs-data-view select[aria-label='数据集'] option").allTextContents();
    expect(datasets).toEqual(expect.arrayContaining(["e2e-保留.csv", "e2e-保留.csv（已修改）"]));
    await page.screenshot({ path: `${OUTPUT}/datasets-reload.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("pastes a 3×2 block copied from a spreadsheet into the 数据表 grid and undoes it", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const before = Object.fromEntries(await totals(page));
    await showPanel(page, "data");
    const first = INPUTS[0]!.name;
    const second = INPUTS[1]!.name;
    const original = await Promise.all([0, 1, 2].map(async (r) => [await cell(page, r, first).textContent(), await cell(page, r, second).textContent()]));
    await cell(page, 0, first).click();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    // Excel's clipboard: tab-separated cells, CRLF rows
    await page.evaluate((t) => navigator.clipboard.writeText(t), `0\t否\r\n0\t否\r\n0\t否\r\n`);
    await page.keyboard.press("Control+V");
    await expect.poll(() => cell(page, 2, second).textContent()).toBe("否");
    for (const r of [0, 1, 2]) expect([await cell(page, r, first).textContent(), await cell(page, r, second).textContent()]).toEqual(["0", "否"]);
    await expect.poll(() => page.locator("zs-status-bar .message").textContent()).toContain("已粘贴 3 行 × 2 列");
    await showPanel(page, "scores");
    await expect.poll(async () => Object.fromEntries(await totals(page))).not.toEqual(before);
    await showPanel(page, "data");
    await page.screenshot({ path: `${OUTPUT}/datasets-paste.png` });

    await page.locator("zs-data-grid table").focus();
    await page.keyboard.press("Control+Z");
    await expect.poll(() => cell(page, 2, second).textContent()).toBe(original[2]![1]);
    for (const r of [0, 1, 2]) expect([await cell(page, r, first).textContent(), await cell(page, r, second).textContent()]).toEqual(original[r]);
    await showPanel(page, "scores");
    await expect.poll(async () => Object.fromEntries(await totals(page))).toEqual(before);
    // and redo brings the block back
    await showPanel(page, "data");
    await page.locator("zs-data-grid button", { hasText: "重做" }).click();
    await expect.poll(() => cell(page, 2, second).textContent()).toBe("否");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a bad cell's message in the cell and in 问题, naming the file and the dataset", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await showPanel(page, "data");
    const field = "协同评定分";
    await cell(page, 1, field).dblclick();
    const editor = page.locator("zs-data-grid input.editor");
    await editor.fill("25");
    await editor.press("Enter");
    const bad = cell(page, 1, field);
    await expect.poll(() => bad.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => bad.textContent()).toContain("超出范围0～20");
    await page.screenshot({ path: `${OUTPUT}/datasets-bad-cell.png` });

    await showPanel(page, "problems");
    const problem = page.locator('zs-problems li[data-code="ZS6103"]');
    await expect.poll(() => problem.first().textContent()).toContain("第2行");
    const text = (await problem.first().textContent()) ?? "";
    expect(text).toContain("（已修改）」");
    expect(text).toContain("「协同评定分」为25，超出范围0～20");
    expect(await page.locator("zs-problems section", { has: page.locator('li[data-code="ZS6103"]') }).locator("h2").textContent()).toContain(HUNAN);
    // the problem takes the officer to the cell
    await problem.first().click();
    await expect.poll(() => page.locator("zs-data-grid .status").textContent()).toContain("超出范围0～20");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("renames an input with F2 and its column with it: every platform keeps its total", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const before = Object.fromEntries(await totals(page));
    await revealIndicator(page, "服务企业数（家次）");
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
    await page.keyboard.press("F2");
    const box = page.locator(".rename-box input");
    await box.waitFor();
    await box.fill("服务企业数量");
    await box.press("Enter");
    await expect.poll(() => tokenOnLine(page, /达1500家次得15分/, "服务企业数量").count()).toBe(1);
    await expect.poll(() => page.locator("zs-score-table .bar").textContent()).toContain("（已修改）");
    await expect.poll(async () => Object.fromEntries(await totals(page))).toEqual(before);
    await showPanel(page, "problems");
    expect(await page.locator('zs-problems li[data-code="ZS6102"], zs-problems li[data-code="ZS6101"]').count()).toBe(0);
    await showPanel(page, "data");
    await expect.poll(() => page.locator("zs-data-grid th", { hasText: "服务企业数量" }).count()).toBe(1);
    await page.screenshot({ path: `${OUTPUT}/datasets-rename.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("lists a column that matches no input in 问题, and its quick fix maps it to the input", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const { csv, expected } = platforms(["映射甲平台", "映射乙平台"], { 服务企业家次: "服务企业数" });
    await importCsv(page, "e2e-列名不同.csv", csv);
    await showPanel(page, "problems");
    const unmatched = page.locator('zs-problems li[data-code="ZS6101"]');
    await expect.poll(() => unmatched.count()).toBe(1);
    expect(await unmatched.textContent()).toContain("数据集「e2e-列名不同.csv」的列「服务企业数」不对应任何输入");
    expect(await page.locator('zs-problems li[data-code="ZS6102"]').textContent()).toContain("没有输入「服务企业家次」的列");
    await page.screenshot({ path: `${OUTPUT}/datasets-unmatched.png` });
    await unmatched.locator("button.fix", { hasText: "映射：「服务企业数」→「服务企业家次」" }).click();
    await expect.poll(() => unmatched.count()).toBe(0);
    expect(await page.locator('zs-problems li[data-code="ZS6102"]').count()).toBe(0);
    await showPanel(page, "scores");
    await expect.poll(async () => Object.fromEntries(await totals(page))).toEqual(Object.fromEntries(expected));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("sends the dataset in a share link: a fresh browser opens the sender's platforms read-only", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const { csv, expected } = platforms(["分享甲平台", "分享乙平台", "分享丙平台", "分享丁平台"]);
    await importCsv(page, "e2e-分享.csv", csv);
    await page.keyboard.press("Control+Shift+P");
    await page.locator("zs-command-palette input").fill("分享");
    await page.keyboard.press("Enter");
    const dialog = page.locator("zs-share-dialog");
    await expect.poll(() => dialog.locator(".size").textContent()).toMatch(/链接长度 [\d,]+ 个字符：评价体系 [\d.]+ KB，数据 [\d.]+ (KB|字节)（压缩后）/);
    expect(await dialog.locator("label").textContent()).toContain("附带数据集「e2e-分享.csv」（4 个平台）");
    await page.screenshot({ path: `${OUTPUT}/datasets-share-dialog.png` });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await dialog.locator("button.primary").click();
    await expect.poll(() => page.locator("zs-status-bar .message").textContent()).toContain("含 4 个平台的数据");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#share=.*&data=/);

    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const other = await context.newPage();
    const otherErrors: string[] = [];
    other.on("pageerror", (e) => otherErrors.push(e.message));
    await other.goto(link);
    await other.waitForSelector("html[data-ready]");
    await expect.poll(async () => Object.fromEntries(await totals(other)), { timeout: 30_000 }).toEqual(Object.fromEntries(expected));
    expect(await other.locator(".banner").textContent()).toContain("和数据集「e2e-分享.csv」");
    await other.locator("#panel-tab-data").click();
    await other.locator("zs-data-grid .readonly").waitFor();
    // typing into a cell of the shared data changes nothing
    await other.locator('zs-data-grid td[data-row="0"]').nth(1).click();
    await other.keyboard.type("9");
    expect(await other.locator("zs-data-grid input.editor").count()).toBe(0);
    await other.screenshot({ path: `${OUTPUT}/datasets-share-opened.png` });
    // saved as a draft, the data is the recipient's own and editable
    await other.locator(".banner button", { hasText: "保存为草稿" }).click();
    await expect.poll(() => other.locator("zs-data-grid .readonly").count()).toBe(0);
    await other.locator("#panel-tab-scores").click();
    await expect.poll(async () => Object.fromEntries(await totals(other))).toEqual(Object.fromEntries(expected));
    expect(otherErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await page.context().close();
  });
});
