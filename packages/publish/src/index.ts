/**
 * @zhunsheng/publish: compare rubrics, measure the impact of a change on a dataset, check a
 * rubric before publication, export the official indicator table and import one as a draft.
 * No DOM and no editor: the CLI and the workbench's worker call the same functions.
 */
export { diffRubrics, diffText, matchIndicators, type Change, type ChangeKind, type IndicatorMatch, type RubricDiff } from "./diff.ts";
export { measureImpact, rankTotals, type Impact, type ImpactOptions, type PlatformImpact, type IndicatorImpact, type HistogramBin } from "./impact.ts";
export { reportMarkdown, reportHtml, reportJson, type ChangeReport } from "./report.ts";
export { publishChecks, type PublishCheck, type PublishReport } from "./checks.ts";
export { officialTable, tableTitle, sourceTitle, rowCells, DRAFT_MARK, type OfficialTable, type TableRow, type TableOptions } from "./table.ts";
export { preparePublication, type Publication, type PublicationOptions, type PublicationProblem } from "./publication.ts";
export { proseAgreement, proseDiagnostics, regenerateProse, ruleStatements, partSlots, gradeNumbers, quotableNumbers, type ProseDisagreement, type RewrittenProse, type RuleStatement } from "./prose.ts";
export { findPhrases, splitSentences, type Phrase, type PhraseKind } from "./phrases.ts";
export { tableMarkdown, tableHtml, tableHtmlFragment } from "./export-text.ts";
export { tableXlsx, readXlsxRows, tableDocx } from "./office.ts";
export { parseTables, tableFromRows, pickTable, cleanCell, readIndicatorTables, documentKind, metadataOf, evidenceOf, type ImportedTable, type ImportedRow, type DocumentKind } from "./import-table.ts";
export { draftFromTable, recognise, baseName, zsName, importReportMarkdown, PATTERN_NAME, type ImportedDraft, type ImportMark, type DraftOptions } from "./import-draft.ts";
export { readHtml, readMarkdown, readDocx, type SourceDocument, type SourceTable } from "./sources.ts";
export { revisionMemo, memoMarkdown, memoDocx, memoImpactLines, changeKey, REASON_BLANK, type RevisionMemo, type MemoOptions } from "./memo.ts";
export { partText, ruleText, indicatorRuleText, thresholdsOf } from "./rule-text.ts";
export { escapeHtml } from "./text.ts";
export { parseVocabulary, rootConcept, checkConceptTags, checkMappings, suggestConcept, type Concept, type InputMapping, type Vocabulary } from "./concepts.ts";
export { scoreAcross, carryProblem, RANK_THRESHOLD, type CrossScore, type CarriedInput, type MissingInput, type CrossIndicator, type CrossRow } from "./cross-score.ts";
export { compareSideBySide, shareOfBase, UNTAGGED, type Comparison, type ComparisonRow, type CellIndicator } from "./side-by-side.ts";
