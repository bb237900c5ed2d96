/**
 * The AST is built section by section while the parser reads on (each section's CST dies young):
 * it must equal the AST built from the whole file's CST at once, on every rubric, on files whose
 * first error is reported at the end of the section before it, on files with too many errors
 * (parsed twice), and on seeded mutations.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_SYNTAX_ERRORS, parseCst, type CstNode } from "../../grammar/src/index.ts";
import { parse } from "../../packages/core/src/index.ts";
import { buildAst } from "../../packages/core/src/parser/from-cst.ts";

/** The AST of the whole file's CST, with the same error offsets as parse() (the reference). */
function wholeFileAst(text: string) {
  const r = parseCst(text);
  const offsets = [
    ...r.syntaxErrors.filter((e) => !Number.isNaN(e.token.startOffset) && e.token.tokenType.name !== "EOF").map((e) => e.token.startOffset),
    ...r.lexErrors.map((e) => e.offset),
  ];
  return buildAst(r.cst, text.length, offsets).ast;
}

const handedOn = (text: string) => {
  const sections: CstNode[] = [];
  parseCst(text, (s) => sections.push(s));
  return sections.length;
};

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".zs") ? [p] : [];
  });
const rubrics = files(fileURLToPath(new URL("../../rules", import.meta.url)));
const hunan = readFileSync(new URL("./fixtures/hunan-shizhou.zs", import.meta.url), "utf8");
const national = readFileSync(new URL("../../rules/national/2024/中小企业公共服务规范评价指标.zs", import.meta.url), "utf8");

describe("the AST built section by section", () => {
  it("equals the whole file's AST on every rubric in rules/, with sections handed on", () => {
    expect(rubrics.length).toBeGreaterThan(10);
    for (const f of rubrics) {
      const text = readFileSync(f, "utf8");
      expect(parse(text).ast, f).toEqual(wholeFileAst(text));
      expect(handedOn(text), f).toBeGreaterThan(2);
    }
  });

  it("keeps a section with an error the parser recovered from out of the handed-on ones", () => {
    // a word too many inside a declaration: the parser skips it and reads on, the declaration is cut
    const at = national.indexOf("评分 0～") + "评分 0～".length;
    expect(at).toBeGreaterThan(100);
    const text = `${national.slice(0, at)}每${national.slice(at)}`;
    expect(parseCst(text).syntaxErrors).toHaveLength(1);
    const ast = parse(text).ast;
    expect(ast).toEqual(wholeFileAst(text));
    expect(ast.broken.length).toBeGreaterThan(0);
  });

  it("keeps a section whose last sentence is cut short out of the handed-on ones", () => {
    // the error is found at the next section's first word and reported at the end of the line before
    const lines = national.split("\n");
    const second = lines.findIndex((l, i) => i > lines.findIndex((m) => m.startsWith("类别")) && l.startsWith("类别"));
    const text = [...lines.slice(0, second), "    若", ...lines.slice(second)].join("\n");
    expect(parseCst(text).syntaxErrors[0]?.token.startLine).toBe(second + 1);
    expect(parse(text).ast).toEqual(wholeFileAst(text));
  });

  it("equals the whole file's AST when too many errors make the parser read a part again", () => {
    // one 用例 input line repeated: ten errors a line (see front-end.test.ts, "a file that is mostly errors")
    const line = "  输入 服务企业家次 1500，有效需求条数 49，协同评定分 20，缺报晚报次数 5";
    const text = `${hunan.trimEnd()}\n\n用例 重复的一行\n${Array.from({ length: 249 }, () => line).join("\n")}\n  期望 总分 0分\n`;
    const r = parseCst(text, () => {});
    expect(r.reparsed).toBe(true);
    expect(r.syntaxErrors.length).toBeGreaterThan(MAX_SYNTAX_ERRORS / 10);
    expect(parse(text).ast).toEqual(wholeFileAst(text));
  });

  it("equals the whole file's AST on seeded mutations of the national norm", () => {
    const words = ["「", "」", "得", "分", "达", "以上", "（", "）", "\n", "  ", "、", "；", "指标 ", "类别 ", "每", "1", "-", "×", "若", "则", "等级\n"];
    let seed = 20261130;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 100; i++) {
      const a = rnd(national.length + 1);
      const b = Math.min(national.length, a + rnd(40));
      const k = rnd(3);
      const text = k === 0 ? national.slice(0, a) : k === 1 ? national.slice(0, a) + national.slice(b) : national.slice(0, a) + words[rnd(words.length)]! + national.slice(a);
      expect(parse(text).ast, `mutation ${i}`).toEqual(wholeFileAst(text));
    }
  });
});
