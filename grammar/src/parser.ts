/**
 * The grammar of the 准绳 language: syntax only. Builds a Chevrotain CST with error
 * recovery; `packages/core` turns the CST into the AST. Every syntax error is said in
 * Chinese with an example of a correct sentence (`RULE_HELP`), never with a rule's name.
 */
import { CstParser, EOF, type CstNode, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import { KEYWORDS } from "./keywords.ts";
import {
  allTokens,
  Colon,
  Comma,
  Divide,
  Equals,
  Identifier,
  keywordToken as K,
  LineText,
  LParen,
  Minus,
  NumberLiteral,
  Period,
  Plus,
  QuotedName,
  RParen,
  Semicolon,
  Tilde,
  Times,
  tokenize,
  Unit,
  type LexError,
} from "./lexer.ts";

const HEADER_TEXT_KEYWORDS = ["Region", "Year", "PlatformType", "Period", "Source", "Status", "Precision"] as const;
const INPUT_TYPES = ["TypeCount", "TypeNumber", "TypePercent", "TypeMoney", "TypeYesNo", "TypeScore", "TypeText", "TypeEnum", "TypeList"] as const;

/** Deepest nesting of （…） the parser accepts; deeper input is a diagnostic, never a stack overflow. */
export const MAX_NESTING = 32;

const TOKEN_LABELS: Record<string, string> = {
  Identifier: "名称",
  QuotedName: "「名称」",
  NumberLiteral: "数字",
  Unit: "单位",
  LineText: "文字",
  Colon: "「：」",
  Comma: "「，」",
  Semicolon: "「；」",
  Period: "「。」",
  LParen: "「（」",
  RParen: "「）」",
  Tilde: "「～」",
  Plus: "「+」",
  Minus: "「-」",
  Times: "「×」",
  Divide: "「÷」",
  Equals: "「=」",
  Comparative: "比较词（达到、以上、不足…）",
  EOF: "文件结尾",
};
for (const k of KEYWORDS) TOKEN_LABELS[k.name] ??= `「${k.forms[0]}」`;

/** Chinese label of a token type for syntax messages. */
export function tokenLabel(t: TokenType): string {
  return TOKEN_LABELS[t.name] ?? "记号";
}

/**
 * What each grammar rule is called in messages, and an example of a correct sentence.
 * Every rule of the parser has an entry (a test checks it): no message shows a rule's name.
 */
export const RULE_HELP: Record<string, { label: string; example: string }> = {
  file: { label: "评价体系文件", example: "评价体系 市州综合窗口平台评价指标体系" },
  header: { label: "文件头", example: "评价体系 市州综合窗口平台评价指标体系" },
  headerField: { label: "文件头的一项", example: "地区：湖南省" },
  section: { label: "一段内容（输入、类别、加分项、扣分项、等级、否决、认定条件、用例、注）", example: "类别 平台活跃度（35分）" },
  name: { label: "名称", example: "服务企业家次（含标点的名称写成「服务企业数（家次）」）" },
  quantity: { label: "数字", example: "1500家次" },
  inputsSection: { label: "输入", example: "输入\n  服务企业家次：计数 家次 越多越好" },
  inputType: { label: "输入类型", example: "服务企业家次：计数 家次（类型：计数、数值、百分比、金额、是否、评分、文本、取值、清单）" },
  inputDecl: { label: "输入声明", example: "服务企业家次：计数 家次 越多越好" },
  valueList: { label: "取值列表", example: "平台级别：取值 国家级、省级、市级" },
  panel: { label: "专家评分的合成方式", example: "专家评分：评分 0～20分 去掉一个最高分和一个最低分后取平均" },
  rangeSpec: { label: "取值范围", example: "营业收入增长率：百分比 范围 -100～1000" },
  derivedSection: { label: "派生", example: "派生\n  营业收入增长率：百分比 = （本年营业收入 - 上年营业收入）÷ 上年营业收入 × 100" },
  derivedDecl: { label: "派生输入", example: "营业收入增长率：百分比 = （本年营业收入 - 上年营业收入）÷ 上年营业收入 × 100" },
  expression: { label: "算式", example: "（本年营业收入 - 上年营业收入）÷ 上年营业收入 × 100" },
  term: { label: "算式", example: "专业人员人数 ÷ 从业人数 × 100" },
  factor: { label: "算式中的一项（数字、名称或括号）", example: "专业人员人数 ÷ 从业人数 × 100" },
  evidenceSection: { label: "材料", example: "材料\n  媒体报道材料：「获得权威媒体报道的新闻图片、视频」" },
  evidenceDecl: { label: "材料", example: "媒体报道材料：「获得权威媒体报道的新闻图片、视频」" },
  pointsSpec: { label: "分值", example: "指标 服务企业数 15分（或「权重0.05」「分值待定」）" },
  weightSpec: { label: "权重", example: "权重0.05" },
  scaleSpec: { label: "满分", example: "指标 沟通渠道 权重0.05 满分100" },
  categoryGroup: { label: "大类", example: "大类 服务能力（26分）" },
  category: { label: "类别", example: "类别 平台活跃度（35分）" },
  bonusGroup: { label: "加分项", example: "加分项 资源品牌培育（不超过15分）" },
  deductionGroup: { label: "扣分项", example: "扣分项 安全与诚信（最多扣10分）" },
  groupCap: { label: "上限", example: "（不超过15分）或（最多扣10分）" },
  indicator: { label: "指标", example: "指标 服务企业数 15分" },
  indicatorItem: { label: "指标内容（描述、计分句、需提供、若…则…）", example: "服务企业家次 达1500家次得15分，每少100家次减1分" },
  requires: { label: "需提供", example: "需提供 媒体报道材料、荣誉资质证明" },
  cap: { label: "封顶", example: "直到满分100为止" },
  indicatorVeto: { label: "指标否决", example: "若 企业满意度 低于60% 则本指标为0分" },
  predicate: { label: "条件", example: "总分 70分以上，其中 服务能力 不低于25分" },
  conjunction: { label: "条件", example: "营业收入 1000万元以上 且 研发投入 100万元以上" },
  atom: { label: "条件", example: "企业满意度 低于60%（或：服务绩效、基础条件 均不低于10分）" },
  subject: { label: "条件的对象（输入、总分、类别或指标）", example: "总分 70分以上" },
  override: { label: "另一类平台的门槛", example: "服务人次 不少于1000人次（培训类平台 不少于500人次）" },
  ruleGroup: { label: "计分句", example: "服务收入 300万元以上得10分 或 服务收入比重 15%以上得10分，取其高者" },
  optionItem: { label: "选项", example: "选项（1）研发费用占比 6%（含）以上得50分" },
  rule: { label: "计分句", example: "服务企业家次 达1500家次得15分，每少100家次减1分" },
  ruleSubject: { label: "计分句开头的输入", example: "服务企业家次 达1500家次得15分" },
  separator: { label: "分隔符", example: "；" },
  fullStop: { label: "句号", example: "80分（含）以上：优秀。" },
  bandEnd: { label: "等级之间的标点", example: "60分以下评为不合格；60分（含）以上不足80分评为合格" },
  clause: { label: "计分子句", example: "达1500家次得15分" },
  ruleRequires: { label: "本句的前提", example: "（需提供 荣誉资质证明）" },
  conditionalClause: { label: "条件得分", example: "达1500家次得15分（或：不满1年不得分）" },
  valueClause: { label: "按取值得分", example: "国家级得10分；省级得6分；其他得3分" },
  fromClause: { label: "逐档加分", example: "100家后每增加100家加10分" },
  onBasisClause: { label: "在此基础上加分", example: "达到50个得5分，在此基础上每增加1个加0.1分" },
  increments: { label: "逐档加分", example: "达到70%后每增加10个百分点加10分" },
  stepLessClause: { label: "逐档扣分", example: "每少100家次减1分" },
  eachClause: { label: "逐项计分", example: "每项加3分（或：每满2年得1分、每次扣2分）" },
  award: { label: "得分", example: "得15分（或：加20分、扣6分）" },
  baselineClause: { label: "基准值与满分值", example: "基准200万元，满分1000万元，其间按线性计" },
  atMostClause: { label: "句内上限", example: "最多80分" },
  readingClause: { label: "档位读法", example: "（不足一档不计）" },
  highestItemClause: { label: "取最高一项", example: "（取最高一项）" },
  condition: { label: "比较", example: "达1500家次、50条以上、达到60%不足70%、3%～5%" },
  rangeCondition: { label: "区间", example: "3%～5%、25%（含）-30%（不含）、3%至5%之间" },
  comparison: { label: "比较", example: "达1500家次、50条以上、80分（含）以上" },
  gradesSection: { label: "等级", example: "等级\n  60分以下：不合格" },
  gradeBand: { label: "等级区间", example: "60分（含）以上不足80分：合格" },
  gradeGate: { label: "等级与认定条件", example: "不符合认定条件的，不予评定等级" },
  vetoSection: { label: "否决", example: "否决\n  若 重大损失 则直接视为不合格" },
  rubricVeto: { label: "否决", example: "若 资产总额 低于200万元 则直接视为不合格" },
  eligibilitySection: { label: "认定条件", example: "认定条件\n  条件（一）运营年限 满2年" },
  clauseLabel: { label: "条件编号", example: "（一）" },
  eligibilityCondition: { label: "认定条件", example: "条件（一）运营年限 满2年" },
  eligibilityAlternative: { label: "另一种认定条件", example: "或（二）获得国家级荣誉" },
  relaxation: { label: "放宽", example: "放宽（七）服务业绩突出 可放宽（一）（三）" },
  caseBlock: { label: "用例", example: "用例 典型平台\n  输入 服务企业家次 1200\n  期望 总分 80分" },
  assignment: { label: "用例输入", example: "服务企业家次 1200" },
  value: { label: "用例输入的值", example: "1200、是、否、「国家级」" },
  expectation: { label: "期望", example: "总分 80分、等级 优秀、认定 是、「服务企业数（家次）」12分" },
  note: { label: "注", example: "注：考评期为每年度1月1日-12月31日" },
};

/** Rules too small to name in a message: the enclosing sentence's example is shown instead. */
const SMALL_RULES = new Set(["file", "name", "quantity", "separator", "subject", "clauseLabel", "valueList", "weightSpec"]);
const incomplete = (ruleName: string) => (SMALL_RULES.has(ruleName) ? "" : `${ruleLabel(ruleName)}不完整：`);

const shown = (t: IToken) => (t.tokenType === EOF ? "文件结尾" : `「${t.image.length > 12 ? `${t.image.slice(0, 12)}…` : t.image}」`);
const ruleLabel = (ruleName: string) => RULE_HELP[ruleName]?.label ?? "这一句";

function firstLabels(paths: TokenType[][][]): string {
  const labels = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) labels.add(tokenLabel(path[0]));
  return [...labels].slice(0, 6).join("、");
}

