/**
 * Data files in the workbench as officers have them, read by @zhunsheng/data in the worker: a
 * GBK CSV from Excel on Chinese Windows with a shifted row, a workbook saved by WPS with
 * percent cells and a merged two-row header, the blank data sheet, and CSV exports that a
 * spreadsheet cannot run as formulas.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { parseCsv } from "../../packages/data/src/index.ts";
import buildPackages from "../build.setup.ts";
import { encodeGbk } from "../fixtures/data/make.ts";
import { connectApp, editorToken, importDataset, newPage, openRubric, OUTPUT, revealIndicator, ROOT, showSide, totals, type App } from "./app.ts";
import type { Page } from "playwright-core";

const HUNAN = "市州综合窗口平台";
const HUNAN_FILE = `rules/hunan/未注明年度/${HUNAN}.zs`;
const BIN = `${ROOT}packages/cli/bin/zhunsheng.js`;
const FIXTURES = `${ROOT}test/fixtures/data/`;

async function statusMessage(page: Page): Promise<string> {
  return (await page.locator("zs-status-bar .message").textContent()) ?? "";
}

/** What `zhunsheng score … --json` (the built CLI, as a process) says of each platform of a data file. */
function cliScores(rubricPath: string, dataPath: string, more: string[] = []): { platform: string; total: string | null; errors: { field: string; message: string }[] }[] {
  const r = spawnSync(process.execPath, [BIN, "score", rubricPath, "--data", dataPath, ...more, "--json"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`zhunsheng score exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Platform → total and the reasons on its row, as the 评分 table shows them. */
async function shownRows(page: Page): Promise<Map<string, { total: string; errors: string }>> {
  const rows = await page.locator("zs-score-table tbody tr[data-platform]").evaluateAll((trs) =>
    trs.map((tr) => [
      tr.getAttribute("data-platform") ?? "",
      { total: (tr.querySelector("td.total")?.textContent ?? "").replace(/[↑↓\s]/g, ""), errors: tr.querySelector(".err")?.getAttribute("title") ?? "" },
    ] as const),
  );
  return new Map(rows);
}

/** Every platform the CLI read is in the table with the CLI's total (— for none) and the CLI's reasons. */
async function expectSameAsCli(page: Page, rubricPath: string, dataPath: string, more: string[] = []): Promise<number> {
  const cli = cliScores(rubricPath, dataPath, more);
  const shown = await shownRows(page);
  expect([...shown.keys()].sort()).toEqual(cli.map((p) => p.platform).sort());
  for (const p of cli) {
    const row = shown.get(p.platform)!;
    expect(row.total, p.platform).toBe(p.total ?? "—");
    for (const e of p.errors) expect(row.errors, p.platform).toContain(e.message);
    expect(row.errors === "", p.platform).toBe(p.errors.length === 0);
  }
  return cli.length;
}

describe("data files in the workbench", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
    buildPackages(); // the CLI runs from dist/ (about a second when it is up to date)
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
    await importDataset(page, path);

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
    // platforms in two sheets (「数据」 2024, 「2023年」): each becomes a dataset, the first is scored, never one silently
    await importDataset(page, `${FIXTURES}wps-percent.xlsx`, "wps-percent.xlsx「数据」");
    expect(Object.fromEntries(await totals(page))).toEqual({ 甲平台: "100", 乙平台: "59.5", 丙平台: "40" });
    const said = page.locator("zs-status-bar .message", { hasText: "已分别导入为数据集" });
    await said.waitFor();
    const message = (await said.textContent()) ?? "";
    expect(message).toContain("「wps-percent.xlsx」中有2张工作表都有平台数据（「数据」「2023年」），已分别导入为数据集，当前评分的是「wps-percent.xlsx「数据」」");
    expect(message).toContain("注意：工作表「数据」第7行「合计」是合计行，不是平台，已跳过");
    expect(await expectSameAsCli(page, "test/fixtures/data/数据读取.zs", `${FIXTURES}wps-percent.xlsx`, ["--sheet", "数据"])).toBe(3);
    // a row hidden in Excel is scored and said so (「注意」, not 「已跳过」)
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["名称", "服务企业数", "用户满意度", "营业收入（万元）", "网站日常维护", "专家评分"]);
    ws.addRow(["甲平台", 100, "90%", 500, "是", 20]);
    ws.addRow(["戊平台（已撤回）", 90, "85%", 499, "否", 12.5]);
    ws.getRow(3).hidden = true;
    writeFileSync(`${OUTPUT}/隐藏行.xlsx`, new Uint8Array(await wb.xlsx.writeBuffer()));
    await importDataset(page, `${OUTPUT}/隐藏行.xlsx`);
    expect([...(await totals(page)).keys()].sort()).toEqual(["戊平台（已撤回）", "甲平台"].sort());
    await page.locator("zs-status-bar .message", { hasText: "注意：第3行在工作表中是隐藏的" }).waitFor();
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
    await importDataset(page, filled);
    expect([...(await totals(page)).keys()]).toEqual(["丙平台"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("gives `zhunsheng score`'s answer for every platform of a GBK CSV and of a two-row-header workbook with numbers stored as text; 影响 exports formula-like names neutralised", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    const rubric = analyze(readFileSync(`${ROOT}${HUNAN_FILE}`, "utf8")).rubric!;
    const inputs = rubric.inputs.filter((i) => i.kind !== "derived");
    const filler = (i: (typeof inputs)[number]) => (i.type === "yesno" ? "是" : i.type === "score" ? "12.5" : "3");
    const platform = (name: string, first: string) => [name, first, ...inputs.slice(1).map(filler)];
    const quoted = (cells: string[]) => cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");

    // a GBK CSV as Excel on Chinese Windows saves it: good rows, formula-like names, values the engine refuses, a shifted row
    const csvRows = [
      quoted(["名称", ...inputs.map((i) => i.name)]),
      quoted(platform("甲平台", "1250")),
      quoted(platform("=1+2", "1350")),
      quoted(platform("@SUM(A1)", "1450")),
      quoted(platform("-2+3", "1,500")), // a thousands comma, quoted: one field, read as 1500
      quoted(platform("丁平台", "")), // missing
      quoted(platform("戊平台", "85%")), // a percent sign in a count
      platform("乙平台", "1,500").join(","), // unquoted: one field too many
    ];
    const csvPath = `${OUTPUT}/e2e-与命令行一致-GBK.csv`;
    writeFileSync(csvPath, encodeGbk(csvRows.join("\r\n") + "\r\n"));
    await importDataset(page, csvPath);
    expect(await expectSameAsCli(page, HUNAN_FILE, csvPath)).toBe(7);
    await page.screenshot({ path: `${OUTPUT}/e2e-data-same-as-cli-csv.png` });

    // a workbook: title row, a two-row merged header (服务情况 over two inputs), numbers stored as text, a 合计 row
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("2024年");
    const width = inputs.length + 1;
    ws.getRow(1).values = ["2024年度市州综合窗口平台数据"];
    ws.mergeCells(1, 1, 1, width);
    ws.getRow(2).values = ["名称", "服务情况", null, ...inputs.slice(2).map((i) => (i.unit ? `${i.name}（${i.unit}）` : i.name))];
    ws.getRow(3).values = [null, `${inputs[0]!.name}（${inputs[0]!.unit}）`, inputs[1]!.name];
    ws.mergeCells(2, 1, 3, 1);
    ws.mergeCells(2, 2, 2, 3);
    for (let c = 4; c <= width; c++) ws.mergeCells(2, c, 3, c);
    const cells = (name: string, first: string | number, asText: boolean) =>
      [name, first, ...inputs.slice(1).map((i) => (i.type === "yesno" ? "是" : asText ? filler(i) : Number(filler(i))))];
    ws.addRow(cells("庚平台", 1250, false));
    ws.addRow(cells("辛平台", "1350", true)); // every number stored as text
    ws.addRow(cells("+CMD()", 1450, false));
    ws.addRow(cells("壬平台", "1,500", true));
    ws.addRow(["合计", 5550]);
    for (const r of [5, 7]) ws.getRow(r).getCell(2).numFmt = "@"; // Excel's 文本 format, as a sheet of numbers stored as text has
    const xlsxPath = `${OUTPUT}/e2e-与命令行一致.xlsx`;
    await wb.xlsx.writeFile(xlsxPath);
    await importDataset(page, xlsxPath);
    expect(await statusMessage(page)).toContain("「合计」是合计行"); // before the CLI runs: the message goes after a while
    expect(await expectSameAsCli(page, HUNAN_FILE, xlsxPath)).toBe(4);
    await page.screenshot({ path: `${OUTPUT}/e2e-data-same-as-cli-xlsx.png` });

    // 影响 of 1500 → 1200 on this dataset, exported as CSV: no cell a spreadsheet would run as a formula
    await revealIndicator(page, "服务企业数（家次）");
    await editorToken(page, "1500").first().dblclick();
    await page.keyboard.insertText("1200");
    await page.locator('zs-activity-bar button[aria-label="影响"]').click();
    const view = page.locator("zs-impact-view");
    await view.locator("ol.changes li", { hasText: "1500家次 → 1200家次" }).waitFor({ timeout: 30_000 });
    await view.locator("tbody tr").first().waitFor({ timeout: 30_000 });
    const download = page.waitForEvent("download");
    await view.locator("button", { hasText: "导出 CSV" }).click();
    const exported = parseCsv(readFileSync(await (await download).path(), "utf8"));
    expect(exported.map((r) => r[0])).toContain("'+CMD()");
    for (const cell of exported.flat()) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, "a cell a spreadsheet would run").toMatch(/^[+-]?\d+(\.\d+)?$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
