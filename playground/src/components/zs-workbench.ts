/**
 * The workbench: layout (activity bar, side bar, editor with tabs and breadcrumbs, panels,
 * status bar). It renders the store of ../state/ and turns what the officer does into its
 * actions; it keeps no state of its own. Light DOM, because Monaco needs the document's styles.
 */
import { LitElement, html, nothing } from "lit";
import { customElement } from "lit/decorators.js";
import type { Range } from "@zhunsheng/core";
import type { AnalysisResult, ScoreSort } from "../protocol.ts";
import { loadPublishViews } from "./publish-views.ts";
import { StoreController } from "./store-controller.ts";
import { Workbench } from "../state/workbench.ts";
import { activeAnalysis, activeDoc, type Doc, type Panel, type SideView } from "../state/workbench-state.ts";
import { datasetsOf, editRecord, exportScores, exportTemplate, openFiles, pickFiles } from "../state/data.ts";
import { bindEditorKeys, COMMANDS, handleWindowKey, runCommand } from "../state/commands.ts";
import { countProblems, problemGroups, type DataFix, type ProblemFilter, type ProblemGroup } from "../state/problems.ts";
import { activeCheck, addInput, editCells, ignoreColumn, keepDatasets, mapColumn, pasteBlock, redoData, undoData, useDataset } from "../state/datasets.ts";
import type { GridCells } from "./zs-data-grid.ts";
import type { ZsEditor } from "./zs-editor.ts";
import "./zs-activity-bar.ts";
import "./zs-explorer.ts";
import "./zs-outline.ts";
import "./zs-data-view.ts";
import "./zs-tabs.ts";
import "./zs-breadcrumbs.ts";
import "./zs-editor.ts";
import "./zs-score-table.ts";
import type { ZsScoreTable } from "./zs-score-table.ts";
import "./zs-data-grid.ts";
import "./zs-explanation.ts";
import "./zs-problems.ts";
import "./zs-status-bar.ts";
import "./zs-command-palette.ts";
import "./zs-diff-dialog.ts";
import "./zs-sash.ts";
import "./zs-new-rubric.ts";
import "./zs-share-dialog.ts";
import { copyShare, prepareShare } from "../state/share.ts";
import { createRubric, newNextYearDraft, type NewRubricFields } from "../state/lineage.ts";

@customElement("zs-workbench")
export class ZsWorkbench extends LitElement {
  readonly wb = new Workbench();
  readonly #store = new StoreController(this, this.wb.store);

  constructor() {
    super();
    // datasets are kept in IndexedDB from the first document on
    keepDatasets(this.wb);
  }
  #curveLoaded = false;
  #renderedAnalysis: AnalysisResult | undefined;
  #groups: ProblemGroup[] = [];

  protected override createRenderRoot() {
    return this;
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
    await this.wb.start();
    document.documentElement.dataset["ready"] = "true";
  }

