/**
 * What the workbench and its two workers say to each other, typed once: the method maps of
 * the analysis worker (`AnalysisMethods`, plus the `analysis` events it pushes after edits)
 * and of the publish worker (`PublishMethods`). The transport is the generic RPC of lib/rpc.ts.
 */
import type { CodeAction, CompletionItem, Curve, DocumentSymbol, EditorKeywords, FoldingRange, Hover, TextEdit } from "@zhunsheng/language-service";
import type { Diagnostic, Explanation, Range } from "@zhunsheng/core";
import type { Change, Comparison, CrossScore, Impact, ImportMark, PublishCheck } from "@zhunsheng/publish";

export type Record_ = Record<string, unknown>;

/**
 * A dataset's platforms: `rowErrors[i]` says why platform i's row could not be read (a CSV row
 * that does not line up with the header, a JSON value that is not a single value…) — such a
 * platform is shown as 数据有误 and never scored.
 */
export interface DatasetRecords {
  records: Record_[];
  rowErrors?: (string[] | null)[];
}

/** A file written in the worker for the page to download. */
export interface FileData {
  name: string;
  type: string;
  data: Uint8Array | string;
}

/** One platform's row in the 评分 table. */
export interface ScoreRow {
  /** Position in the dataset (explanations and edits name a platform by it). */
  index: number;
  platform: string;
  total: string | null;
  grade: string | null;
  eligible: boolean | null;
  rank: number | null;
  /** The total when the data was loaded, when the edits since changed it. */
  previous: string | null | undefined;
  /** Category name → score. */
  categories: Record<string, string>;
  errors: string[];
}

/** How the officer sorted the 评分 table. */
export interface ScoreSort {
  key: "platform" | "total" | "grade" | "rank" | `cat:${string}`;
  ascending: boolean;
}

/** A window of the sorted table: the page holds only the rows it shows. */
export interface ScorePage {
  sort: ScoreSort;
  start: number;
  rows: ScoreRow[];
}

/** The 评分 table of a document without its rows. */
export interface ScoreSummary {
  /** Category columns in rubric order, with their maxima. */
  columns: { name: string; max: string; bonus: boolean }[];
  dataset: string;
  /** Input names expected in the data, for the data form and CSV template. */
  fields: { name: string; type: string; unit: string | undefined; min: string | undefined; max: string | undefined; description: string | undefined }[];
  count: number;
  withErrors: number;
  /** The rubric has 认定条件: the table shows whether each platform meets them. */
  eligibility: boolean;
  /** The rubric awards points (a 认定条件-only rubric has no total or rank to show). */
  points: boolean;
  /** Platforms whose total the edits changed since the data was loaded. */
  changed: number;
}

export interface Scores extends ScoreSummary {
  /** The window the table last asked for, in its order. */
  page: ScorePage;
}

/** A 用例 as the editor shows it: ▶ 运行 and its result on the case's line. */
export interface CaseResult {
  name: string;
  /** The case's first line (1-based). */
  line: number;
  passed: boolean;
  /** 「总分 115分，星级 五星」 when it ran; the first failure otherwise. */
  summary: string;
  failures: number;
}

/**
 * The dataset checked against the rubric it goes with (the core's reader decides each cell):
 * what the 数据表 grid and 问题 show.
 */
export interface DataCheck {
  dataset: string;
  /** The grid's columns: the platform's name, the rubric's entered inputs, then columns that match none. */
  columns: string[];
  platformColumn: string | undefined;
  /** Columns of the data that match no input of the rubric. */
  unmatched: string[];
  /** Entered inputs that no column of the data gives. */
  missing: string[];
  /** Values that cannot be read (the first 500), by row index and input. */
  cells: { row: number; field: string; message: string; platform: string }[];
  cellCount: number;
}

