/**
 * The workbench's behaviour: open documents, drafts, analysis results, the explanation and the
 * curve, as actions on one store. The elements render the store and call these actions; the
 * workers are reached only through their typed RPC clients.
 */
import type { Range } from "@zhunsheng/core";
import type { AnalysisResult, ScoreSort } from "../protocol.ts";
import { builtinRubrics, libraryTree, type BuiltinRubric } from "../lib/library.ts";
import { createAnalysisClient, createPublishClient } from "../lib/workers.ts";
import { allDrafts, deleteDraft, loadDraft, loadSession, saveDraft, saveSession } from "../lib/drafts.ts";
import { decodeShare } from "../lib/share.ts";
import type { BasedOn } from "../lib/drafts.ts";
import { saveLayout, type Layout } from "../lib/preferences.ts";
import { monaco } from "../monaco/monaco.ts";
import { LANGUAGE_ID, registerLanguage, SEVERITY } from "../monaco/language.ts";
import { Store } from "./store.ts";
import { renameColumn, useDataset } from "./datasets.ts";
import { activeDoc, initialState, type Cursor, type Doc, type DocKind, type Panel, type SideView, type WorkbenchState } from "./workbench-state.ts";

export const GENERATED = "示例平台（自动生成）";

/** What the workbench needs from the editor element. */
export interface EditorPort {
  readonly editor: monaco.editor.IStandaloneCodeEditor | undefined;
  show(model: monaco.editor.ITextModel | null, readOnly: boolean): void;
  reveal(range: Range): void;
  forget(uri: string): void;
}

