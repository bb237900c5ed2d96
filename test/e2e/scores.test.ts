/**
 * The 评分 table (issue 8): virtualised — thousands of platforms, only the rows on screen in the
 * page, ranks from the worker's one sort — and honest for a rubric that only has 认定条件.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { samplePlatforms } from "../../playground/src/worker/sample-data.ts";
import { connectApp, importDataset, newPage, openRubric, OUTPUT, ROOT, type App } from "./app.ts";

const HUNAN = "市州综合窗口平台";
const N = 3000;

describe("the 评分 table", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it(`holds ${N} platforms with only the visible rows in the page, ranked as the core scores them`, async () => {
    const rubric = analyze(readFileSync(`${ROOT}rules/hunan/未注明年度/${HUNAN}.zs`, "utf8")).rubric!;
    const records = samplePlatforms(rubric, N).map((r, i) => ({ ...r, 名称: `平台${String(i + 1).padStart(4, "0")}` }));
    const header = Object.keys(records[0]!);
    const csv = `${OUTPUT}/e2e-${N}.csv`;
    writeFileSync(csv, [header.join(","), ...records.map((r) => header.map((h) => String((r as Record<string, unknown>)[h] ?? "")).join(","))].join("\n") + "\n");
    const scorer = compile(rubric);
    const totals = records.map((r) => Number(scorer.score(r).total));
    const best = Math.max(...totals);
    const worst = Math.min(...totals);

    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    await importDataset(page, csv, `${N} 个平台`, 60_000);
    const rows = page.locator("zs-score-table tbody tr[data-platform]");
    // virtualised: a screenful and its margin, not thousands
    expect(await rows.count()).toBeLessThan(150);
    expect(Number(await rows.first().locator("td.total").textContent())).toBe(best);
    expect(await rows.first().locator("td").nth(3).textContent()).toBe("1");
    // the last rows are reached by scrolling: the worker serves that window
    await page.locator("zs-score-table .scroller").evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => Number(await rows.last().locator("td.total").textContent())).toBe(worst);
    const lastRank = Number(await rows.last().locator("td").nth(3).textContent());
    expect(lastRank).toBe(totals.filter((t) => t > worst).length + 1);
    expect(await rows.count()).toBeLessThan(150);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows 认定 (符合/不符合) and no total or rank for a rubric of 认定条件 only", async () => {
    const { page } = await newPage(app);
    await openRubric(page, "市级中小企业公共服务示范平台");
    const heads = await page.locator("zs-score-table thead th").allInnerTexts();
    expect(heads.join("|")).toContain("认定");
    expect(heads.join("|")).not.toContain("总分");
    expect(heads.join("|")).not.toContain("排名");
    const cells = await page.locator("zs-score-table td.eligible").allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(["符合", "不符合"]).toContain(c);
    await page.context().close();
  });
});
