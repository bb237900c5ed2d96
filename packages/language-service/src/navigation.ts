/**
 * Go to definition, find references and rename for inputs (and definition of the indicators
 * and categories named in 用例 expectations).
 */
import { occurrenceAt, occurrencesOf as sameName, type NameOccurrence, type Range } from "@zhunsheng/core";
import type { LanguageDocument } from "./document.ts";

export interface TextEdit {
  range: Range;
  newText: string;
}

function occurrencesOf(doc: LanguageDocument, offset: number): { at: NameOccurrence; all: NameOccurrence[] } | undefined {
  const at = occurrenceAt(doc.analysis.names, offset);
  if (!at) return undefined;
  return { at, all: sameName(doc.analysis.names, at) };
}

/** Where the name under the cursor is declared. */
export function definition(doc: LanguageDocument, offset: number): Range | undefined {
  return occurrencesOf(doc, offset)?.all.find((o) => o.declaration)?.range;
}

/** Every occurrence of the name under the cursor. */
export function references(doc: LanguageDocument, offset: number, includeDeclaration = true): Range[] {
  const found = occurrencesOf(doc, offset);
  if (!found) return [];
  return found.all.filter((o) => includeDeclaration || !o.declaration).map((o) => o.range);
}

/** The range of the input name that can be renamed at `offset`, with its current text. */
export function prepareRename(doc: LanguageDocument, offset: number): { range: Range; text: string } | undefined {
  const found = occurrencesOf(doc, offset);
  if (!found || found.at.kind !== "input" || !found.all.some((o) => o.declaration)) return undefined;
  return { range: found.at.range, text: found.at.name };
}

const PLAIN_NAME = /^[\p{Script=Han}A-Za-z_“"‘][\p{Script=Han}A-Za-z0-9_“”"‘’·]*$/u;

/** Renames an input everywhere; an error message (in Chinese) when the new name is not usable. */
export function rename(doc: LanguageDocument, offset: number, newName: string): { edits: TextEdit[] } | { error: string } {
  const target = prepareRename(doc, offset);
  if (!target) return { error: "这里没有可以重命名的输入" };
  const name = newName.trim();
  if (!name) return { error: "名称不能为空" };
  if (/[」\n#]/.test(name)) return { error: "名称不能含有「」」、换行或 #" };
  if (name !== target.text && doc.analysis.ast.inputs.some((i) => i.name.text === name)) return { error: `已有名为「${name}」的输入` };
  const all = occurrencesOf(doc, offset)!.all;
  const edits = all.map((o) => {
    const written = doc.text.slice(o.range.start.offset, o.range.end.offset);
    const quoted = written.startsWith("「") || !PLAIN_NAME.test(name);
    return { range: o.range, newText: quoted ? `「${name}」` : name };
  });
  return { edits };
}

/** Applies non-overlapping edits to `text` (used by tests and the workbench's worker). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  }
  return out;
}
