/**
 * The analysis worker: parses, checks and scores off the main thread, and answers the
 * editor's language requests from the language service. One typed protocol (../protocol.ts).
 */
import { analyze, compile, parseDataFile, type Rubric, type Scorer } from "@zhunsheng/core";
import * as ls from "@zhunsheng/language-service";
import type { AnalysisResult, Methods, Record_, Request, ScoreRow, Scores, WorkerMessage } from "../protocol.ts";
import { samplePlatforms } from "./sample-data.ts";

interface Entry {
  text: string;
  version: number;
  doc: ls.LanguageDocument | undefined;
  /** The last model without syntax or name errors, with its scorer. */
  good: { rubric: Rubric; scorer: Scorer; version: number } | undefined;
  data: { name: string; records: Record_[] } | undefined;
  baseText: string | undefined;
  scheduled: boolean;
}

const docs = new Map<string, Entry>();
const post = (m: WorkerMessage) => (self as unknown as Worker).postMessage(m);

function entry(uri: string): Entry {
  const e = docs.get(uri);
  if (!e) throw new Error(`文档未打开：${uri}`);
  return e;
}

function docOf(e: Entry): ls.LanguageDocument {
  if (!e.doc || e.doc.text !== e.text) e.doc = ls.createDocument(e.text, "rubric.zs");
  return e.doc;
}

/** Syntax (1xxx) and name/unit (2xxx) errors make a model unusable for scoring; semantic ones do not. */
function usable(d: ls.LanguageDocument): boolean {
  return d.analysis.rubric !== undefined && !d.analysis.diagnostics.some((x) => x.severity === "error" && /^ZS[12]/.test(x.code));
}

function rank(rows: ScoreRow[]): void {
  const totals = rows.filter((r) => r.total !== null).map((r) => Number(r.total)).sort((a, b) => b - a);
  for (const r of rows) r.rank = r.total === null ? null : totals.indexOf(Number(r.total)) + 1;
}

function scoreAll(e: Entry): Scores | undefined {
  if (!e.good) return undefined;
  const { rubric, scorer } = e.good;
  if (!e.data) {
    const base = e.baseText !== undefined ? analyze(e.baseText).rubric : undefined;
    e.data = { name: "示例平台（自动生成）", records: samplePlatforms(base ?? rubric) };
  }
  const rows = e.data.records.map<ScoreRow>((rec, index) => {
    const v = scorer.score(rec);
    return {
      index,
      platform: String(rec["名称"] ?? rec["平台名称"] ?? v.platform ?? `平台${index + 1}`),
      total: v.total,
      grade: v.vetoed ? `${v.grade ?? ""}（否决）` : v.grade,
      eligible: v.eligible,
      rank: null,
      categories: Object.fromEntries(v.categories.map((c) => [c.name, c.score])),
      errors: v.errors.map((x) => `${x.field}：${x.message}`),
    };
  });
  rank(rows);
  return {
    columns: rubric.categories.map((c) => ({ name: c.name, max: c.kind === "bonus" ? c.cap ?? "" : c.points ?? c.weight ?? "", bonus: c.kind === "bonus" })),
    rows,
    dataset: e.data.name,
    fields: rubric.inputs.filter((i) => i.kind !== "derived").map((i) => ({ name: i.name, type: i.type, unit: i.unit, min: i.min, max: i.max, description: i.description })),
  };
}

function analyse(uri: string): void {
  const e = docs.get(uri);
  if (!e) return;
  e.scheduled = false;
  const t0 = performance.now();
  const d = docOf(e);
  const t1 = performance.now();
  if (usable(d)) {
    try {
      e.good = { rubric: d.analysis.rubric!, scorer: d.analysis.scorer ?? compile(d.analysis.rubric!), version: e.version };
    } catch {
      // an internal error in compile keeps the previous model
    }
  }
  const scores = scoreAll(e);
  const t2 = performance.now();
  const result: AnalysisResult = {
    uri,
    version: e.version,
    diagnostics: d.analysis.diagnostics,
    symbols: ls.documentSymbols(d),
    scores,
    maxTotal: e.good?.rubric.maxTotal,
    title: d.analysis.rubric?.header.title,
    stale: e.good !== undefined && e.good.version !== e.version,
    timing: { analyzeMs: t1 - t0, scoreMs: t2 - t1 },
  };
  post({ kind: "analysis", result });
}

