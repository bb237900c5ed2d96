/**
 * The pipeline: source → tokens → CST → AST → checked Rubric, with every diagnostic collected.
 * Never throws for user input.
 */
import { parseCst } from "@zhunsheng/grammar";
import type { FileAst, Range } from "./ast.ts";
import { bindRubric } from "./binder/from-ast.ts";
import { checkSemantics } from "./checker/semantic.ts";
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
  if (!bound.diagnostics.some((d) => d.severity === "error")) diagnostics.push(...checkSemantics(bound.rubric));
  return { ast: parsed.ast, rubric: bound.rubric, diagnostics: sortDiagnostics(diagnostics) };
}
