/**
 * Artefacts derived from the grammar: the railroad diagrams (Chevrotain's generator) and the
 * keyword table of the grammar reference. `npm run grammar:generate` writes them; a test fails
 * when the committed copies are stale.
 */
import { readFileSync } from "node:fs";
import { createSyntaxDiagramsCode } from "chevrotain";
import { COMPARATIVES, KEYWORDS, OPERATOR_LABEL, UNITS } from "./keywords.ts";
import { parser } from "./parser.ts";

/** Self-contained railroad diagrams: Chevrotain's page with its scripts and styles inlined (no network). */
export function diagramsHtml(): string {
  const html = createSyntaxDiagramsCode(parser.getSerializedGastProductions());
  const base = new URL("../../node_modules/chevrotain/diagrams/", import.meta.url);
  const read = (path: string) => readFileSync(new URL(path, base), "utf8").replace(/<\/script>/gi, "<\\/script>");
  return html
    .replace(/<link rel='stylesheet' href='[^']*\/diagrams\/diagrams\.css'>/, () => `<style>\n${read("diagrams.css")}\n</style>`)
    .replace(/<script src='[^']*\/diagrams\/([^']+)'><\/script>/g, (_, path: string) => `<script>\n${read(path)}\n</script>`)
    .replace("<title>", "<meta charset='utf-8'><title>");
}

const CATEGORY_LABEL: Record<string, string> = {
  section: "段落",
  header: "文件头",
  type: "输入类型",
  phrase: "句中用词",
  reading: "档位读法",
  value: "取值",
};

/** The keyword and comparative tables of 语法参考.md, in Markdown. */
export function keywordTablesMarkdown(): string {
  const rows = KEYWORDS.map((k) => `| ${k.forms.map((f) => `\`${f}\``).join("、")} | ${CATEGORY_LABEL[k.category] ?? k.category} | ${k.name} | ${k.doc} |`);
  const cmp = COMPARATIVES.map((c) => `| \`${c.form}\` | ${c.position === "prefix" ? "数字前" : "数字后"} | x ${OPERATOR_LABEL[c.op]} n |`);
  return [
    "| 关键字 | 类别 | 语法中的名称 | 含义 |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "| 比较词 | 位置 | 含义 |",
    "| --- | --- | --- |",
    ...cmp,
    "",
    `单位（紧跟数字或「每」）：${UNITS.map((u) => `\`${u}\``).join(" ")}`,
  ].join("\n");
}

export const KEYWORD_START = "<!-- 关键字表：由 grammar/src/generate.ts 生成，请勿手改 -->";
export const KEYWORD_END = "<!-- 关键字表结束 -->";

export function withKeywordTables(reference: string): string {
  const start = reference.indexOf(KEYWORD_START);
  const end = reference.indexOf(KEYWORD_END);
  const block = `${KEYWORD_START}\n${keywordTablesMarkdown()}\n${KEYWORD_END}`;
  if (start < 0 || end < 0) return `${reference.trimEnd()}\n\n## 附：关键字一览\n\n${block}\n`;
  return reference.slice(0, start) + block + reference.slice(end + KEYWORD_END.length);
}