function schedule(uri: string): void {
  const e = docs.get(uri);
  if (!e || e.scheduled) return;
  e.scheduled = true;
  // coalesce a burst of keystrokes into one analysis
  setTimeout(() => analyse(uri), 0);
}

type Handlers = { [M in keyof Methods]: (p: Methods[M]["params"]) => Methods[M]["result"] };

const handlers: Handlers = {
  open: ({ uri, text, version, baseText, data }) => {
    const prev = docs.get(uri);
    const records = data ? parseDataFile(data.text, data.kind).records : [];
    const initial = data && records.length > 0 ? { name: data.name, records } : prev?.data;
    docs.set(uri, { text, version, doc: undefined, good: undefined, data: initial, baseText: baseText ?? text, scheduled: false });
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
  symbols: ({ uri }) => ls.documentSymbols(docOf(entry(uri))),
  setData: ({ uri, name, records }) => {
    // no records: back to the generated sample platforms
    entry(uri).data = records.length > 0 ? { name, records } : undefined;
    schedule(uri);
    return null;
  },
  importData: ({ uri, name, kind, text }) => {
    const r = parseDataFile(text, kind);
    if (r.records.length > 0) entry(uri).data = { name, records: r.records };
    schedule(uri);
    return { count: r.records.length, errors: r.errors.map((x) => `第${x.line}行：${x.message}`) };
  },
  records: ({ uri }) => {
    const e = entry(uri);
    return e.data ?? { name: "", records: [] };
  },
  exportRows: ({ uri }) => {
    const s = scoreAll(entry(uri));
    if (!s) return [];
    const header = ["名称", "总分", "等级", "排名", ...s.columns.map((c) => c.name)];
    return [header, ...s.rows.map((r) => [r.platform, r.total ?? "", r.grade ?? "", r.rank === null ? "" : String(r.rank), ...s.columns.map((c) => r.categories[c.name] ?? "")])];
  },
  explain: ({ uri, index }) => {
    const e = entry(uri);
    const rec = e.data?.records[index];
    return e.good && rec ? e.good.scorer.explain(rec) : undefined;
  },
  curve: ({ uri, offset }) => {
    const e = entry(uri);
    const d = docOf(e);
    const target = ls.curveTargetAt(d, offset);
    const rubric = usable(d) ? d.analysis.rubric : e.good?.rubric;
    if (!target || !rubric) return undefined;
    return ls.curve(rubric, target.path, target.input);
  },
  semanticTokens: ({ uri }) => ls.encodeSemanticTokens(ls.semanticTokens(docOf(entry(uri)))),
  hover: ({ uri, offset }) => ls.hover(docOf(entry(uri)), offset),
  complete: ({ uri, offset }) => ls.complete(docOf(entry(uri)), offset),
  definition: ({ uri, offset }) => ls.definition(docOf(entry(uri)), offset),
  references: ({ uri, offset }) => ls.references(docOf(entry(uri)), offset),
  prepareRename: ({ uri, offset }) => ls.prepareRename(docOf(entry(uri)), offset),
  rename: ({ uri, offset, newName }) => ls.rename(docOf(entry(uri)), offset, newName),
  format: ({ uri }) => ls.formatDocument(docOf(entry(uri))),
  codeActions: ({ uri, range }) => ls.codeActions(docOf(entry(uri)), range),
  folding: ({ uri }) => ls.foldingRanges(docOf(entry(uri))),
};

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  try {
    const handler = handlers[req.method] as (p: unknown) => unknown;
    post({ kind: "response", id: req.id, result: handler(req.params) });
  } catch (err) {
    post({ kind: "response", id: req.id, result: undefined, error: err instanceof Error ? err.message : String(err) });
  }
};
