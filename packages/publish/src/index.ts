/**
 * @zhunsheng/publish: compare rubrics, measure the impact of a change on a dataset, check a
 * rubric before publication, export the official indicator table and import one as a draft.
 * No DOM and no editor: the CLI and the workbench's worker call the same functions.
 */
export { diffRubrics, diffText, matchIndicators, type Change, type ChangeKind, type IndicatorMatch, type RubricDiff } from "./diff.ts";
export { measureImpact, rankTotals, type Impact, type ImpactOptions, type PlatformImpact, type IndicatorImpact, type HistogramBin } from "./impact.ts";
export { reportMarkdown, reportHtml, reportJson, type ChangeReport } from "./report.ts";
export { publishChecks, type PublishCheck, type PublishReport } from "./checks.ts";
export { officialTable, tableTitle, rowCells, type OfficialTable, type TableRow } from "./table.ts";
export { tableMarkdown, tableHtml, tableHtmlFragment } from "./export-text.ts";
export { tableXlsx, readXlsxRows, tableDocx } from "./office.ts";
export { parseTables, tableFromRows, pickTable, cleanCell, type ImportedTable, type ImportedRow } from "./import-table.ts";
export { draftFromTable, recognise, baseName, zsName, type ImportedDraft, type ImportMark, type DraftOptions } from "./import-draft.ts";
export { partText, ruleText, indicatorRuleText, thresholdsOf } from "./rule-text.ts";
export { escapeHtml } from "./text.ts";
export { parseVocabulary, rootConcept, checkConceptTags, checkMappings, type Concept, type InputMapping, type Vocabulary } from "./concepts.ts";
export { scoreAcross, carryProblem, RANK_THRESHOLD, type CrossScore, type CarriedInput, type MissingInput, type CrossIndicator, type CrossRow } from "./cross-score.ts";
export { compareSideBySide, shareOfBase, UNTAGGED, type Comparison, type ComparisonRow, type CellIndicator } from "./side-by-side.ts";
