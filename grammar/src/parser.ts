/**
 * The grammar of the 准绳 language: syntax only. Builds a Chevrotain CST with error
 * recovery; `packages/core` turns the CST into the AST.
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
} from "./lexer.ts";

const HEADER_TEXT_KEYWORDS = ["Region", "Year", "PlatformType", "Period", "Source", "Status", "Precision"] as const;
const INPUT_TYPES = ["TypeCount", "TypeNumber", "TypePercent", "TypeMoney", "TypeYesNo", "TypeScore", "TypeText"] as const;

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
  return TOKEN_LABELS[t.name] ?? t.name;
}

const RULE_LABELS: Record<string, string> = {
  file: "评价体系文件",
  header: "文件头",
  headerField: "文件头的一项",
  section: "一段内容（输入、类别、等级、用例…）",
  inputDecl: "输入声明",
  derivedDecl: "派生输入",
  category: "类别",
  categoryGroup: "大类",
  indicator: "指标",
  indicatorItem: "指标内容",
  rule: "计分句",
  clause: "计分子句",
  condition: "条件",
  comparison: "比较",
  quantity: "数字",
  gradeBand: "等级区间",
  caseBlock: "用例",
  expectation: "期望",
  assignment: "用例输入",
  pointsSpec: "分值",
  award: "得分",
};

const shown = (t: IToken) => (t.tokenType === EOF ? "文件结尾" : `「${t.image}」`);
function firstLabels(paths: TokenType[][][]): string {
  const labels = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) labels.add(tokenLabel(path[0]));
  return [...labels].slice(0, 6).join("、");
}

const zhMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `此处应为${tokenLabel(expected)}，却是${shown(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `无法理解${shown(firstRedundant)}：这里应当开始新的一段（输入、类别、加分项、等级、用例…）`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) =>
    `${shown(actual[0]!)}不符合${RULE_LABELS[ruleName] ?? ruleName}的写法；此处可写：${firstLabels(expectedPathsPerAlt)}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) =>
    `${RULE_LABELS[ruleName] ?? ruleName}不完整：${shown(actual[0]!)}之前至少需要${firstLabels([expectedIterationPaths])}`,
};

export class RubricParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 4, nodeLocationTracking: "full", errorMessageProvider: zhMessages });
    this.performSelfAnalysis();
  }

  public file = this.RULE("file", () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.section));
  });

  private header = this.RULE("header", () => {
    this.CONSUME(K("Rubric"));
    this.SUBRULE(this.name);
    this.MANY(() => this.SUBRULE(this.headerField));
  });

  private headerField = this.RULE("headerField", () => {
    this.OR([...HEADER_TEXT_KEYWORDS, "FullMarks"].map((k) => ({ ALT: () => this.CONSUME(K(k), { LABEL: "key" }) })));
    this.CONSUME(Colon);
    this.OR1([{ ALT: () => this.CONSUME(LineText) }, { ALT: () => this.SUBRULE(this.quantity) }]);
  });

  private section = this.RULE("section", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.inputsSection) },
      { ALT: () => this.SUBRULE(this.derivedSection) },
      { ALT: () => this.SUBRULE(this.evidenceSection) },
      { ALT: () => this.SUBRULE(this.categoryGroup) },
      { ALT: () => this.SUBRULE(this.category) },
      { ALT: () => this.SUBRULE(this.bonusGroup) },
      { ALT: () => this.SUBRULE(this.gradesSection) },
      { ALT: () => this.SUBRULE(this.vetoSection) },
      { ALT: () => this.SUBRULE(this.eligibilitySection) },
      { ALT: () => this.SUBRULE(this.caseBlock) },
      { ALT: () => this.SUBRULE(this.note) },
    ]);
  });

  // ---- names and numbers ------------------------------------------------------------------

  private name = this.RULE("name", () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(QuotedName) }]);
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
    this.OR(INPUT_TYPES.map((t) => ({ ALT: () => this.CONSUME(K(t)) })));
  });

  private inputDecl = this.RULE("inputDecl", () => {
    this.SUBRULE(this.name);
    this.CONSUME(Colon);
    this.OPTION(() => this.SUBRULE(this.inputType));
    // a unit word, unless it is the next declaration's name (followed by ：)
    this.OPTION1({ GATE: () => this.LA(2).tokenType !== Colon, DEF: () => this.CONSUME(Identifier, { LABEL: "unit" }) });
    this.OPTION2(() => this.SUBRULE(this.rangeSpec));
    this.OPTION3(() =>
      this.OR([{ ALT: () => this.CONSUME(K("Up"), { LABEL: "direction" }) }, { ALT: () => this.CONSUME(K("Down"), { LABEL: "direction" }) }]),
    );
    this.OPTION5(() => this.CONSUME(K("Reference")));
    this.OPTION4({
      GATE: () => this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(QuotedName, { LABEL: "description" }),
    });
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
    this.OPTION2(() =>
      this.OR([{ ALT: () => this.CONSUME(K("Up"), { LABEL: "direction" }) }, { ALT: () => this.CONSUME(K("Down"), { LABEL: "direction" }) }]),
    );
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
    this.OPTION3({
      GATE: () => this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(QuotedName, { LABEL: "description" }),
    });
  });

  private expression = this.RULE("expression", () => {
    this.SUBRULE(this.term);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Plus, { LABEL: "op" }) }, { ALT: () => this.CONSUME(Minus, { LABEL: "op" }) }]);
      this.SUBRULE1(this.term);
    });
  });

  private term = this.RULE("term", () => {
    this.SUBRULE(this.factor);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Times, { LABEL: "op" }) }, { ALT: () => this.CONSUME(Divide, { LABEL: "op" }) }]);
      this.SUBRULE1(this.factor);
    });
  });

  private factor = this.RULE("factor", () => {
    this.OR([
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.SUBRULE(this.name) },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Minus);
          this.SUBRULE(this.factor);
        },
      },
    ]);
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
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.OR1([
            { ALT: () => this.SUBRULE(this.quantity) },
            { ALT: () => this.SUBRULE(this.weightSpec) },
            { ALT: () => this.CONSUME(K("PointsPending")) },
          ]);
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.SUBRULE1(this.quantity) },
      { ALT: () => this.SUBRULE1(this.weightSpec) },
      { ALT: () => this.CONSUME1(K("PointsPending")) },
    ]);
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
    this.OPTION(() => {
      this.CONSUME(LParen);
      // the seed writes （加分项，不超过15分）: the repeated 加分项 is allowed
      this.OPTION1(() => {
        this.CONSUME1(K("Bonus"));
        this.CONSUME(Comma);
      });
      this.CONSUME(K("Comparative"));
      this.SUBRULE(this.quantity);
      this.CONSUME(RParen);
    });
    this.MANY(() => this.SUBRULE(this.indicator));
  });

  private indicator = this.RULE("indicator", () => {
    this.CONSUME(K("Indicator"));
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.pointsSpec));
    this.OPTION1(() => this.SUBRULE(this.scaleSpec));
    this.MANY(() => this.SUBRULE(this.indicatorItem));
  });

  private indicatorItem = this.RULE("indicatorItem", () => {
    this.OR([
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
      { ALT: () => this.SUBRULE(this.rule) },
      { ALT: () => this.SUBRULE(this.indicatorVeto) },
      { ALT: () => this.SUBRULE(this.cap) },
    ]);
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

  /** `名称 低于60%`, `名称` (a yes/no input), `甲或乙`. */
  private predicate = this.RULE("predicate", () => {
    this.SUBRULE(this.name);
    this.OR([
      { ALT: () => this.SUBRULE(this.condition) },
      {
        ALT: () =>
          this.MANY(() => {
            this.CONSUME(K("Or"));
            this.SUBRULE1(this.name);
          }),
      },
    ]);
  });

  // ---- scoring sentences -----------------------------------------------------------------

  private rule = this.RULE("rule", () => {
    this.SUBRULE(this.subject);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.clause));
  });

  private subject = this.RULE("subject", () => {
    this.OR([
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
    ]);
  });

  private separator = this.RULE("separator", () => {
    this.OR([{ ALT: () => this.CONSUME(Comma) }, { ALT: () => this.CONSUME(Semicolon) }, { ALT: () => this.CONSUME(Period) }]);
  });

  private clause = this.RULE("clause", () => {
    this.OPTION(() => this.SUBRULE(this.separator));
    this.OR([
      { ALT: () => this.SUBRULE(this.conditionalClause) },
      { ALT: () => this.SUBRULE(this.fromClause) },
      { ALT: () => this.SUBRULE(this.stepLessClause) },
      { ALT: () => this.SUBRULE(this.eachClause) },
      { ALT: () => this.SUBRULE(this.award) },
      { ALT: () => this.CONSUME(K("Expert")) },
      { ALT: () => this.CONSUME(K("Discretionary")) },
      { ALT: () => this.SUBRULE(this.baselineClause) },
      { ALT: () => this.SUBRULE(this.atMostClause) },
      { ALT: () => this.SUBRULE(this.readingClause) },
      { ALT: () => this.SUBRULE(this.ruleRequires) },
    ]);
  });

  /** （需提供 荣誉资质证明）: evidence or a precondition for this sentence only. */
  private ruleRequires = this.RULE("ruleRequires", () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.requires);
    this.CONSUME(RParen);
  });

  /** 达1500家次得15分 · 达到60%不足70%加20分 · 达到70%后每增加10个百分点加10分 */
  private conditionalClause = this.RULE("conditionalClause", () => {
    this.SUBRULE(this.condition);
    this.OPTION(() => this.CONSUME(K("Of")));
    this.OPTION1(() => this.CONSUME(Comma));
    this.OR([{ ALT: () => this.SUBRULE(this.award) }, { ALT: () => this.SUBRULE(this.increments) }]);
  });

  /** 100家后每增加100家加10分 */
  private fromClause = this.RULE("fromClause", () => {
    this.SUBRULE(this.quantity);
    this.SUBRULE(this.increments);
  });

  private increments = this.RULE("increments", () => {
    this.CONSUME(K("After"));
    this.OPTION(() => this.CONSUME(Comma));
    this.CONSUME(K("EachMore"));
    this.SUBRULE(this.quantity, { LABEL: "step" });
    this.CONSUME(K("Add"));
    this.SUBRULE1(this.quantity, { LABEL: "points" });
  });

  /** 每少100家次减1分 */
  private stepLessClause = this.RULE("stepLessClause", () => {
    this.CONSUME(K("EachLess"));
    this.SUBRULE(this.quantity, { LABEL: "step" });
    this.CONSUME(K("Deduct"));
    this.SUBRULE1(this.quantity, { LABEL: "points" });
  });

  /** 每项加3分 · 每1次减1分 */
  private eachClause = this.RULE("eachClause", () => {
    this.CONSUME(K("Each"));
    this.OPTION(() => this.CONSUME(NumberLiteral));
    this.OPTION1(() => this.CONSUME(Unit));
    this.OR([{ ALT: () => this.CONSUME(K("Add"), { LABEL: "verb" }) }, { ALT: () => this.CONSUME(K("Deduct"), { LABEL: "verb" }) }]);
    this.SUBRULE(this.quantity, { LABEL: "points" });
  });

  /** 得15分 · 加20分 */
  private award = this.RULE("award", () => {
    this.OR([{ ALT: () => this.CONSUME(K("Get"), { LABEL: "verb" }) }, { ALT: () => this.CONSUME(K("Add"), { LABEL: "verb" }) }]);
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
    this.OR([
      { ALT: () => this.CONSUME(K("Linear")) },
      {
        ALT: () => {
          this.CONSUME(K("Between"));
          this.SUBRULE2(this.quantity, { LABEL: "between" });
        },
      },
    ]);
  });

  /** 最多80分 */
  private atMostClause = this.RULE("atMostClause", () => {
    this.CONSUME(K("AtMost"));
    this.SUBRULE(this.quantity);
  });

  /** （不足一档不计） */
  private readingClause = this.RULE("readingClause", () => {
    this.CONSUME(LParen);
    this.OR([
      { ALT: () => this.CONSUME(K("ReadFloor"), { LABEL: "reading" }) },
      { ALT: () => this.CONSUME(K("ReadCeil"), { LABEL: "reading" }) },
      { ALT: () => this.CONSUME(K("ReadProRata"), { LABEL: "reading" }) },
    ]);
    this.CONSUME(RParen);
  });

  /** One or two comparisons, or a range `75～84分`. */
  private condition = this.RULE("condition", () => {
    this.OR([
      {
        // 75～84分
        GATE: () => this.LA(1).tokenType === NumberLiteral && (this.LA(2).tokenType === Tilde || this.LA(3).tokenType === Tilde),
        ALT: () => {
          this.SUBRULE(this.quantity, { LABEL: "low" });
          this.CONSUME(Tilde);
          this.SUBRULE1(this.quantity, { LABEL: "high" });
        },
      },
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
    ]);
  });

  private isComparisonAhead(): boolean {
    let i = 1;
    if (this.LA(i).tokenType === K("And")) i++;
    const t = this.LA(i).tokenType;
    if (t === K("Comparative")) return true;
    if (t !== NumberLiteral) return false;
    // postfix: 80分（含）以上
    let j = i + 1;
    if (this.LA(j).tokenType === Unit) j++;
    if (this.LA(j).tokenType === K("Inclusive")) j++;
    return this.LA(j).tokenType === K("Comparative");
  }

  /** 达1500家次 · 50条以上 · 80分（含）以上 */
  private comparison = this.RULE("comparison", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K("Comparative"), { LABEL: "word" });
          this.SUBRULE(this.quantity);
          this.OPTION(() => this.CONSUME(K("Inclusive")));
        },
      },
      {
        ALT: () => {
          this.SUBRULE1(this.quantity);
          this.OPTION1(() => this.CONSUME1(K("Inclusive")));
          this.CONSUME1(K("Comparative"), { LABEL: "word" });
        },
      },
    ]);
  });

  // ---- grades, vetoes, eligibility -------------------------------------------------------

  private gradesSection = this.RULE("gradesSection", () => {
    this.CONSUME(K("Grades"));
    this.MANY(() => this.SUBRULE(this.gradeBand));
  });

  private gradeBand = this.RULE("gradeBand", () => {
    this.SUBRULE(this.condition);
    this.CONSUME(Colon);
    this.SUBRULE(this.name, { LABEL: "label" });
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
  });

  private eligibilitySection = this.RULE("eligibilitySection", () => {
    this.CONSUME(K("Eligibility"));
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.eligibilityCondition) }, { ALT: () => this.SUBRULE(this.relaxation) }]),
    );
  });

  private clauseLabel = this.RULE("clauseLabel", () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.name);
    this.CONSUME(RParen);
  });

  private eligibilityCondition = this.RULE("eligibilityCondition", () => {
    this.CONSUME(K("Condition"));
    this.OPTION(() => this.SUBRULE(this.clauseLabel));
    this.SUBRULE(this.predicate);
  });

  private relaxation = this.RULE("relaxation", () => {
    this.CONSUME(K("Relax"));
    this.OPTION(() => this.SUBRULE(this.clauseLabel, { LABEL: "own" }));
    this.SUBRULE(this.name);
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
    });
    this.OPTION1(() => {
      this.CONSUME(K("Expect"));
      this.MANY_SEP1({ SEP: Comma, DEF: () => this.SUBRULE(this.expectation) });
    });
  });

  private assignment = this.RULE("assignment", () => {
    this.SUBRULE(this.name);
    this.SUBRULE(this.value);
  });

  private value = this.RULE("value", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.CONSUME(K("Yes")) },
      { ALT: () => this.CONSUME(K("No")) },
      { ALT: () => this.CONSUME(QuotedName) },
    ]);
  });

  private expectation = this.RULE("expectation", () => {
    this.OR([
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
          this.OR1([{ ALT: () => this.CONSUME(K("Yes")) }, { ALT: () => this.CONSUME(K("No")) }]);
        },
      },
      {
        ALT: () => {
          this.SUBRULE1(this.name, { LABEL: "target" });
          this.SUBRULE1(this.quantity);
        },
      },
    ]);
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
  comments: IToken[];
  lexErrors: ReturnType<typeof tokenize>["errors"];
  syntaxErrors: SyntaxError[];
}

/** Source text → CST, with every lexing and syntax error collected (never thrown). */
export function parseCst(text: string): ParseResult {
  const lexed = tokenize(text);
  parser.input = lexed.tokens;
  const cst = parser.file();
  const syntaxErrors = parser.errors.map((e) => ({
    message: e.message,
    token: e.token,
    expected: [],
    ruleStack: e.context?.ruleStack ?? [],
  }));
  return { cst, tokens: lexed.tokens, comments: lexed.comments, lexErrors: lexed.errors, syntaxErrors };
}

export type { CstNode, IToken, TokenType };
