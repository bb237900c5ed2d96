/**
 * The analysis worker: parses, checks and scores off the main thread, and answers the
 * editor's language requests from the language service. One typed protocol (../protocol.ts).
 */
import { analyze, caseRecord, type Rubric, type Scorer } from "@zhunsheng/core";
import * as ls from "@zhunsheng/language-service";
import type { AnalysisEvent, AnalysisMethods, AnalysisResult, DataCheck, Record_, ScorePage, ScoreSort } from "../protocol.ts";
import { readDataset, tableFile, templateFile } from "./data-files.ts";
import { serveRpc, type Handlers } from "../lib/rpc.ts";
import { samplePlatforms } from "./sample-data.ts";
import { exportRows, pageOf, readData, scoreTable, tableShape, type ReadData, type ScoreTable } from "./scores.ts";
import { caseResults, caseText, explainResult } from "./cases.ts";
import { checkDataset } from "./data-check.ts";

interface Dataset {
  name: string;
  records: Record_[];
  /** Why a platform's row could not be read, by index (never scored). */
  rowErrors?: (string[] | null)[];
}

interface Entry {
  text: string;
  version: number;
  doc: ls.LanguageDocument | undefined;
  /** How long `doc` took to analyse, wherever it was computed (an editor request may come first: see answer). */
  docMs?: number;
  /** The last model without syntax or name errors, with its scorer. */
  good: { rubric: Rubric; scorer: Scorer; version: number } | undefined;
  data: Dataset | undefined;
  /** Each platform's total when the current data was first scored (the table marks changes against it). */
  baseline: (string | null)[] | undefined;
  /** The scores of `good` on `data`, with the scoring key of the scorer that gave them. */
  table: (ScoreTable & { version: number; data: Dataset; scoringKey: string | undefined }) | undefined;
  /** The table's order and window, as the page last asked. */
  view: { sort: ScoreSort; start: number; count: number };
  baseText: string | undefined;
  scheduled: boolean;
  /** The analysis under way, until it has pushed its result or given way to a newer text. */
  running?: Promise<void> | undefined;
  /** `data` read for the reading key of the last scorer (kept while an edit leaves reading as it was). */
  read?: ReadData | undefined;
  /** The check of `read` against the rubric it was read for (cells, unmatched columns, missing inputs): from its errors, once per reading. */
  check?: { read: ReadData; result: DataCheck };
}

const GENERATED = "示例平台（自动生成）";
const docs = new Map<string, Entry>();

function entry(uri: string): Entry {
  const e = docs.get(uri);
  if (!e) throw new Error(`文档未打开：${uri}`);
  return e;
}

function docOf(e: Entry): ls.LanguageDocument {
  if (!e.doc || e.doc.text !== e.text) {
    const t0 = performance.now();
    e.doc = ls.createDocument(e.text, "rubric.zs");
    e.docMs = performance.now() - t0;
  }
  return e.doc;
}


/** The document's dataset; the generated sample platforms when it has none. */
function dataOf(e: Entry, rubric: Rubric): Dataset {
  if (!e.data) {
    const base = e.baseText !== undefined ? analyze(e.baseText).rubric : undefined;
    e.data = { name: GENERATED, records: samplePlatforms(base ?? rubric) };
  }
  return e.data;
}

function setData(e: Entry, data: Dataset | undefined): void {
  e.data = data;
  e.baseline = undefined;
  e.table = undefined;
  e.read = undefined;
}

/** The dataset read for `scorer`: the records already read when the reading key is the same as before. */
function readFor(e: Entry, data: Dataset, scorer: Scorer): ReadData {
  if (e.read?.records !== data.records || e.read.key !== scorer.readingKey) e.read = readData(scorer.readingKey, data.records, data.rowErrors);
  return e.read;
}

