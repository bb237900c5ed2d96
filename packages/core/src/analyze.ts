/**
 * The pipeline: source → tokens → CST → AST → checked Rubric, with every diagnostic collected,
 * and the one Analysis every front end asks — the CLI, the workbench's worker, the language
 * service and publish read its answers instead of deciding the same things again.
 * Never throws for user input.
 */
import { parseCst, type IToken } from "@zhunsheng/grammar";
import type { FileAst, Range } from "./ast.ts";
import { bindRubric } from "./binder/from-ast.ts";
import type { NameOccurrence } from "./binder/names.ts";
import { checkIndicatorsOnly, checkSemantics, compileForChecks } from "./checker/semantic.ts";
import { platformNameOf } from "./evaluator/read.ts";
import type { Scorer } from "./evaluator/scorer.ts";
import { diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics.ts";
import type { Indicator, Rubric } from "./model.ts";
import { addSection, buildAst, finishAst, MAX_EXPRESSION_TERMS, startAst, tokenRange } from "./parser/from-cst.ts";
import { SyntaxHints } from "./parser/pasted-hints.ts";

/** The lexer's tokens and comments of a text, each list in source order. */
export interface Lexed {
  tokens: readonly IToken[];
  comments: readonly IToken[];
}

export interface ParsedFile {
  ast: FileAst;
  diagnostics: Diagnostic[];
  lexed: Lexed;
  /** Names written with blanks inside (「服务企业 家次」), said once as syntax errors: where, and the name without them. */
  spacedNames: readonly { range: Range; name: string }[];
}

/**
 * Whether platforms can be scored with this rubric, and why not — the one decision. A rubric
 * scores when it has no error other than a failing 用例 (ZS4xxx): a sum that does not add up,
 * an overlap of grades or an unknown 精度 make every total doubtful, so no front end shows one.
 */
export type Scoring = { scorable: true; scorer: Scorer } | { scorable: false; reason: string; blocking: Diagnostic[] };

export interface Analysis {
  ast: FileAst;
  /** The text's tokens and comments as the parser read them: editors colour and point at these (no second lexing). */
  lexed: Lexed;
  /** Undefined only when the file is too broken to bind at all. */
  rubric: Rubric | undefined;
  diagnostics: Diagnostic[];
  /** Every declaration and use of a name, sorted by position (the binder's table; see `occurrenceAt`). */
  names: readonly NameOccurrence[];
  /** Whether data can be scored, with the scorer or the reason: every batch path asks this. */
  scoring: Scoring;
  /**
   * The compiled rubric the semantic checks ran on, present when binding had no errors — for
   * language features (hover, the curve) on a rubric that may not be scorable yet. Scoring data
   * goes through `scoring`.
   */
  scorer?: Scorer;
  /** The platform's name in a record (名称 / 平台名称 …): the one rule every front end uses. */
  platformName(record: Readonly<Record<string, unknown>>): string | undefined;
}

function pointRange(offset: number, line: number, column: number, length: number): Range {
  return { start: { offset, line, column }, end: { offset: offset + length, line, column: column + length } };
}

/** Where the text ends, as a position (CR, CRLF and LF end lines alike). */
function endOfText(text: string): Range {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return pointRange(text.length, line, text.length - lineStart + 1, 0);
}

/** Characters that show as nothing, so 「无法识别的字符「」」 would name nothing the officer can see. */
const INVISIBLE_NAMES: Record<string, string> = {
  "\u200b": "零宽空格",
  "\u200c": "零宽不连字",
  "\u200d": "零宽连字",
  "\u200e": "从左到右标记",
  "\u200f": "从右到左标记",
  "\u2060": "零宽不换行空格",
  "\ufeff": "字节顺序标记（BOM）",
  "\u00ad": "软连字符",
};

/** Removes the diagnostics with `code` that start inside one of `ranges`. */
function dropInside(diagnostics: Diagnostic[], code: string, ranges: readonly Range[]): void {
  const inside = (d: Diagnostic) => d.code === code && ranges.some((r) => d.range.start.offset >= r.start.offset && d.range.start.offset < r.end.offset);
  for (let i = diagnostics.length - 1; i >= 0; i--) if (inside(diagnostics[i]!)) diagnostics.splice(i, 1);
}

/** Source → AST with syntax diagnostics (several per pass thanks to recovery). */
export function parse(text: string): ParsedFile {
  // each section the parser hands on becomes AST at once, so its CST dies young (see parseCst)
  const build = startAst(text.length);
  const r = parseCst(text, (section) => addSection(build, section));
  const diagnostics: Diagnostic[] = [];
  for (const e of r.lexErrors) {
    const range = pointRange(e.offset, e.line, e.column, e.length);
    const invisible = e.kind === "character" ? INVISIBLE_NAMES[e.text[0]!] : undefined;
    if (invisible) {
      const what = `U+${e.text.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} ${invisible}`;
      diagnostics.push(diagnostic("ZS1006", range, [what], { title: "删除看不见的字符", edits: [{ range, newText: "" }] }));
      continue;
    }
    if (e.kind === "otherQuotes") {
      // read as 「…」 would be (the name binds and the rest of the file reads as meant); the marks are the one error
      const corner = `「${e.text.slice(1, -1)}」`;
      const open = pointRange(e.offset, e.line, e.column, 1);
      const close = pointRange(e.offset + e.length - 1, e.line, e.column + e.length - 1, 1);
      diagnostics.push(diagnostic("ZS1007", range, [e.text, corner], { title: `改用「」括起：${corner}`, edits: [{ range: open, newText: "「" }, { range: close, newText: "」" }] }));
      continue;
    }
    const code = e.kind === "unclosedQuote" ? "ZS1004" : e.kind === "unopenedQuote" ? "ZS1005" : "ZS1002";
    diagnostics.push(diagnostic(code, range, [e.text]));
  }
  let end: Range | undefined;
  const errorOffsets: number[] = [];
  const hints = new SyntaxHints(text, r.lexedTokens);
  const hintedLines = new Set<number>();
  const spacedNames: { range: Range; name: string }[] = [];
  const hintRanges: Range[] = [];
  for (const e of r.syntaxErrors) {
    const t = e.token;
    const atEnd = Number.isNaN(t.startOffset) || t.tokenType.name === "EOF";
    const range = atEnd ? (end ??= endOfText(text)) : tokenRange(t);
    if (!atEnd) errorOffsets.push(t.startOffset);
    const hint = atEnd ? undefined : hints.at(t, e.message);
    if (hint) {
      // the errors after it on its line follow from what the hint names (「服务企业 家次」 makes three)
      if (hintedLines.has(t.startLine ?? 0)) continue;
      hintedLines.add(t.startLine ?? 0);
      const d = diagnostic("ZS1001", hint.range, [hint.text], hint.fix);
      if (hint.otherFixes) d.otherFixes = hint.otherFixes;
      if (hint.joinedName) spacedNames.push({ range: hint.range, name: hint.joinedName });
      hintRanges.push(hint.range);
      diagnostics.push(d);
      continue;
    }
    if (hintedLines.has(t.startLine ?? 0)) continue;
    diagnostics.push(diagnostic("ZS1001", range, [e.message]));
  }
  for (const e of r.lexErrors) if (e.kind !== "otherQuotes") errorOffsets.push(e.offset);
  // 「1.」: the list number's 「.」 is no character of ours, and the hint over the number already says so
  if (hintRanges.length > 0) dropInside(diagnostics, "ZS1002", hintRanges);
  for (const u of r.unknownUnits) diagnostics.push(diagnostic("ZS2005", tokenRange(u), [u.image]));
  const built = r.reparsed ? buildAst(r.cst, text.length, errorOffsets) : finishAst(build, r.cst, errorOffsets);
  for (const p of built.problems) diagnostics.push(diagnostic("ZS1003", p.range, [p.terms, MAX_EXPRESSION_TERMS]));
  return { ast: built.ast, diagnostics, lexed: { tokens: r.lexedTokens, comments: r.comments }, spacedNames };
}

/**
 * The binder's complaints that a name split by a blank causes (「服务企业」 declared without a type,
 * 「服务企业家次」 undeclared everywhere it is used), left out: the syntax error at the blank says it once.
 */
function withoutSpacedNames(diagnostics: readonly Diagnostic[], spaced: ParsedFile["spacedNames"]): readonly Diagnostic[] {
  if (spaced.length === 0) return diagnostics;
  const follows = (d: Diagnostic) =>
    spaced.some((s) => (d.range.start.offset >= s.range.start.offset && d.range.start.offset < s.range.end.offset) || (d.code === "ZS2001" && d.message.startsWith(`未声明的输入「${s.name}」`)));
  return diagnostics.filter((d) => !follows(d));
}

/** Why a rubric with these diagnostics cannot be scored, or undefined when it can. */
function blockingOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error" && !d.code.startsWith("ZS4"));
}

