/** @zhunsheng/core: AST, binder/checker, evaluator and explanation of 准绳 rubrics. */
export type { FileAst, Range, Pos, Name, Text, Quantity, Comparison, Clause, Reading, RuleAst, Predicate, IndicatorAst, CategoryAst, InputTypeName, InputAst, Expr, GradeBandAst, VetoAst, CaseAst, HeaderKey, Condition as ConditionAst } from "./ast.ts";
export * from "./model.ts";
export * from "./diagnostics.ts";
export { analyze, parse, type Analysis, type ParsedFile } from "./analyze.ts";
export { bindRubric, intervalOf, suggestName, TYPE_LABEL } from "./binder/from-ast.ts";
export { compile, namesItself, countSteps, chooseDigits, type Scorer, type Verdict, type Explanation, type IndicatorResult, type CategoryResult, type Values } from "./evaluator/compile.ts";
export { criticalPoints, checkSemantics, compileForChecks } from "./checker/semantic.ts";
export * from "./decimal.ts";
export { tokenize, type IToken, KEYWORDS, COMPARATIVES, UNITS, OPERATOR_LABEL, type Operator } from "@zhunsheng/grammar";
export { format, type FormatResult } from "./format.ts";
export { parseDataFile, parseCsvRows, toCsv, dataDigits, templateColumns, type DataFile, type PlatformRecord } from "./data.ts";
export { totalSource } from "./evaluator/codegen.ts";
export { curve, keyPoints, partMeaning, intervalNotation, type Curve, type CurvePoint } from "./evaluator/curve.ts";
export { addDecimals, subDecimals, compareDecimals, canonicalDecimal } from "./decimal-string.ts";