/** The check of the table's dataset against the rubric it was scored with: from the errors found reading it, once per reading. */
function checkOf(e: Entry): DataCheck | undefined {
  const t = e.table;
  const read = e.read;
  if (!t || !e.good || !read?.complete || read.records !== t.data.records) return undefined;
  if (e.check?.read !== read) e.check = { read, result: checkDataset(e.good.rubric, t.data.name, read.records, (row) => read.reads[row]?.errors ?? [], read.rowErrors) };
  return e.check.result;
}

function page(e: Entry): ScorePage | undefined {
  return e.table && { sort: e.view.sort, start: e.view.start, rows: pageOf(e.table, e.view.sort, e.view.start, e.view.count) };
}

function failureMessage(err: unknown): string {
  return `分析没有完成：内部错误（${err instanceof Error ? err.message : String(err)}）。这一版本的问题无法列出，评分是上一次完成的分析的结果（已过时）。请撤销最近的修改，或报告此问题。`;
}

/** Parses, checks and scores the document's current text, then pushes the result. */
function analyse(uri: string): Promise<void> {
  const e = docs.get(uri);
  if (!e) return Promise.resolve();
  const running: Promise<void> = analyseEntry(uri, e).finally(() => {
    if (e.running === running) e.running = undefined;
  });
  e.running = running;
  return running;
}

async function analyseEntry(uri: string, e: Entry): Promise<void> {
  e.scheduled = false;
  const version = e.version;
  const t0 = performance.now();
  let result: AnalysisResult;
  try {
    const d = docOf(e);
    const t1 = performance.now();
    // parse + check of this text, also when an editor request computed it first
    const analyzeMs = e.docMs ?? t1 - t0;
    // the core's one decision: a rubric with errors (failing cases aside) is not scored; the last scorable version stays, marked stale
    const scoring = d.analysis.scoring;
    if (scoring.scorable) e.good = { rubric: d.analysis.rubric!, scorer: scoring.scorer, version };
    const good = e.good;
    if (good && (e.table?.version !== good.version || e.table.data !== e.data)) {
      const data = dataOf(e, good.rubric);
      const scoringKey = good.scorer.scoringKey;
      if (e.table?.data === data && scoringKey !== undefined && e.table.scoringKey === scoringKey) {
        // the edit left every score as it was (a comment, a 描述, a 用例): the platforms are not scored again
        e.table = { ...e.table, version: good.version, summary: { ...e.table.summary, ...tableShape(good.rubric) } };
      } else {
        const table = await scoreTable(good.rubric, good.scorer, readFor(e, data, good.scorer), e.baseline, () => e.version !== version || docs.get(uri) !== e);
        // a newer text arrived meanwhile: its own analysis is scheduled
        if (!table) return;
        if (!e.baseline && data.name !== GENERATED) warmUp(uri, e);
        e.baseline ??= table.total.slice();
        e.table = { ...table, version: good.version, data, scoringKey };
      }
    }
    const scores = e.table && { ...e.table.summary, dataset: e.table.data.name, page: page(e)! };
    result = {
      uri,
      version,
      diagnostics: d.analysis.diagnostics,
      symbols: ls.documentSymbols(d),
      scores,
      maxTotal: good?.rubric.maxTotal,
      title: d.analysis.rubric?.header.title,
      stale: good !== undefined && good.version !== version,
      notScored: scoring.scorable ? undefined : scoring.reason,
      timing: { analyzeMs, scoreMs: performance.now() - t1 },
      failure: undefined,
      cases: scoring.scorable ? caseResults(scoring.scorer.rubric, scoring.scorer, d.analysis.diagnostics) : [],
      dataCheck: checkOf(e),
    };
  } catch (err) {
    const scores = e.table && { ...e.table.summary, dataset: e.table.data.name, page: page(e)! };
    result = { uri, version, diagnostics: [], symbols: [], scores, maxTotal: e.good?.rubric.maxTotal, title: undefined, stale: scores !== undefined, notScored: undefined, timing: { analyzeMs: performance.now() - t0, scoreMs: 0 }, failure: failureMessage(err), cases: [] };
  }
  if (e.version !== version || docs.get(uri) !== e) return;
  rpc.push({ kind: "analysis", result });
}

