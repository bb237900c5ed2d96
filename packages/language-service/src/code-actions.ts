/**
 * Diagnostics are the checker's, unchanged; quick fixes are the checker's own fixes plus
 *「声明输入」 for an undeclared name (ZS2001).
 */
import type { Diagnostic, Range } from "@zhunsheng/core";
import { positionAt, type LanguageDocument } from "./document.ts";
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

function declareInput(doc: LanguageDocument, d: Diagnostic): CodeAction | undefined {
  const written = doc.text.slice(d.range.start.offset, d.range.end.offset);
  const name = written.replace(/^「|」$/g, "");
  if (!name) return undefined;
  const decl = /[^\p{Script=Han}A-Za-z0-9_“”"]/u.test(name) ? `「${name}」` : name;
  const inputs = doc.analysis.ast.inputs.filter((i) => i.kind === "input");
  const last = inputs[inputs.length - 1];
  if (last) {
    const lineEnd = doc.text.indexOf("\n", last.range.end.offset - 1);
    const at = lineEnd < 0 ? doc.text.length : lineEnd;
    const p = positionAt(doc, at);
    return { title: `在「输入」中声明「${name}」`, edits: [{ range: { start: p, end: p }, newText: `\n  ${decl}：数值` }], diagnostic: d, preferred: true };
  }
  const first = doc.analysis.ast.categories[0];
  const at = first ? first.range.start.offset : doc.text.length;
  const p = positionAt(doc, at);
  return { title: `新建「输入」段落并声明「${name}」`, edits: [{ range: { start: p, end: p }, newText: `输入\n  ${decl}：数值\n\n` }], diagnostic: d, preferred: true };
}

/** Quick fixes for the diagnostics overlapping `range`. */
export function codeActions(doc: LanguageDocument, range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of doc.analysis.diagnostics) {
    if (!overlaps(d.range, range)) continue;
    if (d.fix) out.push({ title: d.fix.title, edits: d.fix.edits, diagnostic: d, preferred: true });
    else if (d.code === "ZS2001") {
      const a = declareInput(doc, d);
      if (a) out.push(a);
    }
  }
  return out;
}
