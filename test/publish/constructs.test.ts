/**
 * The constructs of issue 10 published: 扣分项, bands met by either measure, 取其高者/取其低者, 选项,
 * 取值/清单 levels, expert panels, conditions on scores and gated grades. Each rubric is exported to
 * Markdown, HTML, XLSX and DOCX and read back from the bytes: every indicator row states its rule
 * (the officer's prose lined up phrase by phrase, or the rule text itself), categories and notes say
 * the construct in Chinese, and `zhunsheng export` runs on each as a process.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, canonicalDecimal, type Indicator, type Rubric } from "../../packages/core/src/index.ts";
import { indicatorRuleText, preparePublication, proseAgreement, quotableNumbers, tableDocx, tableHtml, tableMarkdown, tableXlsx, type OfficialTable } from "../../packages/publish/src/index.ts";
import { FIXTURES, ROOT } from "./helpers.ts";
import { docxRows, htmlRows, markdownRows, xlsxRows } from "./readback.ts";

const PROSE = join(FIXTURES, "新构造-公布用.zs");
const CONSTRUCTS = ["conditions", "deductions", "groups", "levels"].map((k) => join(ROOT, `test/core/fixtures/constructs-${k}.zs`));

/** What each fixture must say in its published table, construct by construct. */
const SAYS: Record<string, string[]> = {
  [PROSE]: ["安全与诚信（扣分项，最多扣10分）", "最多扣5分", "其中服务能力得分 不低于30分为合格", "不符合认定条件的，不予评定等级", "场地面积 500平方米以上，或 创业工位 30个以上"],
  [CONSTRUCTS[0]!]: ["40分以上，其中服务能力得分 不低于30分为合格", "不予评定等级", "重大违规，或 总分 低于20分的，直接视为不合格", "总分 40分以上，且 服务得分 不低于20分", "服务人次 不少于1000人次（培训类平台 不少于500人次），或 营业收入 5000万元以上", "营业收入 3000万元以上，且 业绩突出的，可放宽条件（二）"],
  [CONSTRUCTS[1]!]: ["安全与诚信（扣分项，最多扣10分）", "安全生产事故 扣6分", "少报次数 每次减2分", "违规次数 1次以上扣3分", "最多扣5分"],
  [CONSTRUCTS[2]!]: ["培训人次 1000人次以上或 咨询人次 800人次以上得10分；500人次以上或 咨询人次 400人次以上得6分", "咨询人次 1000人次以上得10分；500人次以上得5分，取其低者", "从（1）（2）中选择一项评分；选项（1）研发费用占销售收入比例 6%（含）以上得10分"],
  [CONSTRUCTS[3]!]: ["平台级别 国家级得10分；省级得6分；市级得3分", "所属领域 重点领域得10分；其他得5分", "获奖 国家级每项加5分，省级每项加3分，市级每项加1分，最多10分", "荣誉 国家级得5分，省级得3分（取最高一项）", "服务质量评分 由专家评分，去掉一个最高分和一个最低分后取平均", "方案评分 由专家评分，取中位数", "平台级别 为 国家级、省级，或 服务企业数 100家以上"],
};

function rubricOf(text: string, file: string): Rubric {
  const a = analyze(text, file);
  expect(a.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), file).toEqual([]);
  return a.rubric!;
}

/** The indicator rows of an exported table (not the header, title, notes or appendix lines). */
function indicatorRows(rows: string[][], t: OfficialTable): string[][] {
  return rows.filter((r) => r.join("|") !== t.columns.join("|") && r.filter((c) => c.trim() !== "").length >= 2).slice(0, t.rows.length);
}

/** The 分值 cell an indicator must show. */
const valueOf = (i: Indicator) => (i.deduction ? (i.points !== undefined ? `最多扣${i.points}分` : "/") : i.points !== undefined ? `${i.points}分` : "/");

/** A published description against the rule: the officer's prose, or the rule text when there is none, lined up phrase by phrase. */
function disagreements(description: string, ind: Indicator, r: Rubric): string[] {
  return proseAgreement({ ...ind, description: description.replace(/\n/g, "") }, quotableNumbers(r, ind)).disagreements.map((d) => d.message);
}