/** The sentence ended before it was complete: the next token is on a later line (or the file ended). */
function endsLine(previous: IToken | undefined, actual: IToken | undefined): previous is IToken {
  if (!previous || previous.tokenType === EOF || Number.isNaN(previous.startOffset)) return false;
  return !actual || actual.tokenType === EOF || (actual.startLine ?? 0) > (previous.endLine ?? previous.startLine ?? 0);
}

/** Syntax errors said per file; past this the rest is not parsed (chevrotain's recovery costs about 0.1 ms per error). */
export const MAX_SYNTAX_ERRORS = 200;

/** Errors already kept from earlier rounds of the current parseCst (the cap is per file). */
let errorsBefore = 0;

/** Thrown from the message provider to stop a parse that has said enough. */
class TooManySyntaxErrors extends Error {}

/** Wraps each message builder: once the parser holds MAX_SYNTAX_ERRORS errors, the parse stops. */
function capped(p: IParserErrorMessageProvider): IParserErrorMessageProvider {
  const guard = <A extends unknown[]>(f: (...a: A) => string) => (...a: A): string => {
    if (errorsBefore + parser.errors.length >= MAX_SYNTAX_ERRORS) throw new TooManySyntaxErrors();
    return f(...a);
  };
  return {
    buildMismatchTokenMessage: guard(p.buildMismatchTokenMessage),
    buildNotAllInputParsedMessage: guard(p.buildNotAllInputParsedMessage),
    buildNoViableAltMessage: guard(p.buildNoViableAltMessage),
    buildEarlyExitMessage: guard(p.buildEarlyExitMessage),
  };
}

const zhMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, previous, ruleName }) =>
    expected === EOF
      ? `${shown(actual)}不能写在这里：这里应当开始新的一句或新的一段（输入、类别、指标、等级、认定条件、用例…）。例如：指标 服务企业数 15分`
      : endsLine(previous, actual)
      ? `${incomplete(ruleName)}${shown(previous)}之后缺少${tokenLabel(expected)}`
      : `此处应为${tokenLabel(expected)}，却是${shown(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `无法理解${shown(firstRedundant)}：这里应当开始新的一段（输入、类别、加分项、扣分项、等级、否决、认定条件、用例、注）`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, previous, ruleName }) =>
    endsLine(previous, actual[0])
      ? `${incomplete(ruleName)}${shown(previous)}之后还应写${firstLabels(expectedPathsPerAlt)}`
      : `${shown(actual[0]!)}不是${ruleLabel(ruleName)}的写法；此处可写：${firstLabels(expectedPathsPerAlt)}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, previous, ruleName }) =>
    endsLine(previous, actual[0])
      ? `${incomplete(ruleName)}${shown(previous)}之后还应写${firstLabels([expectedIterationPaths])}`
      : `${ruleLabel(ruleName)}不完整：${shown(actual[0]!)}之前至少需要${firstLabels([expectedIterationPaths])}`,
};

const NAME_TOKENS = new Set<TokenType>([Identifier, QuotedName]);
/** Tokens that start a line of their own: a section or header word, or an indicator's item other than a sentence. */
const STATEMENT_STARTS = new Set<TokenType>([
  ...KEYWORDS.filter((k) => k.category === "section" || k.category === "header").map((k) => K(k.name)),
  ...["If", "UpTo", "Requires", "Option", "ChooseOne"].map(K),
]);

/** What each CST node's children inherit: nothing (the keys are rule, token and label names). */
const CHILDREN: object = Object.create(null);

/** Adds a child under a key, as chevrotain does (a list per key, in source order). */
function addChild(node: CstNode, key: string, child: CstNode): void {
  const list = node.children[key] as CstNode[] | undefined;
  if (list) list.push(child);
  else node.children[key] = [child];
}

export class RubricParser extends CstParser {
  /** Each OR's alternatives, built on its first call (else every call builds the array and its closures again). */
  private readonly altCache: unknown[] = [];
  private alts<A>(id: number, make: () => A): A {
    return (this.altCache[id] ??= make()) as A;
  }

