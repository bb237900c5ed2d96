/**
 * One analysed version of a rubric file: the text, the core's analysis and the tokens, plus
 * offset ↔ line/column conversion. Every editor feature takes one of these.
 */
import { analyze, type Analysis, type Pos, type Range } from "@zhunsheng/core";
import type { IToken } from "@zhunsheng/grammar";

export interface LanguageDocument {
  readonly text: string;
  readonly fileName: string;
  readonly analysis: Analysis;
  /** Tokens and comments in source order. */
  readonly tokens: readonly IToken[];
  /** Offsets at which each line starts (index 0 = line 1). */
  readonly lineStarts: readonly number[];
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Analyses `text` once; all features read the result. Tokens are the parser's, merged with the comments on first use (keystroke → scores does not need them). */
export function createDocument(text: string, fileName = "未命名.zs"): LanguageDocument {
  const analysis = analyze(text, fileName);
  let tokens: IToken[] | undefined;
  let lineStarts: number[] | undefined;
  return {
    text,
    fileName,
    analysis,
    get tokens() {
      if (!tokens) {
        const lex = analysis.lexed;
        tokens = [...lex.tokens, ...lex.comments].sort((a, b) => a.startOffset - b.startOffset);
      }
      return tokens;
    },
    get lineStarts() {
      return (lineStarts ??= computeLineStarts(text));
    },
  };
}

/** 0-based offset → 1-based line and column. */
export function positionAt(doc: LanguageDocument, offset: number): Pos {
  const o = Math.max(0, Math.min(offset, doc.text.length));
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.lineStarts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { offset: o, line: lo + 1, column: o - doc.lineStarts[lo]! + 1 };
}

/** 1-based line and column → 0-based offset (clamped to the text). */
export function offsetAt(doc: LanguageDocument, line: number, column: number): number {
  const start = doc.lineStarts[Math.max(0, Math.min(line - 1, doc.lineStarts.length - 1))]!;
  return Math.max(0, Math.min(start + column - 1, doc.text.length));
}

export function rangeOf(doc: LanguageDocument, start: number, end: number): Range {
  return { start: positionAt(doc, start), end: positionAt(doc, end) };
}

export function tokenRangeOf(doc: LanguageDocument, t: IToken): Range {
  return rangeOf(doc, t.startOffset, (t.endOffset ?? t.startOffset) + 1);
}

/** Whether `offset` lies in `range` (ends inclusive, so a cursor right after a word still hits it). */
export function contains(range: Range, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}

/** The token under the cursor: the one containing `offset`, else the one ending right at it. */
export function tokenAt(doc: LanguageDocument, offset: number): IToken | undefined {
  let before: IToken | undefined;
  for (const t of doc.tokens) {
    const end = (t.endOffset ?? t.startOffset) + 1;
    if (t.startOffset <= offset && offset < end) return t;
    if (end === offset) before = t;
    if (t.startOffset > offset) break;
  }
  return before;
}
