/** Document symbols (the outline and breadcrumbs): 类别 → 指标, plus the other sections. */
import type { Range } from "@zhunsheng/core";
import type { LanguageDocument } from "./document.ts";

export type SymbolKind = "rubric" | "inputs" | "input" | "category" | "bonus" | "indicator" | "grades" | "grade" | "vetoes" | "eligibility" | "case";

export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The whole construct. */
  range: Range;
  /** The name. */
  selectionRange: Range;
  children: DocumentSymbol[];
}

function span(ranges: Range[]): Range | undefined {
  if (ranges.length === 0) return undefined;
  return { start: ranges[0]!.start, end: ranges[ranges.length - 1]!.end };
}

/** The outline of the file, in source order. */
export function documentSymbols(doc: LanguageDocument): DocumentSymbol[] {
  const ast = doc.analysis.ast;
  const out: DocumentSymbol[] = [];
  if (ast.title) out.push({ name: ast.title.text, detail: "评价体系", kind: "rubric", range: ast.title.range, selectionRange: ast.title.range, children: [] });
  const inputs = ast.inputs.map<DocumentSymbol>((i) => ({
    name: i.name.text,
    detail: i.kind === "evidence" ? "材料" : i.kind === "derived" ? "派生" : "输入",
    kind: "input",
    range: i.range,
    selectionRange: i.name.range,
    children: [],
  }));
  const inputSpan = span(ast.inputs.map((i) => i.range));
  if (inputSpan) out.push({ name: "输入", detail: `${inputs.length}项`, kind: "inputs", range: inputSpan, selectionRange: inputSpan, children: inputs });
  for (const c of ast.categories) {
    const points = c.weight ? `权重${c.weight.value}` : c.points ? `${c.points.value}分` : c.cap ? `不超过${c.cap.value}分` : "";
    out.push({
      name: c.name.text,
      detail: `${c.kind === "bonus" ? "加分项" : "类别"} ${points}`.trim(),
      kind: c.kind === "bonus" ? "bonus" : "category",
      range: c.range,
      selectionRange: c.name.range,
      children: c.indicators.map((ind) => ({
        name: ind.name.text,
        detail: ind.weight ? `权重${ind.weight.value}` : ind.points ? `${ind.points.value}分` : ind.pending ? "分值待定" : "",
        kind: "indicator" as const,
        range: ind.range,
        selectionRange: ind.name.range,
        children: [],
      })),
    });
  }
  const gradeSpan = span(ast.grades.map((g) => g.range));
  if (gradeSpan) {
    out.push({
      name: ast.gradesKeyword ?? "等级",
      detail: `${ast.grades.length}档`,
      kind: "grades",
      range: gradeSpan,
      selectionRange: gradeSpan,
      children: ast.grades.map((g) => ({ name: g.label.text, detail: doc.text.slice(g.condition.range.start.offset, g.condition.range.end.offset), kind: "grade" as const, range: g.range, selectionRange: g.label.range, children: [] })),
    });
  }
  const vetoSpan = span(ast.vetoes.map((v) => v.range));
  if (vetoSpan) out.push({ name: "否决", detail: `${ast.vetoes.length}项`, kind: "vetoes", range: vetoSpan, selectionRange: vetoSpan, children: [] });
  if (ast.eligibility) out.push({ name: "认定条件", detail: `${ast.eligibility.conditions.length}条`, kind: "eligibility", range: ast.eligibility.range, selectionRange: ast.eligibility.range, children: [] });
  for (const c of ast.cases) out.push({ name: c.name.text, detail: "用例", kind: "case", range: c.range, selectionRange: c.name.range, children: [] });
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** The chain of symbols containing `offset`, outermost first (for breadcrumbs). */
export function symbolPath(symbols: readonly DocumentSymbol[], offset: number): DocumentSymbol[] {
  for (const s of symbols) {
    if (s.range.start.offset <= offset && offset <= s.range.end.offset) return [s, ...symbolPath(s.children, offset)];
  }
  return [];
}
