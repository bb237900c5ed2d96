/** Formatting through the core's formatter (the same one as `zhunsheng fmt`). */
import { format } from "@zhunsheng/core";
import { rangeOf, type LanguageDocument } from "./document.ts";
import type { TextEdit } from "./navigation.ts";

/** One edit replacing the whole text, or none when the text is already formatted or has syntax errors. */
export function formatDocument(doc: LanguageDocument): TextEdit[] {
  const r = format(doc.text);
  if (r.diagnostics.length > 0 || r.text === doc.text) return [];
  return [{ range: rangeOf(doc, 0, doc.text.length), newText: r.text }];
}