/** What the worker pushes after each change of a document. */
export interface AnalysisResult {
  uri: string;
  version: number;
  diagnostics: Diagnostic[];
  symbols: DocumentSymbol[];
  /** From the last text the core could score (analysis.scoring). */
  scores: Scores | undefined;
  maxTotal: string | undefined;
  title: string | undefined;
  /** The scores come from an older text, because the current one has errors. */
  stale: boolean;
  /** Why the current text is not scored (the core's analysis.scoring.reason), or undefined when it is. */
  notScored: string | undefined;
  timing: { analyzeMs: number; scoreMs: number };
  /**
   * Set when the analysis could not finish (an internal error on this text): the status bar
   * and 问题 say so instead of showing an empty, clean-looking result.
   */
  failure: string | undefined;
  /** The file's 用例 with their results (the checker's, on this text). */
  cases: CaseResult[];
  /** The dataset checked against the last scorable text. */
  dataCheck?: DataCheck | undefined;
}

/** A platform's explanation with the published sentences it applies (Catala's explanations linked to the article). */
export interface ExplainResult {
  explanation: Explanation;
  /** Indicator name → its 描述 (the published sentence) and the line it is on. */
  citations: Record<string, { description: string; line: number }>;
  /** The rubric's 来源 (the document it was published in), when the header names it. */
  source: string | undefined;
  title: string;
}

/** Analysis worker requests: params and result of each. */
export interface AnalysisMethods {
  /** `baseText`: the built-in version, from which sample platforms are generated (so that they do not move with edits). */
  open: { params: { uri: string; text: string; version: number; baseText?: string; data?: { name: string; kind: "csv" | "json"; text: string } }; result: null };
  update: { params: { uri: string; text: string; version: number }; result: null };
  close: { params: { uri: string }; result: null };
  keywords: { params: Record<string, never>; result: EditorKeywords & { tokenTypes: string[]; tokenModifiers: string[] } };
  symbols: { params: { uri: string }; result: DocumentSymbol[] };
  setData: { params: { uri: string; name: string } & DatasetRecords; result: null };
  /** A data file's bytes (CSV in any encoding, JSON, XLSX), read by @zhunsheng/data in the worker. */
  /** `dataSheets`: a workbook with platforms in several sheets, none read (import each with `sheet`). */
  importData: { params: { uri: string; name: string; bytes: Uint8Array; format?: "csv" | "json"; sheet?: string }; result: { count: number; errors: string[]; warnings: string[]; dataSheets?: string[] } };
  records: { params: { uri: string }; result: { name: string } & DatasetRecords };
  /** The score table as a file: injection-safe CSV or a workbook. */
  exportScores: { params: { uri: string; kind: "csv" | "xlsx"; base: string }; result: FileData };
  /** The blank data sheet of the document's rubric: units and ranges in the header; the workbook adds notes, drop-downs and ranges. */
  dataTemplate: { params: { uri: string; kind: "csv" | "xlsx"; base: string }; result: FileData | { error: string } };
  /** The table's order and window: answered now, and kept for the pages pushed with later analyses. */
  scoreView: { params: { uri: string; sort: ScoreSort; start: number; count: number }; result: ScorePage | undefined };
  exportRows: { params: { uri: string }; result: string[][] };
  explain: { params: { uri: string; index: number }; result: ExplainResult | undefined };
  curve: { params: { uri: string; offset: number }; result: Curve | undefined };
  /** ▶ 运行: the explanation of the record a 用例 describes. */
  explainCase: { params: { uri: string; index: number }; result: ExplainResult | undefined };
  /** A new 用例 made from a platform's row: its text, with the platform's actual results as the expectations. */
  caseFromPlatform: { params: { uri: string; index: number }; result: { text: string } | { error: string } };
  semanticTokens: { params: { uri: string }; result: Uint32Array };
  hover: { params: { uri: string; offset: number }; result: Hover | undefined };
  complete: { params: { uri: string; offset: number }; result: CompletionItem[] };
  definition: { params: { uri: string; offset: number }; result: Range | undefined };
  references: { params: { uri: string; offset: number }; result: Range[] };
  prepareRename: { params: { uri: string; offset: number }; result: { range: Range; text: string } | undefined };
  rename: { params: { uri: string; offset: number; newName: string }; result: { edits: TextEdit[] } | { error: string } };
  format: { params: { uri: string }; result: TextEdit[] };
  codeActions: { params: { uri: string; range: Range }; result: CodeAction[] };
  folding: { params: { uri: string }; result: FoldingRange[] };
}

