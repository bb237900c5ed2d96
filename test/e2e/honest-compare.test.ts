/**
 * 对比's cross-province scoring in Chromium never misleads (issue 12): scoring the Hebei 2017 sample
 * under Hunan 市州 ranks nothing and says what is missing (on the main of 96d762a every platform got
 * 5 points, rank 1 and green arrows); a pair that maps well enough ranks on the comparable part only;
 * the inputs carried and missing are listed beside the result.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyze } from "../../packages/core/src/index.ts";
import { recordsOf } from "../data/records.ts";
import { parseVocabulary, scoreAcross } from "../../packages/publish/src/index.ts";
import { connectApp, newPage, openRubric, OUTPUT, ROOT, type App } from "./app.ts";

const HEBEI = "hebei/2017/窗口平台绩效考核.zs";
const HUNAN = "hunan/未注明年度/市州综合窗口平台.zs";
const CLUSTER = "hunan/未注明年度/产业集群窗口平台.zs";

function library(id: string) {
  const a = analyze(readFileSync(`${ROOT}rules/${id}`, "utf8"), id);
  if (!a.rubric) throw new Error(`${id} does not bind`);
  return { id, rubric: a.rubric };
}

/** What @zhunsheng/publish computes for a pair, on the first sample of rubric A (the view's dataset). */
function expected(a: string, b: string) {
  const { vocabulary } = parseVocabulary(readFileSync(`${ROOT}rules/concepts/概念.json`, "utf8"));
  const records = recordsOf(`${ROOT}rules/samples/${a.replace(/\.zs$/, ".csv")}`);
  return scoreAcross(vocabulary, library(a), library(b), records);
}

describe("对比: scoring one dataset under another province's rubric", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("Hebei 2017 data under Hunan 市州: no ranking, what is missing, the mapped inputs beside it", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, "市州综合窗口平台");
    await page.locator('zs-activity-bar button[aria-label="对比"]').click();
    const view = page.locator("zs-compare-view");
    await expect.poll(() => view.locator(`input[data-path="${HUNAN}"]`).isChecked(), { timeout: 30_000 }).toBe(true);
    await view.locator(`input[data-path="${HEBEI}"]`).check();
    await view.locator('select[aria-label="体系甲"]').selectOption(HEBEI);
    await view.locator('select[aria-label="体系乙"]').selectOption(HUNAN);
    const want = expected(HEBEI, HUNAN);
    expect(want.refusal).toBeDefined();
    await expect.poll(() => view.locator(".coverage").getAttribute("data-coverage"), { timeout: 30_000 }).toBe(want.coverage);
    const refusal = view.locator(".refusal");

    // no ranking at all: no rank table, no arrows, no 乙 scores
    expect(await view.locator("table.ranks").count()).toBe(0);
    expect(await view.locator(".up, .down").count()).toBe(0);
    const text = await refusal.innerText();
    expect(text).toContain("不按体系乙排名");
    expect(text).toContain(`只占满分的${want.coverage}%，不足60%`);
    // what is missing: the 越少越好 input that used to count as 0 (= full marks) is named with its indicator
    expect(text).toContain("日常调度（占5%）：缺少「缺报晚报次数」");
    expect(await view.locator(".coverage").innerText()).toContain("达到满分的60%");

    // beside the result: carried inputs with their concept and 口径 note, missing inputs with their reason
    const aside = view.locator('aside[aria-label="带入与缺少的输入"]');
    const carried = await aside.locator("ul.carried li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-to")));
    expect(carried.sort()).toEqual(want.carried.map((c) => c.to).sort());
    expect(await aside.locator('li[data-to="服务企业家次"]').innerText()).toMatch(/服务企业数\s*→\s*服务企业家次\s*概念「服务企业数量」/);
    expect(await aside.locator('li[data-to="服务企业家次"] .why').innerText()).toContain("口径不同");
    const missing = await aside.locator("ul.missing li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-input")));
    expect(missing.sort()).toEqual(want.missing.map((m) => m.name).sort());
    expect(await aside.locator('li[data-input="缺报晚报次数"]').innerText()).toBe("缺报晚报次数（日常调度）");
    expect(await aside.innerText()).toContain("概念表中没有对应，体系甲也没有同名输入：");
    // the refusal and the list sit side by side
    const left = await view.locator(".cross-result .result").boundingBox();
    const right = await aside.boundingBox();
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    expect(Math.abs(right!.y - left!.y)).toBeLessThan(4);

    await view.locator("h3", { hasText: "同一份数据按两个体系评分" }).evaluate((h) => h.scrollIntoView({ block: "start" }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUTPUT}/compare-refused.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("Hunan 市州 data under Hunan 产业集群: ranked on the comparable part, labelled so, numbers as publish computes", async () => {
    const { page, errors } = await newPage(app);
    await openRubric(page, "市州综合窗口平台");
    await page.locator('zs-activity-bar button[aria-label="对比"]').click();
    const view = page.locator("zs-compare-view");
    await view.locator(`input[data-path="${CLUSTER}"]`).check();
    await view.locator('select[aria-label="体系甲"]').selectOption(HUNAN);
    await view.locator('select[aria-label="体系乙"]').selectOption(CLUSTER);
    const want = expected(HUNAN, CLUSTER);
    expect(want.refusal).toBeUndefined();
    expect(want.coverage).not.toBe("100");
    const rows = view.locator("table.ranks tbody tr");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(want.rows.length);
    expect(await view.locator(".refusal").count()).toBe(0);
    expect(await view.locator("table.ranks thead").innerText()).toContain("乙 可比部分得分");
    expect(await view.locator(".result .note").innerText()).toContain(`占满分${want.coverage}%`);
    for (const r of want.rows) {
      const row = view.locator(`tbody tr[data-platform="${r.platform}"]`);
      expect(await row.locator("td.part-b").textContent()).toBe(r.partB);
      expect(await row.locator("td").nth(4).textContent()).toBe(String(r.rankB));
    }
    // what the part leaves out is listed beside the table
    const aside = view.locator('aside[aria-label="带入与缺少的输入"]');
    expect(await aside.locator("ul.missing li").count()).toBe(want.missing.length);
    expect(want.missing.length).toBeGreaterThan(0);
    await view.locator("h3", { hasText: "同一份数据按两个体系评分" }).evaluate((h) => h.scrollIntoView({ block: "start" }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUTPUT}/compare-partial.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
