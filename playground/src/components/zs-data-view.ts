/**
 * 样本数据: choose a dataset, import CSV/XLSX, export the score table, and edit one platform's
 * values in a form generated from the rubric's inputs (its 运营情况表).
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Record_, Scores } from "../protocol.ts";

@customElement("zs-data-view")
export class ZsDataView extends LitElement {
  @property({ attribute: false }) datasets: string[] = [];
  @property() current = "";
  @property({ attribute: false }) fields: Scores["fields"] = [];
  @property({ attribute: false }) records: Record_[] = [];
  @property({ type: Number }) selected = 0;
  /** A shared dataset: shown, not edited, until saved as a draft. */
  @property({ type: Boolean }) readOnly = false;

  static override styles = css`
    :host { display: block; font-size: 13px; }
    h2 { font-size: 11px; font-weight: 600; margin: 0; padding: 8px 12px; color: var(--zs-muted); }
    .group { padding: 4px 12px 8px; display: flex; flex-direction: column; gap: 6px; }
    .row { display: flex; gap: 6px; flex-wrap: wrap; }
    button, select, input { font: inherit; }
    button { padding: 3px 8px; border: 1px solid var(--zs-border); background: #fff; cursor: pointer; border-radius: 2px; }
    button.primary { background: var(--zs-accent); color: #fff; border-color: var(--zs-accent); }
    label { display: flex; flex-direction: column; gap: 2px; }
    .name { font-weight: 600; }
    .hint { color: var(--zs-muted); font-size: 12px; }
    input, select { padding: 2px 4px; border: 1px solid var(--zs-border); }
  `;

  override render() {
    const rec = this.records[this.selected];
    return html`
      <h2>样本数据</h2>
      <div class="group">
        <label>数据集
          <select aria-label="数据集" @change=${(e: Event) => this.emit("dataset-change", (e.target as HTMLSelectElement).value)}>
            ${this.datasets.map((d) => html`<option ?selected=${d === this.current} .value=${d}>${d}</option>`)}
          </select>
        </label>
        <div class="row">
          <button class="primary" @click=${() => this.emit("import-data", null)}>导入 CSV / XLSX / JSON…</button>
        </div>
        <div class="row">
          <button @click=${() => this.emit("export-scores", "csv")}>导出评分 CSV</button>
          <button @click=${() => this.emit("export-scores", "xlsx")}>导出评分 XLSX</button>
          <button @click=${() => this.emit("export-template", "xlsx")} title="表头带单位和范围，批注说明，「是/否」下拉，数值限定范围">下载空白数据表 XLSX</button>
          <button @click=${() => this.emit("export-template", "csv")}>下载空白数据表 CSV</button>
        </div>
      </div>
      <h2>运营情况表</h2>
      ${this.records.length === 0
        ? html`<div class="group hint">没有数据</div>`
        : html`<div class="group">
            <label>平台
              <select aria-label="平台" @change=${(e: Event) => this.emit("platform-select", Number((e.target as HTMLSelectElement).value))}>
                ${this.records.map((r, i) => html`<option .value=${String(i)} ?selected=${i === this.selected}>${String(r["名称"] ?? `平台${i + 1}`)}</option>`)}
              </select>
            </label>
            ${rec
              ? this.fields.map(
                  (f) => html`<label>
                    <span class="name">${f.name}${f.unit ? `（${f.unit}）` : ""}</span>
                    ${f.type === "yesno"
                      ? html`<select ?disabled=${this.readOnly} @change=${(e: Event) => this.edit(f.name, (e.target as HTMLSelectElement).value)}>
                          ${["是", "否"].map((v) => html`<option ?selected=${String(rec[f.name] ?? "否") === v} .value=${v}>${v}</option>`)}
                        </select>`
                      : html`<input
                          ?readonly=${this.readOnly}
                          .value=${String(rec[f.name] ?? "")}
                          inputmode=${f.type === "text" ? "text" : "decimal"}
                          @change=${(e: Event) => this.edit(f.name, (e.target as HTMLInputElement).value)}
                        />`}
                    ${f.min !== undefined || f.max !== undefined ? html`<span class="hint">范围 ${f.min ?? "−∞"}～${f.max ?? "+∞"}</span>` : nothing}
                    ${f.description ? html`<span class="hint">${f.description}</span>` : nothing}
                  </label>`,
                )
              : nothing}
          </div>`}
    `;
  }

  private edit(field: string, value: string) {
    this.emit("record-edit", { index: this.selected, field, value });
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-data-view": ZsDataView;
  }
}
