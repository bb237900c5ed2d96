/**
 * The bound, checked model of a rubric: names resolved, step deductions joined to their
 * thresholds, defaults applied. Numbers stay exact decimal strings; `compile` scales them.
 */
import type { Operator } from "@zhunsheng/grammar";
import type { Expr, FileAst, InputTypeName, PanelRule, Range, Reading } from "./ast.ts";

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
  /** Values of a 取值 / 清单 input, highest first. */
  values: string[];
  /** 评分 by several experts: how their scores combine. */
  panel: PanelRule | undefined;
  /** The count of one value's items in a 清单 input (derived by the reader from the list's cell). */
  item: { list: string; value: string } | undefined;
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
  /** 国家级得10分；省级得6分；其他得3分 — bands by the value of a 取值 input (`all` its values, highest first). */
  | { kind: "levels"; all: string[]; bands: { values: string[]; points: string; range: Range }[]; otherwise: string | undefined; range: Range }
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

/** What a score condition compares: the total, or the score of a 类别, a 大类 or an 指标 as counted in the total. */
export type ScoreTarget =
  | { kind: "total" }
  | { kind: "category"; name: string }
  | { kind: "group"; name: string; categories: string[] }
  | { kind: "indicator"; path: string; name: string };

/**
 * A condition of 认定条件, 否决, 若…则 or a grade band. `compare` may carry overrides: for
 * platforms of one kind another interval applies (「服务人次 不少于1000人次（培训类平台 不少于500人次）」).
 */
/**
 * How an indicator's sentences combine. Most groups hold one sentence (summed with the others);
 * 「…或…，取其高者」 and a band met by either of two inputs make a group scored by its highest
 * (or lowest) sentence; 选项（1） groups count only for the platforms that chose that option.
 */
export interface RuleGroup {
  combine: "sum" | "max" | "min";
  rules: Rule[];
  /** 最多N分 over the whole group. */
  atMost: string | undefined;
  /** 选项（1）: the option the group belongs to. */
  option: string | undefined;
  /** 「取其高者」「取其低者」「取最高一项」 as written, for explanations; undefined for a plain sentence. */
  text: string | undefined;
  range: Range;
}

export type Condition =
  | { kind: "compare"; input: Input; interval: Interval; overrides: Override[]; range: Range }
  /** yes/no inputs: true when any is 是 */
  | { kind: "flags"; inputs: Input[]; range: Range }
  | { kind: "score"; target: ScoreTarget; label: string; interval: Interval; range: Range }
  /** 平台级别 为 国家级、省级 (a 取值 input) */
  | { kind: "is"; input: Input; values: string[]; range: Range }
  | { kind: "all" | "any"; conditions: Condition[]; range: Range };

/** For the platforms `when` holds for, `interval` replaces the condition's own. */
export interface Override {
  when: Condition;
  interval: Interval;
  range: Range;
}

export interface Indicator {
  name: string;
  /** 类别/指标 */
  path: string;
  category: string;
  bonus: boolean;
  /** In a 扣分项: its score is a deduction (0 or less), down to minus its points when written. */
  deduction: boolean;
  /** Maximum points of the indicator on its own scale (points, or 满分 of a weighted indicator). */
  max: string | undefined;
  points: string | undefined;
  weight: string | undefined;
  pending: boolean;
  /** Every sentence, in order (those of every group). */
  rules: Rule[];
  /** How the sentences combine; every rule is in exactly one group. */
  groups: RuleGroup[];
  /** 选项（1）、（2）: the options the platform chooses from (data fills the inputs of one). */
  options: string[];
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
  kind: "category" | "bonus" | "deduction";
  /** The 大类 it belongs to (three-level rubrics). */
  group: string | undefined;
  points: string | undefined;
  weight: string | undefined;
  pending: boolean;
  /** Cap of a bonus group (不超过15分), or the most a 扣分项 takes off (最多扣10分). */
  cap: string | undefined;
  indicators: Indicator[];
  range: Range;
}

export interface GradeBand {
  label: string;
  interval: Interval;
  /** 70分以上，其中 服务能力 不低于25分：合格 — further conditions of the band. */
  also: Condition | undefined;
  range: Range;
}

export interface Veto {
  condition: Condition;
  label: string;
  range: Range;
}

export interface EligibilityRule {
  label: string | undefined;
  /** With 或（二）… lines: an `any` of this condition and its alternatives. */
  condition: Condition;
  range: Range;
}

export interface Relaxation {
  label: string | undefined;
  /** When it holds (a yes/no input or any condition), the listed conditions may be relaxed. */
  condition: Condition;
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
  /** 不符合认定条件的，不予评定等级 */
  gradeNeedsEligibility: boolean;
  vetoes: Veto[];
  eligibility: { rules: EligibilityRule[]; relaxations: Relaxation[] } | undefined;
  /** Decimals kept by division and linear interpolation (精度). */
  precision: number;
  draft: boolean;
  notes: string[];
  ast: FileAst;
}
