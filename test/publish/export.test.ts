/** The official table in the seeds' layout, in Markdown, HTML, XLSX and DOCX. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { officialTable, readXlsxRows, tableDocx, tableHtml, tableMarkdown, tableXlsx } from "../../packages/publish/src/index.ts";
import { corpus, HUNAN, loadFile, rubricOf } from "./helpers.ts";

const hunan = loadFile(HUNAN);
const table = officialTable(hunan.rubric);

describe("officialTable", () => {
  it("lays out categories, the bonus section and the notes as the seed does", () => {
    // title and attachment number as the source (来源) gives them, not the rubric's own name
    expect(table.title).toBe("市州窗口平台评价指标体系表");
    expect(table.attachment).toBe("附件1");
    expect(table.columns).toEqual(["类别", "指标", "分值", "指标描述"]);
    expect(table.rows[0]).toMatchObject({ category: "平台活跃度（35分）", categorySpan: 3, indicator: "服务企业数（家次）", value: "15分" });
    expect(table.rows[1]!.categorySpan).toBe(0);
    const bonus = table.rows.filter((r) => r.category.startsWith("资源品牌培育"));
    expect(bonus[0]!.category).toBe("资源品牌培育（加分项，不超过15分）");
    expect(bonus.every((r) => r.value === "/")).toBe(true);
    expect(table.rows[0]!.description).toContain("达1500家次得15分，每少100家次减1分。");
    expect(table.notes).toEqual(["注：如无特殊情况，考评期为每年度1月1日-12月31日"]);
  });

  it("gives weighted rubrics 权重 columns and lists grades and vetoes under the table", () => {
    const national = corpus().find((c) => c.name.startsWith("rules/national/"));
    if (!national) return;
    const t = officialTable(national.rubric);
    expect(t.columns).toEqual(["一级指标", "权重", "二级指标", "权重", "指标描述"]);
    expect(t.rows[0]!.categoryWeight).toMatch(/^0\.\d\d$/);
    expect(t.rows[0]!.value).toMatch(/^0\.\d\d$/);
    // grades are stated once: from the source notes when they say them, else from the model
    expect(t.notes.filter((n) => n.includes("不合格") && n.includes("优秀"))).toHaveLength(1);
  });

  it("Markdown: the category on its first row only", () => {
    const md = tableMarkdown(table);
    expect(md).toContain("| 类别 | 指标 | 分值 | 指标描述 |");
    expect(md).toMatch(/^\| 平台活跃度（35分） \| 服务企业数（家次） \| 15分 \| 引导区域内企业/m);
    expect(md).toMatch(/^\|  \| 在线服务 \| 10分 \|/m);
    expect(md).toMatch(/^\| 资源品牌培育（加分项，不超过15分） \| 优质服务资源培育 \| \/ \|/m);
    expect(md).toContain("注：如无特殊情况，考评期为每年度1月1日-12月31日");
  });

  it("HTML: rowspan for merged cells, and user text is never markup", () => {
    const html = tableHtml(table);
    expect(html).toContain('<th scope="rowgroup" rowspan="3" class="cat">平台活跃度（35分）</th>');
    const evil = rubricOf(hunan.text.replace("描述：考评年度内，平台根据在线服务清单", '描述：<script>alert("x")</script>&考评年度内，平台根据在线服务清单'));
    const out = tableHtml(officialTable(evil));
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;");
    expect(tableMarkdown(officialTable(evil))).not.toContain("<script>");
  });

  it("XLSX: reads back with the same cells and the category merged", async () => {
    const bytes = await tableXlsx(table);
    const rows = await readXlsxRows(bytes);
    expect(rows[0]![0]).toBe("附件1");
    expect(rows[1]![0]).toBe("市州窗口平台评价指标体系表");
    expect(rows[2]).toEqual(["类别", "指标", "分值", "指标描述"]);
    expect(rows[3]!.slice(0, 3)).toEqual(["平台活跃度（35分）", "服务企业数（家次）", "15分"]);
    expect(rows[4]!.slice(0, 3)).toEqual(["", "政策信息，企业需求发布对接、诉求发布", "10分"]); // merged into the cell above
    expect(rows).toHaveLength(3 + table.rows.length + table.notes.length);
    const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<mergeCell ref="A4:A6"/>');
    // printed as departments print it: A4 portrait at 100%, header row repeated, page numbers in the footer
    expect(sheet).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="portrait"[^>]*scale="100"/);
    expect(sheet).not.toMatch(/fitToPage="1"/);
    expect(sheet).toContain("第 &amp;P 页 共 &amp;N 页");
    const workbook = strFromU8(unzipSync(bytes)["xl/workbook.xml"]!);
    expect(workbook).toContain("_xlnm.Print_Titles");
    expect(workbook).toContain("&apos;指标体系表&apos;!$3:$3");
    const styles = strFromU8(unzipSync(bytes)["xl/styles.xml"]!);
    for (const m of styles.matchAll(/<sz val="([\d.]+)"\/><name val="(宋体|黑体)"/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(10.5);
  });

  it("DOCX: a table with vertically merged category cells, the title and the note", async () => {
    const bytes = await tableDocx(table);
    const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
    expect(xml).toContain("市州窗口平台评价指标体系表");
    expect(xml).toContain("附件1");
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain("<w:vMerge w:val=\"continue\"/>");
    // a long category label prints as its name and its bracket on two lines
    expect(xml).toContain("资源品牌培育</w:t>");
    expect(xml).toContain("（加分项，不超过15分）</w:t>");
    // page numbers in the footer, the header row repeated
    expect(Object.keys(unzipSync(bytes)).some((k) => /word\/footer\d*\.xml/.test(k))).toBe(true);
    expect(xml).toContain("注：如无特殊情况，考评期为每年度1月1日-12月31日");
    expect(xml).toContain('<w:tblHeader/>');
  });

  it("DOCX opens in LibreOffice (when installed) with the table's text on the page", async () => {
    const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" });
    const pdftotext = spawnSync("pdftotext", ["-v"], { encoding: "utf8" });
    if (soffice.status !== 0 || pdftotext.error) return;
    const dir = mkdtempSync(join(tmpdir(), "zs-docx-"));
    writeFileSync(join(dir, "table.docx"), await tableDocx(table));
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, join(dir, "table.docx")], { timeout: 120_000, stdio: "ignore" });
    const text = execFileSync("pdftotext", ["-layout", join(dir, "table.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    expect(text).toContain("附件1市州窗口平台评价指标体系表");
    expect(text).toContain("第1页共2页");
    // the category continued on page 2 carries its label there
    const page2 = text.slice(text.indexOf("第1页共2页"));
    expect(page2).toContain("重点服务活动");
    expect(text).toContain("平台活跃度");
    expect(text).toContain("注：如无特殊情况");
    expect(readFileSync(join(dir, "table.pdf")).subarray(0, 4).toString()).toBe("%PDF");
  });
});

describe("eligibility-only rubrics", () => {
  it("list their conditions under the title, without an empty table", () => {
    const q = corpus().find((c) => c.name.startsWith("rules/qinhuangdao/"));
    if (!q) return;
    const t = officialTable(q.rubric);
    expect(t.rows).toEqual([]);
    expect(t.notes.some((n) => n.startsWith("认定条件（一）："))).toBe(true);
    const md = tableMarkdown(t);
    expect(md).not.toContain("| 类别 |");
    expect(md).toContain("认定条件（四）：");
  });
});
