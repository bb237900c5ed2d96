/**
 * The workbench in real Chromium against the built app on localhost: what an officer does
 * with Hunan's 市州 rubric, end to end.
 */
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectApp, editorToken, importDataset, newPage, openRubric, OUTPUT, revealIndicator, ROOT, tokenOnLine, totals, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const INDICATOR = "服务企业数（家次）";
const XSS = '<img src=x onerror="window.__xss=1">';

/**
 * A data file with every input of the built-in Hunan rubric (0／否 unless given), and the
 * totals the core computes for it: the table must show exactly these.
 */
function platformsCsv(rows: Record<string, string>[]): { text: string; expected: Record<string, string | null> } {
  const rubric = analyze(readFileSync(`${ROOT}rules/hunan/未注明年度/${HUNAN}.zs`, "utf8")).rubric!;
  const inputs = rubric.inputs.filter((i) => i.kind !== "derived");
  const records = rows.map((r) => {
    const rec: Record<string, string> = { 名称: r["名称"]! };
    for (const i of inputs) rec[i.name] = r[i.name] ?? (i.type === "yesno" ? "否" : i.type === "score" ? (i.min ?? "0") : i.type === "text" ? "" : "0");
    return rec;
  });
  const scorer = compile(rubric);
  const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ["名称", ...inputs.map((i) => i.name)];
  const text = [header, ...records.map((r) => header.map((h) => r[h] ?? ""))].map((r) => r.map(field).join(",")).join("\n") + "\n";
  return { text, expected: Object.fromEntries(records.map((r) => [r["名称"]!, scorer.score(r).total])) };
}

