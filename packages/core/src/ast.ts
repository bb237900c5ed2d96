/**
 * The syntax tree of a rubric file: what was written, with source ranges.
 * Numbers are kept as exact decimal strings; comparatives as operators, never as words.
 */
import type { Operator } from "@zhunsheng/grammar";

export interface Pos {
  /** 0-based character offset. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** A source range; `end` is exclusive. */
export interface Range {
  start: Pos;
  end: Pos;
}

export interface Name {
  text: string;
  range: Range;
}

export interface Text {
  text: string;
  range: Range;
}

/** A number as written, normalised to a half-width decimal string ("1500", "-0.5"), with its unit. */
export interface Quantity {
  value: string;
  unit: string | undefined;
  range: Range;
}

export interface Comparison {
  op: Operator;
  /** The word as written, kept for hover and messages only. */
  word: string;
  value: Quantity;
  range: Range;
}

export type Condition =
  | { kind: "compare"; comparisons: Comparison[]; range: Range }
  | { kind: "between"; low: Quantity; high: Quantity; range: Range };

export type Reading = "floor" | "ceil" | "proRata";

export type Clause =
  | { kind: "award"; verb: "get" | "add"; condition: Condition | undefined; points: Quantity; range: Range }
  | { kind: "increments"; from: Comparison; step: Quantity; points: Quantity; range: Range }
  | { kind: "stepLess"; step: Quantity; points: Quantity; range: Range }
  | { kind: "each"; verb: "add" | "deduct"; per: Quantity; points: Quantity; range: Range }
  | { kind: "expert"; range: Range }
  | { kind: "discretionary"; range: Range }
  | { kind: "baseline"; base: Quantity; full: Quantity; between: "linear" | Quantity; range: Range }
  | { kind: "atMost"; points: Quantity; range: Range }
  | { kind: "reading"; reading: Reading; range: Range }
  | { kind: "requires"; names: Name[]; range: Range };

export interface RuleAst {
  subjects: Name[];
  chooseOne: boolean;
  clauses: Clause[];
  range: Range;
}

export type Predicate =
  | { kind: "compare"; subject: Name; condition: Condition; range: Range }
  | { kind: "flags"; subjects: Name[]; range: Range };

export interface IndicatorAst {
  name: Name;
  points: Quantity | undefined;
  weight: Quantity | undefined;
  pending: boolean;
  scale: Quantity | undefined;
  description: Text | undefined;
  concept: Text | undefined;
  requires: Name[];
  rules: RuleAst[];
  vetoes: { predicate: Predicate; points: Quantity; range: Range }[];
  cap: Quantity | undefined;
  range: Range;
}

export interface CategoryAst {
  kind: "category" | "bonus";
  name: Name;
  /** The 大类 it belongs to, in a three-level rubric. */
  group: string | undefined;
  points: Quantity | undefined;
  weight: Quantity | undefined;
  pending: boolean;
  /** 加分项 cap: （不超过15分） */
  cap: Quantity | undefined;
  indicators: IndicatorAst[];
  range: Range;
}

export type InputTypeName = "number" | "count" | "percent" | "money" | "yesno" | "score" | "text";

export interface InputAst {
  kind: "input" | "derived" | "evidence";
  name: Name;
  type: InputTypeName | undefined;
  unit: Name | undefined;
  low: Quantity | undefined;
  high: Quantity | undefined;
  direction: "up" | "down" | undefined;
  /** 参照: a field that informs judgement but is not scored. */
  reference: boolean;
  description: Text | undefined;
  expression: Expr | undefined;
  range: Range;
}

export type Expr =
  | { kind: "number"; value: string; range: Range }
  | { kind: "ref"; name: Name; range: Range }
  | { kind: "neg"; operand: Expr; range: Range }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr; range: Range };

export interface GradeBandAst {
  condition: Condition;
  label: Name;
  range: Range;
}

export interface VetoAst {
  predicate: Predicate;
  label: Name;
  range: Range;
}

export interface EligibilityConditionAst {
  label: Name | undefined;
  predicate: Predicate;
  range: Range;
}

export interface RelaxationAst {
  label: Name | undefined;
  flag: Name;
  relaxed: Name[];
  range: Range;
}

export interface CaseAst {
  name: Name;
  inputs: { name: Name; value: Quantity | boolean | Text; range: Range }[];
  expectations: (
    | { kind: "total"; value: Quantity; range: Range }
    | { kind: "grade"; label: Name; range: Range }
    | { kind: "eligible"; value: boolean; range: Range }
    | { kind: "item"; target: Name; value: Quantity; range: Range }
  )[];
  range: Range;
}

export type HeaderKey = "region" | "year" | "platformType" | "period" | "source" | "status" | "precision" | "fullMarks";

export interface FileAst {
  title: Name | undefined;
  header: Partial<Record<Exclude<HeaderKey, "fullMarks">, Text>> & { fullMarks?: Quantity | undefined };
  headerRanges: Partial<Record<HeaderKey, Range>>;
  inputs: InputAst[];
  categories: CategoryAst[];
  groups: { name: Name; points: Quantity | undefined; weight: Quantity | undefined; categories: string[]; range: Range }[];
  grades: GradeBandAst[];
  gradesKeyword: string | undefined;
  vetoes: VetoAst[];
  eligibility: { conditions: EligibilityConditionAst[]; relaxations: RelaxationAst[]; range: Range } | undefined;
  cases: CaseAst[];
  notes: Text[];
  range: Range;
}
