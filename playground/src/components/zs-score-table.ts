/** The 评分 panel: platform × total, grade, rank and per-category scores; sortable; a row opens its explanation. */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ScoreRow, Scores } from "../protocol.ts";

type SortKey = "platform" | "total" | "grade" | "rank" | `cat:${string}`;

function sortValue(r: ScoreRow, key: SortKey): string | number {
  switch (key) {
    case "platform":
      return r.platform;
    case "grade":
      return r.grade ?? "";
    case "rank":
      return r.rank ?? Infinity;
    case "total":
      return r.total === null ? -Infinity : Number(r.total);
    default: {
      const v = r.categories[key.slice(4)];
      return v === undefined ? -Infinity : Number(v);
    }
  }
}

@customElement("zs-score-table")
export class ZsScoreTable extends LitElement {
  @property({ attribute: false }) scores: Scores | undefined;
  @property({ type: Boolean }) stale = false;
  @property({ type: Number }) selected = -1;
  /** Totals when the file was opened, to mark the rows whose total the edits changed. */
  @property({ attribute: false }) previous: ReadonlyMap<string, string | null> = new Map();
  @state() private sortKey: SortKey = "rank";
  @state() private ascending = true;

  static override styles = css`
    :host { display: block; font-size: 13px; }
    .bar { display: flex; gap: 12px; align-items: center; padding: 4px 12px; color: var(--zs-muted); }
    .stale { background: var(--zs-stale); color: #6d5200; padding: 4px 12px; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { padding: 3px 10px; border-bottom: 1px solid var(--zs-border); text-align: right; white-space: nowrap; }
    th:first-child, td:first-child { text-align: left; }
    th { position: sticky; top: 0; background: var(--zs-side-bg); font-weight: 600; }
    th button { all: unset; cursor: pointer; }
    th button:focus-visible { outline: 1px solid var(--zs-accent); }
    tbody tr { cursor: pointer; }
    tbody tr:hover { background: var(--zs-hover); }
    tbody tr[aria-selected="true"] { background: var(--zs-selected); }
    tbody tr:focus-visible { outline: 1px solid var(--zs-accent); outline-offset: -1px; }
    .changed { color: var(--zs-accent); font-weight: 600; }
    .err { color: var(--zs-error); }
    :host([stale]) table { opacity: 0.6; }
    .empty { padding: 12px; color: var(--zs-muted); }
  `;

  override render() {
    const s = this.scores;
    if (!s) return html`<div class="empty">没有可评分的评价体系：打开一个文件，或先改正其中的错误。</div>`;
    const rows = [...s.rows].sort((a, b) => {
      const x = sortValue(a, this.sortKey);
      const y = sortValue(b, this.sortKey);
      const c = typeof x === "string" || typeof y === "string" ? String(x).localeCompare(String(y), "zh") : x - y;
      return this.ascending ? c : -c;
    });
    const head = (key: SortKey, label: string) => {
      const sorted = this.sortKey === key;
      return html`<th scope="col" aria-sort=${sorted ? (this.ascending ? "ascending" : "descending") : "none"}>
        <button @click=${() => this.sortBy(key)}>${label}${sorted ? (this.ascending ? " ▲" : " ▼") : ""}</button>
      </th>`;
    };
    return html`
      ${this.stale ? html`<div class="stale" role="status">⚠ 当前文本有错误，下表是上一次没有错误的版本的评分（已过时）</div>` : nothing}
      <div class="bar"><span>数据集：${s.dataset}</span><span>${s.rows.length} 个平台</span><span>点击一行查看评分说明</span></div>
      <table aria-label="样本平台评分">
        <thead>
          <tr>
            ${head("platform", "平台")}${head("total", "总分")}${head("grade", "等级")}${head("rank", "排名")}
            ${s.columns.map((c) => head(`cat:${c.name}`, `${c.name}${c.max ? `（${c.max}）` : ""}`))}
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => {
            const before = this.previous.get(r.platform);
            const changed = before !== undefined && before !== r.total;
            return html`<tr
              tabindex="0"
              aria-selected=${r.index === this.selected ? "true" : "false"}
              data-platform=${r.platform}
              @click=${() => this.pick(r.index)}
              @keydown=${(e: KeyboardEvent) => (e.key === "Enter" || e.key === " ") && this.pick(r.index)}
            >
              <td>${r.platform}${r.errors.length > 0 ? html` <span class="err" title=${r.errors.join("\n")}>⚠ ${r.errors.length}</span>` : nothing}</td>
              <td class=${changed ? "changed total" : "total"} title=${changed ? `打开时：${before ?? "—"}` : ""}>${r.total ?? "—"}${changed ? (Number(r.total) > Number(before) ? " ↑" : " ↓") : ""}</td>
              <td>${r.grade ?? "—"}</td>
              <td>${r.rank ?? "—"}</td>
              ${s.columns.map((c) => html`<td>${r.categories[c.name] ?? "—"}</td>`)}
            </tr>`;
          })}
        </tbody>
      </table>
    `;
  }

  private sortBy(key: SortKey) {
    if (this.sortKey === key) this.ascending = !this.ascending;
    else {
      this.sortKey = key;
      this.ascending = key === "platform" || key === "rank";
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