  // no node locations: chevrotain's cost 6 boxed numbers per CST node, updated on every token; the AST
  // takes a node's range from its first and last tokens (core's from-cst.ts)
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 4, nodeLocationTracking: "none", errorMessageProvider: capped(zhMessages) });
    this.performSelfAnalysis();
  }

  /**
   * Starts a rule's CST node (chevrotain 11's own does the same with `Object.create(null)` children: a
   * hash table per node, the larger part of the tree's memory). Children that inherit from an empty
   * null-prototype object are ordinary fast objects and still inherit no key.
   */
  protected cstInvocationStateUpdate(ruleName: string): void {
    (this as unknown as { CST_STACK: CstNode[] }).CST_STACK.push({ name: ruleName, children: Object.create(CHILDREN) as CstNode["children"] });
  }

  /**
   * Where a finished `section` goes instead of its file node, while parseCst hands sections on: it returns
   * the sections to add to the file node after all (none while they are handed on).
   */
  sections: ((section: CstNode) => readonly CstNode[]) | undefined;

  protected cstPostNonTerminal(result: CstNode, ruleName: string): void {
    if (ruleName === "section" && this.sections) for (const s of this.sections(result)) addChild(this.cstTop(), ruleName, s);
    else addChild(this.cstTop(), ruleName, result);
  }

  private cstTop(): CstNode {
    const stack = (this as unknown as { CST_STACK: CstNode[] }).CST_STACK;
    return stack[stack.length - 1]!;
  }

  /** Recovery may skip a stray token, but never the first word of the next line (the error belongs to this one). */
  protected override canTokenTypeBeDeletedInRecovery(tokType: TokenType): boolean {
    return this.sameLine() && super.canTokenTypeBeDeletedInRecovery(tokType);
  }

  // ---- look-ahead helpers (used in gates) -------------------------------------------------

  private isName(i: number): boolean {
    return NAME_TOKENS.has(this.LA(i).tokenType);
  }

  private is(i: number, ...names: string[]): boolean {
    const t = this.LA(i).tokenType;
    return names.some((n) => (n === "Comma" ? t === Comma : n === "Semicolon" ? t === Semicolon : t === K(n)));
  }

  /** The next token starts on the line where the previous one ends. */
  private sameLine(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return prev.tokenType !== EOF && next.tokenType !== EOF && (prev.endLine ?? prev.startLine) === next.startLine;
  }

  public file = this.RULE("file", () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.section));
  });

  private header = this.RULE("header", () => {
    this.CONSUME(K("Rubric"));
    // the rest of the line is the title, brackets and all: 评价体系 XX评价指标（试行）
    this.OPTION(() => this.CONSUME(LineText, { LABEL: "title" }));
    this.MANY(() => this.SUBRULE(this.headerField));
  });

  private headerField = this.RULE("headerField", () => {
    this.OR(this.alts(0, () => [...HEADER_TEXT_KEYWORDS, "FullMarks"].map((k) => ({ ALT: () => this.CONSUME(K(k), { LABEL: "key" }) }))));
    this.CONSUME(Colon);
    this.OR1(this.alts(1, () => [{ ALT: () => this.CONSUME(LineText) }, { ALT: () => this.SUBRULE(this.quantity) }]));
    // 满分：100分。 (a text header's 。 is part of its text)
    this.OPTION(() => this.SUBRULE(this.fullStop));
  });

  private section = this.RULE("section", () => {
    this.OR(this.alts(2, () => [
      { ALT: () => this.SUBRULE(this.inputsSection) },
      { ALT: () => this.SUBRULE(this.derivedSection) },
      { ALT: () => this.SUBRULE(this.evidenceSection) },
      { ALT: () => this.SUBRULE(this.categoryGroup) },
      { ALT: () => this.SUBRULE(this.category) },
      { ALT: () => this.SUBRULE(this.bonusGroup) },
      { ALT: () => this.SUBRULE(this.deductionGroup) },
      { ALT: () => this.SUBRULE(this.gradesSection) },
      { ALT: () => this.SUBRULE(this.vetoSection) },
      { ALT: () => this.SUBRULE(this.eligibilitySection) },
      { ALT: () => this.SUBRULE(this.caseBlock) },
      { ALT: () => this.SUBRULE(this.note) },
    ]));
  });

  // ---- names and numbers ------------------------------------------------------------------

  private name = this.RULE("name", () => {
    this.OR(this.alts(3, () => [{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(QuotedName) }]));
  });

  /** A number with an optional unit: 1500家次, 15分, 0.05. */
  private quantity = this.RULE("quantity", () => {
    this.OPTION(() => this.CONSUME(Minus));
    this.CONSUME(NumberLiteral);
    this.OPTION1(() => this.CONSUME(Unit));
  });

  // ---- inputs -----------------------------------------------------------------------------

  private inputsSection = this.RULE("inputsSection", () => {
    this.CONSUME(K("Inputs"));
    this.MANY(() => this.SUBRULE(this.inputDecl));
  });

  private inputType = this.RULE("inputType", () => {
    this.OR(this.alts(4, () => INPUT_TYPES.map((t) => ({ ALT: () => this.CONSUME(K(t)) }))));
  });

  private inputDecl = this.RULE("inputDecl", () => {
    this.SUBRULE(this.name);
    this.CONSUME(Colon);
    this.OPTION(() => this.SUBRULE(this.inputType));
    // 取值 国家级、省级、市级
    this.OPTION6({ GATE: () => this.is(0, "TypeEnum", "TypeList") && this.isName(1) && this.LA(2).tokenType !== Colon, DEF: () => this.SUBRULE(this.valueList) });
    // a unit word, unless it is the next declaration's name (followed by ：)
    this.OPTION1({ GATE: () => this.LA(2).tokenType !== Colon, DEF: () => this.CONSUME(Identifier, { LABEL: "unit" }) });
    this.OPTION2(() => this.SUBRULE(this.rangeSpec));
    this.OPTION7(() => this.SUBRULE(this.panel));
    this.OPTION3(() =>
      this.OR(this.alts(5, () => [{ ALT: () => this.CONSUME(K("Up"), { LABEL: "direction" }) }, { ALT: () => this.CONSUME(K("Down"), { LABEL: "direction" }) }])),
    );
    this.OPTION5(() => this.CONSUME(K("Reference")));
    this.OPTION4({
      GATE: () => this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(QuotedName, { LABEL: "description" }),
    });
    this.OPTION9(() => this.SUBRULE9(this.fullStop));
  });

  private valueList = this.RULE("valueList", () => {
    this.SUBRULE(this.name);
    this.MANY({
      GATE: () => this.LA(1).tokenType === Comma && this.isName(2),
      DEF: () => {
        this.CONSUME(Comma);
        this.SUBRULE1(this.name);
      },
    });
  });

  /** How several experts' scores combine: 取平均 · 去掉一个最高分和一个最低分后取平均 · 取中位数 */
  private panel = this.RULE("panel", () => {
    this.OPTION(() => this.CONSUME(Comma));
    this.OR(this.alts(6, () => [
      { ALT: () => this.CONSUME(K("Mean"), { LABEL: "how" }) },
      { ALT: () => this.CONSUME(K("TrimmedMean"), { LABEL: "how" }) },
      { ALT: () => this.CONSUME(K("Median"), { LABEL: "how" }) },
    ]));
  });

  private rangeSpec = this.RULE("rangeSpec", () => {
    this.OPTION(() => this.CONSUME(K("Range")));
    this.SUBRULE(this.quantity, { LABEL: "low" });
    this.CONSUME(Tilde);
    this.SUBRULE1(this.quantity, { LABEL: "high" });
  });

  private derivedSection = this.RULE("derivedSection", () => {
    this.CONSUME(K("Derived"));
    this.MANY(() => this.SUBRULE(this.derivedDecl));
  });

  private derivedDecl = this.RULE("derivedDecl", () => {
    this.SUBRULE(this.name);
    this.CONSUME(Colon);
    this.OPTION(() => this.SUBRULE(this.inputType));
    // a unit word, unless it is the next declaration's name (followed by ：)
    this.OPTION1({ GATE: () => this.LA(2).tokenType !== Colon, DEF: () => this.CONSUME(Identifier, { LABEL: "unit" }) });
    // 营业收入增长率：百分比 范围 -100～1000 = …
    this.OPTION4(() => this.SUBRULE(this.rangeSpec));
    this.OPTION2(() =>
      this.OR(this.alts(7, () => [{ ALT: () => this.CONSUME(K("Up"), { LABEL: "direction" }) }, { ALT: () => this.CONSUME(K("Down"), { LABEL: "direction" }) }])),
    );
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
    this.OPTION3({
      GATE: () => this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(QuotedName, { LABEL: "description" }),
    });
    this.OPTION9(() => this.SUBRULE9(this.fullStop));
  });

  private expression = this.RULE("expression", () => {
    this.SUBRULE(this.term);
    this.MANY(() => {
      this.OR(this.alts(8, () => [{ ALT: () => this.CONSUME(Plus, { LABEL: "op" }) }, { ALT: () => this.CONSUME(Minus, { LABEL: "op" }) }]));
      this.SUBRULE1(this.term);
    });
  });

  private term = this.RULE("term", () => {
    this.SUBRULE(this.factor);
    this.MANY(() => {
      this.OR(this.alts(9, () => [{ ALT: () => this.CONSUME(Times, { LABEL: "op" }) }, { ALT: () => this.CONSUME(Divide, { LABEL: "op" }) }]));
      this.SUBRULE1(this.factor);
    });
  });

  /** A number, a name or （…）, after any run of minus signs (read in a loop, not by recursion). */
  private factor = this.RULE("factor", () => {
    this.MANY(() => this.CONSUME(Minus, { LABEL: "negate" }));
    this.OR(this.alts(10, () => [
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.SUBRULE(this.name) },
      {
        // deeper nesting is cut off before parsing (see `limitNesting`), so this recursion is bounded
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(RParen);
        },
      },
    ]));
  });

  private evidenceSection = this.RULE("evidenceSection", () => {
    this.CONSUME(K("Evidence"));
    this.MANY(() => this.SUBRULE(this.evidenceDecl));
  });

  private evidenceDecl = this.RULE("evidenceDecl", () => {
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(Colon));
    this.OPTION1({
      GATE: () => this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(QuotedName, { LABEL: "description" }),
    });
  });

  // ---- categories and indicators -------------------------------------------------------

  /** （35分）, 35分, 权重0.20, （权重0.20）, 分值待定 */
  private pointsSpec = this.RULE("pointsSpec", () => {
    this.OR(this.alts(11, () => [
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.OR1(this.alts(12, () => [
            { ALT: () => this.SUBRULE(this.quantity) },
            { ALT: () => this.SUBRULE(this.weightSpec) },
            { ALT: () => this.CONSUME(K("PointsPending")) },
          ]));
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.SUBRULE1(this.quantity) },
      { ALT: () => this.SUBRULE1(this.weightSpec) },
      { ALT: () => this.CONSUME1(K("PointsPending")) },
    ]));
  });

  private weightSpec = this.RULE("weightSpec", () => {
    this.CONSUME(K("Weight"));
    this.CONSUME(NumberLiteral);
  });

  /** （满分100）: the scale of a weighted indicator. */
  private scaleSpec = this.RULE("scaleSpec", () => {
    this.OPTION(() => this.CONSUME(LParen));
    this.CONSUME(K("FullMarks"));
    this.SUBRULE(this.quantity);
    this.OPTION1(() => this.CONSUME(RParen));
  });

  /** 大类 服务能力（26分）, then its 类别 until the next 大类 or another section. */
  private categoryGroup = this.RULE("categoryGroup", () => {
    this.CONSUME(K("Group"));
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.pointsSpec));
    this.MANY(() => this.SUBRULE(this.category));
  });

  private category = this.RULE("category", () => {
    this.CONSUME(K("Category"));
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.pointsSpec));
    this.MANY(() => this.SUBRULE(this.indicator));
  });

  private bonusGroup = this.RULE("bonusGroup", () => {
    this.CONSUME(K("Bonus"));
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.groupCap));
    this.MANY(() => this.SUBRULE(this.indicator));
  });

  /** 扣分项 安全与诚信（最多扣10分）: its indicators' deductions come off the total. */
  private deductionGroup = this.RULE("deductionGroup", () => {
    this.CONSUME(K("Deduction"));
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.groupCap));
    this.MANY(() => this.SUBRULE(this.indicator));
  });

  /** （不超过15分） · （加分项，不超过15分） · （最多扣10分） */
  private groupCap = this.RULE("groupCap", () => {
    this.CONSUME(LParen);
    // the seed writes （加分项，不超过15分）: the repeated section word is allowed
    this.OPTION(() => {
      this.OR(this.alts(13, () => [{ ALT: () => this.CONSUME(K("Bonus")) }, { ALT: () => this.CONSUME(K("Deduction")) }]));
      this.CONSUME(Comma);
    });
    this.OR1(this.alts(14, () => [
      { ALT: () => this.CONSUME(K("Comparative")) },
      {
        ALT: () => {
          this.CONSUME(K("AtMost"));
          this.OPTION1(() => this.CONSUME(K("Deduct")));
        },
      },
    ]));
    this.SUBRULE(this.quantity);
    this.CONSUME(RParen);
  });

  private indicator = this.RULE("indicator", () => {
    this.CONSUME(K("Indicator"));
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.pointsSpec));
    this.OPTION1(() => this.SUBRULE(this.scaleSpec));
    this.MANY(() => this.SUBRULE(this.indicatorItem));
  });

  private indicatorItem = this.RULE("indicatorItem", () => {
    this.OR(this.alts(15, () => [
      {
        ALT: () => {
          this.CONSUME(K("Description"), { LABEL: "key" });
          this.CONSUME(Colon);
          this.CONSUME(LineText);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K("Concept"), { LABEL: "key" });
          this.CONSUME1(Colon);
          this.CONSUME1(LineText);
        },
      },
      { ALT: () => this.SUBRULE(this.requires) },
      { ALT: () => this.SUBRULE(this.ruleGroup) },
      { ALT: () => this.SUBRULE(this.optionItem) },
      { ALT: () => this.SUBRULE(this.indicatorVeto) },
      { ALT: () => this.SUBRULE(this.cap) },
    ]));
  });

  private requires = this.RULE("requires", () => {
    this.CONSUME(K("Requires"));
    this.SUBRULE(this.name);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE1(this.name);
    });
  });

  /** 直到满分100为止 */
  private cap = this.RULE("cap", () => {
    this.OPTION(() => this.CONSUME(Comma));
    this.CONSUME(K("UpTo"));
    this.SUBRULE(this.quantity);
    this.CONSUME(K("Stop"));
  });

  private indicatorVeto = this.RULE("indicatorVeto", () => {
    this.CONSUME(K("If"));
    this.SUBRULE(this.predicate);
    this.OPTION(() => this.CONSUME(Comma));
    this.CONSUME(K("Then"));
    this.CONSUME(K("ThisIndicator"));
    this.SUBRULE(this.quantity);
  });

  // ---- conditions (eligibility, vetoes, grades) --------------------------------------------

  /** Atoms joined by 且/其中 (and) and 或 (or); 且 binds tighter. */
  private predicate = this.RULE("predicate", () => {
    this.SUBRULE(this.conjunction);
    this.MANY({
      GATE: () => (this.is(1, "Or") && this.isSubjectAhead(2)) || (this.is(1, "Comma") && this.is(2, "Or") && this.isSubjectAhead(3)),
      DEF: () => {
        this.OPTION(() => this.CONSUME(Comma));
        this.CONSUME(K("Or"));
        this.SUBRULE1(this.conjunction);
      },
    });
  });

  private isSubjectAhead(i: number): boolean {
    return this.isName(i) || this.is(i, "Total");
  }

  private conjunction = this.RULE("conjunction", () => {
    this.SUBRULE(this.atom);
    this.MANY({
      GATE: () =>
        (this.is(1, "Among", "And") && this.isSubjectAhead(2)) || (this.is(1, "Comma") && ((this.is(2, "Among", "And") && this.isSubjectAhead(3)) || (this.isSubjectAhead(2) && this.isConditionAfterSubjects(2)))),
      DEF: () => {
        this.OPTION(() => this.CONSUME(Comma));
        this.OPTION1(() => this.OR(this.alts(16, () => [{ ALT: () => this.CONSUME(K("Among"), { LABEL: "joiner" }) }, { ALT: () => this.CONSUME(K("And"), { LABEL: "joiner" }) }])));
        this.SUBRULE1(this.atom);
      },
    });
  });

  /** After 「，」 in a condition: another atom (「，服务绩效 不低于10分」) rather than a list of names or the next clause. */
  private isConditionAfterSubjects(i: number): boolean {
    let j = i;
    while (this.isSubjectAhead(j) && this.LA(j + 1).tokenType === Comma && this.isName(j + 2)) j += 2;
    const t = j + 1;
    return this.is(t, "Comparative", "ScoreWord", "All", "AnyOf", "Is") || this.LA(t).tokenType === NumberLiteral;
  }

  /** `名称 低于60%` · `名称` (a yes/no input) · `总分 70分以上` · `甲、乙 均不低于10分` · `级别 为 国家级` */
  private atom = this.RULE("atom", () => {
    this.SUBRULE(this.subject);
    this.MANY({
      GATE: () => this.LA(1).tokenType === Comma && this.isSubjectAhead(2) && !this.is(3, "Or"),
      DEF: () => {
        this.CONSUME(Comma);
        this.SUBRULE1(this.subject);
      },
    });
    this.OPTION(() => this.CONSUME(K("ScoreWord")));
    this.OPTION1(() => this.OR(this.alts(17, () => [{ ALT: () => this.CONSUME(K("All"), { LABEL: "quantifier" }) }, { ALT: () => this.CONSUME(K("AnyOf"), { LABEL: "quantifier" }) }])));
    this.OPTION2(() =>
      this.OR1(this.alts(18, () => [
        {
          ALT: () => {
            this.SUBRULE(this.condition);
            this.MANY1(() => this.SUBRULE(this.override));
          },
        },
        {
          ALT: () => {
            this.CONSUME(K("Is"));
            this.SUBRULE(this.valueList);
          },
        },
      ])),
    );
  });

  private subject = this.RULE("subject", () => {
    this.OR(this.alts(19, () => [{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.CONSUME(K("Total")) }]));
  });

  /** （培训类平台 不少于500人次）: another threshold for the platforms of one kind. */
  private override = this.RULE("override", () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(K("Is"));
      this.SUBRULE(this.valueList);
    });
    this.SUBRULE(this.condition);
    this.CONSUME(RParen);
  });

  // ---- scoring sentences -----------------------------------------------------------------

  /** One scoring sentence, or several joined by 或 and combined by 取其高者 / 取其低者. */
  private ruleGroup = this.RULE("ruleGroup", () => {
    this.SUBRULE(this.rule);
    this.MANY({
      GATE: () => this.is(1, "Or") || (this.is(1, "Comma", "Semicolon") && this.is(2, "Or")),
      DEF: () => {
        this.OPTION(() => this.SUBRULE(this.separator));
        this.CONSUME(K("Or"));
        this.SUBRULE1(this.rule);
      },
    });
    this.OPTION1({
      GATE: () => this.is(1, "TakeHigher", "TakeLower") || (this.is(1, "Comma", "Semicolon") && this.is(2, "TakeHigher", "TakeLower")),
      DEF: () => {
        this.OPTION2(() => this.SUBRULE1(this.separator));
        this.OR(this.alts(20, () => [{ ALT: () => this.CONSUME(K("TakeHigher"), { LABEL: "combine" }) }, { ALT: () => this.CONSUME(K("TakeLower"), { LABEL: "combine" }) }]));
      },
    });
  });

  /** 选项（1）研发费用占比 6%（含）以上得50分 */
  private optionItem = this.RULE("optionItem", () => {
    this.CONSUME(K("Option"));
    this.SUBRULE(this.clauseLabel);
    this.SUBRULE(this.ruleGroup);
  });

  private rule = this.RULE("rule", () => {
    this.SUBRULE(this.ruleSubject);
    this.SUBRULE(this.clause);
    this.MANY({ GATE: () => this.isClauseAhead(), DEF: () => this.SUBRULE1(this.clause) });
    this.OPTION({ GATE: () => this.isTrailingSeparator(), DEF: () => this.SUBRULE(this.separator, { LABEL: "end" }) });
  });

  /**
   * 「…每少100家次减1分。」: a full stop (or ；，) pasted at the end of a sentence's line, before the next
   * sentence, item or section (a line that goes on with a band continues the sentence, as before).
   */
  private isTrailingSeparator(): boolean {
    const sep = this.LA(1);
    if (!(this.is(1, "Comma", "Semicolon") || sep.tokenType === Period)) return false;
    const next = this.LA(2);
    if (next.tokenType === EOF) return true;
    if ((sep.endLine ?? sep.startLine) === next.startLine) return false;
    return this.isName(2) || STATEMENT_STARTS.has(next.tokenType);
  }

  /** A name starts a clause (国家级得10分) only on the sentence's line; on a new line it starts the next sentence. */
  private isClauseAhead(): boolean {
    if (this.isName(1)) return this.sameLine();
    if (this.is(1, "Comma", "Semicolon") || this.LA(1).tokenType === Period) {
      if (this.isTrailingSeparator()) return false;
      // 「，取其高者」「；或 …」 end the sentence: they belong to the group of sentences
      if (this.is(2, "TakeHigher", "TakeLower", "Or")) return false;
      if (!this.isName(2)) return true;
      const sep = this.LA(1);
      return (sep.endLine ?? sep.startLine) === this.LA(2).startLine;
    }
    return true;
  }

  private ruleSubject = this.RULE("ruleSubject", () => {
    this.OR(this.alts(21, () => [
      { ALT: () => this.SUBRULE(this.name) },
      {
        ALT: () => {
          this.CONSUME(K("ChooseOne"));
          this.CONSUME(LParen);
          this.SUBRULE1(this.name);
          this.MANY(() => {
            this.CONSUME(Comma);
            this.SUBRULE2(this.name);
          });
          this.CONSUME(RParen);
        },
      },
    ]));
  });

  /** 「…：优秀。」: a full stop pasted at the end of a declaration, band, veto, condition or case line. */
  private fullStop = this.RULE("fullStop", () => {
    this.CONSUME(Period);
  });

  private separator = this.RULE("separator", () => {
    this.OR(this.alts(22, () => [{ ALT: () => this.CONSUME(Comma) }, { ALT: () => this.CONSUME(Semicolon) }, { ALT: () => this.CONSUME(Period) }]));
  });

  private clause = this.RULE("clause", () => {
    this.OPTION(() => this.SUBRULE(this.separator));
    this.OR(this.alts(23, () => [
      { ALT: () => this.SUBRULE(this.conditionalClause) },
      // a clause that starts with a value's name stays on the line of the sentence
      { GATE: () => this.sameLine() || this.is(1, "Otherwise"), ALT: () => this.SUBRULE(this.valueClause) },
      { ALT: () => this.SUBRULE(this.fromClause) },
      { ALT: () => this.SUBRULE(this.onBasisClause) },
      { ALT: () => this.SUBRULE(this.stepLessClause) },
      { ALT: () => this.SUBRULE(this.eachClause) },
      { ALT: () => this.SUBRULE(this.award) },
      { ALT: () => this.CONSUME(K("Expert")) },
      { ALT: () => this.CONSUME(K("Discretionary")) },
      { ALT: () => this.SUBRULE(this.baselineClause) },
      { ALT: () => this.SUBRULE(this.atMostClause) },
      { ALT: () => this.SUBRULE(this.readingClause) },
      { ALT: () => this.SUBRULE(this.highestItemClause) },
      { ALT: () => this.SUBRULE(this.ruleRequires) },
    ]));
  });

  /** （需提供 荣誉资质证明） · （荣誉资质证明）: evidence or a precondition for this sentence only. */
  private ruleRequires = this.RULE("ruleRequires", () => {
    this.CONSUME(LParen);
    this.OPTION(() => this.CONSUME(K("Requires")));
    this.SUBRULE(this.name);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE1(this.name);
    });
    this.CONSUME(RParen);
  });

  /**
   * 达1500家次得15分 · 达到60%不足70%加20分 · 达到70%后每增加10个百分点加10分 · 不满1年不得分 ·
   * 300万元以上或 服务收入比重 15%以上得10分 (a band met by either measure)
   */
  private conditionalClause = this.RULE("conditionalClause", () => {
    this.SUBRULE(this.condition);
    this.MANY({
      GATE: () => this.is(1, "Or") && this.isName(2),
      DEF: () => {
        this.CONSUME(K("Or"));
        this.SUBRULE(this.name, { LABEL: "alternative" });
        this.SUBRULE1(this.condition, { LABEL: "alternativeCondition" });
      },
    });
    this.OPTION(() => this.CONSUME(K("Of")));
    this.OPTION1(() => this.CONSUME(Comma));
    this.OR(this.alts(24, () => [{ ALT: () => this.SUBRULE(this.award) }, { ALT: () => this.SUBRULE(this.increments) }, { ALT: () => this.CONSUME(K("NoPoints")) }]));
  });

  /** 国家级得10分 · 国家级、省级得6分 · 其他得3分 · 国家级每项加5分 (inputs of type 取值 / 清单) */
  private valueClause = this.RULE("valueClause", () => {
    this.OR(this.alts(25, () => [{ ALT: () => this.SUBRULE(this.valueList) }, { ALT: () => this.CONSUME(K("Otherwise")) }]));
    this.OPTION(() => this.CONSUME(K("Of")));
    this.OPTION1(() => this.CONSUME(Comma));
    this.OR1(this.alts(26, () => [{ ALT: () => this.SUBRULE(this.award) }, { ALT: () => this.SUBRULE(this.eachClause) }, { ALT: () => this.CONSUME(K("NoPoints")) }]));
  });

  /** 100家后每增加100家加10分 */
  private fromClause = this.RULE("fromClause", () => {
    this.SUBRULE(this.quantity);
    this.SUBRULE(this.increments);
  });

  /** 在此基础上每增加1个加0.1分: from the threshold of the band before */
  private onBasisClause = this.RULE("onBasisClause", () => {
    this.CONSUME(K("OnBasis"));
    this.OPTION(() => this.CONSUME(Comma));
    this.CONSUME(K("EachMore"));
    this.SUBRULE(this.quantity, { LABEL: "step" });
    this.OR(this.alts(27, () => [{ ALT: () => this.CONSUME(K("Add")) }, { ALT: () => this.CONSUME(K("Get")) }]));
    this.SUBRULE1(this.quantity, { LABEL: "points" });
  });

  private increments = this.RULE("increments", () => {
    this.CONSUME(K("After"));
    this.OPTION(() => this.CONSUME(Comma));
    this.CONSUME(K("EachMore"));
    this.SUBRULE(this.quantity, { LABEL: "step" });
    this.OR(this.alts(28, () => [{ ALT: () => this.CONSUME(K("Add")) }, { ALT: () => this.CONSUME(K("Get")) }]));
    this.SUBRULE1(this.quantity, { LABEL: "points" });
  });

  /** 每少100家次减1分 */
  private stepLessClause = this.RULE("stepLessClause", () => {
    this.CONSUME(K("EachLess"));
    this.SUBRULE(this.quantity, { LABEL: "step" });
    this.CONSUME(K("Deduct"));
    this.SUBRULE1(this.quantity, { LABEL: "points" });
  });

  /** 每项加3分 · 每1次减1分 · 每满2年得1分 · 每3万元得1分 · 每外聘1位创业导师得1分 */
  private eachClause = this.RULE("eachClause", () => {
    this.CONSUME(K("Each"));
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: "filler" }));
    this.OPTION1(() => this.CONSUME(NumberLiteral));
    this.OPTION2(() => this.CONSUME(Unit));
    this.OPTION3(() => this.CONSUME1(Identifier, { LABEL: "filler" }));
    this.OR(this.alts(29, () => [
      { ALT: () => this.CONSUME(K("Add"), { LABEL: "verb" }) },
      { ALT: () => this.CONSUME(K("Get"), { LABEL: "verb" }) },
      { ALT: () => this.CONSUME(K("Deduct"), { LABEL: "verb" }) },
    ]));
    this.SUBRULE(this.quantity, { LABEL: "points" });
  });

  /** 得15分 · 加20分 · 扣6分 */
  private award = this.RULE("award", () => {
    this.OR(this.alts(30, () => [
      { ALT: () => this.CONSUME(K("Get"), { LABEL: "verb" }) },
      { ALT: () => this.CONSUME(K("Add"), { LABEL: "verb" }) },
      { ALT: () => this.CONSUME(K("Deduct"), { LABEL: "verb" }) },
    ]));
    this.SUBRULE(this.quantity);
  });

  /** 基准200万元，满分1000万元，其间按线性计 */
  private baselineClause = this.RULE("baselineClause", () => {
    this.CONSUME(K("Baseline"));
    this.SUBRULE(this.quantity, { LABEL: "base" });
    this.OPTION(() => this.CONSUME(Comma));
    this.CONSUME(K("FullMarks"));
    this.SUBRULE1(this.quantity, { LABEL: "full" });
    this.OPTION1(() => this.CONSUME1(Comma));
    this.OR(this.alts(31, () => [
      { ALT: () => this.CONSUME(K("Linear")) },
      {
        ALT: () => {
          this.CONSUME(K("Between"));
          this.SUBRULE2(this.quantity, { LABEL: "between" });
        },
      },
    ]));
  });

  /** 最多80分 · 最多扣10分 */
  private atMostClause = this.RULE("atMostClause", () => {
    this.CONSUME(K("AtMost"));
    this.OPTION(() => this.CONSUME(K("Deduct")));
    this.SUBRULE(this.quantity);
  });

  /** （不足一档不计） */
  private readingClause = this.RULE("readingClause", () => {
    this.CONSUME(LParen);
    this.OR(this.alts(32, () => [
      { ALT: () => this.CONSUME(K("ReadFloor"), { LABEL: "reading" }) },
      { ALT: () => this.CONSUME(K("ReadCeil"), { LABEL: "reading" }) },
      { ALT: () => this.CONSUME(K("ReadProRata"), { LABEL: "reading" }) },
    ]));
    this.CONSUME(RParen);
  });

  /** （取最高一项） · 取最高一项 */
  private highestItemClause = this.RULE("highestItemClause", () => {
    this.OR(this.alts(33, () => [
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.CONSUME(K("HighestItem"));
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.CONSUME1(K("HighestItem")) },
    ]));
  });

  /** One or two comparisons, or a range `75～84分`, `25%（含）-30%`, `3%至5%之间`. */
  private condition = this.RULE("condition", () => {
    this.OR(this.alts(34, () => [
      { GATE: () => this.isRangeAhead(), ALT: () => this.SUBRULE(this.rangeCondition) },
      {
        ALT: () => {
          this.SUBRULE(this.comparison);
          this.OPTION({
            GATE: () => this.isComparisonAhead(),
            DEF: () => {
              this.OPTION1(() => this.CONSUME(K("And")));
              this.SUBRULE1(this.comparison);
            },
          });
        },
      },
    ]));
  });

  /** A number (unit, （含）/（不含）) followed by a range dash: ～ ~ 至 - – —. */
  private isRangeAhead(): boolean {
    let i = 1;
    if (this.LA(i).tokenType === Minus) i++;
    if (this.LA(i).tokenType !== NumberLiteral) return false;
    i++;
    if (this.LA(i).tokenType === Unit) i++;
    if (this.is(i, "Inclusive", "Exclusive")) i++;
    const t = this.LA(i).tokenType;
    return (t === Tilde || t === Minus || t === K("To")) && (this.LA(i + 1).tokenType === NumberLiteral || this.LA(i + 1).tokenType === Minus);
  }

  private rangeCondition = this.RULE("rangeCondition", () => {
    this.SUBRULE(this.quantity, { LABEL: "low" });
    this.OPTION(() => this.OR(this.alts(35, () => [{ ALT: () => this.CONSUME(K("Inclusive"), { LABEL: "lowEnd" }) }, { ALT: () => this.CONSUME(K("Exclusive"), { LABEL: "lowEnd" }) }])));
    this.OR1(this.alts(36, () => [{ ALT: () => this.CONSUME(Tilde, { LABEL: "dash" }) }, { ALT: () => this.CONSUME(Minus, { LABEL: "dash" }) }, { ALT: () => this.CONSUME(K("To"), { LABEL: "dash" }) }]));
    this.SUBRULE1(this.quantity, { LABEL: "high" });
    this.OPTION1(() => this.OR2(this.alts(37, () => [{ ALT: () => this.CONSUME1(K("Inclusive"), { LABEL: "highEnd" }) }, { ALT: () => this.CONSUME1(K("Exclusive"), { LABEL: "highEnd" }) }])));
    this.OPTION2(() => this.CONSUME(K("BetweenWord")));
  });

  private isComparisonAhead(): boolean {
    let i = 1;
    if (this.is(i, "And")) i++;
    const t = this.LA(i).tokenType;
    if (t === K("Comparative")) return true;
    if (t !== NumberLiteral) return false;
    // postfix: 80分（含）以上
    let j = i + 1;
    if (this.LA(j).tokenType === Unit) j++;
    if (this.is(j, "Inclusive", "Exclusive")) j++;
    return this.is(j, "Comparative");
  }

  /** 达1500家次 · 50条以上 · 80分（含）以上 · 不足60%（含） */
  private comparison = this.RULE("comparison", () => {
    this.OR(this.alts(38, () => [
      {
        ALT: () => {
          this.CONSUME(K("Comparative"), { LABEL: "word" });
          this.SUBRULE(this.quantity);
          this.OPTION(() => this.OR1(this.alts(39, () => [{ ALT: () => this.CONSUME(K("Inclusive"), { LABEL: "end" }) }, { ALT: () => this.CONSUME(K("Exclusive"), { LABEL: "end" }) }])));
        },
      },
      {
        ALT: () => {
          this.SUBRULE1(this.quantity);
          this.OPTION1(() => this.OR2(this.alts(40, () => [{ ALT: () => this.CONSUME1(K("Inclusive"), { LABEL: "end" }) }, { ALT: () => this.CONSUME1(K("Exclusive"), { LABEL: "end" }) }])));
          this.CONSUME1(K("Comparative"), { LABEL: "word" });
          // 60分以上（不含）: the end written after the word, as 语法参考 §6.1 shows
          this.OPTION2(() => this.OR3(this.alts(47, () => [{ ALT: () => this.CONSUME2(K("Inclusive"), { LABEL: "end" }) }, { ALT: () => this.CONSUME2(K("Exclusive"), { LABEL: "end" }) }])));
        },
      },
    ]));
  });

  // ---- grades, vetoes, eligibility -------------------------------------------------------

  private gradesSection = this.RULE("gradesSection", () => {
    this.CONSUME(K("Grades"));
    this.MANY(() => this.OR(this.alts(41, () => [{ ALT: () => this.SUBRULE(this.gradeBand) }, { ALT: () => this.SUBRULE(this.gradeGate) }])));
  });

  /** 60分（含）以上不足80分：合格 · 70分以上，其中 服务能力 不低于25分：合格 */
  private gradeBand = this.RULE("gradeBand", () => {
    this.SUBRULE(this.condition);
    this.OPTION(() => {
      this.OPTION1(() => this.CONSUME(Comma));
      this.CONSUME(K("Among"));
      this.SUBRULE(this.predicate);
    });
    // 「75~84分为三星」「60分以下评为不合格」: the policy text's own wording
    this.OR(this.alts(48, () => [{ ALT: () => this.CONSUME(Colon) }, { ALT: () => this.CONSUME(K("Is")) }]));
    this.SUBRULE(this.name, { LABEL: "label" });
    this.OPTION9(() => this.SUBRULE9(this.bandEnd));
  });

  /**
   * What may follow a grade band's name: 「。」, or 「；」「，」「、」 before the next band on the same line, as
   * the policy sentence runs them together — 「60分以下评为不合格；60分（含）以上不足80分评为合格；…」,
   * 「75~84分为三星、85~89分为四星、90分以上为五星」. Each band means what it means on a line of its own.
   */
  private bandEnd = this.RULE("bandEnd", () => {
    this.OR(this.alts(49, () => [{ ALT: () => this.CONSUME(Period) }, { ALT: () => this.CONSUME(Semicolon) }, { ALT: () => this.CONSUME(Comma) }]));
  });

  /** 不符合认定条件的，不予评定等级 */
  private gradeGate = this.RULE("gradeGate", () => {
    this.CONSUME(K("NotEligible"));
    this.OPTION(() => this.CONSUME(K("Of")));
    this.OPTION1(() => this.CONSUME(Comma));
    this.CONSUME(K("NoGrade"));
  });

  private vetoSection = this.RULE("vetoSection", () => {
    this.CONSUME(K("Vetoes"));
    this.MANY(() => this.SUBRULE(this.rubricVeto));
  });

  private rubricVeto = this.RULE("rubricVeto", () => {
    this.CONSUME(K("If"));
    this.SUBRULE(this.predicate);
    this.OPTION(() => this.CONSUME(Comma));
    this.CONSUME(K("Then"));
    this.CONSUME(K("DirectlyAs"));
    this.SUBRULE(this.name, { LABEL: "label" });
    this.OPTION9(() => this.SUBRULE9(this.fullStop));
  });

  private eligibilitySection = this.RULE("eligibilitySection", () => {
    this.CONSUME(K("Eligibility"));
    this.MANY(() =>
      this.OR(this.alts(42, () => [
        { ALT: () => this.SUBRULE(this.eligibilityCondition) },
        { ALT: () => this.SUBRULE(this.eligibilityAlternative) },
        { ALT: () => this.SUBRULE(this.relaxation) },
      ])),
    );
  });

  private clauseLabel = this.RULE("clauseLabel", () => {
    this.CONSUME(LParen);
    this.OR(this.alts(43, () => [{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.CONSUME(NumberLiteral) }]));
    this.CONSUME(RParen);
  });

  private eligibilityCondition = this.RULE("eligibilityCondition", () => {
    this.CONSUME(K("Condition"));
    this.OPTION(() => this.SUBRULE(this.clauseLabel));
    this.SUBRULE(this.predicate);
    this.OPTION9(() => this.SUBRULE9(this.fullStop));
  });

  /** 或（二）获得国家级荣誉: met when this or the condition before it holds */
  private eligibilityAlternative = this.RULE("eligibilityAlternative", () => {
    this.CONSUME(K("Or"));
    this.OPTION(() => this.SUBRULE(this.clauseLabel));
    this.SUBRULE(this.predicate);
  });

  private relaxation = this.RULE("relaxation", () => {
    this.CONSUME(K("Relax"));
    this.OPTION(() => this.SUBRULE(this.clauseLabel, { LABEL: "own" }));
    this.SUBRULE(this.predicate);
    this.CONSUME(K("Relaxable"));
    this.AT_LEAST_ONE(() => this.SUBRULE1(this.clauseLabel, { LABEL: "relaxed" }));
  });

  // ---- cases and notes -----------------------------------------------------------------

  private caseBlock = this.RULE("caseBlock", () => {
    this.CONSUME(K("Case"));
    this.CONSUME(LineText, { LABEL: "title" });
    this.OPTION(() => {
      this.CONSUME(K("Inputs"));
      this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.assignment) });
      this.OPTION8(() => this.SUBRULE8(this.fullStop));
    });
    this.OPTION1(() => {
      this.CONSUME(K("Expect"));
      this.MANY_SEP1({ SEP: Comma, DEF: () => this.SUBRULE(this.expectation) });
      this.OPTION9(() => this.SUBRULE9(this.fullStop));
    });
  });

  private assignment = this.RULE("assignment", () => {
    this.SUBRULE(this.name);
    this.SUBRULE(this.value);
  });

  private value = this.RULE("value", () => {
    this.OR(this.alts(44, () => [
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.CONSUME(K("Yes")) },
      { ALT: () => this.CONSUME(K("No")) },
      // 「×」 of a checklist (√ and ✓ are forms of 是): here no product can stand
      { ALT: () => this.CONSUME(Times, { LABEL: "No" }) },
      { ALT: () => this.CONSUME(QuotedName) },
      { ALT: () => this.CONSUME(Identifier) },
    ]));
  });

  private expectation = this.RULE("expectation", () => {
    this.OR(this.alts(45, () => [
      {
        ALT: () => {
          this.CONSUME(K("Total"), { LABEL: "key" });
          this.SUBRULE(this.quantity);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K("Grades"), { LABEL: "key" });
          this.SUBRULE(this.name, { LABEL: "label" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K("Eligible"), { LABEL: "key" });
          this.OR1(this.alts(46, () => [{ ALT: () => this.CONSUME(K("Yes")) }, { ALT: () => this.CONSUME(K("No")) }, { ALT: () => this.CONSUME(Times, { LABEL: "No" }) }]));
        },
      },
      {
        ALT: () => {
          this.SUBRULE1(this.name, { LABEL: "target" });
          this.SUBRULE1(this.quantity);
        },
      },
    ]));
  });

  private note = this.RULE("note", () => {
    this.CONSUME(K("Note"));
    this.CONSUME(Colon);
    this.CONSUME(LineText);
  });
}

