/**
 * @zhunsheng/language-service: editor features for .zs rubrics, written against the core's
 * services and independent of any editor (Monaco, LSP). Offsets are 0-based; ranges are the core's.
 */
export { createDocument, positionAt, offsetAt, rangeOf, tokenAt, type LanguageDocument } from "./document.ts";
export { semanticTokens, encodeSemanticTokens, SEMANTIC_TOKEN_TYPES, SEMANTIC_TOKEN_MODIFIERS, type SemanticToken, type SemanticTokenType } from "./semantic-tokens.ts";
export { diagnostics, codeActions, type CodeAction } from "./code-actions.ts";
export { complete, SNIPPETS, type CompletionItem, type CompletionKind } from "./completion.ts";
export { hover, keyPointScores, escapeMarkdown, type Hover } from "./hover.ts";
export { CIVIL_CODE_1259, inequality, operatorMeaning } from "./meaning.ts";
export { definition, references, prepareRename, rename, applyEdits, type TextEdit } from "./navigation.ts";
export { documentSymbols, symbolPath, type DocumentSymbol, type SymbolKind } from "./symbols.ts";
export { foldingRanges, type FoldingRange } from "./folding.ts";
export { formatDocument } from "./formatting.ts";
export { curve, curveTargetAt, type Curve } from "./curve.ts";
export type { NameOccurrence, NameKind } from "@zhunsheng/core";
export { editorKeywords, type EditorKeywords } from "./keywords.ts";
