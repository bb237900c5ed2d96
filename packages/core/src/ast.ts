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
  /**
   * 75～84分, 3%至5%之间, 25%（含）-30%（不含）: both ends included unless 「（不含）」 says
   * otherwise; `explicit` when either end's reading was written.
   */
  | { kind: "between"; low: Quantity; high: Quantity; lowClosed: boolean; highClosed: boolean; explicit: boolean; range: Range };

export type Reading = "floor" | "ceil" | "proRata";

/** 得 / 加 / 扣 / 不得分 (「none」: the band gives 0 points). */
export type AwardVerb = "get" | "add" | "deduct" | "none";

/** `或 服务收入比重 15%以上`: the same band met by another input. */
export interface AlternativeCondition {
  subject: Name;
  condition: Condition;
}

export type Clause =
  | { kind: "award"; verb: AwardVerb; condition: Condition | undefined; alternatives: AlternativeCondition[]; points: Quantity; range: Range }
  | { kind: "increments"; from: Comparison; step: Quantity; points: Quantity; range: Range }
  /** 在此基础上每增加S加P分: from the threshold of the band before. */
  | { kind: "onBasis"; step: Quantity; points: Quantity; range: Range }
  | { kind: "stepLess"; step: Quantity; points: Quantity; range: Range }
  | { kind: "each"; verb: "add" | "deduct"; per: Quantity; points: Quantity; range: Range }
  /** 国家级得10分 · 其他得3分 · 国家级每项加5分: bands by the value of a 取值 or 清单 input. */
  | { kind: "values"; values: Name[]; otherwise: boolean; verb: AwardVerb; per: Quantity | undefined; points: Quantity; range: Range }
  /** （取最高一项） */
  | { kind: "highestItem"; range: Range }
  | { kind: "expert"; range: Range }
  | { kind: "discretionary"; range: Range }
  | { kind: "baseline"; base: Quantity; full: Quantity; between: "linear" | Quantity; range: Range }
  | { kind: "atMost"; points: Quantity; deduct: boolean; range: Range }
  | { kind: "reading"; reading: Reading; range: Range }
  /** （需提供 X） or （X）: `explicit` when 需提供 was written. */
  | { kind: "requires"; names: Name[]; explicit: boolean; range: Range };

export interface RuleAst {
  subjects: Name[];
  chooseOne: boolean;
  clauses: Clause[];
  /** 选项（1）: the option of the indicator this sentence belongs to. */
  option: Name | undefined;
  range: Range;
}

/** Sentences joined by 或: scored each, combined by 取其高者 (the default) or 取其低者. */
export interface RuleGroupAst {
  combine: "max" | "min";
  /** Whether 取其高者 / 取其低者 was written. */
  explicit: boolean;
  rules: RuleAst[];
  range: Range;
}

/** （培训类平台 不少于500人次）: another threshold for the platforms of one kind. */
export interface OverrideAst {
  when: Name;
  /** 为 县级: the kind is a value of a 取值 input rather than a yes/no input. */
  values: Name[];
  condition: Condition;
  range: Range;
}

export type Predicate =
  /** `名称 低于60%`; `score` when 得分 was written (the name is a category, group or indicator). */
  | { kind: "compare"; subject: Name; score: boolean; condition: Condition; overrides: OverrideAst[]; range: Range }
  /** `总分 70分以上` */
  | { kind: "total"; condition: Condition; range: Range }
  /** yes/no inputs: one, or several joined by 或 (or listed with 、) — true when any is 是 */
  | { kind: "flags"; subjects: Name[]; range: Range }
  /** `甲、乙 均不低于10分` (all) · `甲、乙 任一超过50%` (any) */
  | { kind: "quantified"; quantifier: "all" | "any"; subjects: Name[]; score: boolean; condition: Condition; range: Range }
  /** `平台级别 为 国家级、省级` */
  | { kind: "is"; subject: Name; values: Name[]; range: Range }
  | { kind: "and" | "or"; operands: Predicate[]; range: Range };

export interface IndicatorAst {
  name: Name;
  points: Quantity | undefined;
  weight: Quantity | undefined;
  pending: boolean;
  scale: Quantity | undefined;
  description: Text | undefined;
  concept: Text | undefined;
  requires: Name[];
  /** Every sentence, in order (those of groups and options included). */
  rules: RuleAst[];
  /** Sentences joined by 或 (two or more each). */
  groups: RuleGroupAst[];
  vetoes: { predicate: Predicate; points: Quantity; range: Range }[];
  cap: Quantity | undefined;
  /** A syntax error cut some of its content short. */
  incomplete: boolean;
  range: Range;
}

export interface CategoryAst {
  kind: "category" | "bonus" | "deduction";
  name: Name;
  /** The 大类 it belongs to, in a three-level rubric. */
  group: string | undefined;
  points: Quantity | undefined;
  weight: Quantity | undefined;
  pending: boolean;
  /** 加分项 cap （不超过15分）, 扣分项 cap （最多扣10分） */
  cap: Quantity | undefined;
  indicators: IndicatorAst[];
  /** A syntax error cut some of its content short (its sums are not checked). */
  incomplete: boolean;
  range: Range;
}

export type InputTypeName = "number" | "count" | "percent" | "money" | "yesno" | "score" | "text" | "enum" | "list";

/** How several experts' scores of one item combine. */
export type PanelRule = "mean" | "trimmedMean" | "median";

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
  /** Values of a 取值 / 清单 input, highest first. */
  values: Name[];
  /** 评分 by several experts: how their scores combine. */
  panel: PanelRule | undefined;
  range: Range;
}

export type Expr =
  | { kind: "number"; value: string; range: Range }
  | { kind: "ref"; name: Name; range: Range }
  | { kind: "neg"; operand: Expr; range: Range }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr; range: Range };

export interface GradeBandAst {
  condition: Condition;
  /** 70分以上，其中 服务能力 不低于25分：合格 */
  also: Predicate | undefined;
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
  /** 或（二）…: conditions any of which meets this one. */
  alternatives: { label: Name | undefined; predicate: Predicate; range: Range }[];
  range: Range;
}

export interface RelaxationAst {
  label: Name | undefined;
  /** When it holds (usually a yes/no input), the listed conditions may be relaxed. */
  predicate: Predicate;
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
  /** 不符合认定条件的，不予评定等级 */
  gradeGate: Range | undefined;
  vetoes: VetoAst[];
  eligibility: { conditions: EligibilityConditionAst[]; relaxations: RelaxationAst[]; range: Range } | undefined;
  cases: CaseAst[];
  notes: Text[];
  /** Parts of the file a syntax error cut short: left out of the AST; their names count as used. */
  broken: { range: Range; names: Name[] }[];
  range: Range;
}
