/**
 * The canonical layout of a rubric file. Works on tokens and the CST, so no token and no
 * comment can be lost: the output is the input's tokens, in order, with canonical whitespace.
 * Sections start at column 0 after a blank line, their entries at 2, indicator items at 4.
 * A file with syntax errors is returned unchanged (with the errors).
 */
import { parseCst, type CstNode, type IToken } from "@zhunsheng/grammar";
import { parse } from "./analyze.ts";
import type { Diagnostic } from "./diagnostics.ts";

type Child = CstNode | IToken;
const LINE_BREAK = /[\r\n]/;
// a CRLF is one line break, never a CR and an LF (which would read as a blank line)
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[ \t\u3000]*(?:\r\n|\r(?!\n)|\n)/;
const isToken = (c: Child): c is IToken => (c as IToken).image !== undefined;

function firstOffset(node: Child): number {
  if (isToken(node)) return node.startOffset;
  let min = Infinity;
  for (const list of Object.values(node.children)) for (const c of list as Child[]) min = Math.min(min, firstOffset(c));
  return min;
}

/** Indentation of the lines that nodes of each kind start. */
const LINE_STARTS: Record<string, { indent: number; blankBefore?: boolean }> = {
  header: { indent: 0 },
  headerField: { indent: 2 },
  inputsSection: { indent: 0, blankBefore: true },
  derivedSection: { indent: 0, blankBefore: true },
  evidenceSection: { indent: 0, blankBefore: true },
  inputDecl: { indent: 2 },
  derivedDecl: { indent: 2 },
  evidenceDecl: { indent: 2 },
  categoryGroup: { indent: 0, blankBefore: true },
  category: { indent: 0, blankBefore: true },
  bonusGroup: { indent: 0, blankBefore: true },
  deductionGroup: { indent: 0, blankBefore: true },
  indicator: { indent: 2, blankBefore: true },
  indicatorItem: { indent: 4 },
  gradesSection: { indent: 0, blankBefore: true },
  gradeBand: { indent: 2 },
  vetoSection: { indent: 0, blankBefore: true },
  rubricVeto: { indent: 2 },
  eligibilitySection: { indent: 0, blankBefore: true },
  eligibilityCondition: { indent: 2 },
  relaxation: { indent: 2 },
  caseBlock: { indent: 0, blankBefore: true },
  note: { indent: 0, blankBefore: true },
};

function collectLineStarts(node: CstNode, out: Map<number, { indent: number; blankBefore: boolean }>): void {
  const spec = LINE_STARTS[node.name];
  if (spec) {
    const at = firstOffset(node);
    if (Number.isFinite(at) && !out.has(at)) out.set(at, { indent: spec.indent, blankBefore: spec.blankBefore ?? false });
  }
  if (node.name === "caseBlock") {
    for (const key of ["Inputs", "Expect"]) {
      const t = (node.children[key] as IToken[] | undefined)?.[0];
      if (t) out.set(t.startOffset, { indent: 2, blankBefore: false });
    }
  }
  for (const list of Object.values(node.children)) for (const c of list as Child[]) if (!isToken(c)) collectLineStarts(c, out);
}

export interface FormatResult {
  text: string;
  /** Syntax errors: when present, `text` is the input unchanged. */
  diagnostics: Diagnostic[];
  changed: boolean;
}

/** Formats a rubric file canonically; idempotent; keeps every token and comment. */
export function format(source: string): FormatResult {
  const parsed = parse(source);
  const syntax = parsed.diagnostics.filter((d) => d.code.startsWith("ZS1"));
  if (syntax.length > 0) return { text: source, diagnostics: syntax, changed: false };
  const r = parseCst(source);
  const starts = new Map<number, { indent: number; blankBefore: boolean }>();
  collectLineStarts(r.cst, starts);
  const all = [...r.tokens, ...r.comments].sort((a, b) => a.startOffset - b.startOffset);

  // the first token after each position that is not a comment (one pass from the end)
  const nextCode: (IToken | undefined)[] = new Array(all.length + 1);
  for (let i = all.length - 1; i >= 0; i--) nextCode[i] = all[i]!.tokenType.name === "Comment" ? nextCode[i + 1] : all[i];
  let out = "";
  let prev: IToken | undefined;
  let currentIndent = 0;
  const lines: string[] = [];
  let line = "";
  const flush = () => {
    lines.push(line.trimEnd());
    line = "";
  };
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    const gap = prev ? source.slice(prev.endOffset! + 1, t.startOffset) : "";
    const isComment = t.tokenType.name === "Comment";
    const start = starts.get(t.startOffset);
    if (!prev) {
      if (start) currentIndent = start.indent;
      line = " ".repeat(isComment ? 0 : currentIndent) + t.image;
    } else if (isComment) {
      if (LINE_BREAK.test(gap)) {
        // a comment on its own line: keep blank lines before it (at most one), indent like the next line
        flush();
        if (BLANK_LINE.test(gap)) lines.push("");
        const next = nextCode[i + 1];
        const indent = next ? (starts.get(next.startOffset)?.indent ?? currentIndent) : 0;
        line = " ".repeat(indent) + t.image;
      } else line += " " + t.image;
    } else if (start) {
      flush();
      const prevWasCommentLine = prev.tokenType.name === "Comment" && lines.length > 0;
      if (start.blankBefore && lines.length > 0 && lines[lines.length - 1] !== "" && !(prevWasCommentLine && !BLANK_LINE.test(gap))) lines.push("");
      else if (!start.blankBefore && BLANK_LINE.test(gap) && lines[lines.length - 1] !== "") lines.push("");
      currentIndent = start.indent;
      line = " ".repeat(currentIndent) + t.image;
    } else if (prev.tokenType.name === "Comment") {
      flush();
      line = " ".repeat(currentIndent + 2) + t.image;
    } else {
      line += (gap.length > 0 ? " " : "") + t.image;
    }
    prev = t;
  }
  if (line.length > 0) flush();
  // blank line before a comment that introduces a section is kept from the source only
  // the file's own line ending is kept (CRLF files stay CRLF)
  const eol = /\r\n/.test(source) ? "\r\n" : /\r/.test(source) ? "\r" : "\n";
  out = lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  if (eol !== "\n") out = out.replace(/\n/g, eol);
  return { text: out, diagnostics: [], changed: out !== source };
}
