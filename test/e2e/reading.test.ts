/**
 * The worker reads an imported dataset once per reading key and scores every version from those
 * reads (Scorer.readingKey). In Chromium, as an officer edits: narrowing an input's 范围 marks the
 * platform whose value falls outside it (⚠ in the 评分 table, with the field in its title), undo
 * (Ctrl+Z) takes the mark away, and a threshold edit re-scores — each version's table the same as a
 * fresh analysis of that text gives (a comment after it keeps the worker's table, still that text's).
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { analyze } from "../../packages/core/src/index.ts";
import { connectApp, importDataset, newPage, OUTPUT, replaceInEditor, showSide, type App } from "./app.ts";

const RUBRIC = `评价体系 读取一次
输入
  服务企业家次：计数 家次
  满意度：百分比
类别 服务 20分
  指标 服务规模 10分
    服务企业家次 达1500家次得10分，每少100家次减1分
  指标 服务满意度 10分
    满意度 90%以上得10分，80%以上得6分
`;

const RECORDS = [
  { 名称: "甲平台", 服务企业家次: "1600", 满意度: "95%" },
  { 名称: "乙平台", 服务企业家次: "1250", 满意度: "85" },
  { 名称: "丙平台", 服务企业家次: "900", 满意度: "70" },
];

/** Platform → 「total ⚠errors」 as a fresh analysis of `text` scores the records. */
function fresh(text: string): Record<string, string> {
  const scoring = analyze(text).scoring;
  if (!scoring.scorable) throw new Error(scoring.reason);
  return Object.fromEntries(
    RECORDS.map((r) => {
      const v = scoring.scorer.score(r);
      return [r.名称, `${v.total ?? "—"} ${v.errors.map((e) => `${e.field}：${e.message}`).join("|")}`.trim()];
    }),
  );
}

/** Platform → 「total ⚠errors」 as the 评分 table shows it (errors from the ⚠ mark's title). */
async function shown(page: Page): Promise<Record<string, string>> {
  const rows = await page.locator("zs-score-table tbody tr[data-platform]").evaluateAll((trs) =>
    trs.map((tr) => {
      const total = (tr.querySelector("td.total")?.textContent ?? "").replace(/[↑↓\s]/g, "");
      const errors = (tr.querySelector(".err")?.getAttribute("title") ?? "").split("\n").filter(Boolean).join("|");
      return [tr.getAttribute("data-platform") ?? "", `${total || "—"} ${errors}`.trim()] as const;
    }),
  );
  return Object.fromEntries(rows);
}

describe("a dataset read once, scored for every edit", () => {
  let app: App;

  beforeAll(async () => {
    app = await connectApp(inject("e2eApp"));
  });

  afterAll(async () => {
    await app?.close();
  });

  it("a 范围 edit marks the value now out of range, undo clears it, a threshold edit re-scores — each as a fresh analysis gives", async () => {
    const rubricPath = `${OUTPUT}/e2e-读取一次.zs`;
    const csvPath = `${OUTPUT}/e2e-读取一次.csv`;
    writeFileSync(rubricPath, RUBRIC);
    const header = Object.keys(RECORDS[0]!) as (keyof (typeof RECORDS)[0])[];
    writeFileSync(csvPath, [header.join(","), ...RECORDS.map((r) => header.map((h) => r[h]).join(","))].join("\n") + "\n");

    const { page, errors } = await newPage(app);
    await showSide(page, "资源管理器", "zs-explorer button");
    const chooser = page.waitForEvent("filechooser");
    await page.locator("zs-explorer button", { hasText: "打开本地文件" }).click();
    await (await chooser).setFiles(rubricPath);
    await page.locator("zs-tabs", { hasText: "e2e-读取一次.zs" }).waitFor();
    await importDataset(page, csvPath);
    await expect.poll(() => shown(page)).toEqual(fresh(RUBRIC));
    expect(Object.values(await shown(page)).some((s) => s.includes("："))).toBe(false);

    // 甲平台's 95% is outside 0～90: the records read before the edit must not be reused
    const narrowed = RUBRIC.replace("满意度：百分比", "满意度：百分比 范围 0～90");
    await replaceInEditor(page, "满意度：百分比", "满意度：百分比 范围 0～90");
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(fresh(narrowed));
    expect((await shown(page))["甲平台"]).toContain("满意度：");

    // undo in the editor: the mark goes, the totals come back
    await page.locator(".view-lines").click();
    await page.keyboard.press("Control+Z");
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(fresh(RUBRIC));

    // a threshold edit keeps the reads and changes the totals
    const lowered = RUBRIC.replace("达1500家次", "达1200家次");
    await replaceInEditor(page, "达1500家次", "达1200家次");
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(fresh(lowered));
    expect(fresh(lowered)).not.toEqual(fresh(RUBRIC));

    // a comment changes no score: the worker keeps its table (Scorer.scoringKey), which must still be this text's
    await page.evaluate(`window.__rendered = new Promise((resolve) => document.querySelector("zs-workbench").addEventListener("scores-rendered", resolve, { once: true })); undefined`);
    await replaceInEditor(page, "输入\n", "# 门槛已调低\n输入\n");
    await page.evaluate("window.__rendered");
    expect(await shown(page)).toEqual(fresh(`# 门槛已调低\n${lowered}`));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