/** How many idle analyses follow the first scores of an imported dataset (see warmUp). */
const WARM_RUNS = 12;
/** The warm-up of each document: idle analyses run so far (read by tests). */
export const warmUps = new Map<string, { runs: number }>();

/**
 * After an imported dataset is first scored, the officer edits thresholds and watches the scores,
 * but the analysis code has run only two or three times, so the first edits ran it cold (30-40 ms
 * instead of 10-15). While the worker is idle, the open text is analysed again a few times (each
 * result dropped) so that the engine reaches its optimised code before those edits. The first edit
 * or another dataset ends it; each run is one analysis between events, so it never holds a request
 * or an edit back by more than one analysis.
 */
function warmUp(uri: string, e: Entry): void {
  const warm = { runs: 0 };
  const version = e.version;
  warmUps.set(uri, warm);
  const next = () => {
    if (docs.get(uri) !== e || warmUps.get(uri) !== warm || e.version !== version || warm.runs >= WARM_RUNS) return;
    // the table of these scores may still be under way (a large dataset): after it
    if (!e.running) {
      analyze(e.text);
      warm.runs++;
    }
    setTimeout(next, 5);
  };
  setTimeout(next, 5);
}

function schedule(uri: string): void {
  const e = docs.get(uri);
  if (!e || e.scheduled) return;
  e.scheduled = true;
  // coalesce a burst of keystrokes into one analysis (an editor request may have run it already: see answer)
  setTimeout(() => {
    if (docs.get(uri) === e && e.scheduled) void analyse(uri);
  }, 0);
}

/**
 * An editor request's answer, on the text the request was made for, sent after that text's scores.
 * A keystroke sends the text and then, for a digit, a completion request; the worker may take the
 * request before the analysis it scheduled, or while the analysis lets events through between
 * slices of the score table: the answer then went out first and the page showed its suggestions
 * before the scores. Now a scheduled analysis runs first and one under way is waited for; the
 * analysis is the same one (the document is computed once per text).
 */
async function answer<T>(uri: string, f: (d: ls.LanguageDocument) => T): Promise<T> {
  const e = entry(uri);
  const d = docOf(e);
  if (e.scheduled) await analyse(uri);
  else if (e.running) await e.running;
  return f(d);
}

