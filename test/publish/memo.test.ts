/**
 * 修订说明 (issue 12): every semantic change with the 修订理由 the officer wrote, found again by
 * the change's key when the draft is edited further; the impact sentences the workbench shows
 * are the ones both documents print; the DOCX read back says the same as the Markdown.
 */
import { describe, expect, it } from "vitest";
import { changeKey, diffRubrics, measureImpact, memoDocx, memoImpactLines, memoMarkdown, readDocx, REASON_BLANK, revisionMemo } from "../../packages/publish/src/index.ts";
import { HUNAN, HUNAN_1200, loadFile, records, rubricOf } from "./helpers.ts";
import { docxRows } from "./readback.ts";

const hunan = loadFile(HUNAN);
const draft = loadFile(HUNAN_1200);
const files = { oldFile: "rules/hunan/市州综合窗口平台.zs", newFile: "市州综合窗口平台（2025草稿）.zs" };
const REASON = "上年考评中多数市州平台未达到1500家次，标准调至1200家次。";

describe("changeKey", () => {
  it("stays the same while the new value is edited again, and differs between changes", () => {
    const to1200 = diffRubrics(hunan.rubric, draft.rubric).changes;
    const to1300 = diffRubrics(hunan.rubric, rubricOf(draft.text.replace(/达1200家次得15分/g, "达1300家次得15分"))).changes;
    expect(to1200[0]!.text).toBe("服务企业数（家次）：达标线 1500家次 → 1200家次");
    expect(to1300[0]!.text).toBe("服务企业数（家次）：达标线 1500家次 → 1300家次");
    expect(changeKey(to1300[0]!)).toBe(changeKey(to1200[0]!));
    const keys = to1200.map(changeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("revisionMemo", () => {
  it("puts each reason on its change by key, leaves the others blank, and numbers win over keys", () => {
    const key = changeKey(diffRubrics(hunan.rubric, draft.rubric).changes[0]!);
    const memo = revisionMemo(hunan.rubric, draft.rubric, { ...files, reasonsByKey: { [key]: `  ${REASON}  `, "no such change": "x" } });
    expect(memo.changes.map((c) => c.reason)).toEqual([REASON, undefined]);
    const numbered = revisionMemo(hunan.rubric, draft.rubric, { ...files, reasons: { 1: "按编号" }, reasonsByKey: { [key]: REASON } });
    expect(numbered.changes[0]!.reason).toBe("按编号");
    // a reason of spaces only is no reason
    expect(revisionMemo(hunan.rubric, draft.rubric, { ...files, reasonsByKey: { [key]: "   " } }).changes[0]!.reason).toBeUndefined();
  });

  it("states the impact on the dataset in figures measureImpact gives", () => {
    const impact = measureImpact(hunan.rubric, draft.rubric, records());
    const memo = revisionMemo(hunan.rubric, draft.rubric, { ...files, impact, dataset: "湖南市州示例数据" });
    expect(memoImpactLines(memo)).toEqual([
      "按「湖南市州示例数据」中的28个平台测算：",
      "得分变化的平台16个，其中上升16个、下降0个；最大上升+3分。",
      "越过分数线（60分、80分）或等级变化的平台2个，等级（星级）变化0个。",
    ]);
    expect(memoImpactLines(revisionMemo(hunan.rubric, draft.rubric, files))[0]).toMatch(/^未指定数据/);
  });
});

describe("memoMarkdown and memoDocx", () => {
  const key = changeKey(diffRubrics(hunan.rubric, draft.rubric).changes[0]!);
  const impact = measureImpact(hunan.rubric, draft.rubric, records());
  const memo = revisionMemo(hunan.rubric, draft.rubric, { ...files, impact, dataset: "湖南市州示例数据", reasonsByKey: { [key]: REASON } });

  it("Markdown: change, reason, blank for the unexplained change, impact and the moved platforms", () => {
    const md = memoMarkdown(memo);
    expect(md).toContain("1. 服务企业数（家次）：达标线 1500家次 → 1200家次\n   - 修订理由：" + REASON);
    expect(md).toContain(`2. 服务企业数（家次）：指标描述`);
    expect(md).toContain(`   - 修订理由：${REASON_BLANK}`);
    for (const line of memoImpactLines(memo)) expect(md).toContain(line);
    expect(md).toContain("| 示例·衡阳市综合窗口平台01 | 59.5 | 62.5 | +3 | 升至60分以上 |");
  });

  it("DOCX read back (XML and mammoth) says the same", async () => {
    const bytes = await memoDocx(memo);
    const { paragraphs, rows } = docxRows(bytes);
    expect(paragraphs).toContain("1. 服务企业数（家次）：达标线 1500家次 → 1200家次");
    expect(paragraphs).toContain(`修订理由：${REASON}`);
    expect(paragraphs).toContain(`修订理由：${REASON_BLANK}`);
    for (const line of memoImpactLines(memo)) expect(paragraphs).toContain(line);
    expect(rows).toContainEqual(["示例·衡阳市综合窗口平台01", "59.5", "62.5", "+3", "升至60分以上"]);
    const doc = await readDocx(bytes);
    const text = doc.paragraphs.join("\n");
    expect(text).toContain(REASON);
    expect(text).toContain("得分变化的平台16个");
  });
});
