/**
 * A failing 用例 carries the quick fix 「以实际结果为期望」 (issue 12): applying every fix makes
 * the file's cases pass, and `caseRecord` is the record the checker scored.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, caseRecord, compile, type Diagnostic } from "../../packages/core/src/index.ts";

const HUNAN = readFileSync(new URL("../../rules/hunan/未注明年度/市州综合窗口平台.zs", import.meta.url), "utf8");
const JIANGSU = readFileSync(new URL("../../rules/jiangsu/2020/省级中小企业公共服务示范平台星级认定.zs", import.meta.url), "utf8");

function applyFixes(text: string, ds: Diagnostic[]): string {
  const edits = ds.flatMap((d) => d.fix?.edits ?? []).sort((a, b) => b.range.start.offset - a.range.start.offset);
  for (const e of edits) text = text.slice(0, e.range.start.offset) + e.newText + text.slice(e.range.end.offset);
  return text;
}

describe("以实际结果为期望", () => {
  it("rewrites a wrong total, category score and grade to the actual ones, after which every case passes", () => {
    const hunan = HUNAN.replace("资源品牌培育 15分，总分 115分", "资源品牌培育 14分，总分 116分");
    expect(hunan).not.toBe(HUNAN);
    const failing = analyze(hunan).diagnostics.filter((d) => d.code === "ZS4001");
    expect(failing.length).toBe(2);
    expect(failing.map((d) => d.fix?.title)).toEqual(["以实际结果为期望：15分", "以实际结果为期望：115分"]);
    expect(applyFixes(hunan, failing)).toBe(HUNAN);

    const jiangsu = JIANGSU.replace("期望 总分 86分，星级 四星", "期望 总分 86分，星级 五星");
    expect(jiangsu).not.toBe(JIANGSU);
    const star = analyze(jiangsu).diagnostics.filter((d) => d.code === "ZS4001");
    expect(star.map((d) => d.fix?.title)).toEqual(["以实际结果为期望：四星"]);
    expect(analyze(applyFixes(jiangsu, star)).diagnostics.filter((d) => d.code.startsWith("ZS4"))).toEqual([]);
  });

  it("caseRecord gives the record the case describes, unknown inputs apart", () => {
    const a = analyze(HUNAN);
    const c = a.rubric!.ast.cases[0]!;
    const { record, unknown } = caseRecord(a.rubric!, c);
    expect(unknown).toEqual([]);
    expect(record["服务企业家次"]).toBe("2000");
    expect(compile(a.rubric!).score(record).total).toBe("115");
  });
});