/** The parser instance is stateless between calls (Chevrotain resets it on `input =`). */
export const parser = new RubricParser();

export interface SyntaxError {
  message: string;
  token: IToken;
  /** Token types the parser would have accepted there. */
  expected: string[];
  ruleStack: string[];
}

export interface ParseResult {
  cst: CstNode;
  tokens: IToken[];
  /** Every token the lexer made, in source order (`tokens` has （…） nested too deeply cut out): what an editor colours. */
  lexedTokens: IToken[];
  comments: IToken[];
  lexErrors: LexError[];
  syntaxErrors: SyntaxError[];
  /** Units that are neither known nor declared on an input (reported by the binder's caller). */
  unknownUnits: IToken[];
  /**
   * With `onSection`: a part of the text was parsed again after too many errors, and `cst` holds every
   * section again (the ones handed on before included): the caller drops what it made of them.
   */
  reparsed: boolean;
}

/**
 * Cuts （…） nested deeper than MAX_NESTING out of the token stream, with one error each: the
 * parser's recursion stays bounded whatever the input.
 */
function limitNesting(tokens: IToken[]): { tokens: IToken[]; errors: SyntaxError[] } {
  let depth = 0;
  let cutFrom = -1;
  let cutLine = -1;
  // a copy of the tokens only once one is left out (the stream is kept as it is otherwise)
  let kept: IToken[] | undefined;
  const errors: SyntaxError[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (cutFrom >= 0) {
      // skip to the bracket that closes the cut one, or to the end of its line
      if (t.startLine !== cutLine) cutFrom = -1;
      else {
        if (t.tokenType === LParen) depth++;
        else if (t.tokenType === RParen && --depth < cutFrom) cutFrom = -1;
        continue;
      }
      depth = Math.min(depth, MAX_NESTING);
    }
    if (t.tokenType === LParen) {
      if (depth >= MAX_NESTING) {
        errors.push({ message: `括号嵌套超过${MAX_NESTING}层，无法计算；请拆成几个派生输入`, token: t, expected: [], ruleStack: [] });
        kept ??= tokens.slice(0, i);
        cutFrom = depth;
        cutLine = t.startLine ?? -1;
        depth++;
        continue;
      }
      depth++;
    } else if (t.tokenType === RParen) depth = Math.max(0, depth - 1);
    kept?.push(t);
  }
  return { tokens: kept ?? tokens, errors };
}

