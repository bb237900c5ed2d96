/**
 * 对比: 2–4 built-in rubrics side by side, one row per concept; a chart of how each spends its
 * points by concept; and one sample dataset scored under two of them through the concept
 * mappings of rules/concepts/概念.json — inputs nothing carries are missing, never 0, and the
 * second rubric ranks only when its comparable part is large enough (packages/publish
 * cross-score.ts decides; this element shows it). The work is done by the publish worker.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { EChartsType } from "echarts/core";
import type { CellIndicator, Comparison, CrossScore } from "@zhunsheng/publish";
import type { BuiltinRubric } from "../lib/library.ts";
import type { PublishClient } from "../lib/workers.ts";
import { drawBars } from "../lib/charts.ts";

const MAX = 4;

function labelOf(b: BuiltinRubric): string {
  return `${b.region} · ${b.platformType}（${b.year}）`;
}

function columnTitle(col: Comparison["columns"][number]): string {
  return col.region ? `${col.region} · ${col.title}` : col.title;
}

@customElement("zs-compare-view")
export class ZsCompareView extends LitElement {
  @property({ attribute: false }) library: BuiltinRubric[] = [];
  @property({ attribute: false }) client: PublishClient | undefined;
  /** The active file's path, selected first when the view opens. */
  @property() initial = "";
  @state() private chosen: string[] = [];
  @state() private comparison: Comparison | undefined;
  @state() private errors: string[] = [];
  @state() private crossA = "";
  @state() private crossB = "";
  @state() private cross: CrossScore | undefined;
  @state() private crossError: string | undefined;
  @state() private busy = false;
  private chart: EChartsType | undefined;
  private resize = new ResizeObserver(() => this.chart?.resize());

  static override styles = css`
    :host { position: absolute; inset: 0 0 22px 48px; z-index: 5; background: var(--zs-bg); overflow: auto; font-size: 13px; color: var(--zs-fg); }
    .page { padding: 12px 20px 40px; max-width: 1600px; }
    header { display: flex; align-items: center; gap: 16px; }
    h2 { font-size: 18px; font-weight: 600; margin: 4px 0 8px; }
    h3 { font-size: 15px; font-weight: 600; margin: 20px 0 6px; }
    .hint { color: var(--zs-muted); }
    fieldset { border: 1px solid var(--zs-border); padding: 6px 10px; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; }
    legend { color: var(--zs-muted); padding: 0 4px; }
    label { cursor: pointer; white-space: nowrap; }
    .err { color: var(--zs-error); }
    table { border-collapse: collapse; width: 100%; table-layout: fixed; }
    th, td { border: 1px solid var(--zs-border); padding: 6px 8px; vertical-align: top; text-align: left; }
    thead th { background: var(--zs-side-bg); position: sticky; top: 0; z-index: 1; font-weight: 600; }
    th.concept { width: 110px; }
    tbody th { background: #fafafa; font-weight: 600; }
    .share { color: var(--zs-muted); font-weight: normal; display: block; font-size: 12px; }
    .ind + .ind { border-top: 1px dashed var(--zs-border); margin-top: 6px; padding-top: 6px; }
    .name { font-weight: 600; }
    .value { color: var(--zs-accent); margin-left: 6px; white-space: nowrap; }
    .words { margin: 2px 0; line-height: 1.5; }
    .chips { display: flex; flex-wrap: wrap; gap: 4px; }
    .chip { background: #eef4fb; border: 1px solid #cfe0f3; border-radius: 3px; padding: 0 5px; font-size: 12px; }
    .none { color: #b0b0b0; }
    .chart { height: 320px; border: 1px solid var(--zs-border); }
    .cross { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
    select, button { font: inherit; }
    .ranks td, .ranks th { text-align: right; white-space: nowrap; }
    .ranks td:first-child, .ranks th:first-child { text-align: left; }
    .ranks { table-layout: auto; font-variant-numeric: tabular-nums; }
    .up { color: #1e7b34; }
    .down { color: var(--zs-error); }
    .note { color: var(--zs-muted); margin: 4px 0; line-height: 1.6; }
    .coverage { margin: 4px 0 8px; line-height: 1.6; }
    .cross-result { display: grid; grid-template-columns: minmax(0, 1fr) minmax(260px, 380px); gap: 16px; align-items: start; }
    .refusal { border: 1px solid #e8c46a; background: #fff8e1; padding: 8px 12px; line-height: 1.6; }
    .refusal p { margin: 4px 0; }
    .blocked { margin: 4px 0; padding-left: 20px; }
    .inputs { border: 1px solid var(--zs-border); background: var(--zs-side-bg); padding: 6px 12px 10px; position: sticky; top: 0; }
    .inputs h4 { font-size: 13px; font-weight: 600; margin: 8px 0 4px; }
    .inputs ul { margin: 0; padding-left: 18px; }
    .inputs li { margin: 4px 0; line-height: 1.5; }
    .inputs .via { color: var(--zs-accent); font-size: 12px; margin-left: 4px; }
    .inputs .why { color: var(--zs-muted); font-size: 12px; }
    .missing .to { color: var(--zs-error); }
    .missing li { margin: 2px 0; }
    .missing .ind { color: var(--zs-muted); font-size: 12px; }
  `;

  private initialised = false;

  /** The first selection: the active file and the national norm (properties arrive with the first update, not before). */
  protected override willUpdate() {
    if (this.initialised || this.library.length === 0) return;
    this.initialised = true;
    const first = this.library.find((b) => b.path === this.initial);
    const national = this.library.find((b) => b.path.startsWith("national/"));
    this.chosen = [first?.path, national && national.path !== first?.path ? national.path : undefined].filter((p): p is string => p !== undefined);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  protected override updated(changed: PropertyValues) {
    if (changed.has("chosen") || changed.has("client")) void this.run();
    if (changed.has("comparison")) void this.drawChart();
  }

  private sources(paths: string[]) {
    return paths.map((p) => this.library.find((b) => b.path === p)).filter((b): b is BuiltinRubric => b !== undefined);
  }

  private async run() {
    const client = this.client;
    const chosen = this.sources(this.chosen);
    if (!client || chosen.length < 2) {
      this.comparison = undefined;
      this.cross = undefined;
      return;
    }
    this.busy = true;
    const r = await client.request("compare", { rubrics: chosen.map((b) => ({ id: b.path, title: labelOf(b), text: b.text })) });
    this.comparison = r.comparison;
    this.errors = r.errors;
    if (!this.chosen.includes(this.crossA) || this.crossA === this.crossB) this.crossA = this.chosen.find((p) => this.library.find((b) => b.path === p)?.data.length) ?? this.chosen[0]!;
    if (!this.chosen.includes(this.crossB) || this.crossB === this.crossA) this.crossB = this.chosen.find((p) => p !== this.crossA)!;
    await this.runCross();
    this.busy = false;
  }

  private async runCross() {
    const [a, b] = this.sources([this.crossA, this.crossB]);
    const data = a?.data[0];
    if (!this.client || !a || !b) return;
    if (!data) {
      this.cross = undefined;
      this.crossError = `「${labelOf(a)}」没有内置示例数据`;
      return;
    }
    const r = await this.client.request("crossScore", { a: { id: a.path, title: labelOf(a), text: a.text }, b: { id: b.path, title: labelOf(b), text: b.text }, data: { kind: data.kind, text: data.text } });
    this.cross = r.score;
    this.crossError = r.error;
  }

  private async drawChart() {
    await this.updateComplete;
    const host = this.renderRoot.querySelector<HTMLElement>(".chart");
    const c = this.comparison;
    if (!host || !c) return;
    if (this.chart && this.chart.getDom() !== host) {
      this.chart.dispose();
      this.chart = undefined;
    }
    const fresh = !this.chart;
    this.chart = await drawBars(
      host,
      {
        categories: c.rows.map((r) => r.concept),
        series: c.columns.map((col, i) => ({ name: columnTitle(col), values: c.rows.map((r) => Number(r.shares[i] ?? 0)) })),
        unit: "占满分 %",
      },
      this.chart,
    );
    if (fresh) this.resize.observe(host);
    this.dispatchEvent(new CustomEvent("chart-rendered", { bubbles: true, composed: true }));
  }

  private toggle(path: string, on: boolean) {
    if (on && this.chosen.length >= MAX) return;
    this.chosen = on ? [...this.chosen, path] : this.chosen.filter((p) => p !== path);
  }

  override render() {
    const c = this.comparison;
    return html`<div class="page">
      <header><h2>对比评价体系</h2><button class="close" @click=${() => this.dispatchEvent(new CustomEvent("close-view", { bubbles: true, composed: true }))}>返回编辑器</button></header>
      <fieldset>
        <legend>选择2～4个内置评价体系（已选${this.chosen.length}个）</legend>
        ${this.library.map(
          (b) => html`<label><input
              type="checkbox"
              .checked=${this.chosen.includes(b.path)}
              ?disabled=${!this.chosen.includes(b.path) && this.chosen.length >= MAX}
              data-path=${b.path}
              @change=${(e: Event) => this.toggle(b.path, (e.target as HTMLInputElement).checked)}
            />${labelOf(b)}</label>`,
        )}
      </fieldset>
      ${this.errors.map((e) => html`<p class="err">${e}</p>`)}
      ${this.chosen.length < 2 ? html`<p class="hint">至少选择两个评价体系。</p>` : nothing}
      ${c ? this.renderComparison(c) : this.chosen.length >= 2 ? html`<p class="hint">正在比较…</p>` : nothing}
      ${c && this.chosen.length >= 2 ? this.renderCross() : nothing}
    </div>`;
  }

  private renderComparison(c: Comparison) {
    return html`
      <h3>各体系按概念分配的分值</h3>
      <p class="note">每组柱子是一个概念，高度是该概念下各指标分值（或权重）占满分的百分比；加分项不计入。</p>
      <div class="chart" role="img" aria-label="各体系按概念分配的分值（占满分百分比）"></div>
      <h3>按概念逐项对比</h3>
      <table class="compare" aria-label="按概念对比">
        <thead>
          <tr>
            <th class="concept" scope="col">概念</th>
            ${c.columns.map((col) => html`<th scope="col">${columnTitle(col)}<span class="share">${col.weighted ? "按权重计（合计1）" : `满分${col.fullMarks}分`}</span></th>`)}
          </tr>
        </thead>
        <tbody>
          ${c.rows.map(
            (row) => html`<tr data-concept=${row.concept}>
              <th scope="row">${row.concept}</th>
              ${row.cells.map(
                (cell, i) => html`<td>
                  ${cell.length === 0 ? html`<span class="none">—</span>` : html`<span class="share">合计占满分 ${row.shares[i]}%</span>${cell.map((x) => this.renderIndicator(x))}`}
                </td>`,
              )}
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private renderIndicator(x: CellIndicator) {
    return html`<div class="ind">
      <div><span class="name">${x.name}</span><span class="value">${x.value}${x.bonus ? "（加分）" : `，占${x.share}%`}</span></div>
      <div class="words">${x.words}</div>
      ${x.thresholds.length > 0 ? html`<div class="chips" aria-label="门槛">${x.thresholds.map((t) => html`<span class="chip">${t}</span>`)}</div>` : nothing}
    </div>`;
  }

  private renderCross() {
    const chosen = this.sources(this.chosen);
    const [a, b] = this.sources([this.crossA, this.crossB]);
    const s = this.cross;
    const option = (p: string, current: string) => html`<option value=${p} ?selected=${p === current}>${labelOf(this.library.find((x) => x.path === p)!)}</option>`;
    return html`
      <h3>同一份数据按两个体系评分</h3>
      <div class="cross">
        <label>数据与体系甲：<select aria-label="体系甲" @change=${(e: Event) => { this.crossA = (e.target as HTMLSelectElement).value; if (this.crossB === this.crossA) this.crossB = this.chosen.find((p) => p !== this.crossA)!; void this.runCross(); }}>${chosen.map((x) => option(x.path, this.crossA))}</select></label>
        <label>体系乙：<select aria-label="体系乙" @change=${(e: Event) => { this.crossB = (e.target as HTMLSelectElement).value; void this.runCross(); }}>${chosen.filter((x) => x.path !== this.crossA).map((x) => option(x.path, this.crossB))}</select></label>
        ${this.busy ? html`<span class="hint">计算中…</span>` : nothing}
      </div>
      ${this.crossError ? html`<p class="err">${this.crossError}</p>` : nothing}
      ${s && a && b
        ? html`
            <p class="note">
              数据：${a.data[0]?.name ?? ""}（${s.rows.length}个平台），按体系甲的原始数据填写。体系乙的输入只从这份数据中按概念表（rules/concepts/概念.json）或同名输入带入；带不进来的输入按<strong>缺失</strong>处理，不按0分或「否」计（越少越好的输入按0计就是满分）。
            </p>
            <p class="coverage" data-coverage=${s.coverage}>
              可比部分：体系乙中输入都能带入的指标占满分的<strong>${s.coverage}%</strong>${s.weighted ? `（权重合计${s.coveredPoints}）` : `（${s.coveredPoints}分／满分${s.fullMarks}分）`}。只有可比部分达到满分的${s.threshold}%（常用的合格线）才按体系乙排名，且只按可比部分计分。
            </p>
            <div class="cross-result">
              <div class="result">${s.refusal ? this.renderRefusal(s) : this.renderRanks(s)}</div>
              ${this.renderInputs(s)}
            </div>
          `
        : nothing}
    `;
  }

  private renderRefusal(s: CrossScore) {
    const left = s.indicators.filter((x) => !x.comparable && !x.bonus);
    return html`<div class="refusal" role="status">
      <p><strong>不按体系乙排名。</strong>${s.refusal}。</p>
      ${left.length > 0
        ? html`<p>体系乙中无法计分的指标（${left.length}项，合计占满分${s.missingShare}%）：</p>
            <ul class="blocked">
              ${left.map((x) => html`<li>${x.name}（占${x.share}%）：缺少${x.missing.map((m) => `「${m}」`).join("")}</li>`)}
            </ul>
            <p class="hint">要比较，请在概念表中为这些输入声明对应（口径相同时），或为这份数据补上体系乙的输入。</p>`
        : nothing}
    </div>`;
  }

  private renderRanks(s: CrossScore) {
    const partial = s.indicators.some((x) => !x.comparable);
    return html`
      ${partial ? html`<p class="note">体系乙的得分只含可比部分（占满分${s.coverage}%）；名次按这一部分排出，缺少输入的指标不计分，见右侧。</p>` : nothing}
      <table class="ranks" aria-label="跨地区评分">
        <thead><tr><th>平台</th><th>甲 总分</th><th>甲 名次</th><th>${partial ? "乙 可比部分得分" : "乙 总分"}</th><th>乙 名次</th><th>名次变化</th></tr></thead>
        <tbody>
          ${[...s.rows]
            .sort((x, y) => (x.rankA ?? 1e9) - (y.rankA ?? 1e9))
            .map((r) => {
              const move = r.rankA !== null && r.rankB !== null ? r.rankA - r.rankB : null;
              return html`<tr data-platform=${r.platform}>
                <td>${r.platform}</td><td>${r.totalA ?? "数据有误"}</td><td>${r.rankA ?? "—"}</td><td class="part-b" title=${r.errorB ?? ""}>${r.partB ?? "数据有误"}</td><td>${r.rankB ?? "—"}</td>
                <td class=${move === null || move === 0 ? "" : move > 0 ? "up" : "down"}>${move === null ? "—" : move === 0 ? "不变" : move > 0 ? `↑${move}` : `↓${-move}`}</td>
              </tr>`;
            })}
        </tbody>
      </table>
    `;
  }

  /** The inputs beside the result: what was carried (with the mapping's note on 口径) and what is missing. */
  private renderInputs(s: CrossScore) {
    return html`<aside class="inputs" aria-label="带入与缺少的输入">
      <h4>带入体系乙的输入（${s.carried.length}项）</h4>
      ${s.carried.length === 0
        ? html`<p class="hint">无</p>`
        : html`<ul class="carried">
            ${s.carried.map(
              (c) => html`<li data-to=${c.to}>
                <span class="from">${c.from}</span> → <span class="to">${c.to}</span>
                <span class="via">${c.concept ? `概念「${c.concept}」` : "同名"}</span>
                ${c.concept ? html`<div class="why">${c.note}</div>` : nothing}
              </li>`,
            )}
          </ul>`}
      <h4>体系乙缺少的输入（${s.missing.length}项，按缺失处理，不计0分）</h4>
      ${s.missing.length === 0
        ? html`<p class="hint">无：体系乙的每个指标都能计分。</p>`
        : [...new Set(s.missing.map((m) => m.reason))].map(
            (reason) => html`<div class="why">${reason}：</div>
              <ul class="missing">
                ${s.missing
                  .filter((m) => m.reason === reason)
                  .map((m) => html`<li data-input=${m.name}><span class="to">${m.name}</span><span class="ind">（${m.indicators.map((p) => p.split("/").pop()).join("、")}）</span></li>`)}
              </ul>`,
          )}
    </aside>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-compare-view": ZsCompareView;
  }
}