  protected override updated() {
    // for benchmarks and tests: the scores of this version are on screen
    const a = activeAnalysis(this.#store.state);
    if (a && a !== this.#renderedAnalysis) {
      this.#renderedAnalysis = a;
      void this.querySelector<ZsScoreTable>("#panel-body > zs-score-table")?.updateComplete.then(() => this.dispatchEvent(new CustomEvent("scores-rendered", { detail: { uri: a.uri, version: a.version } })));
    }
  }

  private onKeyDown = (e: KeyboardEvent) => handleWindowKey(this.wb, e);

  private onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes("Files")) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  };

  private onDrop = (e: DragEvent) => {
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    void openFiles(this.wb, [...e.dataTransfer.files]);
  };

  /** The panel grows when its sash moves up. */
  private resizePanel(delta: number) {
    const current = this.wb.state.layout.panelHeight ?? this.querySelector<HTMLElement>("section.panel")?.offsetHeight ?? 300;
    this.wb.resize({ panelHeight: current - delta });
  }

  private onEditorReady() {
    const el = this.querySelector<ZsEditor>("zs-editor");
    if (el) this.wb.attachEditor(el, (ed) => bindEditorKeys(this.wb, ed));
  }

  private showDataCell(uri: string, cell: { row: number; field: string } | undefined) {
    if (uri !== this.wb.state.active) this.wb.activate(uri);
    this.wb.store.set({ panel: "data", gridFocus: cell && { ...cell } });
  }

  private async applyDataFix(uri: string, fix: DataFix) {
    if (uri !== this.wb.state.active) this.wb.activate(uri);
    if (fix.kind === "map") await mapColumn(this.wb, fix.column, fix.input);
    else if (fix.kind === "add") addInput(this.wb, fix.column);
    else ignoreColumn(this.wb, fix.column);
  }

  // ---- render --------------------------------------------------------------------------------

  override render() {
    const s = this.#store.state;
    const wb = this.wb;
    const doc = activeDoc(s);
    const a = activeAnalysis(s);
    const groups = problemGroups(s);
    const counts = countProblems(groups);
    const stale = a?.stale ?? false;
    const panels: { id: Panel; label: string }[] = [
      { id: "scores", label: "评分" },
      { id: "data", label: "数据表" },
      { id: "explain", label: "说明" },
      { id: "curve", label: "曲线" },
      { id: "problems", label: `问题${counts.total > 0 ? ` ${counts.total}` : ""}` },
    ];
    this.#groups = groups;
    return html`
      <style>
        zs-workbench { display: grid; grid-template-rows: minmax(0, 1fr) 22px; grid-template-columns: minmax(0, 1fr); height: 100vh; width: 100vw; overflow: hidden; font-family: var(--zs-font); }
        zs-workbench .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; margin: 0; }
        zs-workbench .main { display: flex; min-height: 0; min-width: 0; overflow: hidden; }
        zs-workbench .side-wrap { display: flex; flex: none; min-height: 0; }
        zs-workbench .side { flex: none; background: var(--zs-side-bg); border-right: 1px solid var(--zs-border); overflow: auto; min-height: 0; }
        zs-workbench .center { flex: 1; display: flex; flex-direction: column; min-width: 0; }
        zs-workbench .editor-area { flex: 1 1 58%; display: flex; flex-direction: column; min-height: 0; position: relative; }
        zs-workbench zs-editor { display: block; position: relative; flex: 1; min-height: 0; }
        zs-workbench .welcome { position: absolute; inset: 57px 0 0 0; padding: 32px; background: var(--zs-bg); color: var(--zs-muted); z-index: 1; overflow: auto; }
        zs-workbench .welcome h2 { font-size: 22px; color: var(--zs-fg); font-weight: 600; }
        zs-workbench .welcome button { font: inherit; display: block; margin: 6px 0; background: none; border: 0; color: var(--zs-accent); cursor: pointer; padding: 0; }
        zs-workbench .banner { background: var(--zs-stale); padding: 4px 12px; font-size: 13px; display: flex; gap: 12px; align-items: center; }
        zs-workbench .banner button { font: inherit; }
        zs-workbench .panel { display: flex; flex-direction: column; min-height: 0; border-top: 1px solid var(--zs-border); }
        zs-workbench .panel-tabs { display: flex; gap: 4px; padding: 0 8px; font-size: 12px; border-bottom: 1px solid var(--zs-border); }
        zs-workbench .panel-tabs button { all: unset; padding: 6px 8px; cursor: pointer; color: var(--zs-muted); border-bottom: 1px solid transparent; letter-spacing: 0.03em; }
        zs-workbench .panel-tabs button[aria-selected="true"] { color: var(--zs-fg); border-bottom-color: var(--zs-accent); }
        zs-workbench .panel-tabs button:focus-visible { outline: 1px solid var(--zs-accent); }
        /* contained: a keystroke's editor frame and a new score page repaint and lay out only their own area (the side bar is not: 对比/影响 inside it cover the editor) */
        zs-workbench .panel-body { flex: 1; overflow: auto; min-height: 0; contain: strict; }
        zs-workbench .diff { position: fixed; inset: 40px; background: #fff; z-index: 50; box-shadow: 0 4px 24px #0005; display: flex; flex-direction: column; }
        zs-workbench .diff header { padding: 6px 12px; display: flex; gap: 12px; align-items: center; font-size: 13px; border-bottom: 1px solid var(--zs-border); }
        zs-workbench .zs-diff-host { flex: 1; position: relative; }
      </style>
      <div class="main">
        <zs-activity-bar .view=${s.side} @view-change=${(e: CustomEvent<SideView | null>) => wb.showSide(e.detail)}></zs-activity-bar>
        ${s.side
          ? html`<aside class="side-wrap" aria-label="侧边栏">
              <div class="side" style="width:${s.layout.sideWidth}px">${this.renderSide(doc, a)}</div>
              <zs-sash orientation="vertical" label="调整侧边栏宽度" .value=${s.layout.sideWidth} @sash-move=${(e: CustomEvent<number>) => wb.resize({ sideWidth: wb.state.layout.sideWidth + e.detail })}></zs-sash>
            </aside>`
          : nothing}
        <main class="center">
          <h1 class="visually-hidden">准绳 · 评价体系工作台${doc ? `：${doc.title}` : ""}</h1>
          <section class="editor-area" aria-label="编辑器">
            <zs-tabs
              .tabs=${s.tabs.map((u) => {
                const d = s.docs.get(u)!;
                const badge = d.readOnly ? "只读" : d.builtin && s.drafted.has(d.builtin.path) ? "草稿" : undefined;
                return { uri: u, title: d.title, badge };
              })}
              .active=${s.active ?? ""}
              @tab-select=${(e: CustomEvent<string>) => wb.activate(e.detail)}
              @tab-close=${(e: CustomEvent<string>) => wb.closeTab(e.detail)}
            ></zs-tabs>
            ${doc?.readOnly
              ? html`<div class="banner" role="status">只读：这是分享链接中的评价体系${doc.imported.size > 0 ? `和数据集「${doc.dataset}」` : ""}，保存为草稿后才能编辑。<button @click=${() => void wb.saveShared(doc)}>保存为草稿</button></div>`
              : nothing}
            <zs-breadcrumbs .file=${doc?.title ?? ""} .symbols=${a?.symbols ?? []} .offset=${s.cursor.offset} @reveal=${(e: CustomEvent<Range>) => wb.reveal(e.detail)}></zs-breadcrumbs>
            <zs-editor
              @editor-ready=${() => this.onEditorReady()}
              @cursor-change=${(e: CustomEvent<{ line: number; column: number; offset: number }>) => wb.setCursor(e.detail)}
              @tab-focus-change=${(e: CustomEvent<boolean>) => wb.store.set({ tabFocusMode: e.detail })}
            ></zs-editor>
            ${doc ? nothing : this.renderWelcome()}
          </section>
          <zs-sash orientation="horizontal" label="调整面板高度" .value=${s.layout.panelHeight ?? 0} @sash-move=${(e: CustomEvent<number>) => this.resizePanel(e.detail)}></zs-sash>
          <section class="panel" aria-label="面板" style=${s.layout.panelHeight === undefined ? "flex: 0 0 40%" : `flex: 0 0 ${s.layout.panelHeight}px`}>
            <div class="panel-tabs" role="tablist" aria-label="面板">
              ${panels.map(
                (p) => html`<button role="tab" id=${`panel-tab-${p.id}`} aria-controls="panel-body" aria-selected=${s.panel === p.id ? "true" : "false"} @click=${() => wb.showPanel(p.id)}>${p.label}</button>`,
              )}
            </div>
            <div class="panel-body" id="panel-body" role="tabpanel" aria-labelledby=${`panel-tab-${s.panel}`}>${this.renderPanel(a, stale)}</div>
          </section>
        </main>
      </div>
      <zs-status-bar
        .info=${{
          errors: counts.error,
          warnings: counts.warning,
          infos: counts.info,
          maxTotal: a?.maxTotal,
          analyzeMs: a?.timing.analyzeMs,
          scoreMs: a?.timing.scoreMs,
          line: s.cursor.line,
          column: s.cursor.column,
          stale,
          readOnly: doc?.readOnly ?? false,
          message: s.message,
          failure: s.workerFailure ?? a?.failure,
          tabFocusMode: s.tabFocusMode,
        }}
        @show-problems=${() => wb.showPanel("problems")}
        @toggle-tab-focus=${() => void runCommand(wb, "tabFocus")}
      ></zs-status-bar>
      <zs-new-rubric
        ?open=${s.newRubricOpen}
        @create-rubric=${(e: CustomEvent<NewRubricFields>) => void createRubric(wb, e.detail)}
        @close-dialog=${() => wb.store.set({ newRubricOpen: false })}
        @import-table=${() => wb.store.set({ newRubricOpen: false, side: "publish" })}
      ></zs-new-rubric>
      <zs-share-dialog
        .link=${s.share}
        @share-data=${(e: CustomEvent<boolean>) => prepareShare(wb, e.detail)}
        @share-copy=${() => void copyShare(wb)}
        @share-close=${() => wb.store.set({ share: undefined })}
      ></zs-share-dialog>
      <zs-command-palette .commands=${COMMANDS} .open=${s.paletteOpen} @palette-close=${() => wb.store.set({ paletteOpen: false })} @run-command=${(e: CustomEvent<string>) => void runCommand(wb, e.detail)}></zs-command-palette>
      ${s.comparing && doc?.builtin
        ? html`<zs-diff-dialog
            .original=${doc.builtin.text}
            .modified=${doc.model}
            .client=${wb.client}
            @diff-close=${() => wb.store.set({ comparing: false })}
            @diff-revert=${() => {
              wb.store.set({ comparing: false });
              void wb.revert();
            }}
          ></zs-diff-dialog>`
        : nothing}
    `;
  }

  private renderWelcome() {
    return html`<div class="welcome">
      <h2>准绳 · 评价体系工作台</h2>
      <p>从左侧资源管理器打开一个内置评价体系，或打开本地 .zs 文件。边改边看每个样本平台的得分、每一分的来历和体系中的问题。</p>
      ${this.wb.library.map((b) => html`<button @click=${() => void this.wb.openBuiltin(b.path)}>${b.region} · ${b.year} · ${b.platformType}</button>`)}
      <p>快捷键：Ctrl+Shift+P 命令面板 · Ctrl+S 保存草稿 · Shift+Alt+F 格式化 · F8 下一个问题 · F12 转到声明 · F2 重命名</p>
    </div>`;
  }

  private renderSide(doc: Doc | undefined, a: AnalysisResult | undefined) {
    const s = this.#store.state;
    const wb = this.wb;
    switch (s.side) {
      case "explorer":
        return html`<zs-explorer
          .tree=${wb.tree}
          .drafts=${s.draftEntries}
          .drafted=${s.drafted}
          .activePath=${doc?.builtin?.path ?? doc?.uri ?? ""}
          .canNextYear=${doc !== undefined}
          @next-year=${() => void newNextYearDraft(wb)}
          @new-rubric=${() => wb.store.set({ newRubricOpen: true })}
          @open-builtin=${(e: CustomEvent<string>) => void wb.openBuiltin(e.detail)}
          @open-uri=${(e: CustomEvent<string>) => void wb.openDraftUri(e.detail)}
          @open-local=${() => pickFiles(wb, ".zs,.txt,.csv,.tsv,.xlsx,.xlsm,.json")}
        ></zs-explorer>`;
      case "outline":
        return html`<zs-outline .symbols=${a?.symbols ?? []} @reveal=${(e: CustomEvent<Range>) => wb.reveal(e.detail)}></zs-outline>`;
      case "data":
        return html`<zs-data-view
          .datasets=${datasetsOf(wb)}
          .current=${doc?.dataset ?? ""}
          .fields=${a?.scores?.fields ?? []}
          .records=${s.records}
          .selected=${Math.max(0, s.selected)}
          @dataset-change=${(e: CustomEvent<string>) => doc && void useDataset(wb, doc.uri, e.detail)}
          @import-data=${() => pickFiles(wb, ".csv,.tsv,.xlsx,.xlsm,.json")}
          @export-scores=${(e: CustomEvent<"csv" | "xlsx">) => void exportScores(wb, e.detail)}
          @export-template=${(e: CustomEvent<"csv" | "xlsx">) => void exportTemplate(wb, e.detail)}
          @platform-select=${(e: CustomEvent<number>) => void wb.loadExplanation(e.detail, false)}
          ?readOnly=${doc?.readOnly ?? false}
          @record-edit=${(e: CustomEvent<{ index: number; field: string; value: string }>) => (doc?.readOnly ? wb.flash("只读：保存为草稿后才能修改数据") : void editRecord(wb, e.detail.index, e.detail.field, e.detail.value))}
        ></zs-data-view>`;
      case "compare":
      case "impact":
      case "publish":
        return this.renderPublishView(s.side, doc, a);
      default:
        return nothing;
    }
  }

  /** 对比 and 影响 cover the editor area; 发布前检查 sits in the side bar. */
  private renderPublishView(view: "compare" | "impact" | "publish", doc: Doc | undefined, a: AnalysisResult | undefined) {
    const wb = this.wb;
    void loadPublishViews();
    switch (view) {
      case "compare":
        return html`<zs-compare-view .client=${wb.publish} .library=${wb.library} .initial=${doc?.builtin?.path ?? ""} @close-view=${() => wb.showSide("explorer")}></zs-compare-view>`;
      case "impact":
        return html`<zs-impact-view
          @close-view=${() => wb.showSide("explorer")}
          @reveal-change=${(e: CustomEvent<Range>) => {
            wb.showSide("explorer");
            void this.updateComplete.then(() => wb.reveal(e.detail));
          }}
          .client=${wb.publish}
          .library=${wb.library}
          .version=${a?.version ?? 0}
          .source=${doc && { uri: doc.uri, title: doc.title, model: doc.model, builtinPath: doc.builtin?.path, basedOn: doc.basedOn, dataset: doc.dataset, records: async () => {
            // rows that did not line up with their file's header take no part in the impact
            const r = await wb.client.request("records", { uri: doc.uri });
            return r.records.filter((_, i) => !r.rowErrors?.[i]);
          } }}
        ></zs-impact-view>`;
      case "publish":
        return html`<zs-publish-panel
          .client=${wb.publish}
          .file=${doc?.title ?? ""}
          .text=${doc?.model.getValue()}
          .version=${a?.version ?? 0}
          @reveal=${(e: CustomEvent<Range>) => wb.reveal(e.detail)}
          @open-draft=${(e: CustomEvent<{ title: string; text: string }>) => void wb.openImportedDraft(e.detail.title, e.detail.text)}
        ></zs-publish-panel>`;
    }
  }

  private renderPanel(a: AnalysisResult | undefined, stale: boolean) {
    const s = this.#store.state;
    const wb = this.wb;
    switch (s.panel) {
      case "scores":
        return html`<zs-score-table
          .scores=${a?.scores}
          ?stale=${stale}
          .selected=${s.selected}
          @platform-select=${(e: CustomEvent<number>) => void wb.loadExplanation(e.detail)}
          @view-change=${(e: CustomEvent<{ sort: ScoreSort; start: number; count: number }>) => void wb.viewScores(e.detail.sort, e.detail.start, e.detail.count)}
        ></zs-score-table>`;
      case "data": {
        const doc = activeDoc(s);
        const check = activeCheck(wb);
        const fields = a?.scores?.fields ?? [];
        const history = doc ? s.dataHistory.get(doc.uri) : undefined;
        return html`<zs-data-grid
          .records=${s.records}
          .columns=${check?.columns ?? fields.map((f) => f.name)}
          .fields=${fields}
          .check=${check}
          .datasetName=${doc?.dataset ?? ""}
          ?readOnly=${doc?.readOnly ?? true}
          ?canUndo=${(history?.undo.length ?? 0) > 0}
          ?canRedo=${(history?.redo.length ?? 0) > 0}
          .focusCell=${s.gridFocus}
          @cells-edit=${(e: CustomEvent<GridCells>) => void editCells(wb, e.detail.label, e.detail.cells)}
          @grid-paste=${(e: CustomEvent<{ row: number; column: number; text: string }>) => void pasteBlock(wb, e.detail, check?.columns ?? fields.map((f) => f.name), e.detail.text)}
          @data-undo=${() => void undoData(wb)}
          @data-redo=${() => void redoData(wb)}
        ></zs-data-grid>`;
      }
      case "explain":
        return html`<zs-explanation
          .explanation=${s.explanation}
          .subject=${s.subject}
          ?stale=${stale}
          ?editable=${!(activeDoc(s)?.readOnly ?? true)}
          @reveal=${(e: CustomEvent<Range>) => wb.reveal(e.detail)}
          @case-from-platform=${(e: CustomEvent<number>) => void wb.caseFromPlatform(e.detail)}
        ></zs-explanation>`;
      case "curve":
        if (!this.#curveLoaded) {
          void import("./zs-curve.ts").then(() => {
            this.#curveLoaded = true;
            this.requestUpdate();
          });
          return html`<div style="padding:8px 12px">正在加载曲线…</div>`;
        }
        return html`<zs-curve .curve=${s.curve}></zs-curve>`;
      case "problems":
        return html`<zs-problems
          .groups=${this.#groups}
          .filter=${s.problemFilter}
          @filter-change=${(e: CustomEvent<ProblemFilter>) => wb.store.set({ problemFilter: e.detail })}
          @reveal-in=${(e: CustomEvent<{ uri: string; range: Range }>) => wb.revealIn(e.detail.uri, e.detail.range)}
          @data-reveal=${(e: CustomEvent<{ uri: string; cell: { row: number; field: string } | undefined }>) => this.showDataCell(e.detail.uri, e.detail.cell)}
          @data-fix=${(e: CustomEvent<{ uri: string; fix: DataFix }>) => void this.applyDataFix(e.detail.uri, e.detail.fix)}
        ></zs-problems>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-workbench": ZsWorkbench;
  }
}
