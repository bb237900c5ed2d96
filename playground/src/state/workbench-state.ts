/** The workbench's state: one object in one store; elements render it and never keep their own copy. */

import type { Curve } from "@zhunsheng/language-service";
import type { AnalysisResult, DatasetRecords, ExplainResult, Record_ } from "../protocol.ts";
import type { BuiltinRubric } from "../lib/library.ts";
import type { monaco } from "../monaco/monaco.ts";
import { loadLayout, type Layout } from "../lib/preferences.ts";
import type { BasedOn } from "../lib/drafts.ts";

export type Panel = "scores" | "data" | "explain" | "curve" | "problems";
export type SideView = "explorer" | "outline" | "data" | "compare" | "impact" | "publish";
export type DocKind = "builtin" | "local" | "share" | "draft";

/** An open file: its Monaco model (the text) and where it came from. */
export interface Doc {
  uri: string;
  title: string;
  kind: DocKind;
  model: monaco.editor.ITextModel;
  builtin: BuiltinRubric | undefined;
  readOnly: boolean;
  dataset: string;
  /** Imported datasets by name (records, and the rows that could not be read), in addition to the built-in files. */
  imported: Map<string, DatasetRecords>;
  /** The rubric this draft was made from (新建下一年度草稿). */
  basedOn: BasedOn | undefined;
  /** Data columns the officer said to ignore (they match no input on purpose). */
  ignoredColumns: readonly string[];
}

export interface Cursor {
  line: number;
  column: number;
  offset: number;
}

export interface WorkbenchState {
  docs: ReadonlyMap<string, Doc>;
  tabs: readonly string[];
  active: string | undefined;
  analyses: ReadonlyMap<string, AnalysisResult>;
  side: SideView | null;
  panel: Panel;
  /** The platform (dataset index) whose explanation is shown, or -1. */
  selected: number;
  explanation: ExplainResult | undefined;
  /** Whose explanation 说明 shows: a platform of the dataset or a 用例 of the file. */
  subject: { kind: "platform" | "case"; index: number; name: string } | undefined;
  curve: Curve | undefined;
  cursor: Cursor;
  /** A passing message in the status bar. */
  message: string | undefined;
  paletteOpen: boolean;
  /** Built-in paths with a draft. */
  drafted: ReadonlySet<string>;
  /** Drafts and local files that are not built-in rubrics. */
  draftEntries: readonly { uri: string; title: string; basedOn: string | undefined }[];
  /** The 新建评价体系 dialog is open. */
  newRubricOpen: boolean;
  /** The active document's dataset (for the data form). */
  records: readonly Record_[];
  /** The diff with the built-in version is open. */
  comparing: boolean;
  /** Set when the analysis worker itself stopped: nothing is being checked any more. */
  workerFailure: string | undefined;
  /** Ctrl+M: Tab moves the focus out of the editor instead of indenting. */
  tabFocusMode: boolean;
  layout: Layout;
  /** Which severities the 问题 panel shows. */
  problemFilter: Record<"error" | "warning" | "info", boolean>;
  /** Undo and redo of the 数据表 grid's edits, by document. */
  dataHistory: ReadonlyMap<string, DataHistory>;
  /** The grid cell 问题 asked to show (row index and column). */
  gridFocus: { row: number; field: string } | undefined;
  /** The 复制分享链接 dialog's link, when it is open. */
  share: ShareLink | undefined;
}

/** A share link ready to copy, with what it carries and what that costs. */
export interface ShareLink {
  url: string;
  withData: boolean;
  /** Compressed sizes in bytes. */
  rubricBytes: number;
  dataBytes: number;
  dataset: string;
  platforms: number;
}

/** One change of a dataset's cells (a typed value, a pasted block): enough to undo and redo it. */
export interface DataEdit {
  label: string;
  cells: { row: number; field: string; before: unknown; after: unknown }[];
  /** Rows the edit appended at the end (a pasted block reaching past the last platform). */
  added: number;
}

export interface DataHistory {
  undo: readonly DataEdit[];
  redo: readonly DataEdit[];
}

export function initialState(): WorkbenchState {
  return {
    docs: new Map(),
    tabs: [],
    active: undefined,
    analyses: new Map(),
    side: "explorer",
    panel: "scores",
    selected: -1,
    explanation: undefined,
    subject: undefined,
    curve: undefined,
    cursor: { line: 1, column: 1, offset: 0 },
    message: undefined,
    paletteOpen: false,
    drafted: new Set(),
    draftEntries: [],
    newRubricOpen: false,
    records: [],
    comparing: false,
    workerFailure: undefined,
    tabFocusMode: false,
    layout: loadLayout(),
    problemFilter: { error: true, warning: true, info: true },
    dataHistory: new Map(),
    gridFocus: undefined,
    share: undefined,
  };
}

/** The active document and its latest analysis. */
export function activeDoc(s: WorkbenchState): Doc | undefined {
  return s.active ? s.docs.get(s.active) : undefined;
}

export function activeAnalysis(s: WorkbenchState): AnalysisResult | undefined {
  return s.active ? s.analyses.get(s.active) : undefined;
}