/** BOM and CR/CRLF line ends removed: every text the workbench holds reads the same. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export class Workbench {
  readonly store = new Store<WorkbenchState>(initialState());
  readonly client = createAnalysisClient();
  /** 对比, 影响, 发布前检查: a second worker, started on first use. */
  readonly publish = createPublishClient();
  readonly library = builtinRubrics();
  readonly tree = libraryTree(this.library);
  readonly languageReady: Promise<void>;
  #editor: EditorPort | undefined;
  #saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #curveTimer: ReturnType<typeof setTimeout> | undefined;
  #messageTimer: ReturnType<typeof setTimeout> | undefined;
  /** Tells the code lenses that a file's 用例 results changed. */
  #casesChanged = new monaco.Emitter<void>();

  constructor() {
    this.languageReady = registerLanguage(this.client, {
      cases: (uri) => this.state.analyses.get(uri)?.cases ?? [],
      onDidChange: this.#casesChanged.event,
      runCase: (uri, index) => void this.runCase(uri, index),
      inputRenamed: (uri, from, to) => void renameColumn(this, uri, from, to),
    });
    this.client.onEvent((e) => this.onAnalysis(e.result));
    this.client.onCrash((message) => this.store.set({ workerFailure: `后台分析进程已停止（${message}），检查与评分不再更新。请保存草稿后刷新页面。` }));
  }

  get state(): WorkbenchState {
    return this.store.state;
  }

  get activeDoc(): Doc | undefined {
    return activeDoc(this.state);
  }

  get editor(): EditorPort | undefined {
    return this.#editor;
  }

  /** Restores the last session's tabs, then opens a shared rubric from the URL. */
  async start(): Promise<void> {
    // a worker that cannot start is reported by onCrash; the page stays usable (and says so)
    await this.languageReady.catch(() => undefined);
    await this.refreshDrafts();
    const shared = decodeShare(location.hash);
    const session = await loadSession().catch(() => undefined);
    for (const t of session?.tabs ?? []) {
      if (t.builtinPath) await this.openBuiltin(t.builtinPath, false);
      else {
        const d = await loadDraft(t.uri);
        if (d) this.openText(t.uri, d.title, d.text, t.uri.startsWith("local:") ? "local" : "draft", false, undefined, d.basedOn);
      }
    }
    if (session?.active && this.state.docs.has(session.active)) this.activate(session.active);
    if (shared) {
      const doc = this.openText(`share:/${shared.name}`, `${shared.name}（分享）`, normaliseText(shared.text), "share", true);
      // the sender's platforms, read-only like the rubric until saved as a draft
      if (shared.dataset) {
        this.updateDoc(doc.uri, { imported: new Map([[shared.dataset.name, { records: shared.dataset.records }]]) });
        await useDataset(this, doc.uri, shared.dataset.name);
      }
      if (shared.damagedData) this.flash("分享链接中的数据无法读取（链接可能被截断），只打开了评价体系");
    }
  }

  attachEditor(port: EditorPort, keys: (ed: monaco.editor.IStandaloneCodeEditor) => void): void {
    this.#editor = port;
    if (port.editor) keys(port.editor);
    const doc = this.activeDoc;
    if (doc) port.show(doc.model, doc.readOnly);
  }

  // ---- documents ---------------------------------------------------------------------------

  uriFor(raw: string): string {
    return monaco.Uri.parse(raw).toString(true);
  }

  openText(rawUri: string, title: string, text: string, kind: DocKind, activate = true, builtin?: BuiltinRubric, basedOn?: BasedOn): Doc {
    const uri = this.uriFor(rawUri);
    let doc = this.state.docs.get(uri);
    if (!doc) {
      const model = monaco.editor.getModel(monaco.Uri.parse(rawUri)) ?? monaco.editor.createModel(text, LANGUAGE_ID, monaco.Uri.parse(rawUri));
      model.setEOL(monaco.editor.EndOfLineSequence.LF);
      const first = builtin?.data[0];
      const created: Doc = { uri, title, kind, model, builtin, readOnly: kind === "share", dataset: first?.name ?? GENERATED, imported: new Map(), basedOn, ignoredColumns: [] };
      doc = created;
      void this.client.request("open", { uri, text: model.getValue(), version: model.getVersionId(), baseText: builtin?.text, data: first && { name: first.name, kind: first.kind, text: first.text } });
      model.onDidChangeContent(() => {
        const current = this.state.docs.get(uri);
        if (current) this.onContentChange(current);
      });
      this.store.set((s) => ({ docs: new Map(s.docs).set(uri, created), tabs: [...s.tabs, uri] }));
    }
    if (activate) this.activate(uri);
    else this.persistSession();
    return doc;
  }

  /** Replaces fields of an open document (its dataset, imported data). */
  updateDoc(uri: string, patch: Partial<Pick<Doc, "dataset" | "imported" | "ignoredColumns">>): Doc | undefined {
    const doc = this.state.docs.get(uri);
    if (!doc) return undefined;
    const next = { ...doc, ...patch };
    this.store.set((s) => ({ docs: new Map(s.docs).set(uri, next) }));
    return next;
  }

  async openBuiltin(path: string, activate = true): Promise<void> {
    const b = this.library.find((r) => r.path === path);
    if (!b) return;
    const raw = `builtin:/${path}`;
    const existing = this.state.docs.get(this.uriFor(raw));
    if (existing) {
      if (activate) this.activate(existing.uri);
      return;
    }
    const draft = await loadDraft(this.uriFor(raw)).catch(() => undefined);
    this.openText(raw, `${b.platformType}.zs`, draft?.text ?? b.text, "builtin", activate, b);
  }

  async openDraftUri(uri: string): Promise<void> {
    if (this.state.docs.has(uri)) return this.activate(uri);
    const d = await loadDraft(uri);
    if (d) this.openText(uri, d.title, d.text, uri.startsWith("local:") ? "local" : "draft", true, undefined, d.basedOn);
  }

  /** An imported indicator table becomes a new draft tab (a fresh name if the title is taken). */
  async openImportedDraft(title: string, text: string, basedOn?: BasedOn): Promise<Doc> {
    let name = title;
    for (let k = 2; this.state.docs.has(this.uriFor(`draft:/${name}`)) || this.state.draftEntries.some((d) => d.uri === this.uriFor(`draft:/${name}`)); k++) name = title.replace(/\.zs$/, `（${k}）.zs`);
    const draft = this.openText(`draft:/${name}`, name, text, "draft", true, undefined, basedOn);
    await this.save(draft, false);
    return draft;
  }

  activate(uri: string): void {
    const doc = this.state.docs.get(uri);
    if (!doc) return;
    this.store.set({ active: uri, selected: -1, explanation: undefined, curve: undefined });
    this.#editor?.show(doc.model, doc.readOnly);
    this.applyMarkers(doc);
    void this.loadRecords();
    this.persistSession();
  }

  closeTab(uri: string): void {
    const s = this.state;
    const doc = s.docs.get(uri);
    if (!doc) return;
    const i = s.tabs.indexOf(uri);
    const tabs = s.tabs.filter((t) => t !== uri);
    const docs = new Map(s.docs);
    docs.delete(uri);
    this.store.set({ tabs, docs });
    this.#editor?.forget(doc.model.uri.toString());
    void this.client.request("close", { uri });
    if (s.active === uri) {
      const next = tabs[Math.min(i, tabs.length - 1)];
      if (next) this.activate(next);
      else {
        this.store.set({ active: undefined });
        this.#editor?.show(null, false);
      }
    }
    doc.model.dispose();
    this.persistSession();
  }

  persistSession(): void {
    const s = this.state;
    const tabs = s.tabs
      .map((u) => s.docs.get(u)!)
      .filter((d) => d.kind !== "share")
      .map((d) => ({ uri: d.uri, title: d.title, builtinPath: d.builtin?.path }));
    void saveSession({ tabs, active: s.active?.startsWith("share:") ? undefined : s.active }).catch(() => undefined);
  }

  private onContentChange(doc: Doc): void {
    void this.client.request("update", { uri: doc.uri, text: doc.model.getValue(), version: doc.model.getVersionId() });
    if (doc.readOnly) return;
    clearTimeout(this.#saveTimers.get(doc.uri));
    this.#saveTimers.set(doc.uri, setTimeout(() => void this.save(doc, false), 400));
  }

  async save(doc: Doc, announce: boolean): Promise<void> {
    clearTimeout(this.#saveTimers.get(doc.uri));
    const text = doc.model.getValue();
    if (doc.kind === "builtin" && doc.builtin && text === doc.builtin.text) {
      await deleteDraft(doc.uri);
      if (announce) this.flash("与内置版本相同，无需草稿");
    } else {
      await saveDraft({ uri: doc.uri, title: doc.title, text, savedAt: Date.now(), builtinPath: doc.builtin?.path, basedOn: doc.basedOn });
      if (announce) this.flash(`草稿已保存 ${new Date().toLocaleTimeString("zh-CN")}`);
    }
    await this.refreshDrafts();
  }

  async refreshDrafts(): Promise<void> {
    const drafts = await allDrafts().catch(() => []);
    this.store.set({
      drafted: new Set(drafts.filter((d) => d.builtinPath).map((d) => d.builtinPath!)),
      draftEntries: drafts
        .filter((d) => !d.builtinPath)
        .sort((a, b) => a.title.localeCompare(b.title, "zh"))
        .map((d) => ({ uri: d.uri, title: d.title, basedOn: d.basedOn?.title })),
    });
  }

  /** A shared (read-only) rubric becomes an editable draft. */
  async saveShared(doc: Doc): Promise<void> {
    const title = doc.title.replace(/（分享）$/, "");
    const draft = this.openText(`draft:/${title}`, title, doc.model.getValue(), "draft");
    if (doc.imported.size > 0) {
      // the shared dataset becomes kept work with the draft
      this.updateDoc(draft.uri, { imported: doc.imported });
      await useDataset(this, draft.uri, doc.dataset);
    }
    await this.save(draft, true);
    this.closeTab(doc.uri);
    history.replaceState(null, "", location.pathname + location.search);
    this.activate(draft.uri);
  }

  async revert(): Promise<void> {
    const doc = this.activeDoc;
    if (!doc?.builtin) {
      this.flash("只有内置评价体系可以还原");
      return;
    }
    if (!window.confirm(`把「${doc.title}」还原为内置版本？草稿中的改动将丢失。`)) return;
    doc.model.pushEditOperations([], [{ range: doc.model.getFullModelRange(), text: doc.builtin.text }], () => null);
    await deleteDraft(doc.uri);
    await this.refreshDrafts();
    this.flash("已还原为内置版本");
  }

  flash(text: string): void {
    this.store.set({ message: text });
    clearTimeout(this.#messageTimer);
    this.#messageTimer = setTimeout(() => this.store.set({ message: undefined }), 4000);
  }

  // ---- views ---------------------------------------------------------------------------------

  showPanel(panel: Panel): void {
    this.store.set({ panel });
    if (panel === "curve") this.scheduleCurve();
  }

  showSide(side: SideView | null): void {
    this.store.set({ side });
  }

  /** Side bar width and panel height, clamped to what leaves the editor usable, and kept. */
  resize(patch: Partial<Layout>): void {
    const l = { ...this.state.layout, ...patch };
    l.sideWidth = Math.round(Math.min(Math.max(l.sideWidth, 170), Math.max(170, window.innerWidth * 0.5)));
    if (l.panelHeight !== undefined) l.panelHeight = Math.round(Math.min(Math.max(l.panelHeight, 90), Math.max(90, window.innerHeight - 220)));
    this.store.set({ layout: l });
    saveLayout(l);
  }

  setCursor(cursor: Cursor): void {
    this.store.set({ cursor });
    if (this.state.panel === "curve") this.scheduleCurve();
  }

  reveal(range: Range): void {
    this.#editor?.reveal(range);
  }

  /** A place in any open file: that file becomes the active one first. */
  revealIn(uri: string, range: Range): void {
    if (uri !== this.state.active) this.activate(uri);
    this.#editor?.reveal(range);
  }

  /**
   * Runs a Monaco command in the editor, focusing it first as the palette's commands do.
   * `trigger` reaches every command (editor actions and the registered commands such as
   * 转到定义, 查找引用 and Ctrl+M, which `getAction` does not list).
   */
  editorAction(id: string): void {
    const ed = this.#editor?.editor;
    if (!ed) return;
    ed.focus();
    ed.trigger("zhunsheng", id, null);
  }

  // ---- analysis ------------------------------------------------------------------------------

  private onAnalysis(r: AnalysisResult): void {
    const before = this.state.analyses.get(r.uri)?.cases;
    this.store.set((s) => ({ analyses: new Map(s.analyses).set(r.uri, r) }));
    if (JSON.stringify(before) !== JSON.stringify(r.cases)) this.#casesChanged.fire();
    const doc = this.state.docs.get(r.uri);
    if (doc) this.applyMarkers(doc);
    if (r.uri === this.state.active) {
      if (this.state.selected >= 0) void this.loadExplanation(this.state.selected, false);
      if (this.state.panel === "curve") this.scheduleCurve();
    }
  }

  applyMarkers(doc: Doc): void {
    const r = this.state.analyses.get(doc.uri);
    if (!r || r.version !== doc.model.getVersionId()) return;
    monaco.editor.setModelMarkers(
      doc.model,
      "zhunsheng",
      r.diagnostics.map((d) => ({
        severity: SEVERITY[d.severity],
        message: d.message,
        code: d.code,
        source: "准绳",
        startLineNumber: d.range.start.line,
        startColumn: d.range.start.column,
        endLineNumber: d.range.end.line,
        endColumn: d.range.end.offset === d.range.start.offset ? d.range.start.column + 1 : d.range.end.column,
      })),
    );
  }

  /** The score table's order and window: the worker answers with those rows and keeps the view. */
  async viewScores(sort: ScoreSort, start: number, count: number): Promise<void> {
    const uri = this.state.active;
    if (!uri) return;
    const page = await this.client.request("scoreView", { uri, sort, start, count });
    const a = this.state.analyses.get(uri);
    if (!page || !a?.scores) return;
    this.store.set((s) => ({ analyses: new Map(s.analyses).set(uri, { ...a, scores: { ...a.scores!, page } }) }));
  }

  async loadRecords(): Promise<void> {
    const doc = this.activeDoc;
    if (!doc) return;
    const r = await this.client.request("records", { uri: doc.uri });
    this.store.set({ records: r.records });
  }

  async loadExplanation(index: number, show = true): Promise<void> {
    const doc = this.activeDoc;
    if (!doc) return;
    this.store.set({ selected: index });
    const explanation = await this.client.request("explain", { uri: doc.uri, index });
    const platform = this.state.records[index]?.["名称"] ?? this.state.records[index]?.["平台名称"];
    const subject = { kind: "platform" as const, index, name: String(platform ?? `平台${index + 1}`) };
    this.store.set(show ? { explanation, subject, panel: "explain" } : { explanation, subject });
  }

  /** ▶ 运行 on a 用例: its explanation in 说明. */
  async runCase(uri: string, index: number): Promise<void> {
    if (uri !== this.state.active) this.activate(uri);
    const explanation = await this.client.request("explainCase", { uri, index });
    const name = this.state.analyses.get(uri)?.cases[index]?.name ?? "";
    this.store.set({ explanation, subject: { kind: "case", index, name }, selected: -1, panel: "explain" });
  }

  /** A new 用例 from a platform's row, appended to the file and shown. */
  async caseFromPlatform(index: number): Promise<void> {
    const doc = this.activeDoc;
    if (!doc || doc.readOnly) return;
    const r = await this.client.request("caseFromPlatform", { uri: doc.uri, index });
    if ("error" in r) {
      this.flash(r.error);
      return;
    }
    const model = doc.model;
    const last = model.getLineCount();
    const end = { lineNumber: last, column: model.getLineMaxColumn(last) };
    const prefix = model.getLineContent(last).trim() === "" ? "\n" : "\n\n";
    model.pushEditOperations([], [{ range: new monaco.Range(end.lineNumber, end.column, end.lineNumber, end.column), text: prefix + r.text }], () => null);
    const line = model.getLineCount() - 3;
    const at = { offset: model.getOffsetAt({ lineNumber: line, column: 1 }), line, column: 1 };
    this.reveal({ start: at, end: at });
    this.flash(`已新建用例「${r.text.split("\n")[0]!.slice(3)}」：期望是该平台现在的结果`);
  }

  private scheduleCurve(): void {
    clearTimeout(this.#curveTimer);
    this.#curveTimer = setTimeout(() => void this.loadCurve(), 120);
  }

  private async loadCurve(): Promise<void> {
    const doc = this.activeDoc;
    if (!doc) return;
    const curve = await this.client.request("curve", { uri: doc.uri, offset: this.state.cursor.offset });
    this.store.set({ curve });
  }
}