const handlers: Handlers<AnalysisMethods> = {
  open: async ({ uri, text, version, baseText, data }) => {
    const prev = docs.get(uri);
    // the entry exists before the data is read, so that edits arriving meanwhile find it
    const e: Entry = { text, version, doc: undefined, good: undefined, data: prev?.data, baseline: undefined, table: undefined, view: prev?.view ?? { sort: { key: "rank", ascending: true }, start: 0, count: 60 }, baseText: baseText ?? text, scheduled: false };
    docs.set(uri, e);
    if (data) {
      const read = await readDataset(new TextEncoder().encode(data.text), data.name, analyze(text).rubric, data.kind);
      if (docs.get(uri) === e && read.records.length > 0) setData(e, { name: data.name, records: read.records, ...(read.rowErrors ? { rowErrors: read.rowErrors } : {}) });
    }
    schedule(uri);
    return null;
  },
  update: ({ uri, text, version }) => {
    const e = entry(uri);
    e.text = text;
    e.version = version;
    schedule(uri);
    return null;
  },
  close: ({ uri }) => {
    docs.delete(uri);
    return null;
  },
  keywords: () => ({ ...ls.editorKeywords(), tokenTypes: [...ls.SEMANTIC_TOKEN_TYPES], tokenModifiers: [...ls.SEMANTIC_TOKEN_MODIFIERS] }),
  symbols: ({ uri }) => answer(uri, (d) => ls.documentSymbols(d)),
  setData: ({ uri, name, records, rowErrors }) => {
    // no records: back to the generated sample platforms
    setData(entry(uri), records.length > 0 ? { name, records, ...(rowErrors ? { rowErrors } : {}) } : undefined);
    schedule(uri);
    return null;
  },
  importData: async ({ uri, name, bytes, format, sheet }) => {
    const e = entry(uri);
    const read = await readDataset(bytes, name, e.good?.rubric ?? analyze(e.text).rubric, format, sheet);
    if (read.records.length > 0) setData(e, { name, records: read.records, ...(read.rowErrors ? { rowErrors: read.rowErrors } : {}) });
    schedule(uri);
    return { count: read.records.length, errors: read.errors, warnings: read.warnings, ...(read.dataSheets ? { dataSheets: read.dataSheets } : {}) };
  },
  records: ({ uri }) => {
    const e = entry(uri);
    return e.data ?? { name: "", records: [] };
  },
  exportScores: async ({ uri, kind, base }) => {
    const t = entry(uri).table;
    return tableFile(t ? exportRows(t) : [], kind, `${base}-评分`, "评分");
  },
  dataTemplate: async ({ uri, kind, base }) => {
    const e = entry(uri);
    const rubric = e.good?.rubric;
    return rubric ? templateFile(rubric, kind, `${base}-数据表`) : { error: "评价体系有错误，无法生成数据表：请先改正「问题」中的错误" };
  },
  scoreView: ({ uri, sort, start, count }) => {
    const e = entry(uri);
    e.view = { sort, start, count };
    return page(e);
  },
  exportRows: ({ uri }) => {
    const t = entry(uri).table;
    return t ? exportRows(t) : [];
  },
  explain: ({ uri, index }) => {
    const e = entry(uri);
    // a row that did not line up is not explained: its values are not the platform's
    const rec = e.data?.rowErrors?.[index] ? undefined : e.data?.records[index];
    if (!e.good || !rec) return undefined;
    return explainResult(e.good.rubric, e.good.scorer.explain(rec));
  },
  explainCase: ({ uri, index }) => {
    const e = entry(uri);
    const c = e.good?.rubric.ast.cases[index];
    if (!e.good || !c) return undefined;
    return explainResult(e.good.rubric, e.good.scorer.explain(caseRecord(e.good.rubric, c).record));
  },
  caseFromPlatform: ({ uri, index }) => {
    const e = entry(uri);
    const unreadable = e.data?.rowErrors?.[index];
    if (unreadable) return { error: `这一行的数据无法评分：${unreadable.join("；")}` };
    const rec = e.data?.records[index];
    if (!e.good || !rec) return { error: "没有可评分的评价体系或平台数据" };
    const platform = e.table?.platform[index] ?? `平台${index + 1}`;
    return caseText(e.good.rubric, e.good.scorer, rec, platform);
  },
  curve: ({ uri, offset }) =>
    answer(uri, (d) => {
      const target = ls.curveTargetAt(d, offset);
      const now = d.analysis.scoring.scorable ? { rubric: d.analysis.rubric!, scorer: d.analysis.scoring.scorer } : entry(uri).good;
      if (!target || !now) return undefined;
      return ls.curve(now.rubric, target.path, target.input, now.scorer);
    }),
  semanticTokens: ({ uri }) => answer(uri, (d) => ls.encodeSemanticTokens(ls.semanticTokens(d))),
  hover: ({ uri, offset }) => answer(uri, (d) => ls.hover(d, offset)),
  complete: ({ uri, offset }) => answer(uri, (d) => ls.complete(d, offset)),
  definition: ({ uri, offset }) => answer(uri, (d) => ls.definition(d, offset)),
  references: ({ uri, offset }) => answer(uri, (d) => ls.references(d, offset)),
  prepareRename: ({ uri, offset }) => answer(uri, (d) => ls.prepareRename(d, offset)),
  rename: ({ uri, offset, newName }) => answer(uri, (d) => ls.rename(d, offset, newName)),
  format: ({ uri }) => answer(uri, (d) => ls.formatDocument(d)),
  codeActions: ({ uri, range }) => answer(uri, (d) => ls.codeActions(d, range)),
  folding: ({ uri }) => answer(uri, (d) => ls.foldingRanges(d)),
};

const rpc = serveRpc<AnalysisMethods, AnalysisEvent>(handlers);