describe("workbench in Chromium", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("opens Hunan 市州, and changing 1500 to 1200 changes the affected platforms' scores; the draft survives a reload", async () => {
    const { page, errors, consoleErrors } = await newPage(app);
    await openRubric(page, HUNAN);
    expect(await page.locator("zs-status-bar .max-total").textContent()).toContain("最高总分 115分");
    // nothing failed to load (the icon included: a missing one is a 404 in every officer's console)
    expect(consoleErrors).toEqual([]);
    const before = await totals(page);
    expect(before.size).toBeGreaterThanOrEqual(5);

    await revealIndicator(page, INDICATOR);
    const threshold = editorToken(page, "1500");
    await threshold.first().dblclick();
    await page.keyboard.insertText("1200");
    await expect.poll(async () => [...(await totals(page)).entries()].filter(([p, t]) => before.get(p) !== t).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const after = await totals(page);
    const changed = [...after].filter(([p, t]) => before.get(p) !== t);
    const unchanged = [...after].filter(([p, t]) => before.get(p) === t);
    // only platforms short of 1500 家次 gain, and none loses
    expect(unchanged.length).toBeGreaterThan(0);
    for (const [p, t] of changed) expect(Number(t)).toBeGreaterThan(Number(before.get(p)));
    await expect.poll(() => page.locator("zs-score-table td.changed").count()).toBe(changed.length);

    // autosaved as a draft: reload and find it
    await page.waitForTimeout(800);
    await page.reload();
    await page.waitForSelector("html[data-ready]");
    await page.locator("zs-score-table tbody tr[data-platform]").first().waitFor();
    await expect.poll(() => page.locator('zs-tabs [role="tab"]').first().textContent()).toContain("草稿");
    await expect.poll(async () => Object.fromEntries(await totals(page))).toEqual(Object.fromEntries(after));
    await revealIndicator(page, INDICATOR);
    expect(await editorToken(page, "1200").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a typed error as a marker and a 问题 entry, keeps the last good scores marked stale, and jumps there on click", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
    await page.keyboard.press("Home");
    await page.keyboard.insertText("未声明的服务次数 得5分\n    ");
    await page.locator(".squiggly-error").first().waitFor({ timeout: 10_000 });
    await page.locator('[role="tab"]', { hasText: "问题" }).click();
    const problem = page.locator("zs-problems li", { hasText: "未声明的输入「未声明的服务次数」" });
    await problem.waitFor();
    expect(await problem.locator(".code").textContent()).toBe("ZS2001");
    expect(Number(await page.locator("zs-status-bar .errors").textContent())).toBeGreaterThan(0);
    await page.locator('[role="tab"]', { hasText: "评分" }).click();
    await page.locator("zs-score-table .stale").waitFor();
    expect(await page.locator("zs-score-table tbody tr[data-platform]").count()).toBeGreaterThan(0);
    // click the problem: the cursor goes to it
    await page.locator('[role="tab"]', { hasText: "问题" }).click();
    await problem.click();
    await expect.poll(() => page.locator("zs-status-bar .right").textContent()).toMatch(/行 \d+，列 5/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("hovering a threshold states its interval after the Civil Code rule", async () => {
    const { page } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await editorToken(page, "1500").first().hover();
    const hover = page.locator(".monaco-hover-content", { hasText: "区间" });
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    expect(text).toContain("x ≥ 1500（含1500家次本身）");
    expect(text).toContain("区间：[1500, +∞)");
    expect(text).toContain("民法典");
    await page.context().close();
  });

  it("imports a CSV of platforms (names shown as text, never as HTML) and explains a platform's score", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const csv = `${OUTPUT}/e2e-platforms.csv`;
    const { text, expected } = platformsCsv([
      { 名称: "甲平台", 服务企业家次: "1500", 网站日常维护: "是", 协同评定分: "20" },
      { 名称: "乙平台", 服务企业家次: "1250", 协同评定分: "12.5" },
      { 名称: XSS, 服务企业家次: "900" },
    ]);
    writeFileSync(csv, text);
    await importDataset(page, csv);
    const t = await totals(page);
    expect(Object.fromEntries(t)).toEqual(expected);
    expect(t.has(XSS)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.locator("zs-score-table tbody tr", { hasText: "乙平台" }).click();
    const explanation = page.locator("zs-explanation");
    await explanation.locator("li").first().waitFor();
    await expect.poll(() => explanation.locator("li", { hasText: "服务企业家次 1250家次，比1500少250家次" }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("draws the curve of the indicator under the cursor with its threshold closed", async () => {
    const { page } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await editorToken(page, "1500").first().click();
    await page.locator('[role="tab"]', { hasText: "曲线" }).click();
    const curve = page.locator("zs-curve");
    await curve.locator("svg").waitFor({ timeout: 10_000 });
    await expect.poll(() => curve.locator("li").first().textContent()).toContain("● 1500家次 本身属于该档（含）");
    await page.context().close();
  });

  it("opens a share link read-only until saved as a draft", async () => {
    const { page } = await newPage(app);
    await openRubric(page, HUNAN);
    await page.keyboard.press("Control+Shift+P");
    await page.locator("zs-command-palette input").fill("分享");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.keyboard.press("Enter");
    // the dialog says what the link carries and how long it is before copying
    await page.locator("zs-share-dialog .size").waitFor();
    await page.locator("zs-share-dialog button.primary").click();
    await expect.poll(() => page.locator("zs-status-bar .message").textContent()).toContain("分享链接已复制");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#share=/);
    const other = await page.context().newPage();
    await other.goto(link);
    await other.waitForSelector("html[data-ready]");
    await other.locator(".banner", { hasText: "只读" }).waitFor();
    await other.locator(".banner button", { hasText: "保存为草稿" }).click();
    await expect.poll(() => other.locator('zs-tabs [role="tab"][aria-selected="true"]').textContent()).not.toContain("只读");
    await page.context().close();
  });

  it("formats with Shift+Alt+F, goes to the next problem with F8, and saves with Ctrl+S", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    // mess up the indentation of the rule line, then format
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
    await page.keyboard.press("Home");
    await page.keyboard.insertText("        ");
    await expect.poll(() => page.locator(".view-lines").innerText()).toMatch(/\n\s{12}服务企业家次\s达1500/);
    await page.keyboard.press("Shift+Alt+F");
    await expect.poll(() => page.locator(".view-lines").innerText()).toMatch(/\n\s{4}服务企业家次\s达1500/);
    // an error, then F8 from the top of the file lands on it
    await page.keyboard.press("End");
    await page.keyboard.insertText("，每少");
    await page.locator(".squiggly-error").first().waitFor();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("F8");
    await page.locator(".marker-widget, .zone-widget").first().waitFor({ timeout: 10_000 });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+S");
    await expect.poll(() => page.locator("zs-status-bar .message").textContent()).toContain("草稿已保存");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("exports the score table as XLSX and CSV, and edits one platform's values in the 运营情况表", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await page.locator('zs-activity-bar button[aria-label="样本数据"]').click();
    const xlsx = page.waitForEvent("download");
    await page.locator("zs-data-view button", { hasText: "导出评分 XLSX" }).click();
    const file = await (await xlsx).path();
    // read back as Excel would: exceljs keeps text in the shared strings, numbers as numbers
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell("B1").value).toBe("总分");
    const first = await page.locator("zs-score-table tbody tr").first().getAttribute("data-platform");
    expect(sheet.getColumn(1).values).toContain(first!);
    expect(typeof sheet.getCell("B2").value).toBe("number");
    const csvDownload = page.waitForEvent("download");
    await page.locator("zs-data-view button", { hasText: "导出评分 CSV" }).click();
    const csv = readFileSync(await (await csvDownload).path(), "utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFF名称,总分,等级,排名,平台活跃度,重点服务活动,服务协同,资源品牌培育");

    // the form edits the selected platform: raise 服务企业家次 to 3000 and its total follows
    const platform = await page.locator("zs-data-view select[aria-label='平台'] option").first().textContent();
    const before = (await totals(page)).get(platform!);
    const input = page.locator("zs-data-view label", { hasText: "服务企业家次" }).locator("input");
    await input.fill("0");
    await input.press("Tab");
    await expect.poll(async () => (await totals(page)).get(platform!)).not.toBe(before);
    expect(await page.locator("zs-score-table .bar").textContent()).toContain("（已修改）");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("renames an input with F2, compares the draft with the built-in file and reverts it", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await tokenOnLine(page, /达1500家次得15分/, "服务企业家次").first().click();
    await page.keyboard.press("F2");
    const box = page.locator(".rename-box input");
    await box.waitFor();
    await box.fill("服务企业数量");
    await box.press("Enter");
    await expect.poll(() => tokenOnLine(page, /达1500家次得15分/, "服务企业数量").count()).toBe(1);
    await expect.poll(() => page.locator("zs-status-bar .errors").textContent()).toBe("0");

    await page.keyboard.press("Control+Shift+P");
    await page.locator("zs-command-palette input").fill("比较");
    await page.keyboard.press("Enter");
    const diff = page.locator('[role="dialog"][aria-label="与内置版本比较"]');
    await diff.locator(".monaco-diff-editor").waitFor({ timeout: 10_000 });
    // the renamed words are marked as changed
    await diff.locator(".char-insert, .line-insert").first().waitFor({ timeout: 10_000 });
    page.once("dialog", (d) => void d.accept());
    await diff.locator("button", { hasText: "还原为内置版本" }).click();
    await expect.poll(() => tokenOnLine(page, /达1500家次得15分/, "服务企业家次").count()).toBe(1);
    await expect.poll(() => page.locator("zs-status-bar .message").textContent()).toContain("已还原为内置版本");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("takes a screenshot of the whole window", async () => {
    const { page } = await newPage(app);
    await openRubric(page, HUNAN);
    await revealIndicator(page, INDICATOR);
    await editorToken(page, "1500").first().dblclick();
    await page.keyboard.insertText("1200");
    await page.locator("zs-score-table td.changed").first().waitFor();
    // the pointer leaves the editor (its hover would cover the table's header)
    await page.mouse.move(200, 880);
    await page.keyboard.press("Escape");
    await page.locator(".monaco-hover-content").first().waitFor({ state: "hidden" }).catch(() => undefined);
    // sort by 平台活跃度, lowest first: the platforms short of the old threshold, whose totals changed
    await page.locator("zs-score-table th button", { hasText: "平台活跃度" }).click();
    await page.locator("zs-score-table th button", { hasText: "平台活跃度" }).click();
    await expect.poll(() => page.locator('zs-score-table th[aria-sort="ascending"]').textContent()).toContain("平台活跃度");
    // the hover, as an officer gets it on a loaded machine: if it has not shown after a few seconds (a
    // re-render under the pointer can hide Monaco's hover before its answer arrives), leave and hover again
    const hoverShown = page.locator(".monaco-hover-content", { hasText: "区间" });
    await expect
      .poll(
        async () => {
          await page.mouse.move(200, 880);
          await editorToken(page, "1200").first().hover();
          return hoverShown.waitFor({ timeout: 5_000 }).then(() => true, () => false);
        },
        { timeout: 40_000, interval: 100 },
      )
      .toBe(true);
    // past Monaco's fade-in, so the screenshot shows the hover as the officer reads it
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUTPUT}/workbench.png` });
    await page.context().close();
  });
});
