/**
 * Diagnostics are the checker's, unchanged; quick fixes are the checker's own fixes plus
 *「声明输入」 for an undeclared name (ZS2001).
 */
import type { Diagnostic, Range } from "@zhunsheng/core";
import type { LanguageDocument } from "./document.ts";
import type { TextEdit } from "./navigation.ts";

/** The checker's diagnostics, unchanged (codes, severities, Chinese messages, ranges). */
export function diagnostics(doc: LanguageDocument): Diagnostic[] {
  return doc.analysis.diagnostics;
}

export interface CodeAction {
  title: string;
  edits: TextEdit[];
  diagnostic: Diagnostic;
  preferred: boolean;
}

function overlaps(a: Range, b: Range): boolean {
  return a.start.offset <= b.end.offset && b.start.offset <= a.end.offset;
}

/** Quick fixes for the diagnostics overlapping `range`. */
export function codeActions(doc: LanguageDocument, range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of doc.analysis.diagnostics) {
    if (!overlaps(d.range, range)) continue;
    // the checker's fixes, unchanged: the preferred one, then the alternatives (rename or declare an input …)
    if (d.fix) out.push({ title: d.fix.title, edits: d.fix.edits, diagnostic: d, preferred: true });
    for (const f of d.otherFixes ?? []) out.push({ title: f.title, edits: f.edits, diagnostic: d, preferred: false });
  }
  return out;
}