function notScorable(blocking: Diagnostic[]): Scoring {
  const first = blocking[0];
  const where = first ? `（第${first.range.start.line}行：${first.message}${blocking.length > 1 ? " 等" : ""}）` : "";
  return { scorable: false, reason: `评价体系有${blocking.length}个错误，无法评分${where}`, blocking };
}

/**
 * With errors in the file, the checks of each indicator that has none (sentences over the points,
 * bands that cannot reach 0 or the points, direction) still run, on the model restricted to those
 * indicators: an officer drafting one place keeps the warnings of the others. Checks of the whole
 * (category sums, grades, cases) wait until the file has no errors.
 */
function indicatorChecksAround(rubric: Rubric | undefined, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (!rubric) return [];
  const errors = diagnostics.filter((d) => d.severity === "error");
  const clean = (ind: Indicator) => !errors.some((e) => e.range.start.offset >= ind.range.start.offset && e.range.start.offset <= ind.range.end.offset);
  const keep = new Set(rubric.indicators.filter(clean));
  if (keep.size === 0) return [];
  const categories = rubric.categories.map((c) => ({ ...c, indicators: c.indicators.filter((i) => keep.has(i)) }));
  const partial: Rubric = { ...rubric, categories, indicators: [...keep], grades: [], vetoes: [], eligibility: undefined };
  try {
    return checkIndicatorsOnly(partial, compileForChecks(partial));
  } catch {
    // a model cut short by errors that the compiler cannot take: the whole-file checks come back with the fix
    return [];
  }
}

