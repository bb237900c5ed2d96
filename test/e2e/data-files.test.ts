/**
 * Data files in the workbench as officers have them, read by @zhunsheng/data in the worker: a
 * GBK CSV from Excel on Chinese Windows with a shifted row, a workbook saved by WPS with
 * percent cells and a merged two-row header, the blank data sheet, and CSV exports that a
 * spreadsheet cannot run as formulas.
 */
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { encodeGbk } from "../fixtures/data/make.ts";
import { connectApp, newPage, openRubric, OUTPUT, ROOT, totals, type App } from "./app.ts";
import type { Page } from "playwright-core";

const HUNAN = "市州综合窗口平台";
const FIXTURES = `${ROOT}test/fixtures/data/`;

/** Shows a side view (the activity bar toggles: a second click would close it). */
async function showSide(page: Page, label: string, button: string): Promise<void> {
  if (!(await page.locator(button).first().isVisible())) await page.locator(`zs-activity-bar button[aria-label="${label}"]`).click();
}

/** Imports a data file and waits until the score table shows it (a workbook loads exceljs into the worker first). */
async function importFile(page: Page, path: string): Promise<void> {
  await showSide(page, "样本数据", "zs-data-view button");
  const chooser = page.waitForEvent("filechooser");
  await page.locator("zs-data-view button", { hasText: "导入" }).click();
  await (await chooser).setFiles(path);
  const name = path.split("/").pop()!;
  await expect.poll(() => page.locator("zs-score-table .bar").textContent(), { timeout: 30_000 }).toContain(name);
}

async function statusMessage(page: Page): Promise<string> {
  return (await page.locator("zs-status-bar .message").textContent()) ?? "";
}

describe("data files in the workbench", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("reads a GBK CSV: scores as the core computes them, a shifted row shown as 数据有误, a formula-like name exported neutralised", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const rubric = analyze(readFileSync(`${ROOT}rules/hunan/未注明年度/${HUNAN}.zs`, "utf8")).rubric!;
    const inputs = rubric.inputs.filter((i) => i.kind !== "derived");
    const header = ["名称", ...inputs.map((i) => i.name)];
    const row = (name: string, first: string) => [name, first, ...inputs.slice(1).map((i) => (i.type === "yesno" ? "是" : i.type === "score" ? (i.max ?? "0") : "3"))];
    const good = row("甲平台", "1250");
    const formula = row("=1+2", "1500");
    const shifted = row("乙平台", "1,500"); // an unquoted thousands comma: one field too many
    const csv = [header, good, formula, shifted].map((r) => r.join(",")).join("\r\n") + "\r\n";
    const path = `${OUTPUT}/e2e-平台-GBK.csv`;
    writeFileSync(path, encodeGbk(csv));
    await importFile(page, path);

    const scorer = compile(rubric);
    const record = (r: string[]) => Object.fromEntries(header.map((h, i) => [h, r[i]!]));
    const t = await totals(page);
    expect(t.get("甲平台")).toBe(scorer.score(record(good)).total);
    expect(t.get("=1+2")).toBe(scorer.score(record(formula)).total);
    // the shifted row is never scored: no total, its reason on the row
    expect(t.get("乙平台")).toBe("—");
    const bad = page.locator("zs-score-table tbody tr[data-platform='乙平台'] .err");
    expect(await bad.getAttribute("title")).toContain(`第4行有${header.length + 1}列，表头有${header.length}列`);
    expect(await statusMessage(page)).toContain("已导入 3 个平台（e2e-平台-GBK.csv），1 处数据有误：第4行有");
    await page.screenshot({ path: `${OUTPUT}/e2e-data-gbk.png` });

    const download = page.waitForEvent("download");
    await page.locator("zs-data-view button", { hasText: "导出评分 CSV" }).click();
    const exported = readFileSync(await (await download).path(), "utf8");
    expect(exported.startsWith("\uFEFF名称,总分,")).toBe(true);
    expect(exported).toContain("\r\n'=1+2,");
    expect(exported).not.toMatch(/(^|\n)=1\+2/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("reads a workbook saved by WPS: percent cells as percentages, the merged two-row header, the 合计 row and the note skipped", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    // open the test rubric (a local file) and import the workbook into it
    await showSide(page, "资源管理器", "zs-explorer button");
    const chooser = page.waitForEvent("filechooser");
    await page.locator("zs-explorer button", { hasText: "打开本地文件" }).click();
    await (await chooser).setFiles(`${FIXTURES}数据读取.zs`);
    await page.locator("zs-tabs", { hasText: "数据读取.zs" }).waitFor();
    await importFile(page, `${FIXTURES}wps-percent.xlsx`);
    expect(Object.fromEntries(await totals(page))).toEqual({ 甲平台: "100", 乙平台: "59.5", 丙平台: "40" });
    expect(await statusMessage(page)).toContain("已跳过：工作表「数据」第7行「合计」是合计行");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("downloads the blank data sheet as a workbook officers fill in Excel: units in the header, drop-downs, ranges, frozen header", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await showSide(page, "样本数据", "zs-data-view button");
    const download = page.waitForEvent("download");
    await page.locator("zs-data-view button", { hasText: "下载空白数据表 XLSX" }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe(`${HUNAN}-数据表.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await d.path());
    const ws = wb.getWorksheet("数据")!;
    expect(ws.getCell("A1").value).toBe("名称");
    expect(ws.getCell("B1").value).toBe("服务企业家次（家次）");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getCell("C2").dataValidation).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    expect(wb.getWorksheet("填表说明")).toBeDefined();

    // filled in and imported again, it scores
    ws.getRow(2).values = ["丙平台", 1500, "是"];
    const filled = `${OUTPUT}/e2e-填好的数据表.xlsx`;
    await wb.xlsx.writeFile(filled);
    await importFile(page, filled);
    expect([...(await totals(page)).keys()]).toEqual(["丙平台"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
