/**
 * The pipeline: source → tokens → CST → AST → checked Rubric, with every diagnostic collected.
 * Never throws for user input.
 */
import { parseCst } from "@zhunsheng/grammar";
import type { FileAst, Range } from "./ast.ts";
import { bindRubric } from "./binder/from-ast.ts";
import { checkSemantics, compileForChecks } from "./checker/semantic.ts";
import type { Scorer } from "./evaluator/scorer.ts";
import { diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics.ts";
import type { Rubric } from "./model.ts";
import { astFromCst, tokenRange } from "./parser/from-cst.ts";

export interface ParsedFile {
  ast: FileAst;
  diagnostics: Diagnostic[];
}

export interface Analysis {
  ast: FileAst;
  /** Undefined only when the file is too broken to bind at all. */
  rubric: Rubric | undefined;
  diagnostics: Diagnostic[];
  /**
   * The compiled rubric the semantic checks ran on, present when binding had no errors:
   * callers score with it instead of compiling the same model again on every keystroke.
   */
  scorer?: Scorer;
}

function pointRange(offset: number, line: number, column: number, length: number): Range {
  return { start: { offset, line, column }, end: { offset: offset + length, line, column: column + length } };
}

/** Source → AST with syntax diagnostics (several per pass thanks to recovery). */
export function parse(text: string): ParsedFile {
  const r = parseCst(text);
  const diagnostics: Diagnostic[] = [];
  for (const e of r.lexErrors) {
    diagnostics.push(diagnostic("ZS1002", pointRange(e.offset, e.line, e.column, e.length), [text.substr(e.offset, e.length)]));
  }
  for (const e of r.syntaxErrors) {
    const t = e.token;
    const range = Number.isNaN(t.startOffset) || t.tokenType.name === "EOF"
      ? pointRange(text.length, text.split("\n").length, (text.split("\n").pop()?.length ?? 0) + 1, 0)
      : tokenRange(t);
    diagnostics.push(diagnostic("ZS1001", range, [e.message]));
  }
  return { ast: astFromCst(r.cst, text.length), diagnostics };
}

/** Parses, binds and checks a rubric file. */
export function analyze(text: string, fileName = "未命名.zs"): Analysis {
  const parsed = parse(text);
  const bound = bindRubric(parsed.ast, text, fileName);
  const diagnostics = [...parsed.diagnostics, ...bound.diagnostics];
  // semantic checks evaluate the rubric: only on a model without binding errors
  if (bound.diagnostics.some((d) => d.severity === "error")) return { ast: parsed.ast, rubric: bound.rubric, diagnostics: sortDiagnostics(diagnostics) };
  const scorer = compileForChecks(bound.rubric);
  diagnostics.push(...checkSemantics(bound.rubric, scorer));
  return { ast: parsed.ast, rubric: bound.rubric, diagnostics: sortDiagnostics(diagnostics), scorer };
}
