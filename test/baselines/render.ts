/** Renders a whole input as a readable baseline: diagnostics with squiggles under the source, then the cases' results. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, compile, namesItself, type Diagnostic } from "../../packages/core/src/index.ts";

const SEVERITY = { error: "错误", warning: "警告", info: "信息", hint: "提示" } as const;

function squiggle(text: string, d: Diagnostic): string {
  const lines = text.split("\n");
  const line = lines[d.range.start.line - 1] ?? "";
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  const startCol = d.range.start.column - 1;
  const endCol = d.range.end.line === d.range.start.line ? Math.max(d.range.end.column - 1, startCol + 1) : [...line].length;
  const chars = [...line];
  const pad = width(chars.slice(0, startCol).join(""));
  const len = Math.max(1, width(chars.slice(startCol, endCol).join("")));
  const no = String(d.range.start.line).padStart(4);
  return `${no} | ${line}\n${" ".repeat(4)} | ${" ".repeat(pad)}${"~".repeat(len)}`;
}

export function renderBaseline(name: string, text: string): string {
  const a = analyze(text, name);
  const out: string[] = [`# ${name}`, "", "== 诊断 =="];
  if (a.diagnostics.length === 0) out.push("（无）");
  for (const d of a.diagnostics) {
    out.push(`${name}:${d.range.start.line}:${d.range.start.column} ${SEVERITY[d.severity]} ${d.code} ${d.message}`);
    out.push(squiggle(text, d));
    if (d.fix) out.push(`     快速修复：${d.fix.title} → ${d.fix.edits.map((e) => `「${e.newText}」`).join("")}`);
  }
  if (a.rubric && !a.diagnostics.some((d) => d.severity === "error" && !d.code.startsWith("ZS4"))) {
    out.push("", "== 用例的计算结果 ==");
    const scorer = compile(a.rubric, { dataDigits: 4 });
    for (const c of a.ast.cases) {
      const record: Record<string, unknown> = {};
      for (const i of a.rubric.inputs) if (i.kind !== "derived" && i.type !== "text") record[i.name] = i.type === "yesno" ? "否" : (i.min ?? "0");
      for (const i of c.inputs) record[i.name.text] = typeof i.value === "boolean" ? (i.value ? "是" : "否") : "value" in i.value ? i.value.value : i.value.text;
      const v = scorer.score({ 名称: c.name.text, ...record });
      out.push(`用例「${c.name.text}」：总分 ${v.total ?? "—"}${v.grade ? `，${a.rubric.gradeKind} ${v.grade}` : ""}${v.eligible !== null ? `，认定 ${v.eligible ? "是" : "否"}` : ""}`);
      const e = scorer.explain({ 名称: c.name.text, ...record });
      const walk = (x: typeof e, depth: number): void => {
        out.push(`${"  ".repeat(depth + 1)}${namesItself(x) ? x.text : `${x.label}：${x.text}`}`);
        if (depth < 1) x.children.forEach((k) => walk(k, depth + 1));
      };
      e.children.forEach((k) => walk(k, 0));
    }
  }
  return out.join("\n") + "\n";
}

export function caseFiles(): { name: string; path: string }[] {
  const root = new URL("../cases/", import.meta.url).pathname;
  return ["good", "bad"].flatMap((kind) =>
    readdirSync(join(root, kind))
      .filter((f) => f.endsWith(".zs"))
      .sort()
      .map((f) => ({ name: `${kind}/${f}`, path: join(root, kind, f) })),
  );
}

export function baselinePath(name: string): string {
  return new URL(`./${name.replace(/\//g, "__").replace(/\.zs$/, ".txt")}`, import.meta.url).pathname;
}

export const readText = (p: string) => readFileSync(p, "utf8");
