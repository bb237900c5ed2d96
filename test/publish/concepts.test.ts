/** The concept vocabulary: every tag in rules/ is known, mappings name declared inputs; side by side (across provinces: cross-score.test.ts). */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkConceptTags, checkMappings, compareSideBySide, parseVocabulary, rootConcept, UNTAGGED } from "../../packages/publish/src/index.ts";
import { ROOT, rubricOf, zsFiles } from "./helpers.ts";

const VOCAB_PATH = join(ROOT, "rules/concepts/概念.json");
const { vocabulary, problems } = parseVocabulary(readFileSync(VOCAB_PATH, "utf8"));
const library = zsFiles(join(ROOT, "rules")).map((f) => ({ id: relative(join(ROOT, "rules"), f), rubric: rubricOf(readFileSync(f, "utf8"), f) }));
const byId = (id: string) => library.find((r) => r.id === id);

describe("rules/concepts/概念.json", () => {
  it("is well formed: unique names, known parents, mappings to known concepts", () => {
    expect(problems).toEqual([]);
    for (const shared of ["服务企业数量", "服务活动", "满意度", "资源整合", "服务协同", "荣誉宣传", "财务状况", "人员队伍", "基础条件", "信息发布", "在线服务"]) {
      expect(vocabulary.concepts.some((c) => c.name === shared && c.parent === undefined), shared).toBe(true);
    }
    expect(rootConcept(vocabulary, "营业收入增长")).toBe("财务状况");
  });

  it("knows every 概念 tag used in rules/ (unknown tags are listed with file and line)", () => {
    const unknown = library.flatMap((r) => checkConceptTags(vocabulary, r.rubric).unknown.map((u) => `rules/${r.id}:${u.line} 指标「${u.indicator}」概念「${u.concept}」`));
    expect(unknown).toEqual([]);
  });

  it("maps only inputs that the named rubrics declare", () => {
    const ids = new Set(vocabulary.mappings.flatMap((m) => Object.keys(m.inputs)));
    const problems: string[] = [];
    for (const id of ids) {
      const r = byId(id);
      if (!r) problems.push(`概念表提到的体系 rules/${id} 不存在`);
      else problems.push(...checkMappings(vocabulary, id, r.rubric));
    }
    expect(problems).toEqual([]);
  });

  it("reports an unknown tag and a bad vocabulary", () => {
    const r = rubricOf("评价体系 测\n  满分：5分\n输入\n  x：是否\n类别 甲（5分）\n  指标 乙 5分\n    概念：不存在的概念\n    x 得5分\n");
    expect(checkConceptTags(vocabulary, r).unknown).toEqual([{ indicator: "乙", concept: "不存在的概念", line: 6 }]);
    expect(parseVocabulary('{"概念":[{"名称":"甲","上位":"乙"}],"输入对应":[{"概念":"丙"}]}').problems.map((p) => p.message)).toEqual(["概念「甲」的上位「乙」不在概念表中", "输入对应的概念「丙」不在概念表中"]);
    expect(parseVocabulary("{").problems).toHaveLength(1);
  });
});

describe("side by side", () => {
  const a = byId("hunan/未注明年度/市州综合窗口平台.zs");
  const b = byId("national/2024/中小企业公共服务规范评价指标.zs");
  it("puts Hunan 市州 and the national norm in concept rows with shares, words and thresholds", () => {
    expect(a && b, "both rubrics are in rules/").toBeTruthy();
    const cmp = compareSideBySide([a!.rubric, b!.rubric], vocabulary);
    expect(cmp.columns.map((c) => c.weighted)).toEqual([false, true]);
    const row = cmp.rows.find((r) => r.concept === "服务企业数量")!;
    expect(row.cells[0]![0]).toMatchObject({ name: "服务企业数（家次）", value: "15分", share: "15", thresholds: ["达1500家次"] });
    expect(row.cells[0]![0]!.words).toContain("达1500家次得15分");
    expect(row.cells[1]!.length).toBeGreaterThan(0);
    expect(row.cells[1]![0]!.value).toMatch(/^权重0\.\d+$/);
    // every indicator appears exactly once
    for (const [k, r] of [a!, b!].entries()) expect(cmp.rows.flatMap((x) => x.cells[k]!).length).toBe(r.rubric.indicators.length);
    // shares of the base points add up to 100%
    const total = (k: number) => cmp.rows.reduce((s, r) => s + Number(r.shares[k]), 0);
    expect(Math.round(total(0))).toBe(100);
    expect(Math.round(total(1))).toBe(100);
    expect(cmp.rows[cmp.rows.length - 1]!.concept === UNTAGGED || cmp.rows.every((r) => r.concept !== UNTAGGED)).toBe(true);
  });
});