describe("every construct of issue 10 is published as its rule says (md, html, xlsx, docx read back)", () => {
  for (const file of [PROSE, ...CONSTRUCTS]) {
    const name = file.slice(ROOT.length);
    it(name, async () => {
      const text = readFileSync(file, "utf8");
      const r = rubricOf(text, file);
      const p = preparePublication(text, file);
      expect(p.ok, p.ok ? "" : `${p.reason} ${p.problems.map((x) => x.message).join("；")}`).toBe(true);
      if (!p.ok) return;
      expect(p.table.draft).toBeUndefined();
      const inds = r.categories.flatMap((c) => c.indicators);
      const formats: [string, string[][], string][] = [
        ["md", markdownRows(tableMarkdown(p.table)), tableMarkdown(p.table)],
        ["html", htmlRows(tableHtml(p.table)), tableHtml(p.table)],
        ["xlsx", await xlsxRows(await tableXlsx(p.table)), ""],
        ["docx", docxRows(await tableDocx(p.table)).rows, (({ rows, paragraphs }) => [...rows.map((x) => x.join(" ")), ...paragraphs].join("\n"))(docxRows(await tableDocx(p.table)))],
      ];
      for (const [format, rows, whole] of formats) {
        const body = indicatorRows(rows, p.table);
        expect(body.length, `${name} ${format}`).toBe(inds.length);
        inds.forEach((ind, i) => {
          const cells = body[i]!;
          const n = cells.length;
          const where = `${name} ${format} ${ind.name}`;
          expect(cells[n - 3]!.replace(/\s/g, ""), where).toBe(ind.name.replace(/\s/g, ""));
          expect(cells[n - 2], where).toBe(valueOf(ind));
          const description = cells[n - 1]!;
          if (ind.description === undefined) expect(description.replace(/\n/g, ""), where).toBe(indicatorRuleText(ind));
          expect(disagreements(description, ind, r), where).toEqual([]);
        });
        // every category label carries its points, bonus cap or deduction cap
        for (const c of r.categories) {
          const label = body.map((x) => (x.length === p.table.columns.length ? x[0]!.replace(/\n/g, "") : "")).find((l) => l.startsWith(c.name));
          expect(label, `${name} ${format} ${c.name}`).toBeDefined();
          const n = /(?:（|扣)(\d+(?:\.\d+)?)分）$/.exec(label!)?.[1];
          if (n !== undefined) expect(canonicalDecimal(n)).toBe(c.kind === "category" ? c.points : c.cap);
        }
        // a wrapped cell reads as one line
        const all = (whole || rows.map((x) => x.join(" ")).join("\n")).replace(/(?<=\S)\n(?=（)/g, "");
        for (const s of SAYS[file]!) expect(all, `${name} ${format}: ${s}`).toContain(s);
      }
    });
  }

  it("the reader is not vacuous: a changed number of any construct's published text disagrees with the rule", () => {
    let tried = 0;
    for (const file of [PROSE, ...CONSTRUCTS]) {
      const text = readFileSync(file, "utf8");
      const r = rubricOf(text, file);
      for (const ind of r.indicators) {
        const published = ind.description ?? indicatorRuleText(ind);
        for (const m of published.matchAll(/\d+(?:\.\d+)?(?=\s*(?:万元|%|人次|分|次|家|平方米|个))/g)) {
          // a number the rule states somewhere else too could be read as that other statement: use one nobody states
          const changed = published.slice(0, m.index) + "987" + published.slice(m.index + m[0].length);
          expect(disagreements(changed, ind, r).length, `${file} ${ind.name}: ${changed}`).toBeGreaterThan(0);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(60);
  });

  it("prose of a band met by either measure is checked band by band and regenerated from the rule", () => {
    const text = readFileSync(PROSE, "utf8");
    const stale = text.replace("B.200万元以上或10%以上（7分）", "B.200万元以上或12%以上（7分）");
    const p = preparePublication(stale, "x.zs");
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems.map((x) => x.message).join("")).toContain("计分句是「服务收入 300万元以上或 服务收入比重 15%以上得10分；200万元以上或 服务收入比重 10%以上得7分");
    const regen = preparePublication(stale, "x.zs", { regenerate: true });
    expect(regen.ok).toBe(true);
    if (regen.ok) expect(regen.table.rows.find((x) => x.indicator === "服务收入")!.description).toContain("B.200万元以上或10%以上（7分）");
    // a deduction stated with the wrong size is caught, and rewritten without a sign
    const deduct = text.replace("发生安全生产事故的，扣6分。", "发生安全生产事故的，扣8分。");
    expect(preparePublication(deduct, "x.zs").ok).toBe(false);
    const fixed = preparePublication(deduct, "x.zs", { regenerate: true });
    expect(fixed.ok && fixed.table.rows.find((x) => x.indicator === "安全生产")!.description).toBe("发生安全生产事故的，扣6分。");
  });
});

describe("zhunsheng export on each construct, as a process", () => {
  const cli = join(ROOT, "packages/cli/bin/zhunsheng.js");
  for (const file of [PROSE, ...CONSTRUCTS]) {
    it(file.slice(ROOT.length), () => {
      const md = spawnSync(process.execPath, [cli, "export", file, "--format", "md"], { encoding: "utf8" });
      expect(md.stderr).toBe("");
      expect(md.status).toBe(0);
      for (const s of SAYS[file]!) expect(md.stdout).toContain(s);
      const dir = mkdtempSync(join(tmpdir(), "zs-constructs-"));
      const docx = spawnSync(process.execPath, [cli, "export", file, "--format", "docx", "--out", join(dir, "t.docx")], { encoding: "utf8" });
      expect(docx.status, docx.stderr).toBe(0);
      const back = docxRows(new Uint8Array(readFileSync(join(dir, "t.docx"))));
      const all = [...back.rows.map((r) => r.join(" ")), ...back.paragraphs].join("\n");
      for (const s of SAYS[file]!) expect(all).toContain(s);
    });
  }
});