/** Parses, binds and checks a rubric file. */
export function analyze(text: string, fileName = "未命名.zs"): Analysis {
  const parsed = parse(text);
  const bound = bindRubric(parsed.ast, text, fileName);
  const diagnostics = [...parsed.diagnostics, ...withoutSpacedNames(bound.diagnostics, parsed.spacedNames)];
  const base = { ast: parsed.ast, lexed: parsed.lexed, rubric: bound.rubric, names: bound.names, platformName: platformNameOf };
  // semantic checks evaluate the rubric: only on a model without syntax or binding errors
  if (parsed.diagnostics.some((d) => d.severity === "error") || bound.diagnostics.some((d) => d.severity === "error")) {
    for (const d of indicatorChecksAround(bound.rubric, diagnostics)) diagnostics.push(d);
    const sorted = sortDiagnostics(diagnostics);
    return { ...base, diagnostics: sorted, scoring: notScorable(blockingOf(sorted)) };
  }
  const scorer = compileForChecks(bound.rubric);
  // (one at a time: a large file has more diagnostics than a spread may pass as arguments)
  for (const d of checkSemantics(bound.rubric, scorer)) diagnostics.push(d);
  const sorted = sortDiagnostics(diagnostics);
  const blocking = blockingOf(sorted);
  return { ...base, diagnostics: sorted, scorer, scoring: blocking.length === 0 ? { scorable: true, scorer } : notScorable(blocking) };
}