/** The innermost rule of the stack that has an example. */
function exampleFor(ruleStack: readonly string[]): string | undefined {
  for (let i = ruleStack.length - 1; i >= 0; i--) {
    const help = RULE_HELP[ruleStack[i]!];
    if (help && !SMALL_RULES.has(ruleStack[i]!)) return help.example;
  }
  return undefined;
}

const SECTION_STARTS = new Set(["Rubric", "Inputs", "Derived", "Evidence", "Group", "Category", "Bonus", "Deduction", "Grades", "Vetoes", "Eligibility", "Case", "Note"]);

/** Index of the first token after `from` that starts a section at the beginning of a line. */
function nextSectionStart(tokens: IToken[], from: number): number {
  for (let i = from + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (SECTION_STARTS.has(t.tokenType.name) && (i === 0 || (tokens[i - 1]!.endLine ?? 0) < (t.startLine ?? 0))) return i;
  }
  return tokens.length;
}

function syntaxErrorOf(e: { message: string; token: IToken; context?: { ruleStack?: string[] } }): SyntaxError {
  const ruleStack = e.context?.ruleStack ?? [];
  const example = exampleFor(ruleStack);
  // a sentence cut short is reported where it stops, not at the next line's first word
  const previous = (e as { previousToken?: IToken }).previousToken;
  const token = endsLine(previous, e.token) ? previous : e.token;
  return { message: example ? `${e.message}。例如：${example.split("\n").pop()}` : e.message, token, expected: [], ruleStack };
}