/** What the analysis worker pushes without being asked. */
export type AnalysisEvent = { kind: "analysis"; result: AnalysisResult };

// ---- The publish worker (对比, 影响, 发布前检查, export and import), created on first use ----

/** A rubric handed to the publish worker: `id` is its path under rules/ (for the concept mappings). */
export interface RubricSource {
  id: string;
  title: string;
  text: string;
}

/** The diff, the impact and what the text diff needs, for the 影响 view. */
export interface ImpactResult {
  changes: Change[];
  impact: Impact | undefined;
  graded: boolean;
  gradeKind: string;
  /** Why there is no result (a version that does not bind). */
  error: string | undefined;
}

/** Publish worker requests. */
export interface PublishMethods {
  compare: { params: { rubrics: RubricSource[] }; result: { comparison: Comparison | undefined; errors: string[] } };
  crossScore: { params: { a: RubricSource; b: RubricSource; data: { kind: "csv" | "json"; text: string } }; result: { score: CrossScore | undefined; error: string | undefined } };
  impact: { params: { oldText: string; newText: string; records: Record_[] }; result: ImpactResult };
  checks: { params: { text: string; file: string }; result: { passed: boolean; checks: PublishCheck[] } };
  /** The official table (only when 发布前检查 passes) or a 征求意见稿; refused when a description disagrees with its rules, unless regenerate. */
  exportTable: {
    params: { text: string; format: "docx" | "xlsx" | "html" | "md"; file?: string; draft?: boolean; regenerate?: boolean };
    result: { title: string; data: Uint8Array | string; rewritten: number; openProblems: number } | { error: string; problems?: { line: number; column: number; message: string }[] };
  };
  /** A table from pasted text or any file an officer has (docx, xlsx, csv, txt, md, html: `bytes`; `xlsx` kept for old callers) → a draft. */
  importTable: {
    params: { name: string; text?: string; xlsx?: Uint8Array; bytes?: Uint8Array; sheet?: string };
    result: { title: string; text: string; marks: ImportMark[]; recognised: number; sentences: { scoring: number; recognised: number }; errors: number; report: string } | { error: string };
  };
  /** 修订说明 of two versions (the same document as `zhunsheng diff --memo`). */
  revisionMemo: {
    params: MemoSource & { reasons?: Record<number, string>; reasonsByKey?: Record<string, string>; format: "md" | "docx" };
    result: { title: string; data: Uint8Array | string; changes: string[] } | { error: string };
  };
  /** The 修订说明 as the workbench shows it before export: the same changes (with their keys) and impact sentences. */
  memoPreview: { params: MemoSource; result: MemoPreview | { error: string } };
  /** Any table as a file (the 影响 view's export): injection-safe CSV or a workbook. */
  tableFile: { params: { rows: string[][]; kind: "csv" | "xlsx"; name: string; sheet?: string }; result: FileData };
}

/** The two versions a 修订说明 compares, and the dataset its impact is measured on. */
export interface MemoSource {
  oldText: string;
  newText: string;
  oldName: string;
  newName: string;
  records?: Record<string, unknown>[];
  dataset?: string;
}

export interface MemoPreview {
  title: string;
  oldName: string;
  newName: string;
  /** Every semantic change, numbered as in the document; `key` (publish's changeKey) keeps its 修订理由 across edits. */
  changes: { key: string; text: string; line: number | undefined }[];
  /** The impact on the dataset, in the document's sentences. */
  impact: string[];
}
