/** The publishing commands through `main()` with a fake io: diff, export, import and check --publish. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { main } from "../../packages/cli/src/index.ts";
import { HUNAN, HUNAN_1200, HUNAN_DATA, SEED } from "./helpers.ts";

function run(argv: string[], cwd: string) {
  let out = "";
  let err = "";
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd };
  return main(argv, io).then((code) => ({ code, out, err }));
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "zs-publish-"));
  copyFileSync(HUNAN, join(dir, "old.zs"));
  copyFileSync(HUNAN_1200, join(dir, "new.zs"));
  copyFileSync(HUNAN_DATA, join(dir, "data.csv"));
  return dir;
}

describe("zhunsheng diff", () => {
  it("Markdown report with the impact on the sample data", async () => {
    const r = await run(["diff", "old.zs", "new.zs", "--data", "data.csv"], workspace());
    expect(r.code).toBe(0);
    expect(r.out).toContain("- 服务企业数（家次）：达标线 1500家次 → 1200家次");
    expect(r.out).toContain("## 对示例数据的影响（28个平台）");
    expect(r.out).toMatch(/^\| 示例·衡阳市综合窗口平台01 \| 59\.5 \| 62\.5 \| \+3 \| 27 \| 27 \| 升至60分以上 \|/m);
    expect(r.out).toContain("| 50～60分（不含） | 2 | 1 |");
  });

  it("JSON and HTML carry the same report", async () => {
    const dir = workspace();
    const j = await run(["diff", "old.zs", "new.zs", "--data", "data.csv", "--format", "json"], dir);
    const report = JSON.parse(j.out) as { changes: { kind: string; text: string; oldLine: number }[]; impact: { summary: { changed: number } } };
    expect(report.changes[0]).toMatchObject({ kind: "threshold", text: "服务企业数（家次）：达标线 1500家次 → 1200家次" });
    expect(report.changes[0]!.oldLine).toBeGreaterThan(0);
    expect(report.impact.summary.changed).toBe(16);
    const h = await run(["diff", "old.zs", "new.zs", "--format", "html", "--out", "report.html"], dir);
    expect(h.code).toBe(0);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("<li>服务企业数（家次）：达标线 1500家次 → 1200家次</li>");
  });

  it("refuses a broken rubric and a bad format", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "bad.zs"), readFileSync(HUNAN, "utf8").replace("类别 平台活跃度（35分）", "类别 平台活跃度（30分）"));
    const bad = await run(["diff", "old.zs", "bad.zs"], dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("ZS3001");
    expect((await run(["diff", "old.zs", "new.zs", "--format", "pdf"], dir)).code).toBe(2);
    expect((await run(["diff", "old.zs"], dir)).code).toBe(2);
  });
});

describe("zhunsheng export", () => {
  it("md and html to stdout, docx and xlsx to files", async () => {
    const dir = workspace();
    const md = await run(["export", "old.zs", "--format", "md"], dir);
    expect(md.out).toContain("| 平台活跃度（35分） | 服务企业数（家次） | 15分 |");
    const html = await run(["export", "old.zs", "--format", "html"], dir);
    expect(html.out).toContain('rowspan="3"');
    const docx = await run(["export", "old.zs", "--format", "docx", "--out", "表.docx"], dir);
    expect(docx.code).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(join(dir, "表.docx")))))).toContain("word/document.xml");
    const xlsx = await run(["export", "old.zs", "--format", "xlsx"], dir);
    expect(xlsx.err).toContain("已写入：old.xlsx");
    expect(existsSync(join(dir, "old.xlsx"))).toBe(true);
  });
});

describe("zhunsheng check --publish", () => {
  it("lists each check and exits 0 when all pass", async () => {
    const r = await run(["check", "--publish", "old.zs"], workspace());
    expect(r.code).toBe(0);
    expect(r.out).toContain("✓ old.zs：可以发布");
    expect(r.out).toContain("  ✓ 等级区间覆盖整个分数范围");
    expect(r.out).toMatch(/发布前检查：1个文件，1个通过，0个未通过\n$/);
  });

  it("fails with the places behind each failed check; --json", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "draft.zs"), readFileSync(HUNAN, "utf8").replace("（不足一档不计）", "").replace("总计达1500家次", "总计达1600家次"));
    const r = await run(["check", "--publish", "draft.zs"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("  ✗ 没有未决的歧义：1处读法未写明");
    expect(r.out).toMatch(/^ {6}draft\.zs:\d+:\d+ 提示 ZS3020 /m);
    expect(r.out).toMatch(/^ {6}draft\.zs:\d+:\d+ 警告 ZS5003 指标「服务企业数（家次）」的描述写「达1600家次得15分，每少100家次减1分」，计分句是「达1500家次得15分/m);
    const j = JSON.parse((await run(["check", "--publish", "draft.zs", "--json"], dir)).out) as { passed: boolean; checks: { id: string; passed: boolean; diagnostics: { line: number }[] }[] }[];
    expect(j[0]!.passed).toBe(false);
    expect(j[0]!.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(["ambiguity", "prose"]);
  });

  it("plain check is unchanged", async () => {
    const r = await run(["check", "old.zs"], workspace());
    expect(r.out).toContain("检查了1个文件：0个错误");
  });
});

describe("zhunsheng import", () => {
  it("imports the chosen table of the seed with its recognition figures", async () => {
    const dir = workspace();
    copyFileSync(SEED, join(dir, "seed.txt"));
    const r = await run(["import", "seed.txt", "--table", "市州", "--out", "draft.zs"], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain("导入「市州窗口平台评价指标体系表」：13个指标；计分句14句，完整识别14句（100%），0处待补");
    expect(readFileSync(join(dir, "draft.zs"), "utf8")).toContain("评价体系 市州窗口平台评价指标体系");
    const all = await run(["import", "seed.txt"], dir);
    expect(all.err).toContain("文件中有3张表，导入了第一张");
    expect((await run(["import", "seed.txt", "--table", "江苏"], dir)).code).toBe(1);
  });

  it("imports an XLSX table", async () => {
    const dir = workspace();
    await run(["export", "old.zs", "--format", "xlsx", "--out", "表.xlsx"], dir);
    const r = await run(["import", "表.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("评价体系 市州窗口平台评价指标体系");
    expect(r.out).toContain("加分项 资源品牌培育（不超过15分）");
  });
});

describe("the accepted change report", () => {
  it("zhunsheng diff of the Hunan 市州 fixtures matches test/fixtures/publish/变更报告-1200家次.md", async () => {
    const dir = join(HUNAN, "..");
    const r = await run(["diff", "市州综合窗口平台.zs", "市州综合窗口平台-1200家次草稿.zs", "--data", "湖南市州示例数据.csv"], dir);
    // regenerate with: cd test/fixtures/publish && npx zhunsheng diff … --out 变更报告-1200家次.md
    expect(r.out).toBe(readFileSync(join(dir, "变更报告-1200家次.md"), "utf8"));
  });
});