/**
 * Source text → CST, with every lexing and syntax error collected (never thrown). Where a token
 * fits nowhere, parsing resumes at the next section, so one stray word never hides the rest.
 *
 * `onSection` receives each section's CST, in source order, as soon as no syntax error can touch it
 * any more — the file has had none so far and the next section has been read (an error at the next
 * section's first word may be reported at this one's last) — and such sections are left out of `cst`.
 * The first error stops the handing on: that section and all after it are in `cst` as usual. A caller
 * that turns each section into its own tree at once lets the section's CST die young: a whole file's
 * CST outlives the young generation, so V8 allocates it in the old one, which only a full collection
 * frees (at 100× the national norm, 14 MB more old space per analysis and twice the mark-compact time).
 */
export function parseCst(text: string, onSection?: (section: CstNode) => void): ParseResult {
  const lexed = tokenize(text);
  const limited = limitNesting(lexed.tokens);
  const all = limited.tokens;
  const syntaxErrors: SyntaxError[] = [...limited.errors];
  let cst: CstNode | undefined;
  let from = 0;
  let end = all.length;
  let cut: IToken | undefined;
  let handOn = onSection !== undefined && lexed.errors.length === 0 && syntaxErrors.length === 0;
  let handedOn = false;
  let reparsed = false;
  /** The last section read while handing on: given to onSection once the next one is read without error. */
  let held: CstNode | undefined;
  const sections = (section: CstNode): readonly CstNode[] => {
    if (!handOn) return [section];
    const before = held;
    if (parser.errors.length > 0) {
      handOn = false;
      held = undefined;
      return before ? [before, section] : [section];
    }
    held = section;
    if (before) {
      onSection!(before);
      handedOn = true;
    }
    return [];
  };
  while (from < end || cst === undefined) {
    const said = syntaxErrors.length - limited.errors.length;
    if (cst !== undefined && said >= MAX_SYNTAX_ERRORS) {
      // earlier sections said enough: the rest of the file is not parsed
      cut ??= all[from];
      break;
    }
    parser.input = from === 0 && end === all.length ? all : all.slice(from, end);
    errorsBefore = said;
    let part: CstNode;
    parser.sections = sections;
    try {
      part = parser.file();
    } catch (e) {
      if (!(e instanceof TooManySyntaxErrors)) throw e;
      // the part is parsed again, every section into the CST
      reparsed ||= handedOn;
      handOn = false;
      held = undefined;
      // enough said: parse again up to the end of the line of the last error kept (so the errors said are
      // the MAX_SYNTAX_ERRORS the stop message counts), or up to its start when that line alone says too much
      const last = parser.errors[parser.errors.length - 1]?.token;
      const at = last ? Math.min(tokenIndex(all, last, from), end - 1) : from;
      const after = last ? nextLineStart(all, at, end) : from;
      const next = after < end ? after : lineStart(all, at, from);
      end = next < end ? next : Math.max(from, end - 1);
      cut = all[end];
      continue;
    } finally {
      parser.sections = undefined;
    }
    if (held) {
      // the last section (no error after it stopped the handing on): the CST keeps it
      addChild(part, "section", held);
      held = undefined;
    }
    handOn = false;
    let stoppedAt = -1;
    for (const e of parser.errors) {
      const error = syntaxErrorOf(e);
      // one message per place: the innermost rule's (recorded first) says the most
      if (!syntaxErrors.some((x) => x.token.startOffset === error.token.startOffset)) syntaxErrors.push(error);
      if (e.name === "NotAllInputParsedException") stoppedAt = tokenIndex(all, e.token, from);
    }
    if (!cst) cst = part;
    else for (const section of part.children["section"] ?? []) (cst.children["section"] ??= []).push(section);
    if (stoppedAt < 0) break;
    from = nextSectionStart(all, stoppedAt);
  }
  // the parser is one per process: let go of this file's tokens (they would stay alive until the next parse)
  parser.input = [];
  if (cut) {
    // the errors said, counted as they are shown (several at one place are one); MAX_SYNTAX_ERRORS unless so
    syntaxErrors.push({ message: `前面已有${syntaxErrors.length}处语法错误，从这一行起没有检查：请先改正前面的错误`, token: cut, expected: [], ruleStack: [] });
  }
  return { cst, tokens: all, lexedTokens: lexed.tokens, comments: lexed.comments, lexErrors: lexed.errors, syntaxErrors, unknownUnits: lexed.unknownUnits, reparsed };
}

/** Index of the first token (at or after `from`) on the line of token `i`. */
function lineStart(tokens: IToken[], i: number, from: number): number {
  let k = Math.min(i, tokens.length - 1);
  const line = tokens[k]?.startLine;
  while (k > from && tokens[k - 1]!.startLine === line) k--;
  return Math.max(k, from);
}

/** Index of the first token (before `end`) on a line after the line of token `i`; `end` when there is none. */
function nextLineStart(tokens: IToken[], i: number, end: number): number {
  const line = tokens[i]?.startLine;
  let k = i + 1;
  while (k < end && tokens[k]!.startLine === line) k++;
  return k;
}

/** Index of a token in the stream, found by its offset (tokens are in offset order). */
function tokenIndex(tokens: IToken[], token: IToken, from: number): number {
  let lo = from;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = tokens[mid]!.startOffset;
    if (o === token.startOffset) return mid;
    if (o < token.startOffset) lo = mid + 1;
    else hi = mid - 1;
  }
  return tokens.length;
}

export type { CstNode, IToken, TokenType };
