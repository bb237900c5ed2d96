/**
 * The 评分 panel: platform × total, grade, rank and per-category scores. Virtualised: the
 * worker sorts and ranks every platform and hands over only the window on screen (plus a
 * margin), so 10,000 platforms cost the page what 40 do. A row opens its explanation.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import type { ScoreRow, ScoreSort, Scores } from "../protocol.ts";

/** Fixed row height (px): the scroll position alone says which rows are on screen. */
const ROW = 24;
/** Rows fetched above and below the visible ones. */
const MARGIN = 30;

/**
 * The width (em) `text` takes in a cell (its padding comes on top): ASCII 0.6em, every other
 * character 1em (the CJK font at 13px draws digits 7.2px and CJK, 「·」 and full-width marks 13px wide, measured).
 */
function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) < 0x80 ? 0.6 : 1;
  return em;
}

/** A platform column wider than this shows the name cut with …, the whole name in its title. */
const PLATFORM_MAX_EM = 20;

/** A category column's header: its name and maximum, 「服务成效（0.2）」. */
function categoryLabel(c: Scores["columns"][number]): string {
  return `${c.name}${c.max ? `（${c.max}）` : ""}`;
}

export interface ScoreView {
  sort: ScoreSort;
  start: number;
  count: number;
}

@customElement("zs-score-table")
export class ZsScoreTable extends LitElement {
  @property({ attribute: false }) scores: Scores | undefined;
  @property({ type: Boolean, reflect: true }) stale = false;
  @property({ type: Number }) selected = -1;
  @query(".scroller") private scroller!: HTMLElement | null;
  #frame = 0;
  #asked: ScoreView | undefined;
  /**
   * Column widths (em) for the table's fixed layout, by column, for one dataset and set of columns:
   * each as wide as its header and the widest cell shown so far, never narrower (so an edit that
   * changes numbers keeps the widths and lays out only its own cells, not every row again).
   */
  #widths = { key: "", em: new Map<string, number>() };
  /**
   * The scroller's height and scroll position as last observed (a ResizeObserver, scroll events):
   * a new page of scores decides whether it covers the screen from these, never by reading layout
   * right after its rows changed (that read forced a layout of the whole page inside the result's task).
   */
  #viewport = { element: undefined as HTMLElement | undefined, height: 0, top: 0 };
  #resize = new ResizeObserver((entries) => {
    for (const e of entries) if (e.target === this.#viewport.element) this.#viewport.height = e.contentRect.height;
    this.checkWindow();
  });

  static override styles = css`
    :host { display: flex; flex-direction: column; height: 100%; min-height: 0; font-size: 13px; }
    .bar { display: flex; gap: 12px; align-items: center; padding: 4px 12px; color: var(--zs-muted); flex: none; }
    .stale { background: var(--zs-stale); color: #6d5200; padding: 4px 12px; flex: none; }
    /* strict: the scroller's size never depends on its rows, so new rows lay out inside it only */
    .scroller { flex: 1; min-height: 0; overflow: auto; contain: strict; }
    /* fixed layout (widths from the headers and the cells shown, see #widths): a changed score does not make the browser measure every row again */
    table { border-collapse: collapse; width: 100%; table-layout: fixed; font-variant-numeric: tabular-nums; }
    th, td { padding: 0 10px; height: ${ROW - 1}px; border-bottom: 1px solid var(--zs-border); text-align: right; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    th:first-child, td:first-child { text-align: left; }
    th { position: sticky; top: 0; z-index: 1; background: var(--zs-side-bg); font-weight: 600; }
    th button { all: unset; cursor: pointer; }
    th button:focus-visible { outline: 1px solid var(--zs-accent); }
    tr.spacer td { padding: 0; border: 0; height: auto; }
    tbody tr[data-platform] { cursor: pointer; }
    tbody tr[data-platform]:hover { background: var(--zs-hover); }
    tbody tr[aria-selected="true"] { background: var(--zs-selected); }
    tbody tr:focus-visible { outline: 1px solid var(--zs-accent); outline-offset: -1px; }
    .changed { color: var(--zs-accent); font-weight: 600; }
    .err { color: var(--zs-error); }
    :host([stale]) table { opacity: 0.6; }
    .empty { padding: 12px; color: var(--zs-muted); }
  `;

  override connectedCallback() {
    super.connectedCallback();
    this.#asked = undefined;
    if (this.#viewport.element) this.#resize.observe(this.#viewport.element);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  protected override updated(changed: PropertyValues) {
    const el = this.scroller ?? undefined;
    if (el !== this.#viewport.element) {
      // a new scroller starts at the top; its height comes with the observer's first call
      if (this.#viewport.element) this.#resize.unobserve(this.#viewport.element);
      this.#viewport = { element: el, height: 0, top: 0 };
      if (el) this.#resize.observe(el);
    }
    if (changed.has("scores")) {
      // a new page arrived (answering a request or with a new analysis): ask afresh if it still does not cover the screen
      this.#asked = undefined;
      this.checkWindow();
    }
  }

  override render() {
    const s = this.scores;
    if (!s) return html`<div class="empty">没有可评分的评价体系：打开一个文件，或先改正其中的错误。</div>`;
    const { sort, start, rows } = s.page;
    const widths = this.columnWidths(s);
    const head = (key: ScoreSort["key"], label: string) => {
      const sorted = sort.key === key;
      return html`<th scope="col" style="width:${widths.get(key)}em" aria-sort=${sorted ? (sort.ascending ? "ascending" : "descending") : "none"}>
        <button @click=${() => this.sortBy(key)}>${label}${sorted ? (sort.ascending ? " ▲" : " ▼") : ""}</button>
      </th>`;
    };
    const columns = 1 + (s.points ? 3 : 0) + (s.eligibility ? 1 : 0) + s.columns.length;
    const below = Math.max(0, s.count - start - rows.length);
    return html`
      ${this.stale ? html`<div class="stale" role="status">⚠ 当前文本有错误，下表是上一次没有错误的版本的评分（已过时）</div>` : nothing}
      <div class="bar">
        <span>数据集：${s.dataset}</span><span>${s.count} 个平台</span>
        ${s.changed > 0 ? html`<span class="changed">${s.changed} 个总分因修改而变化</span>` : nothing}
        ${s.withErrors > 0 ? html`<span class="err">${s.withErrors} 个平台数据有误</span>` : nothing}
        <span>点击一行查看评分说明</span>
      </div>
      <div class="scroller" @scroll=${this.onScroll}>
        <table aria-label="样本平台评分" aria-rowcount=${s.count + 1}>
          <thead>
            <tr aria-rowindex="1">
              ${head("platform", "平台")}${s.points ? html`${head("total", "总分")}${head("grade", "等级")}${head("rank", "排名")}` : nothing}
              ${s.eligibility ? html`<th scope="col" style="width:${widths.get("eligible")}em">认定</th>` : nothing}
              ${s.columns.map((c) => head(`cat:${c.name}`, categoryLabel(c)))}
            </tr>
          </thead>
          <tbody @keydown=${this.onKey}>
            ${start > 0 ? html`<tr class="spacer" aria-hidden="true"><td colspan=${columns} style="height:${start * ROW}px"></td></tr>` : nothing}
            ${rows.map((r, k) => this.renderRow(r, start + k, s))}
            ${below > 0 ? html`<tr class="spacer" aria-hidden="true"><td colspan=${columns} style="height:${below * ROW}px"></td></tr>` : nothing}
          </tbody>
        </table>
      </div>
    `;
  }

  /** The columns' widths for `s` (see #widths): widened to what this page's rows need. */
  private columnWidths(s: Scores): Map<string, number> {
    const key = [s.dataset, s.count, s.points, s.eligibility, ...s.columns.map(categoryLabel)].join("\n");
    if (key !== this.#widths.key) this.#widths = { key, em: new Map() };
    const em = this.#widths.em;
    const need = (column: string, text: string, max = Infinity) => {
      const w = Math.min(max, Math.ceil(textEm(text) * 2) / 2);
      if (w > (em.get(column) ?? 0)) em.set(column, w);
    };
    // headers, the sorted one with its mark (a sort widens its column once)
    const header = (column: ScoreSort["key"], label: string) => need(column, s.page.sort.key === column ? `${label} ▲` : label);
    header("platform", "平台");
    header("total", "总分");
    header("grade", "等级");
    header("rank", "排名");
    need("eligible", "认定");
    need("eligible", "不符合");
    for (const c of s.columns) header(`cat:${c.name}`, categoryLabel(c));
    for (const r of s.page.rows) {
      need("platform", r.errors.length > 0 ? `${r.platform} ⚠ ${r.errors.length}` : r.platform, PLATFORM_MAX_EM);
      need("total", `${r.total ?? "—"} ↓`);
      need("grade", r.grade ?? "—");
      need("rank", String(r.rank ?? "—"));
      for (const c of s.columns) need(`cat:${c.name}`, r.categories[c.name] ?? "—");
    }
    return em;
  }

  private renderRow(r: ScoreRow, position: number, s: Scores) {
    const changed = r.previous !== undefined;
    const up = changed && Number(r.total) > Number(r.previous);
    return html`<tr
      tabindex=${r.index === this.selected || (this.selected < 0 && position === 0) ? "0" : "-1"}
      aria-rowindex=${position + 2}
      aria-selected=${r.index === this.selected ? "true" : "false"}
      data-platform=${r.platform}
      data-position=${position}
      @click=${() => this.pick(r.index)}
    >
      <td title=${r.platform}>${r.platform}${r.errors.length > 0 ? html` <span class="err" title=${r.errors.join("\n")}>⚠ ${r.errors.length}</span>` : nothing}</td>
      ${s.points
        ? html`<td class=${changed ? "changed total" : "total"} title=${changed ? `打开时：${r.previous ?? "—"}` : ""}>${r.total ?? "—"}${changed ? (up ? " ↑" : " ↓") : ""}</td>
            <td title=${r.grade ?? ""}>${r.grade ?? "—"}</td>
            <td>${r.rank ?? "—"}</td>`
        : nothing}
      ${s.eligibility ? html`<td class="eligible">${r.eligible === null ? "—" : r.eligible ? "符合" : "不符合"}</td>` : nothing}
      ${s.columns.map((c) => html`<td>${r.categories[c.name] ?? "—"}</td>`)}
    </tr>`;
  }

  private onScroll = () => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      // read in the frame after the scroll, when layout is clean: no forced layout
      if (this.#viewport.element) this.#viewport.top = this.#viewport.element.scrollTop;
      this.checkWindow();
    });
  };

  /** Asks for the rows on screen when the page held does not cover them. */
  private checkWindow(sort?: ScoreSort): void {
    const s = this.scores;
    const { element, height, top } = this.#viewport;
    if (!s || !element) return;
    const first = Math.floor(top / ROW);
    const visible = Math.ceil(height / ROW) + 1;
    const want = sort ?? s.page.sort;
    const have = s.page;
    const covered = have.sort.key === want.key && have.sort.ascending === want.ascending && have.start <= Math.max(0, first - 5) && have.start + have.rows.length >= Math.min(s.count, first + visible + 5);
    if (covered) return;
    const view: ScoreView = { sort: want, start: Math.max(0, first - MARGIN), count: visible + 2 * MARGIN };
    const a = this.#asked;
    if (a && a.sort.key === view.sort.key && a.sort.ascending === view.sort.ascending && a.start === view.start && a.count === view.count) return;
    this.#asked = view;
    this.dispatchEvent(new CustomEvent("view-change", { detail: view, bubbles: true, composed: true }));
  }

  private sortBy(key: ScoreSort["key"]) {
    const current = this.scores?.page.sort;
    const ascending = current?.key === key ? !current.ascending : key === "platform" || key === "rank";
    if (this.#viewport.element) {
      this.#viewport.element.scrollTop = 0;
      this.#viewport.top = 0;
    }
    this.checkWindow({ key, ascending });
  }

  /** Up/Down move between rows (fetching more as the table scrolls), Enter or Space opens one. */
  private onKey(e: KeyboardEvent) {
    const tr = (e.target as HTMLElement).closest<HTMLElement>("tr[data-position]");
    if (!tr) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      tr.click();
      return;
    }
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = Number(tr.dataset["position"]) + step;
    const target = this.renderRoot.querySelector<HTMLElement>(`tr[data-position="${next}"]`);
    if (target) {
      tr.tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
      target.scrollIntoView({ block: "nearest" });
    }
  }

  private pick(index: number) {
    this.dispatchEvent(new CustomEvent("platform-select", { detail: index, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-score-table": ZsScoreTable;
  }
}
