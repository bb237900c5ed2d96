/**
 * The 评分 table (issue 8): virtualised — thousands of platforms, only the rows on screen in the
 * page, ranks from the worker's one sort — and honest for a rubric that only has 认定条件.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyze, compile } from "../../packages/core/src/index.ts";
import { samplePlatforms } from "../../playground/src/worker/sample-data.ts";
import { connectApp, importDataset, newPage, openRubric, OUTPUT, replaceInEditor, ROOT, type App } from "./app.ts";

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

  it("after a threshold edit, scrolled into the middle of a tall panel, fills the screen with the new ranking's rows", async () => {
    const text = readFileSync(`${ROOT}rules/hunan/未注明年度/${HUNAN}.zs`, "utf8");
    const records = samplePlatforms(analyze(text).rubric!, N).map((r, i) => ({ ...r, 名称: `平台${String(i + 1).padStart(4, "0")}` }));
    const header = Object.keys(records[0]!);
    const csv = `${OUTPUT}/e2e-${N}-scroll.csv`;
    writeFileSync(csv, [header.join(","), ...records.map((r) => header.map((h) => String((r as Record<string, unknown>)[h] ?? "")).join(","))].join("\n") + "\n");
    /** Platform → total as the core scores `source`. */
    const scored = (source: string) => {
      const scorer = compile(analyze(source).rubric!);
      return new Map(records.map((r) => [r.名称, Number(scorer.score(r).total)]));
    };
    const FROM = "服务企业家次 达1500家次";
    const TO = "服务企业家次 达15000家次";
    const before = scored(text);
    const after = scored(text.replace(FROM, TO));
    expect([...before].filter(([name, t]) => after.get(name) !== t).length).toBeGreaterThan(N / 10);

    // a screen taller than the rows a page fetches around the visible ones (30 above, 30 below)
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 1600 }, locale: "zh-CN" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(app.url);
    await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
    await openRubric(page, HUNAN);
    await importDataset(page, csv, `${N} 个平台`, 60_000);
    await page.evaluate(() => (document.querySelector("zs-workbench") as unknown as { wb: { resize(p: { panelHeight: number }): void } }).wb.resize({ panelHeight: 1450 }));

    /** The rows the officer sees (inside the scroller, below its sticky header): position, name, total, rank; and whether they fill it. */
    const onScreen = () =>
      page.evaluate(() => {
        const root = document.querySelector("zs-score-table")!.shadowRoot!;
        const box = root.querySelector(".scroller")!.getBoundingClientRect();
        const top = box.top + root.querySelector("thead")!.getBoundingClientRect().height;
        const bottom = box.top + root.querySelector<HTMLElement>(".scroller")!.clientHeight;
        const rows = [...root.querySelectorAll<HTMLElement>("tbody tr[data-platform]")].filter((tr) => {
          const r = tr.getBoundingClientRect();
          return r.bottom > top + 1 && r.top < bottom - 1;
        });
        const first = rows[0]?.getBoundingClientRect();
        const last = rows[rows.length - 1]?.getBoundingClientRect();
        return {
          filled: first !== undefined && last !== undefined && first.top <= top + 1 && last.bottom >= bottom - 1,
          rows: rows.map((tr) => ({
            position: Number(tr.dataset["position"]),
            platform: tr.dataset["platform"]!,
            total: Number((tr.querySelector("td.total")?.textContent ?? "").replace(/[↑↓\s]/g, "")),
            rank: Number(tr.querySelectorAll("td")[3]?.textContent),
          })),
        };
      });
    /** What is wrong with the screen for the totals `scores` (ranked best first), or "" when it is right. */
    const wrong = async (scores: Map<string, number>): Promise<string> => {
      const seen = await onScreen();
      if (!seen.filled) return `the rows do not fill the screen (${seen.rows.length} rows)`;
      if (seen.rows.length < 50) return `only ${seen.rows.length} rows on a screen for more than 50`;
      const all = [...scores.values()];
      for (const [k, r] of seen.rows.entries()) {
        const total = scores.get(r.platform);
        const better = all.filter((t) => t > total!).length;
        const tied = all.filter((t) => t === total).length;
        if (r.total !== total) return `${r.platform} shows ${r.total}, scores ${total}`;
        if (r.rank !== better + 1) return `${r.platform} ranked ${r.rank}, should be ${better + 1}`;
        if (r.position < better || r.position >= better + tied) return `${r.platform} (total ${total}) at position ${r.position}, outside ${better}…${better + tied - 1}`;
        if (k > 0 && r.position !== seen.rows[k - 1]!.position + 1) return `positions ${seen.rows[k - 1]!.position} then ${r.position}`;
      }
      return "";
    };

    // scrolled with the wheel into the middle of the ranking
    const scroller = page.locator("zs-score-table .scroller");
    const box = (await scroller.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 24 * (N / 2));
    await expect.poll(async () => (await onScreen()).rows[0]?.position ?? -1, { timeout: 20_000 }).toBeGreaterThan(N / 3);
    await expect.poll(() => wrong(before), { timeout: 20_000 }).toBe("");
    const middle = (await onScreen()).rows[0]!.position;

    // a threshold edit re-ranks: the same screen shows the new totals in the new order
    await replaceInEditor(page, FROM, TO);
    await expect.poll(() => wrong(after), { timeout: 20_000 }).toBe("");
    expect(Math.abs((await onScreen()).rows[0]!.position - middle)).toBeLessThanOrEqual(1);

    // and scrolling on after the edit still fetches the window on screen
    await page.mouse.wheel(0, -24 * 200);
    await expect.poll(async () => (await onScreen()).rows[0]?.position ?? -1, { timeout: 20_000 }).toBeLessThan(middle - 150);
    await expect.poll(() => wrong(after), { timeout: 20_000 }).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows every header and platform name whole in its fixed-width column, sorted by a category too", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, HUNAN);
    // a wide side bar leaves the table less room than its columns take: no width to spare hides a column too narrow
    await page.evaluate(() => (document.querySelector("zs-workbench") as unknown as { wb: { resize(p: { sideWidth: number }): void } }).wb.resize({ sideWidth: 600 }));
    await expect.poll(() => page.locator("zs-score-table .scroller").evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    /** Header labels and names the fixed layout cut short (text wider than its cell). */
    const cut = () =>
      page.evaluate(() => {
        const root = document.querySelector("zs-score-table")!.shadowRoot!;
        const cells = [...root.querySelectorAll<HTMLElement>("thead th, tbody tr[data-platform] td:first-child")];
        return cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent!.trim());
      });
    // the built-in sample's names are long: 「示例·张家界市综合窗口平台22」
    expect(await page.locator("zs-score-table tbody tr[data-platform]").first().getAttribute("data-platform")).toMatch(/^示例·.{8,}/);
    expect(await cut()).toEqual([]);
    await page.locator("zs-score-table th button", { hasText: "平台活跃度" }).click();
    await expect.poll(() => page.locator("zs-score-table th[aria-sort='ascending'], zs-score-table th[aria-sort='descending']").textContent()).toContain("平台活跃度");
    expect(await cut()).toEqual([]);
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
