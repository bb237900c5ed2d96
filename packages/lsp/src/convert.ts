/**
 * The language service's values in LSP form. Offsets and columns are UTF-16 code units on both
 * sides, so a position is the service's 1-based line and column minus one.
 */
import type { Diagnostic as CoreDiagnostic, Pos, Range as CoreRange, Severity } from "@zhunsheng/core";
import {
  offsetAt,
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  type CodeAction as ServiceCodeAction,
  type CompletionItem as ServiceCompletion,
  type DocumentSymbol as ServiceSymbol,
  type FoldingRange as ServiceFolding,
  type LanguageDocument,
  type TextEdit as ServiceEdit,
} from "@zhunsheng/language-service";
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Position,
  type Range,
  type SemanticTokensLegend,
  type TextEdit,
} from "vscode-languageserver";

export const position = (p: Pos): Position => ({ line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) });
export const range = (r: CoreRange): Range => ({ start: position(r.start), end: position(r.end) });
export const offset = (doc: LanguageDocument, p: Position): number => offsetAt(doc, p.line + 1, p.character + 1);
export const edit = (e: ServiceEdit): TextEdit => ({ range: range(e.range), newText: e.newText });

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A checker diagnostic unchanged: its code, severity, Chinese message and range. */
export function diagnostic(d: CoreDiagnostic): Diagnostic {
  return { range: range(d.range), severity: SEVERITY[d.severity], code: d.code, source: "准绳", message: d.message };
}

export function codeAction(a: ServiceCodeAction, uri: string): CodeAction {
  return {
    title: a.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic(a.diagnostic)],
    isPreferred: a.preferred,
    edit: { changes: { [uri]: a.edits.map(edit) } },
  };
}

const COMPLETION_KIND: Record<ServiceCompletion["kind"], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  comparative: CompletionItemKind.Operator,
  input: CompletionItemKind.Variable,
  unit: CompletionItemKind.Unit,
  type: CompletionItemKind.TypeParameter,
  snippet: CompletionItemKind.Snippet,
  value: CompletionItemKind.EnumMember,
};

export function completion(c: ServiceCompletion): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    sortText: c.sortText,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: range(c.range), newText: c.insertText },
  };
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  return item;
}

const SYMBOL_KIND: Record<ServiceSymbol["kind"], SymbolKind> = {
  rubric: SymbolKind.File,
  inputs: SymbolKind.Namespace,
  input: SymbolKind.Variable,
  category: SymbolKind.Class,
  bonus: SymbolKind.Class,
  indicator: SymbolKind.Field,
  grades: SymbolKind.Enum,
  grade: SymbolKind.EnumMember,
  vetoes: SymbolKind.Namespace,
  eligibility: SymbolKind.Namespace,
  case: SymbolKind.Method,
};

/** A document symbol; the selection range is kept inside the range, as LSP requires. */
export function symbol(s: ServiceSymbol): DocumentSymbol {
  const whole = range(s.range);
  const inside = s.selectionRange.start.offset >= s.range.start.offset && s.selectionRange.end.offset <= s.range.end.offset;
  return {
    name: s.name || "（无名）",
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: whole,
    selectionRange: inside ? range(s.selectionRange) : whole,
    children: s.children.map(symbol),
  };
}

export const folding = (f: ServiceFolding): FoldingRange => ({
  startLine: f.startLine - 1,
  endLine: f.endLine - 1,
  kind: f.kind === "comment" ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
});

/** The semantic token legend: the language service's, unchanged. */
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };
