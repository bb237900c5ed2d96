/**
 * The workbench: layout (activity bar, side bar, editor with tabs and breadcrumbs, panels,
 * status bar), the open documents, drafts and keys. State lives here and flows down as
 * properties; child components report what the officer did as events.
 * Light DOM, because the Monaco editor inside needs the document's styles.
 */
import { LitElement, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { Diagnostic, Explanation, Range } from "@zhunsheng/core";
import type { Curve } from "@zhunsheng/language-service";
import type { AnalysisResult, Record_ } from "../protocol.ts";
import { builtinRubrics, libraryTree, type BuiltinRubric } from "../lib/library.ts";
import { createAnalysisClient } from "../lib/worker-client.ts";
import { createPublishClient } from "../lib/publish-client.ts";
import { loadPublishViews } from "../lib/publish-views.ts";
import { allDrafts, deleteDraft, loadDraft, loadSession, saveDraft, saveSession } from "../lib/drafts.ts";
import { decodeShare, encodeShare } from "../lib/share.ts";
import { readXlsx, rowsToCsv, writeXlsx } from "../lib/xlsx.ts";
import { monaco } from "../monaco/monaco.ts";
import { LANGUAGE_ID, registerLanguage, SEVERITY } from "../monaco/language.ts";
import type { SideView } from "./zs-activity-bar.ts";
import type { Command } from "./zs-command-palette.ts";
import type { ZsEditor } from "./zs-editor.ts";
import "./zs-activity-bar.ts";
import "./zs-explorer.ts";
import "./zs-outline.ts";
import "./zs-data-view.ts";
import "./zs-tabs.ts";
import "./zs-breadcrumbs.ts";
import "./zs-editor.ts";
import "./zs-score-table.ts";
import "./zs-explanation.ts";
import "./zs-problems.ts";
import "./zs-status-bar.ts";
import "./zs-command-palette.ts";
import { download } from "../lib/download.ts";

type Panel = "scores" | "explain" | "curve" | "problems";
type DocKind = "builtin" | "local" | "share" | "draft";

interface Doc {
  uri: string;
  title: string;
  kind: DocKind;
  model: monaco.editor.ITextModel;
  builtin: BuiltinRubric | undefined;
  readOnly: boolean;
  dataset: string;
  /** Imported datasets by name (records), in addition to the built-in files. */
  imported: Map<string, Record_[]>;
}

const GENERATED = "示例平台（自动生成）";

const COMMANDS: Command[] = [
  { id: "save", label: "保存草稿", keys: "Ctrl+S" },
  { id: "format", label: "格式化文档", keys: "Shift+Alt+F" },
  { id: "nextProblem", label: "转到下一个问题", keys: "F8" },
  { id: "prevProblem", label: "转到上一个问题", keys: "Shift+F8" },
  { id: "suggest", label: "触发建议", keys: "Ctrl+Space" },
  { id: "definition", label: "转到输入的声明", keys: "F12" },
  { id: "rename", label: "重命名输入", keys: "F2" },
  { id: "references", label: "查找所有引用", keys: "Shift+F12" },
  { id: "openLocal", label: "打开本地文件…" },
  { id: "importData", label: "导入样本数据（CSV / XLSX）…" },
  { id: "exportCsv", label: "导出评分表为 CSV" },
  { id: "exportXlsx", label: "导出评分表为 XLSX" },
  { id: "download", label: "下载 .zs 文件" },
  { id: "share", label: "复制分享链接" },
  { id: "compare", label: "与内置版本比较" },
  { id: "revert", label: "还原为内置版本" },
  { id: "panel.scores", label: "查看：评分" },
  { id: "panel.explain", label: "查看：说明" },
  { id: "panel.curve", label: "查看：曲线" },
  { id: "panel.problems", label: "查看：问题" },
  { id: "view.explorer", label: "查看：资源管理器" },
  { id: "view.outline", label: "查看：大纲" },
  { id: "view.data", label: "查看：样本数据" },
  { id: "view.compare", label: "查看：对比评价体系" },
  { id: "view.impact", label: "查看：修改的影响" },
  { id: "view.publish", label: "查看：发布前检查" },
];

function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

@customElement("zs-workbench")
export class ZsWorkbench extends LitElement {
  private client = createAnalysisClient();
  /** 对比, 影响, 发布前检查: a second worker, started on first use. */
  private publish = createPublishClient();
  private library = builtinRubrics();
  private tree = libraryTree(this.library);
  private docs = new Map<string, Doc>();
  private saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private curveTimer: ReturnType<typeof setTimeout> | undefined;
  private messageTimer: ReturnType<typeof setTimeout> | undefined;
  private languageReady: Promise<void>;

  @state() private tabs: string[] = [];
  @state() private active: string | undefined;
  @state() private analyses = new Map<string, AnalysisResult>();
  /** Per document: each platform's total when the file was opened (or its data last changed). */
  private baselines = new Map<string, { dataset: string; totals: Map<string, string | null> }>();
  @state() private previousTotals = new Map<string, string | null>();
  @state() private side: SideView | null = "explorer";
  @state() private panel: Panel = "scores";
  @state() private selected = -1;
  @state() private explanation: Explanation | undefined;
  @state() private curve: Curve | undefined;
  @state() private curveLoaded = false;
  @state() private cursor = { line: 1, column: 1, offset: 0 };
  @state() private message: string | undefined;
  @state() private paletteOpen = false;
  @state() private drafted = new Set<string>();
  @state() private draftEntries: { uri: string; title: string }[] = [];
  @state() private records: Record_[] = [];
  @state() private comparing = false;

  constructor() {
    super();
    this.languageReady = registerLanguage(this.client);
    this.client.onAnalysis((r) => this.onAnalysis(r));
  }

  protected override createRenderRoot() {
    return this;
  }

  private get editorEl(): ZsEditor | null {
    return this.querySelector("zs-editor");
  }

  private get activeDoc(): Doc | undefined {
    return this.active ? this.docs.get(this.active) : undefined;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener("keydown", this.onKeyDown);
    window.addEventListener("dragover", this.onDragOver);
    window.addEventListener("drop", this.onDrop);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this.onKeyDown);
    window.removeEventListener("dragover", this.onDragOver);
    window.removeEventListener("drop", this.onDrop);
  }

  override async firstUpdated() {
    await this.languageReady;
    await this.refreshDrafts();
    const shared = decodeShare(location.hash);
    const session = await loadSession().catch(() => undefined);
    for (const t of session?.tabs ?? []) {
      if (t.builtinPath) await this.openBuiltin(t.builtinPath, false);
      else {
        const d = await loadDraft(t.uri);
        if (d) this.openText(t.uri, d.title, d.text, t.uri.startsWith("local:") ? "local" : "draft", false);
      }
    }
    if (session?.active && this.docs.has(session.active)) this.activate(session.active);
    if (shared) this.openText(`share:/${shared.name}`, `${shared.name}（分享）`, normaliseText(shared.text), "share", true);
    document.documentElement.dataset["ready"] = "true";
  }

  // ---- documents ---------------------------------------------------------------------------

  private uriFor(raw: string): string {
    return monaco.Uri.parse(raw).toString(true);
  }

  private openText(rawUri: string, title: string, text: string, kind: DocKind, activate = true, builtin?: BuiltinRubric): Doc {
    const uri = this.uriFor(rawUri);
    let doc = this.docs.get(uri);
    if (!doc) {
      const model = monaco.editor.getModel(monaco.Uri.parse(rawUri)) ?? monaco.editor.createModel(text, LANGUAGE_ID, monaco.Uri.parse(rawUri));
      model.setEOL(monaco.editor.EndOfLineSequence.LF);
      doc = { uri, title, kind, model, builtin, readOnly: kind === "share", dataset: GENERATED, imported: new Map() };
      this.docs.set(uri, doc);
      const first = builtin?.data[0];
      if (first) doc.dataset = first.name;
      void this.client.request("open", { uri, text: model.getValue(), version: model.getVersionId(), baseText: builtin?.text, data: first && { name: first.name, kind: first.kind, text: first.text } });
      model.onDidChangeContent(() => this.onContentChange(doc!));
      this.tabs = [...this.tabs, uri];
    }
    if (activate) this.activate(uri);
    else this.persistSession();
    return doc;
  }

  private async openBuiltin(path: string, activate = true): Promise<void> {
    const b = this.library.find((r) => r.path === path);
    if (!b) return;
    const raw = `builtin:/${path}`;
    const existing = this.docs.get(this.uriFor(raw));
    if (existing) {
      if (activate) this.activate(existing.uri);
      return;
    }
    const draft = await loadDraft(this.uriFor(raw)).catch(() => undefined);
    const title = `${b.platformType}.zs`;
    this.openText(raw, title, draft?.text ?? b.text, "builtin", activate, b);
  }

  private activate(uri: string) {
    const doc = this.docs.get(uri);
    if (!doc) return;
    this.active = uri;
    this.selected = -1;
    this.explanation = undefined;
    this.curve = undefined;
    this.editorEl?.show(doc.model, doc.readOnly);
    this.applyMarkers(doc);
    void this.loadRecords();
    this.persistSession();
  }

  private closeTab(uri: string) {
    const doc = this.docs.get(uri);
    if (!doc) return;
    const i = this.tabs.indexOf(uri);
    this.tabs = this.tabs.filter((t) => t !== uri);
    this.docs.delete(uri);
    this.editorEl?.forget(doc.model.uri.toString());
    void this.client.request("close", { uri });
    if (this.active === uri) {
      const next = this.tabs[Math.min(i, this.tabs.length - 1)];
      if (next) this.activate(next);
      else {
        this.active = undefined;
        this.editorEl?.show(null, false);
      }
    }
    doc.model.dispose();
    this.persistSession();
  }

  private persistSession() {
    const tabs = this.tabs
      .map((u) => this.docs.get(u)!)
      .filter((d) => d.kind !== "share")
      .map((d) => ({ uri: d.uri, title: d.title, builtinPath: d.builtin?.path }));
    void saveSession({ tabs, active: this.active?.startsWith("share:") ? undefined : this.active }).catch(() => undefined);
  }

  private onContentChange(doc: Doc) {
    void this.client.request("update", { uri: doc.uri, text: doc.model.getValue(), version: doc.model.getVersionId() });
    if (doc.readOnly) return;
    clearTimeout(this.saveTimers.get(doc.uri));
    this.saveTimers.set(doc.uri, setTimeout(() => void this.save(doc, false), 400));
  }

  private async save(doc: Doc, announce: boolean) {
    clearTimeout(this.saveTimers.get(doc.uri));
    const text = doc.model.getValue();
    if (doc.kind === "builtin" && doc.builtin && text === doc.builtin.text) {
      await deleteDraft(doc.uri);
      if (announce) this.flash("与内置版本相同，无需草稿");
    } else {
      await saveDraft({ uri: doc.uri, title: doc.title, text, savedAt: Date.now(), builtinPath: doc.builtin?.path });
      if (announce) this.flash(`草稿已保存 ${new Date().toLocaleTimeString("zh-CN")}`);
    }
    await this.refreshDrafts();
  }

  private async refreshDrafts() {
    const drafts = await allDrafts().catch(() => []);
    this.drafted = new Set(drafts.filter((d) => d.builtinPath).map((d) => d.builtinPath!));
    this.draftEntries = drafts.filter((d) => !d.builtinPath).map((d) => ({ uri: d.uri, title: d.title }));
  }

  private flash(text: string) {
    this.message = text;
    clearTimeout(this.messageTimer);
    this.messageTimer = setTimeout(() => (this.message = undefined), 4000);
  }

  // ---- analysis ------------------------------------------------------------------------------

  private onAnalysis(r: AnalysisResult) {
    const next = new Map(this.analyses);
    next.set(r.uri, r);
    const base = this.baselines.get(r.uri);
    if (r.scores && (!base || base.dataset !== r.scores.dataset)) {
      this.baselines.set(r.uri, { dataset: r.scores.dataset, totals: new Map(r.scores.rows.map((x) => [x.platform, x.total])) });
    }
    if (r.uri === this.active) this.previousTotals = this.baselines.get(r.uri)?.totals ?? new Map();
    this.analyses = next;
    // for benchmarks and tests: the scores of this version are on screen
    void this.updateComplete.then(() => this.dispatchEvent(new CustomEvent("scores-rendered", { detail: { uri: r.uri, version: r.version } })));
    const doc = this.docs.get(r.uri);
    if (doc) this.applyMarkers(doc);
    if (r.uri === this.active) {
      if (this.selected >= 0) void this.loadExplanation(this.selected, false);
      if (this.panel === "curve") this.scheduleCurve();
    }
  }

  private applyMarkers(doc: Doc) {
    const r = this.analyses.get(doc.uri);
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

  private async loadRecords() {
    const doc = this.activeDoc;
    if (!doc) return;
    const r = await this.client.request("records", { uri: doc.uri });
    this.records = r.records;
  }

  private async loadExplanation(index: number, show = true) {
    const doc = this.activeDoc;
    if (!doc) return;
    this.selected = index;
    this.explanation = await this.client.request("explain", { uri: doc.uri, index });
    if (show) this.panel = "explain";
  }

  private scheduleCurve() {
    clearTimeout(this.curveTimer);
    this.curveTimer = setTimeout(() => void this.loadCurve(), 120);
  }

  private async loadCurve() {
    const doc = this.activeDoc;
    if (!doc) return;
    if (!this.curveLoaded) {
      await import("./zs-curve.ts");
      this.curveLoaded = true;
    }
    this.curve = await this.client.request("curve", { uri: doc.uri, offset: this.cursor.offset });
  }

  // ---- data ----------------------------------------------------------------------------------

  private datasetsOf(doc: Doc | undefined): string[] {
    if (!doc) return [];
    return [...(doc.builtin?.data.map((d) => d.name) ?? []), ...doc.imported.keys(), GENERATED];
  }

  private async chooseDataset(name: string) {
    const doc = this.activeDoc;
    if (!doc) return;
    doc.dataset = name;
    const builtin = doc.builtin?.data.find((d) => d.name === name);
    if (builtin) await this.client.request("importData", { uri: doc.uri, name, kind: builtin.kind, text: builtin.text });
    else await this.client.request("setData", { uri: doc.uri, name, records: doc.imported.get(name) ?? [] });
    this.baselines.delete(doc.uri);
    await this.loadRecords();
  }

  private async importDataFile(file: File) {
    const doc = this.activeDoc;
    if (!doc) {
      this.flash("请先打开一个评价体系，再导入样本数据");
      return;
    }
    const lower = file.name.toLowerCase();
    const kind = lower.endsWith(".json") ? "json" : "csv";
    const text = lower.endsWith(".xlsx") ? rowsToCsv(readXlsx(new Uint8Array(await file.arrayBuffer()))) : normaliseText(await file.text());
    const r = await this.client.request("importData", { uri: doc.uri, name: file.name, kind, text });
    if (r.count > 0) {
      const { records } = await this.client.request("records", { uri: doc.uri });
      doc.imported.set(file.name, records);
      doc.dataset = file.name;
      this.records = records;
      this.baselines.delete(doc.uri);
      this.panel = "scores";
    }
    this.flash(r.count > 0 ? `已导入 ${r.count} 个平台（${file.name}）${r.errors.length > 0 ? `，${r.errors.length} 处问题` : ""}` : `没有读到平台数据：${r.errors.join("；")}`);
    this.requestUpdate();
  }

  private async editRecord(index: number, field: string, value: string) {
    const doc = this.activeDoc;
    if (!doc) return;
    const records = this.records.map((r, i) => (i === index ? { ...r, [field]: value } : r));
    const name = doc.dataset.endsWith("（已修改）") ? doc.dataset : `${doc.dataset}（已修改）`;
    doc.imported.set(name, records);
    doc.dataset = name;
    this.records = records;
    this.baselines.delete(doc.uri);
    await this.client.request("setData", { uri: doc.uri, name, records });
    if (this.selected === index) void this.loadExplanation(index, false);
  }

  private async exportScores(kind: "csv" | "xlsx") {
    const doc = this.activeDoc;
    if (!doc) return;
    const rows = await this.client.request("exportRows", { uri: doc.uri });
    const base = doc.title.replace(/\.zs$/, "");
    if (kind === "csv") download(`${base}-评分.csv`, "\uFEFF" + rowsToCsv(rows), "text/csv;charset=utf-8");
    else download(`${base}-评分.xlsx`, writeXlsx(rows) as Uint8Array<ArrayBuffer>, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  private exportTemplate() {
    const a = this.active ? this.analyses.get(this.active) : undefined;
    const fields = a?.scores?.fields ?? [];
    const doc = this.activeDoc;
    download(`${doc?.title.replace(/\.zs$/, "") ?? "数据"}-运营情况表.csv`, "\uFEFF" + rowsToCsv([["名称", ...fields.map((f) => f.name)]]), "text/csv;charset=utf-8");
  }

  private pickFiles(accept: string) {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = accept;
    input.multiple = true;
    input.onchange = () => void this.openFiles([...(input.files ?? [])]);
    input.click();
  }

  private async openFiles(files: File[]) {
    for (const f of files) {
      if (/\.zs$|\.txt$/i.test(f.name)) {
        const text = normaliseText(await f.text());
        const doc = this.openText(`local:/${f.name}`, f.name, text, "local");
        if (doc.model.getValue() !== text) doc.model.setValue(text);
        await this.save(doc, false);
      } else if (/\.(csv|xlsx|json)$/i.test(f.name)) await this.importDataFile(f);
      else this.flash(`不支持的文件类型：${f.name}`);
    }
  }

  private onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes("Files")) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  };

  private onDrop = (e: DragEvent) => {
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    void this.openFiles([...e.dataTransfer.files]);
  };

  // ---- commands and keys ---------------------------------------------------------------------

  private problems(): Diagnostic[] {
    return (this.active && this.analyses.get(this.active)?.diagnostics) || [];
  }

  private gotoProblem(direction: 1 | -1) {
    const list = this.problems();
    if (list.length === 0) {
      this.flash("没有问题");
      return;
    }
    const at = this.cursor.offset;
    const next =
      direction === 1
        ? (list.find((d) => d.range.start.offset > at) ?? list[0]!)
        : ([...list].reverse().find((d) => d.range.start.offset < at) ?? list[list.length - 1]!);
    this.reveal(next.range);
    this.panel = "problems";
    this.flash(`${next.code}：${next.message}`);
  }

  private reveal(range: Range) {
    this.editorEl?.reveal(range);
  }

  private editorAction(id: string) {
    const ed = this.editorEl?.editor;
    if (!ed) return;
    ed.focus();
    void ed.getAction(id)?.run();
  }

  private async runCommand(id: string) {
    const doc = this.activeDoc;
    switch (id) {
      case "save":
        if (!doc) return;
        if (doc.readOnly) await this.saveShared(doc);
        else await this.save(doc, true);
        return;
      case "format":
        return this.editorAction("editor.action.formatDocument");
      case "nextProblem":
        return this.gotoProblem(1);
      case "prevProblem":
        return this.gotoProblem(-1);
      case "suggest":
        return this.editorAction("editor.action.triggerSuggest");
      case "definition":
        return this.editorAction("editor.action.revealDefinition");
      case "rename":
        return this.editorAction("editor.action.rename");
      case "references":
        return this.editorAction("editor.action.referenceSearch.trigger");
      case "openLocal":
        return this.pickFiles(".zs,.txt,.csv,.xlsx,.json");
      case "importData":
        return this.pickFiles(".csv,.xlsx,.json");
      case "exportCsv":
        return this.exportScores("csv");
      case "exportXlsx":
        return this.exportScores("xlsx");
      case "download":
        if (doc) download(doc.title.endsWith(".zs") ? doc.title : `${doc.title}.zs`, doc.model.getValue(), "text/plain;charset=utf-8");
        return;
      case "share":
        return this.share();
      case "compare":
        return this.compare();
      case "revert":
        return this.revert();
      default:
        if (id.startsWith("panel.")) this.showPanel(id.slice(6) as Panel);
        else if (id.startsWith("view.")) this.side = id.slice(5) as SideView;
    }
  }

  private async share() {
    const doc = this.activeDoc;
    if (!doc) return;
    const url = `${location.origin}${location.pathname}${encodeShare(doc.title, doc.model.getValue())}`;
    try {
      await navigator.clipboard.writeText(url);
      this.flash(`分享链接已复制（${url.length} 个字符）`);
    } catch {
      window.prompt("复制这个分享链接：", url);
    }
  }

  private async saveShared(doc: Doc) {
    const title = doc.title.replace(/（分享）$/, "");
    const draft = this.openText(`draft:/${title}`, title, doc.model.getValue(), "draft");
    await this.save(draft, true);
    this.closeTab(doc.uri);
    history.replaceState(null, "", location.pathname + location.search);
    this.activate(draft.uri);
  }

  private async revert() {
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

  private async compare() {
    const doc = this.activeDoc;
    if (!doc?.builtin) {
      this.flash("只有内置评价体系可以与内置版本比较");
      return;
    }
    await import("monaco-editor/features/diffEditor/register.js");
    this.comparing = true;
    await this.updateComplete;
    const host = this.querySelector<HTMLElement>(".zs-diff-host");
    if (!host) return;
    const original = monaco.editor.createModel(doc.builtin.text, LANGUAGE_ID);
    const originalUri = original.uri.toString(true);
    // the worker answers for the built-in side too (highlighting in the diff)
    void this.client.request("open", { uri: originalUri, text: doc.builtin.text, version: original.getVersionId() });
    const diff = monaco.editor.createDiffEditor(host, { readOnly: true, automaticLayout: true, renderSideBySide: true, theme: "zs-light", wordWrap: "on", fontFamily: "var(--zs-mono)" });
    diff.setModel({ original, modified: doc.model });
    this.closeDiff = () => {
      diff.dispose();
      original.dispose();
      void this.client.request("close", { uri: originalUri });
      this.comparing = false;
      this.closeDiff = undefined;
    };
  }

  private closeDiff: (() => void) | undefined;

  private showPanel(p: Panel) {
    this.panel = p;
    if (p === "curve") this.scheduleCurve();
  }

  private onKeyDown = (e: KeyboardEvent) => {
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && e.shiftKey && e.key.toLowerCase() === "p") {
      e.preventDefault();
      this.paletteOpen = true;
    } else if (ctrl && !e.shiftKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      void this.runCommand("save");
    } else if (e.key === "Escape" && this.comparing) {
      this.closeDiff?.();
    } else if (!this.editorEl?.editor?.hasTextFocus()) {
      if (e.key === "F8") {
        e.preventDefault();
        this.gotoProblem(e.shiftKey ? -1 : 1);
      } else if (e.shiftKey && e.altKey && e.key.toLowerCase() === "f") {
        e.preventDefault();
        this.editorAction("editor.action.formatDocument");
      }
    }
  };

  private onEditorReady() {
    const ed = this.editorEl?.editor;
    if (!ed) return;
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyP, () => (this.paletteOpen = true));
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void this.runCommand("save"));
    // VS Code's key on every platform (Monaco binds Ctrl+Shift+I on Linux)
    ed.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void ed.getAction("editor.action.formatDocument")?.run());
    const doc = this.activeDoc;
    if (doc) this.editorEl?.show(doc.model, doc.readOnly);
  }

  // ---- render --------------------------------------------------------------------------------

  override render() {
    const doc = this.activeDoc;
    const a = this.active ? this.analyses.get(this.active) : undefined;
    const diags = a?.diagnostics ?? [];
    const errors = diags.filter((d) => d.severity === "error").length;
    const warnings = diags.filter((d) => d.severity === "warning").length;
    const stale = a?.stale ?? false;
    const panels: { id: Panel; label: string }[] = [
      { id: "scores", label: "评分" },
      { id: "explain", label: "说明" },
      { id: "curve", label: "曲线" },
      { id: "problems", label: `问题${diags.length > 0 ? ` ${diags.length}` : ""}` },
    ];
    return html`
      <style>
        zs-workbench { display: grid; grid-template-rows: minmax(0, 1fr) 22px; height: 100vh; font-family: var(--zs-font); }
        zs-workbench .main { display: flex; min-height: 0; }
        zs-workbench .side { width: 280px; flex: none; background: var(--zs-side-bg); border-right: 1px solid var(--zs-border); overflow: auto; }
        zs-workbench .center { flex: 1; display: flex; flex-direction: column; min-width: 0; }
        zs-workbench .editor-area { flex: 1 1 58%; display: flex; flex-direction: column; min-height: 0; position: relative; }
        zs-workbench zs-editor { display: block; position: relative; flex: 1; min-height: 0; }
        zs-workbench .welcome { position: absolute; inset: 57px 0 0 0; padding: 32px; background: var(--zs-bg); color: var(--zs-muted); z-index: 1; overflow: auto; }
        zs-workbench .welcome h1 { font-size: 22px; color: var(--zs-fg); font-weight: 600; }
        zs-workbench .welcome button { font: inherit; display: block; margin: 6px 0; background: none; border: 0; color: var(--zs-accent); cursor: pointer; padding: 0; }
        zs-workbench .banner { background: var(--zs-stale); padding: 4px 12px; font-size: 13px; display: flex; gap: 12px; align-items: center; }
        zs-workbench .banner button { font: inherit; }
        zs-workbench .panel { flex: 0 0 40%; display: flex; flex-direction: column; min-height: 0; border-top: 1px solid var(--zs-border); }
        zs-workbench .panel-tabs { display: flex; gap: 4px; padding: 0 8px; font-size: 12px; border-bottom: 1px solid var(--zs-border); }
        zs-workbench .panel-tabs button { all: unset; padding: 6px 8px; cursor: pointer; color: var(--zs-muted); border-bottom: 1px solid transparent; letter-spacing: 0.03em; }
        zs-workbench .panel-tabs button[aria-selected="true"] { color: var(--zs-fg); border-bottom-color: var(--zs-accent); }
        zs-workbench .panel-tabs button:focus-visible { outline: 1px solid var(--zs-accent); }
        zs-workbench .panel-body { flex: 1; overflow: auto; min-height: 0; }
        zs-workbench .diff { position: fixed; inset: 40px; background: #fff; z-index: 50; box-shadow: 0 4px 24px #0005; display: flex; flex-direction: column; }
        zs-workbench .diff header { padding: 6px 12px; display: flex; gap: 12px; align-items: center; font-size: 13px; border-bottom: 1px solid var(--zs-border); }
        zs-workbench .zs-diff-host { flex: 1; position: relative; }
      </style>
      <div class="main">
        <zs-activity-bar .view=${this.side} @view-change=${(e: CustomEvent<SideView | null>) => (this.side = e.detail)}></zs-activity-bar>
        ${this.side ? html`<aside class="side" aria-label="侧边栏">${this.renderSide(doc, a)}</aside>` : nothing}
        <main class="center">
          <section class="editor-area" aria-label="编辑器">
            <zs-tabs
              .tabs=${this.tabs.map((u) => {
                const d = this.docs.get(u)!;
                const badge = d.readOnly ? "只读" : d.builtin && this.drafted.has(d.builtin.path) ? "草稿" : undefined;
                return { uri: u, title: d.title, badge };
              })}
              .active=${this.active ?? ""}
              @tab-select=${(e: CustomEvent<string>) => this.activate(e.detail)}
              @tab-close=${(e: CustomEvent<string>) => this.closeTab(e.detail)}
            ></zs-tabs>
            ${doc?.readOnly
              ? html`<div class="banner" role="status">只读：这是分享链接中的评价体系，保存为草稿后才能编辑。<button @click=${() => void this.saveShared(doc)}>保存为草稿</button></div>`
              : nothing}
            <zs-breadcrumbs .file=${doc?.title ?? ""} .symbols=${a?.symbols ?? []} .offset=${this.cursor.offset} @reveal=${(e: CustomEvent<Range>) => this.reveal(e.detail)}></zs-breadcrumbs>
            <zs-editor
              @editor-ready=${() => this.onEditorReady()}
              @cursor-change=${(e: CustomEvent<{ line: number; column: number; offset: number }>) => {
                this.cursor = e.detail;
                if (this.panel === "curve") this.scheduleCurve();
              }}
            ></zs-editor>
            ${doc ? nothing : this.renderWelcome()}
          </section>
          <section class="panel" aria-label="面板">
            <div class="panel-tabs" role="tablist" aria-label="面板">
              ${panels.map(
                (p) => html`<button role="tab" id=${`panel-tab-${p.id}`} aria-controls="panel-body" aria-selected=${this.panel === p.id ? "true" : "false"} @click=${() => this.showPanel(p.id)}>${p.label}</button>`,
              )}
            </div>
            <div class="panel-body" id="panel-body" role="tabpanel" aria-labelledby=${`panel-tab-${this.panel}`}>${this.renderPanel(a, stale)}</div>
          </section>
        </main>
      </div>
      <zs-status-bar
        .info=${{
          errors,
          warnings,
          maxTotal: a?.maxTotal,
          analyzeMs: a?.timing.analyzeMs,
          scoreMs: a?.timing.scoreMs,
          line: this.cursor.line,
          column: this.cursor.column,
          stale,
          readOnly: doc?.readOnly ?? false,
          message: this.message,
        }}
        @show-problems=${() => this.showPanel("problems")}
      ></zs-status-bar>
      <zs-command-palette .commands=${COMMANDS} .open=${this.paletteOpen} @palette-close=${() => (this.paletteOpen = false)} @run-command=${(e: CustomEvent<string>) => void this.runCommand(e.detail)}></zs-command-palette>
      ${this.comparing
        ? html`<div class="diff" role="dialog" aria-label="与内置版本比较">
            <header><strong>与内置版本比较</strong><span>左：内置版本　右：草稿</span><button @click=${() => this.closeDiff?.()}>关闭（Esc）</button><button @click=${() => { this.closeDiff?.(); void this.revert(); }}>还原为内置版本</button></header>
            <div class="zs-diff-host"></div>
          </div>`
        : nothing}
    `;
  }

  private renderWelcome() {
    return html`<div class="welcome">
      <h1>准绳 · 评价体系工作台</h1>
      <p>从左侧资源管理器打开一个内置评价体系，或打开本地 .zs 文件。边改边看每个样本平台的得分、每一分的来历和体系中的问题。</p>
      ${this.library.map((b) => html`<button @click=${() => void this.openBuiltin(b.path)}>${b.region} · ${b.year} · ${b.platformType}</button>`)}
      <p>快捷键：Ctrl+Shift+P 命令面板 · Ctrl+S 保存草稿 · Shift+Alt+F 格式化 · F8 下一个问题 · F12 转到声明 · F2 重命名</p>
    </div>`;
  }

  private renderSide(doc: Doc | undefined, a: AnalysisResult | undefined) {
    switch (this.side) {
      case "explorer":
        return html`<zs-explorer
          .tree=${this.tree}
          .drafts=${this.draftEntries}
          .drafted=${this.drafted}
          .activePath=${doc?.builtin?.path ?? doc?.uri ?? ""}
          @open-builtin=${(e: CustomEvent<string>) => void this.openBuiltin(e.detail)}
          @open-uri=${(e: CustomEvent<string>) => void this.openDraftUri(e.detail)}
          @open-local=${() => this.pickFiles(".zs,.txt,.csv,.xlsx,.json")}
        ></zs-explorer>`;
      case "outline":
        return html`<zs-outline .symbols=${a?.symbols ?? []} @reveal=${(e: CustomEvent<Range>) => this.reveal(e.detail)}></zs-outline>`;
      case "data":
        return html`<zs-data-view
          .datasets=${this.datasetsOf(doc)}
          .current=${doc?.dataset ?? ""}
          .fields=${a?.scores?.fields ?? []}
          .records=${this.records}
          .selected=${Math.max(0, this.selected)}
          @dataset-change=${(e: CustomEvent<string>) => void this.chooseDataset(e.detail)}
          @import-data=${() => this.pickFiles(".csv,.xlsx,.json")}
          @export-scores=${(e: CustomEvent<"csv" | "xlsx">) => void this.exportScores(e.detail)}
          @export-template=${() => this.exportTemplate()}
          @platform-select=${(e: CustomEvent<number>) => void this.loadExplanation(e.detail, false)}
          @record-edit=${(e: CustomEvent<{ index: number; field: string; value: string }>) => void this.editRecord(e.detail.index, e.detail.field, e.detail.value)}
        ></zs-data-view>`;
      case "compare":
      case "impact":
      case "publish":
        return this.renderPublishView(this.side, doc, a);
      default:
        return nothing;
    }
  }

  /** 对比 and 影响 cover the editor area; 发布前检查 sits in the side bar. */
  private renderPublishView(view: "compare" | "impact" | "publish", doc: Doc | undefined, a: AnalysisResult | undefined) {
    void loadPublishViews();
    switch (view) {
      case "compare":
        return html`<zs-compare-view .client=${this.publish} .library=${this.library} .initial=${doc?.builtin?.path ?? ""} @close-view=${() => (this.side = "explorer")}></zs-compare-view>`;
      case "impact":
        return html`<zs-impact-view
          @close-view=${() => (this.side = "explorer")}
          @reveal-change=${(e: CustomEvent<Range>) => {
            this.side = "explorer";
            void this.updateComplete.then(() => this.reveal(e.detail));
          }}
          .client=${this.publish}
          .library=${this.library}
          .version=${a?.version ?? 0}
          .source=${doc && { uri: doc.uri, title: doc.title, model: doc.model, builtinPath: doc.builtin?.path, dataset: doc.dataset, records: async () => (await this.client.request("records", { uri: doc.uri })).records }}
        ></zs-impact-view>`;
      case "publish":
        return html`<zs-publish-panel
          .client=${this.publish}
          .file=${doc?.title ?? ""}
          .text=${doc?.model.getValue()}
          .version=${a?.version ?? 0}
          @reveal=${(e: CustomEvent<Range>) => this.reveal(e.detail)}
          @open-draft=${(e: CustomEvent<{ title: string; text: string }>) => void this.openImportedDraft(e.detail.title, e.detail.text)}
        ></zs-publish-panel>`;
    }
  }

  /** An imported indicator table becomes a new draft tab (a fresh name if the title is taken). */
  private async openImportedDraft(title: string, text: string) {
    let name = title;
    for (let k = 2; this.docs.has(this.uriFor(`draft:/${name}`)); k++) name = title.replace(/\.zs$/, `（${k}）.zs`);
    const draft = this.openText(`draft:/${name}`, name, text, "draft");
    await this.save(draft, false);
  }

  private async openDraftUri(uri: string) {
    if (this.docs.has(uri)) return this.activate(uri);
    const d = await loadDraft(uri);
    if (d) this.openText(uri, d.title, d.text, uri.startsWith("local:") ? "local" : "draft");
  }

  private renderPanel(a: AnalysisResult | undefined, stale: boolean) {
    switch (this.panel) {
      case "scores":
        return html`<zs-score-table
          .scores=${a?.scores}
          ?stale=${stale}
          .selected=${this.selected}
          .previous=${this.previousTotals}
          @platform-select=${(e: CustomEvent<number>) => void this.loadExplanation(e.detail)}
        ></zs-score-table>`;
      case "explain":
        return html`<zs-explanation .explanation=${this.explanation} ?stale=${stale}></zs-explanation>`;
      case "curve":
        return this.curveLoaded ? html`<zs-curve .curve=${this.curve}></zs-curve>` : html`<div style="padding:8px 12px">正在加载曲线…</div>`;
      case "problems":
        return html`<zs-problems .diagnostics=${a?.diagnostics ?? []} @reveal=${(e: CustomEvent<Range>) => this.reveal(e.detail)}></zs-problems>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-workbench": ZsWorkbench;
  }
}
