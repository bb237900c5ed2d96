/** @zhunsheng/core: AST, binder/checker, evaluator and explanation of 准绳 rubrics. */
export type { FileAst, Range, Pos, Name, Text, Quantity, Comparison, Clause, Reading, RuleAst, Predicate, IndicatorAst, CategoryAst, InputTypeName, InputAst, Expr, GradeBandAst, VetoAst, CaseAst, HeaderKey, Condition as ConditionAst } from "./ast.ts";
export * from "./model.ts";
export * from "./diagnostics.ts";
export { analyze, parse, type Analysis, type ParsedFile } from "./analyze.ts";
export { bindRubric, intervalOf, suggestName, TYPE_LABEL } from "./binder/from-ast.ts";
export { compile, type Scorer, type RowScorer, type Verdict, type IndicatorResult, type CategoryResult, type Values } from "./evaluator/scorer.ts";
export { namesItself, type Explanation } from "./evaluator/explain.ts";
export { countSteps } from "./evaluator/parts.ts";
export { chooseDigits } from "./evaluator/scale.ts";
export { createReader, platformNameOf, platformColumnOf, exprText, PLATFORM_NAME_COLUMNS, type ReadRecord, type FieldError, type RecordReader, type ColumnReader } from "./evaluator/read.ts";
export { criticalPoints } from "./evaluator/critical-points.ts";
export { checkSemantics, compileForChecks } from "./checker/semantic.ts";
export * from "./decimal.ts";
export { tokenize, type IToken, KEYWORDS, COMPARATIVES, UNITS, OPERATOR_LABEL, type Operator } from "@zhunsheng/grammar";
export { format, type FormatResult } from "./format.ts";
export { parseDataFile, parseCsvRows, toCsv, dataDigits, templateColumns, type DataFile, type PlatformRecord } from "./data.ts";
export { verdictSource } from "./evaluator/codegen.ts";
export { curve, keyPoints, partMeaning, intervalNotation, type Curve, type CurvePoint } from "./evaluator/curve.ts";
