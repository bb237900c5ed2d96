/**
 * 影响: the open file against its built-in version (or another built-in rubric, year against
 * year): the semantic diff, one Chinese line per change, beside Monaco's diff of the text; and
 * what the change does to the sample platforms (scores, ranks, grades, lines crossed, the score
 * distribution), sortable and exportable; and the 修订说明 of the change (zs-revision-memo). Diff
 * and impact are computed by the publish worker.
 * Light DOM, because Monaco's diff editor needs the document's styles.
 */
import { LitElement, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { EChartsType } from "echarts/core";
import type { PlatformImpact } from "@zhunsheng/publish";
import type { ImpactResult, MemoSource, Record_ } from "../protocol.ts";
import type { BuiltinRubric } from "../lib/library.ts";
import type { PublishClient } from "../lib/workers.ts";
import { drawBars } from "../lib/charts.ts";
import { monaco } from "../monaco/monaco.ts";
import { LANGUAGE_ID } from "../monaco/language.ts";
import { download } from "../lib/download.ts";
import type { BasedOn } from "../lib/drafts.ts";
import "./zs-revision-memo.ts";

/** The 对照版本 choice that means "the rubric this draft is based on". */
const BASE = "base:";

type SortKey = "platform" | "before" | "after" | "change" | "rankBefore" | "rankAfter";

/** What the view compares: the open file and where its data comes from. */
export interface ImpactSource {
  uri: string;
  title: string;
  model: monaco.editor.ITextModel;
  /** The built-in version of this file, if it is one. */
  builtinPath: string | undefined;
  /** The rubric a next year's draft was made from: compared with by default. */
  basedOn: BasedOn | undefined;
  dataset: string;
  records: () => Promise<Record_[]>;
}

const num = (v: string | null) => (v === null ? Number.NEGATIVE_INFINITY : Number(v));
const signed = (v: string | null) => (v === null ? "—" : Number(v) > 0 ? `+${v}` : v);

function sortValue(p: PlatformImpact, key: SortKey): string | number {
  switch (key) {
    case "platform":
      return p.platform;
    case "before":
      return num(p.before);
    case "after":
      return num(p.after);
    case "change":
      return num(p.change);
    case "rankBefore":
      return p.rankBefore ?? Number.POSITIVE_INFINITY;
    case "rankAfter":
      return p.rankAfter ?? Number.POSITIVE_INFINITY;
  }
}

@customElement("zs-impact-view")
export class ZsImpactView extends LitElement {
  @property({ attribute: false }) client: PublishClient | undefined;
  @property({ attribute: false }) source: ImpactSource | undefined;
  @property({ attribute: false }) library: BuiltinRubric[] = [];
  /** The open file's version: a new one recomputes the impact (debounced). */
  @property({ type: Number }) version = 0;
  @state() private against = "";
  @state() private result: ImpactResult | undefined;
  @state() private sortKey: SortKey = "change";
  @state() private ascending = false;
  @state() private onlyChanged = true;
  @state() private memoOpen = false;
  private diffEditor: monaco.editor.IStandaloneDiffEditor | undefined;
  private original: monaco.editor.ITextModel | undefined;
  private chart: EChartsType | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;

  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.diffEditor?.dispose();
    this.original?.dispose();
    this.chart?.dispose();
    this.diffEditor = undefined;
    this.original = undefined;
    this.chart = undefined;
  }

  /** The 对照版本 as the 修订说明 names it. */
  private get againstName(): string {
    const base = this.source?.basedOn;
    if (this.against === BASE) return base?.path ? `rules/${base.path}` : (base?.title ?? "基于的版本");
    return `rules/${this.against}`;
  }

  /** What the 修订说明 compares: the 对照版本, the open file as it is now, and the dataset of the 影响 view. */
  private memoSource = async (): Promise<MemoSource> => {
    const s = this.source!;
    return { oldText: this.againstText ?? "", newText: s.model.getValue(), oldName: this.againstName, newName: s.title, records: await s.records(), dataset: s.dataset };
  };

  private get againstText(): string | undefined {
    if (this.against === BASE) return this.source?.basedOn?.text;
    return this.library.find((b) => b.path === this.against)?.text;
  }

  private shownUri: string | undefined;
  private shownDataset: string | undefined;
  private sourceChanged = false;

  protected override willUpdate() {
    // the workbench hands a fresh source object on every render: react to the file and dataset only
    const uri = this.source?.uri;
    if (uri !== this.shownUri) {
      this.shownUri = uri;
      this.against = this.source?.basedOn ? BASE : (this.source?.builtinPath ?? this.library[0]?.path ?? "");
      this.sourceChanged = true;
    }
  }

  protected override updated(changed: PropertyValues) {
    const datasetChanged = this.source?.dataset !== this.shownDataset;
    this.shownDataset = this.source?.dataset;
    if (this.sourceChanged || changed.has("against")) {
      this.sourceChanged = false;
      void this.showTextDiff();
      this.schedule(0);
    } else if (datasetChanged || changed.has("client")) this.schedule(0);
    else if (changed.has("version")) this.schedule(300);
    if (changed.has("result")) void this.drawChart();
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.compute(), ms);
  }

  private async compute() {
    const s = this.source;
    const oldText = this.againstText;
    if (!this.client || !s || oldText === undefined) return;
    const id = ++this.request;
    const records = await s.records();
    const r = await this.client.request("impact", { oldText, newText: s.model.getValue(), records });
    if (id !== this.request) return;
    this.result = r;
    await this.updateComplete;
    this.dispatchEvent(new CustomEvent("impact-rendered", { bubbles: true, detail: { version: this.version } }));
  }

  private async showTextDiff() {
    const s = this.source;
    const oldText = this.againstText;
    await this.updateComplete;
    const host = this.querySelector<HTMLElement>(".zs-impact-diff");
    if (!s || oldText === undefined || !host) return;
    await import("monaco-editor/features/diffEditor/register.js");
    this.diffEditor ??= monaco.editor.createDiffEditor(host, {
      originalAriaLabel: "对照版本（只读）",
      modifiedAriaLabel: "当前版本（只读）",
      readOnly: true,
      automaticLayout: true,
      renderSideBySide: true,
      theme: "zs-light",
      wordWrap: "on",
      minimap: { enabled: false },
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue("--zs-mono").trim() || "monospace",
      fontSize: 13,
      originalEditable: false,
      renderOverviewRuler: false,
      hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 3, revealLineCount: 5 },
    });
    // the inner editors' input fields need names of their own (the diff options do not reach them)
    this.diffEditor.getOriginalEditor().updateOptions({ ariaLabel: "对照版本（只读）" });
    this.diffEditor.getModifiedEditor().updateOptions({ ariaLabel: "当前版本（只读）" });
    const previous = this.original;
    this.original = monaco.editor.createModel(oldText, LANGUAGE_ID);
    this.diffEditor.setModel({ original: this.original, modified: s.model });
    previous?.dispose();
  }

  private async drawChart() {
    await this.updateComplete;
    const host = this.querySelector<HTMLElement>(".zs-impact-chart");
    const h = this.result?.impact?.histogram;
    if (!host || !h) return;
    if (this.chart && this.chart.getDom() !== host) {
      this.chart.dispose();
      this.chart = undefined;
    }
    this.chart = await drawBars(
      host,
      {
        categories: h.map((b) => `${b.lo}～${b.hi}`),
        series: [
          { name: "修改前", values: h.map((b) => b.before) },
          { name: "修改后", values: h.map((b) => b.after) },
        ],
        unit: "平台数",
      },
      this.chart,
    );
  }

  private sortBy(key: SortKey) {
    if (this.sortKey === key) this.ascending = !this.ascending;
    else {
      this.sortKey = key;
      this.ascending = key === "platform" || key === "rankBefore" || key === "rankAfter";
    }
  }

  private tableRows(): string[][] {
    const r = this.result;
    if (!r?.impact) return [];
    const header = ["平台", "修改前总分", "修改后总分", "变化", "修改前名次", "修改后名次", ...(r.graded ? [`修改前${r.gradeKind}`, `修改后${r.gradeKind}`] : []), "越线", "变化的指标"];
    return [
      header,
      ...r.impact.platforms.map((p) => [
        p.platform,
        p.before ?? "",
        p.after ?? "",
        p.change ?? "",
        p.rankBefore === null ? "" : String(p.rankBefore),
        p.rankAfter === null ? "" : String(p.rankAfter),
        ...(r.graded ? [p.gradeBefore ?? "", p.gradeAfter ?? ""] : []),
        p.crossings.join("；"),
        p.indicators.map((i) => `${i.name} ${i.before ?? "—"}→${i.after ?? "—"}`).join("；"),
      ]),
    ];
  }

  /** The table as injection-safe CSV or a workbook, written in the publish worker (@zhunsheng/data). */
  private async export(format: "csv" | "xlsx") {
    if (!this.client) return;
    const stem = `${(this.source?.title ?? "评价体系").replace(/\.zs$/, "")}-影响`;
    const f = await this.client.request("tableFile", { rows: this.tableRows(), kind: format, name: stem, sheet: "影响" });
    download(f.name, f.data as BlobPart, f.type);
  }

  override render() {
    const s = this.source;
    const r = this.result;
    return html`
      <style>
        zs-impact-view { position: absolute; inset: 0 0 22px 48px; z-index: 5; background: var(--zs-bg); overflow: auto; font-size: 13px; }
        zs-impact-view .page { padding: 12px 20px 40px; }
        zs-impact-view .head { display: flex; align-items: center; gap: 16px; }
        zs-impact-view h2 { font-size: 18px; font-weight: 600; margin: 4px 0 8px; }
        zs-impact-view h3 { font-size: 15px; font-weight: 600; margin: 18px 0 6px; }
        zs-impact-view .bar { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
        zs-impact-view select, zs-impact-view button { font: inherit; }
        zs-impact-view .muted { color: var(--zs-muted); }
        zs-impact-view .err { color: var(--zs-error); }
        zs-impact-view .split { display: grid; grid-template-columns: minmax(280px, 2fr) 3fr; gap: 12px; margin-top: 8px; }
        zs-impact-view .changes { border: 1px solid var(--zs-border); max-height: 240px; overflow: auto; margin: 0; padding: 6px 10px 6px 28px; line-height: 1.7; }
        zs-impact-view .changes button.goto { all: unset; cursor: pointer; }
        zs-impact-view .changes button.goto:hover { color: var(--zs-accent); text-decoration: underline; }
        zs-impact-view .changes button.goto:focus-visible { outline: 1px solid var(--zs-accent); }
        zs-impact-view .zs-impact-diff { height: 260px; border: 1px solid var(--zs-border); position: relative; }
        zs-impact-view .summary { display: flex; gap: 16px; flex-wrap: wrap; margin: 6px 0; }
        zs-impact-view .summary b { font-variant-numeric: tabular-nums; }
        zs-impact-view .zs-impact-chart { height: 220px; border: 1px solid var(--zs-border); }
        zs-impact-view table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin-top: 6px; }
        zs-impact-view th, zs-impact-view td { padding: 3px 10px; border-bottom: 1px solid var(--zs-border); text-align: right; white-space: nowrap; }
        zs-impact-view th:first-child, zs-impact-view td:first-child, zs-impact-view td.wrap, zs-impact-view th.wrap { text-align: left; }
        zs-impact-view td.wrap { white-space: normal; min-width: 200px; }
        zs-impact-view thead th { position: sticky; top: 0; background: var(--zs-side-bg); font-weight: 600; }
        zs-impact-view th button { all: unset; cursor: pointer; }
        zs-impact-view th button:focus-visible { outline: 1px solid var(--zs-accent); }
        zs-impact-view .up { color: #1e7b34; font-weight: 600; }
        zs-impact-view .down { color: var(--zs-error); font-weight: 600; }
        zs-impact-view .cross { color: #8a5a00; }
      </style>
      <div class="page">
        <header class="head"><h2>修改的影响</h2><button @click=${() => this.dispatchEvent(new CustomEvent("close-view", { bubbles: true }))}>返回编辑器</button></header>
        ${s ? this.renderBody(s, r) : html`<p class="muted">先打开一个评价体系（例如从资源管理器打开湖南「市州综合窗口平台」并修改它），再回到这里查看修改对样本平台的影响。</p>`}
      </div>
    `;
  }

  private renderBody(s: ImpactSource, r: ImpactResult | undefined) {
    return html`
      <div class="bar">
        <label>对照版本：<select aria-label="对照版本" @change=${(e: Event) => (this.against = (e.target as HTMLSelectElement).value)}>
          ${s.basedOn ? html`<option value=${BASE} ?selected=${this.against === BASE}>基于的版本：${s.basedOn.title}</option>` : nothing}
          ${this.library.map((b) => html`<option value=${b.path} ?selected=${b.path === this.against}>${b.path === s.builtinPath ? "内置版本（本文件）" : `${b.region} · ${b.platformType}（${b.year}）`}</option>`)}
        </select></label>
        <span>当前：${s.title}</span>
        <span class="muted">数据集：${s.dataset}</span>
        <button class="memo-toggle" aria-expanded=${this.memoOpen ? "true" : "false"} @click=${() => (this.memoOpen = !this.memoOpen)}>${this.memoOpen ? "收起修订说明" : "修订说明…"}</button>
      </div>
      ${this.memoOpen && this.againstText !== undefined
        ? html`<zs-revision-memo
            .client=${this.client}
            .uri=${s.uri}
            .source=${this.memoSource}
            .revision=${`${this.against}|${this.version}|${s.dataset}`}
            @close-memo=${() => (this.memoOpen = false)}
          ></zs-revision-memo>`
        : nothing}
      ${r?.error ? html`<p class="err">${r.error}</p>` : nothing}
      <div class="split">
        <div>
          <h3>语义差异（${r ? r.changes.length : "…"}处）</h3>
          ${r && r.changes.length === 0 && !r.error ? html`<p class="muted">两个版本在计分上没有差异。</p>` : html`<ol class="changes" aria-label="语义差异">
                ${(r?.changes ?? []).map((c) =>
                  c.newRange
                    ? html`<li><button class="goto" title="在编辑器中查看" @click=${() => this.dispatchEvent(new CustomEvent("reveal-change", { detail: c.newRange, bubbles: true }))}>${c.text}</button></li>`
                    : html`<li>${c.text}</li>`,
                )}
              </ol>`}
        </div>
        <div>
          <h3>文本差异（左：对照版本　右：当前）</h3>
          <div class="zs-impact-diff"></div>
        </div>
      </div>
      ${r?.impact ? this.renderImpact(r) : nothing}
    `;
  }

  private renderImpact(r: ImpactResult) {
    const impact = r.impact!;
    const sm = impact.summary;
    const shown = impact.platforms.filter((p) => !this.onlyChanged || p.change === null || Number(p.change) !== 0 || p.gradeBefore !== p.gradeAfter);
    const rows = [...shown].sort((a, b) => {
      const x = sortValue(a, this.sortKey);
      const y = sortValue(b, this.sortKey);
      const c = typeof x === "string" || typeof y === "string" ? String(x).localeCompare(String(y), "zh") : x === y ? 0 : x - y;
      return (this.ascending ? c : -c) || (a.rankAfter ?? 1e9) - (b.rankAfter ?? 1e9);
    });
    const head = (key: SortKey, label: string) => {
      const sorted = this.sortKey === key;
      return html`<th scope="col" aria-sort=${sorted ? (this.ascending ? "ascending" : "descending") : "none"}><button @click=${() => this.sortBy(key)}>${label}${sorted ? (this.ascending ? " ▲" : " ▼") : ""}</button></th>`;
    };
    return html`
      <h3>对样本平台的影响</h3>
      <div class="summary" role="status">
        <span>平台 <b>${sm.platforms}</b> 个</span><span>总分变化 <b class="changed-count">${sm.changed}</b> 个</span><span class="up">上升 ${sm.up}</span><span class="down">下降 ${sm.down}</span>
        <span>最大升幅 <b>${signed(sm.maxUp)}</b></span><span>最大降幅 <b>${sm.maxDown}</b></span><span class="cross">越过 ${impact.lines.join("／")} 分线或${r.gradeKind}变化 <b>${sm.crossings}</b> 个</span>
      </div>
      <div class="zs-impact-chart" role="img" aria-label="修改前后的总分分布"></div>
      <div class="bar" style="margin-top:8px">
        <label><input type="checkbox" .checked=${this.onlyChanged} @change=${(e: Event) => (this.onlyChanged = (e.target as HTMLInputElement).checked)} />只看有变化的平台（${shown.length}/${impact.platforms.length}）</label>
        <button @click=${() => void this.export("csv")}>导出 CSV</button>
        <button @click=${() => void this.export("xlsx")}>导出 XLSX</button>
      </div>
      <table aria-label="各平台修改前后">
        <thead>
          <tr>
            ${head("platform", "平台")}${head("before", "修改前")}${head("after", "修改后")}${head("change", "变化")}${head("rankBefore", "原名次")}${head("rankAfter", "新名次")}
            ${r.graded ? html`<th scope="col">${r.gradeKind}</th>` : nothing}
            <th scope="col" class="wrap">越线</th><th scope="col" class="wrap">变化的指标</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) => html`<tr data-platform=${p.platform}>
              <td>${p.platform}</td>
              <td class="before">${p.before ?? "数据有误"}</td>
              <td class="after">${p.after ?? "数据有误"}</td>
              <td class=${p.change === null || Number(p.change) === 0 ? "change" : Number(p.change) > 0 ? "change up" : "change down"}>${signed(p.change)}</td>
              <td>${p.rankBefore ?? "—"}</td>
              <td>${p.rankAfter ?? "—"}${p.rankBefore !== null && p.rankAfter !== null && p.rankAfter !== p.rankBefore ? (p.rankAfter < p.rankBefore ? " ↑" : " ↓") : ""}</td>
              ${r.graded ? html`<td class=${p.bandMove > 0 ? "grade up" : p.bandMove < 0 ? "grade down" : "grade"}>${p.gradeBefore === p.gradeAfter ? (p.gradeAfter ?? "—") : `${p.gradeBefore ?? "无"} → ${p.gradeAfter ?? "无"}`}</td>` : nothing}
              <td class="wrap cross">${p.crossings.join("；")}</td>
              <td class="wrap">${p.indicators.map((i) => `${i.name} ${i.before ?? "—"}→${i.after ?? "—"}`).join("；")}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-impact-view": ZsImpactView;
  }
}
