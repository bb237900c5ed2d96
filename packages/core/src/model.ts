/**
 * The bound, checked model of a rubric: names resolved, step deductions joined to their
 * thresholds, defaults applied. Numbers stay exact decimal strings; `compile` scales them.
 */
import type { Operator } from "@zhunsheng/grammar";
import type { Expr, FileAst, InputTypeName, Range, Reading } from "./ast.ts";

export interface Input {
  name: string;
  kind: "input" | "derived" | "evidence";
  type: InputTypeName;
  unit: string | undefined;
  /** Inclusive bounds; undefined = unbounded on that side. */
  min: string | undefined;
  max: string | undefined;
  direction: "up" | "down" | undefined;
  /** 参照: informs judgement, not scored. */
  reference: boolean;
  description: string | undefined;
  expression: Expr | undefined;
  range: Range;
}

/** An interval end: the value and whether it belongs to the interval. */
export interface Bound {
  value: string;
  closed: boolean;
}

export interface Interval {
  lo: Bound | undefined;
  hi: Bound | undefined;
  /** The words as written (for explanations): 「达到60%不足70%」. */
  text: string;
}

export type Part =
  /** 「得」 bands: the highest satisfied band counts. */
  | { kind: "tiers"; tiers: { interval: Interval; points: string; range: Range }[]; range: Range }
  /** 「加」 with a condition: added when the condition holds. */
  | { kind: "add"; interval: Interval; points: string; range: Range }
  /** 得N分 / 加N分 on a yes/no input. */
  | { kind: "flag"; points: string; range: Range }
  /** 达T得F分，每少S减P分 */
  | {
      kind: "stepDeduction";
      threshold: Bound;
      thresholdText: string;
      full: string;
      step: string;
      per: string;
      reading: Reading;
      readingExplicit: boolean;
      unit: string | undefined;
      range: Range;
    }
  /** 达到A后每增加S加P分 */
  | { kind: "increments"; from: Bound; fromOp: Operator; fromText: string; step: string; points: string; reading: Reading; unit: string | undefined; range: Range }
  /** 每项加3分 */
  | { kind: "perItem"; per: string; points: string; unit: string | undefined; range: Range }
  /** 每1次减1分 */
  | { kind: "countDeduction"; per: string; points: string; unit: string | undefined; range: Range }
  | { kind: "expert"; range: Range }
  | { kind: "discretionary"; range: Range }
  /** 基准B，满分F，其间按线性计 / 其间得N分 */
  | { kind: "baseline"; base: string; full: string; between: "linear" | string; unit: string | undefined; range: Range };

export interface Rule {
  /** The input scored; for 选其一 the alternatives (exactly one must be filled in). */
  subjects: Input[];
  chooseOne: boolean;
  parts: Part[];
  /** 最多N分 */
  atMost: string | undefined;
  /** （需提供 X）: this sentence counts only when these yes/no inputs are 是. */
  requires: Input[];
  range: Range;
}

export type Condition =
  | { kind: "compare"; input: Input; interval: Interval; range: Range }
  | { kind: "flags"; inputs: Input[]; range: Range };

export interface Indicator {
  name: string;
  /** 类别/指标 */
  path: string;
  category: string;
  bonus: boolean;
  /** Maximum points of the indicator on its own scale (points, or 满分 of a weighted indicator). */
  max: string | undefined;
  points: string | undefined;
  weight: string | undefined;
  pending: boolean;
  rules: Rule[];
  vetoes: { condition: Condition; range: Range }[];
  /** 直到满分N为止 */
  cap: string | undefined;
  /** Deduction-only indicators start from their maximum. */
  startsFull: boolean;
  requires: Input[];
  description: string | undefined;
  descriptionRange: Range | undefined;
  concept: string | undefined;
  range: Range;
}

export interface Category {
  name: string;
  kind: "category" | "bonus";
  /** The 大类 it belongs to (three-level rubrics). */
  group: string | undefined;
  points: string | undefined;
  weight: string | undefined;
  pending: boolean;
  /** Cap of a bonus group. */
  cap: string | undefined;
  indicators: Indicator[];
  range: Range;
}

export interface GradeBand {
  label: string;
  interval: Interval;
  range: Range;
}

export interface Veto {
  condition: Condition;
  label: string;
  range: Range;
}

export interface EligibilityRule {
  label: string | undefined;
  condition: Condition;
  range: Range;
}

export interface Relaxation {
  label: string | undefined;
  flag: Input;
  relaxed: string[];
  range: Range;
}

export interface RubricHeader {
  title: string;
  region: string | undefined;
  year: string | undefined;
  platformType: string | undefined;
  period: string | undefined;
  source: string | undefined;
  status: string | undefined;
}

export interface Rubric {
  fileName: string;
  header: RubricHeader;
  inputs: Input[];
  inputByName: ReadonlyMap<string, Input>;
  categories: Category[];
  /** 大类: groups of categories in a three-level rubric. */
  groups: { name: string; points: string | undefined; weight: string | undefined; categories: string[]; range: Range }[];
  indicators: Indicator[];
  /** Whether scores are weighted (total = Σ weight × score). */
  weighted: boolean;
  /** 满分 of the base part (without bonus). */
  fullMarks: string;
  /** Highest possible total: base plus every bonus cap. */
  maxTotal: string;
  grades: GradeBand[];
  gradeKind: "等级" | "星级";
  vetoes: Veto[];
  eligibility: { rules: EligibilityRule[]; relaxations: Relaxation[] } | undefined;
  /** Decimals kept by division and linear interpolation (精度). */
  precision: number;
  draft: boolean;
  notes: string[];
  ast: FileAst;
}
