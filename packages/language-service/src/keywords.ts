/** Word lists for an editor's fast (lexical) highlighter, from the one keyword table. */
import { COMPARATIVES, KEYWORDS, UNITS } from "@zhunsheng/core";

export interface EditorKeywords {
  keywords: string[];
  types: string[];
  values: string[];
  comparatives: string[];
  units: string[];
}

/** Surface forms by highlighting class, longest first (so that 及以上 wins over 以上). */
export function editorKeywords(): EditorKeywords {
  const byLength = (a: string, b: string) => b.length - a.length;
  const forms = (cats: string[]) => KEYWORDS.filter((k) => cats.includes(k.category)).flatMap((k) => k.forms).sort(byLength);
  return {
    keywords: forms(["section", "header", "phrase", "reading"]),
    types: forms(["type"]),
    values: forms(["value"]),
    comparatives: COMPARATIVES.map((c) => c.form).sort(byLength),
    units: [...UNITS].sort(byLength),
  };
}
