/**
 * 对比, 影响 and 发布前检查 in real Chromium against the built app: the numbers on screen are
 * the ones @zhunsheng/publish computes, and each view is saved as a screenshot.
 */
import { readFileSync, statSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyze } from "../../packages/core/src/index.ts";
import { recordsOf } from "../data/records.ts";
import { measureImpact } from "../../packages/publish/src/index.ts";
import { editorToken, newPage, openRubric, OUTPUT, revealIndicator, ROOT, connectApp, tokenOnLine, totals, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const HUNAN_PATH = `hunan/未注明年度/${HUNAN}.zs`;
const JIANGSU = "江苏省中小企业公共服务示范平台";
const JIANGSU_PATH = "jiangsu/2020/省级中小企业公共服务示范平台星级认定.zs";

/** The 1-based line of the first line of a built-in rubric containing `needle` (line numbers move as the files are edited). */
function lineOf(path: string, needle: string): number {
  const i = readFileSync(`${ROOT}rules/${path}`, "utf8").split(/\r?\n/).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${path} no longer contains ${needle}`);
  return i + 1;
}

function rubricOf(text: string) {
  const r = analyze(text).rubric;
  if (!r) throw new Error("rubric does not bind");
  return r;
}

describe("对比, 影响 and 发布前检查 in Chromium", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("对比 shows Hunan 市州 and the national norm by concept, with a chart and the two rankings of one dataset", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await page.locator('zs-activity-bar button[aria-label="对比"]').click();
    const view = page.locator("zs-compare-view");
    await expect.poll(() => view.locator(`input[data-path="${HUNAN_PATH}"]`).isChecked()).toBe(true);
    await expect.poll(() => view.locator('input[data-path="national/2024/中小企业公共服务规范评价指标.zs"]').isChecked()).toBe(true);
    const rows = view.locator("table.compare tbody tr");
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await view.locator("table.compare thead th").count()).toBe(3);
    const concepts = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-concept")));
    expect(concepts).toContain("服务企业数量");
    expect(concepts).toContain("满意度");
    // the 服务企业数量 row names both rubrics' indicators with their share and thresholds
    const quantity = view.locator('tr[data-concept="服务企业数量"]');
    expect(await quantity.locator("td").first().innerText()).toContain("服务企业数（家次）");
    expect(await quantity.locator("td").first().innerText()).toMatch(/占\d+(\.\d+)?%/);
    expect(await quantity.locator(".chip").count()).toBeGreaterThan(0);
    // the chart is drawn (SVG bars)
    await expect.poll(() => view.locator(".chart svg path").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    // one dataset under both rubrics: too little of the national norm maps to rank (honest-compare.test.ts has the details)
    await view.locator(".refusal").waitFor({ timeout: 30_000 });
    expect(await view.locator("table.ranks").count()).toBe(0);
    expect(await view.locator('aside li[data-to="年度服务企业数"]').innerText()).toMatch(/服务企业家次\s*→\s*年度服务企业数/);
    // a third rubric adds a column
    await view.locator("label", { hasText: JIANGSU }).locator("input").check();
    await expect.poll(() => view.locator("table.compare thead th").count()).toBe(4);
    await view.locator("label", { hasText: JIANGSU }).locator("input").uncheck();
    await expect.poll(() => view.locator("table.compare thead th").count()).toBe(3);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${OUTPUT}/compare-view.png` });
    await view.locator(".cross-result").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}/compare-cross.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("影响: after 1500 → 1200 in Hunan 市州, every changed platform shows the totals @zhunsheng/publish computes", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const before = await totals(page);
    await revealIndicator(page, "服务企业数（家次）");
    await editorToken(page, "1500").first().dblclick();
    await page.keyboard.insertText("1200");
    await expect.poll(async () => [...(await totals(page)).entries()].filter(([p, t]) => before.get(p) !== t).length, { timeout: 10_000 }).toBeGreaterThan(0);

    const builtin = readFileSync(`${ROOT}rules/${HUNAN_PATH}`, "utf8");
    const edited = await page.evaluate(() => document.querySelector("zs-editor")!.editor!.getModel()!.getValue());
    expect(edited).toContain("达1200家次得15分");
    const records = recordsOf(`${ROOT}rules/samples/${HUNAN_PATH.replace(/\.zs$/, ".csv")}`);
    const expected = measureImpact(rubricOf(builtin), rubricOf(edited), records);
    const changed = expected.platforms.filter((p) => p.change !== null && Number(p.change) !== 0);
    expect(changed.length).toBeGreaterThan(0);

    await page.locator('zs-activity-bar button[aria-label="影响"]').click();
    const view = page.locator("zs-impact-view");
    await view.locator("ol.changes li", { hasText: "1500家次 → 1200家次" }).waitFor({ timeout: 30_000 });
    const rows = view.locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(changed.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        platform: tr.getAttribute("data-platform"),
        before: tr.querySelector(".before")?.textContent,
        after: tr.querySelector(".after")?.textContent,
        change: tr.querySelector(".change")?.textContent,
      })),
    );
    for (const p of changed) {
      expect(shown).toContainEqual({ platform: p.platform, before: p.before, after: p.after, change: `+${p.change}` });
    }
    expect(await view.locator(".changed-count").textContent()).toBe(String(expected.summary.changed));
    // the text diff and the distribution chart are drawn
    await view.locator(".zs-impact-diff .monaco-diff-editor").waitFor({ timeout: 30_000 });
    await expect.poll(() => view.locator(".zs-impact-chart svg path").count(), { timeout: 30_000 }).toBeGreaterThan(3);
    // sortable: by platform name, ascending
    await view.locator("th button", { hasText: "平台" }).click();
    const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-platform") ?? ""));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "zh")));
    // exportable
    const download = page.waitForEvent("download");
    await view.locator("button", { hasText: "导出 CSV" }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toBe(`${HUNAN}-影响.csv`);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${OUTPUT}/impact-view.png` });
    await view.locator("table").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}/impact-table.png` });
    // a diff line goes back to the editor, at the changed sentence
    await view.locator("ol.changes button", { hasText: "1500家次 → 1200家次" }).click();
    await expect.poll(() => page.locator("zs-impact-view").count()).toBe(0);
    await expect.poll(() => page.locator("zs-status-bar .right").textContent()).toMatch(new RegExp(`行 ${lineOf(HUNAN_PATH, "服务企业家次 达1500家次得15分")}，列 5(?!\\d)`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("影响 lists who gains or loses a star when a grade boundary moves (Jiangsu 90 → 92分以上：五星)", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, JIANGSU);
    await revealIndicator(page, "综合评分（专家合议）");
    await tokenOnLine(page, /分以上：五星/, "90").first().dblclick();
    await page.keyboard.insertText("92");
    const edited = await page.evaluate(() => document.querySelector("zs-editor")!.editor!.getModel()!.getValue());
    expect(edited).toContain("92分以上：五星");
    const builtin = readFileSync(`${ROOT}rules/${JIANGSU_PATH}`, "utf8");
    const records = recordsOf(`${ROOT}rules/samples/${JIANGSU_PATH.replace(/\.zs$/, ".csv")}`);
    const expected = measureImpact(rubricOf(builtin), rubricOf(edited), records);
    const moved = expected.platforms.filter((p) => p.gradeBefore !== p.gradeAfter);
    expect(moved.length).toBeGreaterThan(0);

    await page.locator('zs-activity-bar button[aria-label="影响"]').click();
    const view = page.locator("zs-impact-view");
    const rows = view.locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(moved.length);
    for (const p of moved) {
      const row = view.locator(`tbody tr[data-platform="${p.platform}"]`);
      expect(await row.locator("td.grade").textContent()).toBe(`${p.gradeBefore ?? "无"} → ${p.gradeAfter ?? "无"}`);
      expect(await row.locator("td.before").textContent()).toBe(p.before);
      expect(await row.locator("td.after").textContent()).toBe(p.after);
    }
    await page.waitForTimeout(400);
    await view.locator("table").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}/impact-stars.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("发布前检查 lists pass and fail, a failing item moves the cursor to its place, and the table downloads as DOCX", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, JIANGSU);
    await page.locator('zs-activity-bar button[aria-label="发布前检查"]').click();
    const panel = page.locator("zs-publish-panel");
    await expect.poll(() => panel.locator("li.check").count(), { timeout: 30_000 }).toBe(9);
    expect(await panel.locator('li.check[data-passed="true"]').count()).toBeGreaterThan(0);
    // 「75～84分」 then 「85～89分」: the value between them is in no band — one warning, a gap in the grades check
    const grades = panel.locator('li.check[data-check="grades"]');
    expect(await grades.getAttribute("data-passed")).toBe("false");
    const link = grades.locator("button.link").first();
    const line = lineOf(JIANGSU_PATH, "75～84分");
    expect(await link.textContent()).toContain(`第${line}行`);
    await link.click();
    await expect.poll(() => page.locator("zs-status-bar .right").textContent()).toMatch(new RegExp(`行 ${line}，列 \\d+`));
    await page.screenshot({ path: `${OUTPUT}/publish-panel.png` });

    // the official table is refused while checks fail; the note lists the places
    await panel.locator('button[data-format="docx"]').click();
    await expect.poll(() => panel.locator(".note").last().textContent(), { timeout: 30_000 }).toContain("不能导出");
    expect(await panel.locator(".note").last().textContent()).toContain("征求意见稿");
    expect(await panel.locator(".refusal button.link").count()).toBeGreaterThan(0);
    // as a 征求意见稿 it downloads, with the mark in every page's header
    await panel.locator('input[name="draft"]').check();
    const download = page.waitForEvent("download");
    await panel.locator('button[data-format="docx"]').click();
    const docx = await download;
    expect(docx.suggestedFilename()).toContain("征求意见稿");
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const path = `${OUTPUT}/e2e-指标体系表.docx`;
    await docx.saveAs(path);
    expect(statSync(path).size).toBeGreaterThan(2000);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe("PK");
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(files).filter((k) => /^word\/header\d*\.xml$/.test(k)).map((k) => strFromU8(files[k]!)).join("")).toContain("征求意见稿");

    // the XLSX table downloads, and loading it back opens a draft
    const xlsxDownload = page.waitForEvent("download");
    await panel.locator('button[data-format="xlsx"]').click();
    const xlsx = await xlsxDownload;
    const xlsxPath = `${OUTPUT}/e2e-指标体系表.xlsx`;
    await xlsx.saveAs(xlsxPath);
    expect(readFileSync(xlsxPath).subarray(0, 2).toString()).toBe("PK");
    const chooser = page.waitForEvent("filechooser");
    await panel.locator("button", { hasText: "打开文件" }).click();
    await (await chooser).setFiles(xlsxPath);
    await expect.poll(() => page.locator('zs-tabs [role="tab"]').count(), { timeout: 30_000 }).toBe(2);
    expect(await panel.locator(".note").last().textContent()).toContain("已导入「江苏省中小企业公共服务示范平台星级认定表」");

    // the Word table (the 征求意见稿 downloaded above, one table per page) imports too, with its recognition figures
    const docxChooser = page.waitForEvent("filechooser");
    await panel.locator("button", { hasText: "打开文件" }).click();
    await (await docxChooser).setFiles(path);
    await expect.poll(() => page.locator('zs-tabs [role="tab"]').count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => panel.locator(".note").last().textContent()).toMatch(/已导入「江苏省中小企业公共服务示范平台星级认定表」：计分句\d+句/);

    // a pasted table becomes a new draft tab
    const table = ["类别\t指标\t分值\t指标描述", "平台活跃度（15分）\t服务企业数（家次）\t15分\t线上交易总计达1500家次得15分，每少100家次减1分。"].join("\n");
    await panel.locator("textarea").fill(table);
    await panel.locator("button", { hasText: "从粘贴的文字生成" }).click();
    await expect.poll(() => page.locator('zs-tabs [role="tab"]').count(), { timeout: 30_000 }).toBe(4);
    await expect.poll(() => page.locator('zs-tabs [role="tab"][aria-selected="true"]').textContent()).toContain(".zs");
    await page.screenshot({ path: `${OUTPUT}/publish-import.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
