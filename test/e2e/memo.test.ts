/**
 * 修订说明 in Chromium (issue 12, next year's rubric): after 1500 → 1200 in Hunan 市州 the officer
 * opens 修订说明 from 影响, writes why, reloads and finds the reason kept with the draft, then
 * downloads the memo as DOCX and Markdown; both files, read back (the DOCX through the publish
 * reader, mammoth), carry the change, the reason and the impact figures @zhunsheng/publish gives.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { analyze } from "../../packages/core/src/index.ts";
import { recordsOf } from "../data/records.ts";
import { measureImpact, memoImpactLines, readDocx, revisionMemo } from "../../packages/publish/src/index.ts";
import { connectApp, editorToken, newPage, openRubric, OUTPUT, revealIndicator, ROOT, totals, violations, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const NATIONAL = "中小企业公共服务机构（服务项目）";
const HUNAN_PATH = `hunan/未注明年度/${HUNAN}.zs`;
const CHANGE = "服务企业数（家次）：达标线 1500家次 → 1200家次";
const REASON = "2024年考评中多数市州平台未达到1500家次，线上交易标准调至1200家次。";

function rubricOf(text: string) {
  const r = analyze(text).rubric;
  if (!r) throw new Error("rubric does not bind");
  return r;
}

const editorText = (page: Page) => page.evaluate(() => document.querySelector("zs-editor")!.editor!.getModel()!.getValue());

/** Opens 影响 and its 修订说明, and waits for the threshold change to be listed. */
async function openMemo(page: Page) {
  await page.locator('zs-activity-bar button[aria-label="影响"]').click();
  const view = page.locator("zs-impact-view");
  await view.locator("ol.changes li", { hasText: "1500家次 → 1200家次" }).waitFor({ timeout: 30_000 });
  await view.locator("button.memo-toggle").click();
  const memo = view.locator("zs-revision-memo");
  await memo.locator("li", { hasText: CHANGE }).waitFor({ timeout: 30_000 });
  return memo;
}

