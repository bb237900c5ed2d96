/**
 * The 数据表 panel: every platform of the dataset × the rubric's inputs, as a spreadsheet.
 * Virtualised like the score table (fixed rows, spacers): 10,000 platforms cost what 40 do.
 * Type into a cell or press Enter/F2 to edit; Ctrl+V pastes a block copied from Excel or WPS;
 * Ctrl+Z / Ctrl+Y undo and redo. Each cell is checked by the worker (the core's reader) and a
 * bad one shows its message in the cell. The element keeps only the cursor; edits go to the store.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { DataCheck, Record_, Scores } from "../protocol.ts";

const ROW = 26;
const MARGIN = 20;

export interface GridCells {
  label: string;
  cells: { row: number; field: string; value: string }[];
}

@customElement("zs-data-grid")
export class ZsDataGrid extends LitElement {
  @property({ attribute: false }) records: readonly Record_[] = [];
  @property({ attribute: false }) columns: readonly string[] = [];
  @property({ attribute: false }) fields: Scores["fields"] = [];
  @property({ attribute: false }) check: DataCheck | undefined;
  @property() datasetName = "";
  @property({ type: Boolean }) readOnly = false;
  @property({ type: Boolean }) canUndo = false;
  @property({ type: Boolean }) canRedo = false;
  /** A cell to bring into view and select (from 问题). */
  @property({ attribute: false }) focusCell: { row: number; field: string } | undefined;
  @state() private active = { row: 0, column: 0 };
  @state() private editing: string | undefined;
  @state() private first = 0;
  @state() private visible = 20;
  @query(".scroller") private scroller!: HTMLElement | null;
  @query("input.editor") private input!: HTMLInputElement | null;
  @query("table") private grid!: HTMLElement | null;
  #resize = new ResizeObserver(() => this.onScroll());

  static override styles = css`
    :host { display: flex; flex-direction: column; height: 100%; min-height: 0; font-size: 13px; }
    .bar { display: flex; gap: 12px; align-items: center; padding: 4px 12px; color: var(--zs-muted); flex: none; flex-wrap: wrap; }
    .bar button { font: inherit; padding: 1px 8px; border: 1px solid var(--zs-border); background: #fff; cursor: pointer; border-radius: 2px; }
    .bar button:disabled { opacity: 0.5; cursor: default; }
    .bar .err { color: var(--zs-error); }
    .readonly { background: var(--zs-stale); color: #6d5200; padding: 4px 12px; flex: none; }
    .scroller { flex: 1; min-height: 0; overflow: auto; }
    table:focus { outline: none; }
    table { border-collapse: separate; border-spacing: 0; table-layout: fixed; font-variant-numeric: tabular-nums; }
    th, td { height: ${ROW - 1}px; padding: 0 6px; border-right: 1px solid var(--zs-border); border-bottom: 1px solid var(--zs-border); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 9em; max-width: 9em; position: relative; }
    th { position: sticky; top: 0; z-index: 2; background: var(--zs-side-bg); font-weight: 600; text-align: left; }
    th.unmatched { color: var(--zs-warning); }
    th .unit { color: var(--zs-muted); font-weight: normal; }
    th.num, td.num { width: 3.5em; max-width: 3.5em; color: var(--zs-muted); text-align: right; position: sticky; left: 0; z-index: 1; background: var(--zs-side-bg); }
    th.num { z-index: 3; }
    td[aria-selected="true"] { outline: 2px solid var(--zs-accent); outline-offset: -2px; }
    td[aria-invalid="true"] { background: #fdecea; color: var(--zs-error); }
    td .msg { font-size: 11px; margin-left: 6px; color: var(--zs-error); }
    tr.spacer td { padding: 0; border: 0; height: auto; }
    input.editor { position: absolute; inset: 0; width: 100%; box-sizing: border-box; font: inherit; border: 2px solid var(--zs-accent); padding: 0 4px; }
    .status { flex: none; padding: 3px 12px; border-top: 1px solid var(--zs-border); min-height: 18px; }
    .status.bad { color: var(--zs-error); }
    .empty { padding: 12px; color: var(--zs-muted); }
  `;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  protected override updated(changed: PropertyValues) {
    if (this.scroller) this.#resize.observe(this.scroller);
    if (changed.has("focusCell") && this.focusCell) {
      const column = this.columns.indexOf(this.focusCell.field);
      this.moveTo(this.focusCell.row, column < 0 ? 0 : column);
      this.grid?.focus();
    }
    if (changed.has("editing") && this.editing !== undefined) this.input?.focus();
  }

  private errors(): Map<string, string> {
    return new Map((this.check?.cells ?? []).map((c) => [`${c.row}\u0000${c.field}`, c.message]));
  }

  override render() {
    const cols = this.columns;
    if (cols.length === 0) return html`<div class="empty">没有可编辑的数据：先打开一个评价体系并选定数据集。</div>`;
    const n = this.records.length;
    const start = Math.max(0, this.first - MARGIN);
    const end = Math.min(n, this.first + this.visible + MARGIN);
    const errors = this.errors();
    const unmatched = new Set(this.check?.unmatched ?? []);
    const units = new Map(this.fields.map((f) => [f.name, f]));
    const activeField = cols[this.active.column];
    const activeError = activeField === undefined ? undefined : errors.get(`${this.active.row}\u0000${activeField}`);
    const bad = this.check?.cellCount ?? 0;
    return html`
      ${this.readOnly ? html`<div class="readonly" role="status">只读：分享链接中的数据，保存为草稿后才能编辑。</div>` : nothing}
      <div class="bar">
        <span>数据集：${this.datasetName}</span><span>${n} 个平台</span>
        ${bad > 0 ? html`<span class="err">${bad} 个单元格有误</span>` : nothing}
        <button ?disabled=${!this.canUndo || this.readOnly} @click=${() => this.emit("data-undo", null)} title="Ctrl+Z">↶ 撤销</button>
        <button ?disabled=${!this.canRedo || this.readOnly} @click=${() => this.emit("data-redo", null)} title="Ctrl+Y">↷ 重做</button>
        <span>在单元格上 Ctrl+V 粘贴从 Excel / WPS 复制的区域；Enter 或 F2 编辑</span>
      </div>
      <div class="scroller" @scroll=${this.onScroll}>
        <table
          tabindex="0"
          role="grid"
          aria-label=${`数据表：${this.datasetName}`}
          aria-rowcount=${n + 1}
          aria-colcount=${cols.length + 1}
          aria-readonly=${this.readOnly ? "true" : "false"}
          @keydown=${this.onKey}
          @paste=${this.onPaste}
          @copy=${this.onCopy}
        >
          <thead>
            <tr role="row" aria-rowindex="1">
              <th class="num" role="columnheader">行</th>
              ${cols.map((c, k) => {
                const f = units.get(c);
                const range = f && (f.min !== undefined || f.max !== undefined) ? `，${f.min ?? ""}～${f.max ?? ""}` : "";
                return html`<th role="columnheader" aria-colindex=${k + 2} class=${unmatched.has(c) ? "unmatched" : ""} title=${unmatched.has(c) ? `「${c}」不对应任何输入` : `${c}${f?.unit ? `（${f.unit}${range}）` : range ? `（${range.slice(1)}）` : ""}`}>
                  ${unmatched.has(c) ? "⚠ " : ""}${c}${f?.unit ? html`<span class="unit">（${f.unit}）</span>` : nothing}
                </th>`;
              })}
            </tr>
          </thead>
          <tbody>
            ${start > 0 ? html`<tr class="spacer" aria-hidden="true"><td colspan=${cols.length + 1} style="height:${start * ROW}px"></td></tr>` : nothing}
            ${this.records.slice(start, end).map((rec, k) => this.renderRow(rec, start + k, cols, errors))}
            ${end < n ? html`<tr class="spacer" aria-hidden="true"><td colspan=${cols.length + 1} style="height:${(n - end) * ROW}px"></td></tr>` : nothing}
          </tbody>
        </table>
      </div>
      <div class=${activeError ? "status bad" : "status"} role="status" aria-live="polite">
        ${activeField === undefined ? "" : `第${this.active.row + 1}行「${activeField}」${activeError ? `：${activeError}` : ""}`}
      </div>
    `;
  }

  private renderRow(rec: Record_, row: number, cols: readonly string[], errors: Map<string, string>) {
    return html`<tr role="row" aria-rowindex=${row + 2}>
      <td class="num" role="rowheader">${row + 1}</td>
      ${cols.map((c, k) => {
        const selected = row === this.active.row && k === this.active.column;
        const error = errors.get(`${row}\u0000${c}`);
        const value = rec[c] === undefined || rec[c] === null ? "" : String(rec[c]);
        return html`<td
          role="gridcell"
          aria-colindex=${k + 2}
          data-row=${row}
          data-field=${c}
          aria-selected=${selected ? "true" : "false"}
          aria-invalid=${error ? "true" : "false"}
          title=${error ?? value}
          @mousedown=${() => this.moveTo(row, k)}
          @dblclick=${() => this.startEdit(value)}
        >${selected && this.editing !== undefined
          ? html`<input class="editor" aria-label=${`第${row + 1}行「${c}」`} .value=${this.editing} @keydown=${this.onEditorKey} @blur=${() => this.commit(0, 0)} />`
          : html`${value}${error ? html`<span class="msg">${error}</span>` : nothing}`}</td>`;
      })}
    </tr>`;
  }

  private onScroll = () => {
    const el = this.scroller;
    if (!el) return;
    this.first = Math.floor(el.scrollTop / ROW);
    this.visible = Math.ceil(el.clientHeight / ROW) + 1;
  };

  private moveTo(row: number, column: number) {
    const n = this.records.length;
    this.active = { row: Math.max(0, Math.min(row, Math.max(0, n - 1))), column: Math.max(0, Math.min(column, this.columns.length - 1)) };
    const el = this.scroller;
    if (!el) return;
    const top = (this.active.row + 1) * ROW;
    if (top < el.scrollTop + ROW) el.scrollTop = top - ROW;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
    this.onScroll();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('td[aria-selected="true"]')?.scrollIntoView({ block: "nearest", inline: "nearest" }));
  }

  private activeValue(): string {
    const v = this.records[this.active.row]?.[this.columns[this.active.column] ?? ""];
    return v === undefined || v === null ? "" : String(v);
  }

  private startEdit(initial: string) {
    if (this.readOnly || this.records.length === 0) return;
    this.editing = initial;
  }

  /** Writes the editor's value to the cell, then moves by (down, right). */
  private commit(down: number, right: number) {
    if (this.editing === undefined) return;
    const value = this.input?.value ?? this.editing;
    this.editing = undefined;
    const field = this.columns[this.active.column];
    if (field !== undefined && value !== this.activeValue()) {
      this.emit("cells-edit", { label: `修改第${this.active.row + 1}行「${field}」`, cells: [{ row: this.active.row, field, value }] } satisfies GridCells);
    }
    this.moveTo(this.active.row + down, this.active.column + right);
    this.grid?.focus();
  }

  private onEditorKey = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      this.commit(e.shiftKey ? -1 : 1, 0);
    } else if (e.key === "Tab") {
      e.preventDefault();
      this.commit(0, e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.editing = undefined;
      this.grid?.focus();
    }
  };

  private onKey = (e: KeyboardEvent) => {
    if (this.editing !== undefined) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const { row, column } = this.active;
    const page = Math.max(1, this.visible - 2);
    const moves: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageDown: [page, 0], PageUp: [-page, 0] };
    const move = moves[e.key];
    if (move && !ctrl) {
      e.preventDefault();
      this.moveTo(row + move[0], column + move[1]);
    } else if (e.key === "Tab") {
      e.preventDefault();
      this.moveTo(row, column + (e.shiftKey ? -1 : 1));
    } else if (ctrl && e.key.toLowerCase() === "z" && !e.shiftKey) {
      e.preventDefault();
      this.emit("data-undo", null);
    } else if (ctrl && (e.key.toLowerCase() === "y" || (e.key.toLowerCase() === "z" && e.shiftKey))) {
      e.preventDefault();
      this.emit("data-redo", null);
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.startEdit(this.activeValue());
    } else if ((e.key === "Delete" || e.key === "Backspace") && !this.readOnly) {
      e.preventDefault();
      const field = this.columns[column];
      if (field !== undefined && this.activeValue() !== "") this.emit("cells-edit", { label: `清除第${row + 1}行「${field}」`, cells: [{ row, field, value: "" }] } satisfies GridCells);
    } else if (e.key.length === 1 && !ctrl && !e.altKey) {
      // typing over a cell starts editing it with that character, as in a spreadsheet
      e.preventDefault();
      this.startEdit(e.key);
    }
  };

  private onPaste = (e: ClipboardEvent) => {
    if (this.editing !== undefined) return;
    e.preventDefault();
    if (this.readOnly) return;
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (text !== "") this.emit("grid-paste", { row: this.active.row, column: this.active.column, text });
  };

  private onCopy = (e: ClipboardEvent) => {
    if (this.editing !== undefined) return;
    e.preventDefault();
    e.clipboardData?.setData("text/plain", this.activeValue());
  };

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-data-grid": ZsDataGrid;
  }
}
