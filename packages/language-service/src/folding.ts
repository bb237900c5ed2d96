/** Folding ranges: sections, categories, indicators, cases, and runs of comment lines. */
import type { LanguageDocument } from "./document.ts";
import { documentSymbols, type DocumentSymbol } from "./symbols.ts";

export interface FoldingRange {
  /** 1-based lines, both inclusive. */
  startLine: number;
  endLine: number;
  kind: "region" | "comment";
}

/** Foldable regions, in order of their first line. */
export function foldingRanges(doc: LanguageDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const visit = (s: DocumentSymbol) => {
    // a section's symbol starts at its first entry: fold from the heading line above it
    const headed = s.kind === "inputs" || s.kind === "grades" || s.kind === "vetoes";
    const start = headed ? Math.max(1, s.range.start.line - 1) : s.range.start.line;
    let end = s.range.end.line;
    // an AST range may end at the start of the next line
    if (s.range.end.column === 1 && end > start) end--;
    if (end > start) out.push({ startLine: start, endLine: end, kind: "region" });
    s.children.forEach(visit);
  };
  documentSymbols(doc).forEach(visit);
  const lines = doc.text.split("\n");
  let runStart = -1;
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && /^[ \t\u3000]*#/.test(lines[i]!);
    if (isComment && runStart < 0) runStart = i;
    if (!isComment && runStart >= 0) {
      if (i - 1 > runStart) out.push({ startLine: runStart + 1, endLine: i, kind: "comment" });
      runStart = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine);
}
