/**
 * Where each name of the file is declared and used, read from the AST: the basis of
 * semantic highlighting, go to definition, find references and rename.
 */
import type { CaseAst, FileAst, Name, Predicate, Expr } from "@zhunsheng/core";

export type NameKind = "input" | "indicator" | "category";

export interface NameOccurrence {
  kind: NameKind;
  name: string;
  range: Name["range"];
  declaration: boolean;
}

function predicateNames(p: Predicate, out: Name[]): void {
  if (p.kind === "compare") out.push(p.subject);
  else out.push(...p.subjects);
}

function exprNames(e: Expr, out: Name[]): void {
  switch (e.kind) {
    case "number":
      return;
    case "ref":
      out.push(e.name);
      return;
    case "neg":
      exprNames(e.operand, out);
      return;
    case "binary":
      exprNames(e.left, out);
      exprNames(e.right, out);
      return;
  }
}

function caseTargets(c: CaseAst, out: Name[]): void {
  for (const e of c.expectations) if (e.kind === "item") out.push(e.target);
}

/** Every declaration and use of an input, indicator or category, in source order. */
export function nameOccurrences(ast: FileAst): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  const inputNames = new Set(ast.inputs.map((i) => i.name.text));
  const push = (kind: NameKind, n: Name, declaration: boolean) => out.push({ kind, name: n.text, range: n.range, declaration });
  const inputRefs: Name[] = [];
  for (const i of ast.inputs) {
    push("input", i.name, true);
    if (i.expression) exprNames(i.expression, inputRefs);
  }
  for (const c of ast.categories) {
    push("category", c.name, true);
    for (const ind of c.indicators) {
      push("indicator", ind.name, true);
      inputRefs.push(...ind.requires);
      for (const r of ind.rules) inputRefs.push(...r.subjects);
      for (const v of ind.vetoes) predicateNames(v.predicate, inputRefs);
    }
  }
  for (const v of ast.vetoes) predicateNames(v.predicate, inputRefs);
  if (ast.eligibility) {
    for (const c of ast.eligibility.conditions) predicateNames(c.predicate, inputRefs);
    for (const r of ast.eligibility.relaxations) inputRefs.push(r.flag);
  }
  const targets: Name[] = [];
  for (const c of ast.cases) {
    inputRefs.push(...c.inputs.map((i) => i.name));
    caseTargets(c, targets);
  }
  for (const n of inputRefs) push("input", n, false);
  const categoryNames = new Set(ast.categories.map((c) => c.name.text));
  for (const t of targets) {
    if (inputNames.has(t.text)) continue;
    push(categoryNames.has(t.text) ? "category" : "indicator", t, false);
  }
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** The occurrence whose range contains `offset` (end inclusive). */
export function occurrenceAt(occurrences: readonly NameOccurrence[], offset: number): NameOccurrence | undefined {
  return occurrences.find((o) => o.range.start.offset <= offset && offset <= o.range.end.offset);
}