describe("修订说明 in Chromium", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("1500 → 1200 in Hunan 市州: the change, a reason kept across a reload, the impact, DOCX and Markdown read back", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const before = await totals(page);
    await revealIndicator(page, "服务企业数（家次）");
    await editorToken(page, "1500").first().dblclick();
    await page.keyboard.insertText("1200");
    await expect.poll(async () => [...(await totals(page)).entries()].filter(([p, t]) => before.get(p) !== t).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const edited = await editorText(page);
    expect(edited).toContain("达1200家次得15分");

    let memo = await openMemo(page);
    const view = page.locator("zs-impact-view");
    const dataset = ((await view.locator("span.muted", { hasText: "数据集：" }).textContent()) ?? "").replace("数据集：", "").trim();
    expect(dataset).not.toBe("");
    // the memo lists exactly the semantic changes publish finds, numbered as in the document
    const builtin = readFileSync(`${ROOT}rules/${HUNAN_PATH}`, "utf8");
    const records = recordsOf(`${ROOT}rules/samples/${HUNAN_PATH.replace(/\.zs$/, ".csv")}`);
    const impact = measureImpact(rubricOf(builtin), rubricOf(edited), records);
    const expected = revisionMemo(rubricOf(builtin), rubricOf(edited), { oldFile: "原", newFile: "新", impact, dataset });
    const listed = await memo.locator("ol > li .change").allTextContents();
    expect(listed).toEqual(expected.changes.map((c) => c.change.text));
    const impactLines = memoImpactLines(expected);
    expect(impact.summary.changed).toBeGreaterThan(0);
    expect(await memo.locator(".impact p").allTextContents()).toEqual(impactLines);

    // the officer writes why; the count of explained changes follows
    const field = memo.locator("li", { hasText: CHANGE }).locator("textarea");
    await field.fill(REASON);
    await expect.poll(() => memo.locator(".filled").textContent()).toBe("1");
    await field.press("Tab");
    await page.waitForTimeout(900);
    await page.screenshot({ path: `${OUTPUT}/memo-filled.png` });
    // axe finds nothing on the open memo (each reason field labelled with its change's number)
    expect(await violations(page, "修订说明")).toEqual([]);

    // reload: the draft and its reason are kept
    await page.reload();
    await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
    await expect.poll(() => page.locator('zs-tabs [role="tab"][aria-selected="true"]').textContent(), { timeout: 20_000 }).toContain(HUNAN);
    await expect.poll(() => editorText(page), { timeout: 20_000 }).toContain("达1200家次得15分");
    memo = await openMemo(page);
    await expect.poll(() => memo.locator("li", { hasText: CHANGE }).locator("textarea").inputValue(), { timeout: 10_000 }).toBe(REASON);
    await expect.poll(() => memo.locator(".filled").textContent()).toBe("1");
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUTPUT}/memo-after-reload.png` });

    // DOCX, through the publish worker's writer, read back by mammoth (the publish reader)
    const docxDownload = page.waitForEvent("download");
    await memo.locator('button[data-format="docx"]').click();
    const docx = await docxDownload;
    expect(docx.suggestedFilename()).toMatch(/^关于《.+》的修订说明\.docx$/);
    const docxPath = `${OUTPUT}/e2e-修订说明.docx`;
    await docx.saveAs(docxPath);
    const doc = await readDocx(new Uint8Array(readFileSync(docxPath)));
    const paragraphs = doc.paragraphs.map((p) => p.trim());
    expect(paragraphs).toContain(`1. ${CHANGE}`);
    expect(paragraphs).toContain(`修订理由：${REASON}`);
    for (const line of impactLines) expect(paragraphs).toContain(line);
    // the histogram table: every platform counted before and after
    const histogram = doc.tables.find((t) => t.rows[0]?.[0]?.includes("总分区间"));
    expect(histogram).toBeDefined();
    const sum = (col: number) => histogram!.rows.slice(1).reduce((s, r) => s + Number(r[col]), 0);
    expect([sum(1), sum(2)]).toEqual([impact.summary.platforms, impact.summary.platforms]);

    // Markdown, the same document
    const mdDownload = page.waitForEvent("download");
    await memo.locator('button[data-format="md"]').click();
    const md = readFileSync(await (await mdDownload).path(), "utf8");
    expect(md).toContain(`1. ${CHANGE}\n   - 修订理由：${REASON}`);
    for (const line of impactLines) expect(md).toContain(line);
    const moved = impact.platforms.filter((p) => p.change !== null && p.change !== "0");
    // the platforms that moved most (at most 20), each with publish's figures
    const movedRows = md.split("\n").filter((l) => /^\| .+ \| [\d.]+ \| [\d.]+ \| [+-][\d.]+ \|/.test(l));
    expect(movedRows.length).toBe(Math.min(20, moved.length));
    for (const row of movedRows) {
      const [platform, b, a, change] = row.split(" | ").map((c) => c.replace(/^\| /, ""));
      const p = moved.find((x) => x.platform === platform);
      expect(p, row).toBeDefined();
      expect([b, a, change]).toEqual([p!.before, p!.after, `+${p!.change}`]);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a next year's draft: 修订说明 compares with the rubric it is based on, 年度 among the changes", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, NATIONAL);
    await page.locator("zs-explorer button", { hasText: "新建下一年度草稿" }).click();
    await expect.poll(() => page.locator('zs-tabs [role="tab"][aria-selected="true"]').textContent()).toContain("（2025草稿）");
    await page.locator('zs-activity-bar button[aria-label="影响"]').click();
    const view = page.locator("zs-impact-view");
    await expect.poll(async () => (await view.locator('select[aria-label="对照版本"] option:checked').textContent()) ?? "", { timeout: 20_000 }).toContain("基于的版本");
    await view.locator("button.memo-toggle").click();
    const memo = view.locator("zs-revision-memo");
    await memo.locator("ol > li .change").first().waitFor({ timeout: 30_000 });
    expect(await memo.locator(".names").textContent()).toMatch(/原版本：.*（rules\/national\/2024\/[^）]+\.zs）/);
    expect(await memo.locator(".names").textContent()).toContain("（2025草稿）");
    expect((await memo.locator("ol > li .change").allTextContents()).join("\n")).toMatch(/年度 2024.* → 2025/);
    await page.screenshot({ path: `${OUTPUT}/memo-next-year.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
