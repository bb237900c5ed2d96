/** Walks over the names a piece of AST mentions (one place for the binder and the language service). */
import type { Predicate, Name } from "./ast.ts";

/** The names a condition refers to: inputs, score items and the kinds of platform of its overrides. */
export function predicateNames(p: Predicate): Name[] {
  switch (p.kind) {
    case "compare":
      return [p.subject, ...p.overrides.map((o) => o.when)];
    case "total":
      return [];
    case "flags":
    case "quantified":
      return p.subjects;
    case "is":
      return [p.subject];
    case "and":
    case "or":
      return p.operands.flatMap(predicateNames);
  }
}
