/**
 * Semantic highlighting: each token of the file with a kind from one legend. Names are told
 * apart by what they name (input, indicator, category), read from the binder's name table, not guessed.
 */
import { KEYWORDS, type NameKind, type Range } from "@zhunsheng/core";
import { tokenRangeOf, type LanguageDocument } from "./document.ts";

/** The legend, in order; editors map these names to colours. */
export const SEMANTIC_TOKEN_TYPES = [
  "keyword",
  "comparative",
  "number",
  "unit",
  "input",
  "indicator",
  "category",
  "type",
  "value",
  "string",
  "comment",
  "operator",
  "name",
] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export const SEMANTIC_TOKEN_MODIFIERS = ["declaration"] as const;

export interface SemanticToken {
  range: Range;
  type: SemanticTokenType;
  declaration: boolean;
}

const KEYWORD_TYPE = new Map<string, SemanticTokenType>(
  KEYWORDS.map((k) => [k.name, k.category === "type" ? "type" : k.category === "value" ? "value" : "keyword"]),
);

const OPERATORS = new Set(["Plus", "Minus", "Times", "Divide", "Equals", "Tilde"]);

function tokenTypeOf(name: string): SemanticTokenType | undefined {
  switch (name) {
    case "Comment":
      return "comment";
    case "LineText":
      return "string";
    case "NumberLiteral":
      return "number";
    case "Unit":
      return "unit";
    case "Comparative":
      return "comparative";
    case "Identifier":
    case "QuotedName":
      return "name";
    default:
      return OPERATORS.has(name) ? "operator" : KEYWORD_TYPE.get(name);
  }
}

/** Tokens with their highlighting kind, in source order; punctuation is left out. */
export function semanticTokens(doc: LanguageDocument): SemanticToken[] {
  const byOffset = new Map<number, { kind: NameKind; declaration: boolean }>();
  for (const o of doc.analysis.names) byOffset.set(o.range.start.offset, { kind: o.kind, declaration: o.declaration });
  const out: SemanticToken[] = [];
  for (const t of doc.tokens) {
    const type = tokenTypeOf(t.tokenType.name);
    if (!type) continue;
    if (type === "name") {
      const occ = byOffset.get(t.startOffset);
      out.push({ range: tokenRangeOf(doc, t), type: occ ? occ.kind : "name", declaration: occ?.declaration ?? false });
    } else out.push({ range: tokenRangeOf(doc, t), type, declaration: false });
  }
  return out;
}

/**
 * LSP/Monaco encoding: 5 integers per token (delta line, delta start column, length, type
 * index, modifier bits), 0-based. Tokens spanning lines are cut at the line end.
 */
export function encodeSemanticTokens(tokens: readonly SemanticToken[]): Uint32Array {
  const data: number[] = [];
  let prevLine = 0;
  let prevCol = 0;
  for (const t of tokens) {
    const line = t.range.start.line - 1;
    const col = t.range.start.column - 1;
    const length = t.range.end.line === t.range.start.line ? t.range.end.column - t.range.start.column : 1;
    data.push(line - prevLine, line === prevLine ? col - prevCol : col, Math.max(1, length), SEMANTIC_TOKEN_TYPES.indexOf(t.type), t.declaration ? 1 : 0);
    prevLine = line;
    prevCol = col;
  }
  return Uint32Array.from(data);
}
