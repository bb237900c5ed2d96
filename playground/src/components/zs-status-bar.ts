/** The status bar: problem counts, the rubric's maximum total, timings, cursor, dataset. */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

export interface StatusInfo {
  errors: number;
  warnings: number;
  infos: number;
  maxTotal: string | undefined;
  analyzeMs: number | undefined;
  scoreMs: number | undefined;
  line: number;
  column: number;
  stale: boolean;
  readOnly: boolean;
  message: string | undefined;
  /** The analysis could not finish: the counts are not to be trusted. */
  failure: string | undefined;
  /** Ctrl+M is on: Tab moves the focus. */
  tabFocusMode: boolean;
}

@customElement("zs-status-bar")
export class ZsStatusBar extends LitElement {
  @property({ attribute: false }) info: StatusInfo | undefined;

  override connectedCallback() {
    super.connectedCallback();
    // the status bar is the page's footer landmark
    this.setAttribute("role", "contentinfo");
  }

  static override styles = css`
    :host { display: flex; height: 22px; align-items: center; gap: 14px; padding: 0 10px; background: var(--zs-status-bg); color: var(--zs-status-fg); font-size: 12px; white-space: nowrap; overflow: hidden; contain: strict; }
    button { all: unset; cursor: pointer; padding: 0 4px; }
    button:hover, button:focus-visible { background: #ffffff26; }
    .right { margin-left: auto; display: flex; gap: 14px; }
    .stale { background: #f2c94c; color: #222; padding: 0 6px; }
    .failure { background: #c72e0f; color: #fff; padding: 0 6px; overflow: hidden; text-overflow: ellipsis; }
  `;

  override render() {
    const i = this.info;
    if (!i) return html`<span>准绳</span>`;
    return html`<div role="status" aria-live="polite" style="display:contents">
      ${i.failure
        ? html`<button class="problems failure" title=${i.failure} @click=${() => this.dispatchEvent(new CustomEvent("show-problems", { bubbles: true, composed: true }))}>✖ 分析没有完成</button>`
        : html`<button class="problems" title="问题（所有打开的文件）：错误、警告、信息" @click=${() => this.dispatchEvent(new CustomEvent("show-problems", { bubbles: true, composed: true }))}>
            ✖ <span class="errors">${i.errors}</span>&nbsp; ⚠ <span class="warnings">${i.warnings}</span>&nbsp; ℹ <span class="infos">${i.infos}</span>
          </button>`}
      ${i.maxTotal !== undefined ? html`<span class="max-total">最高总分 ${i.maxTotal}分</span>` : nothing}
      ${i.analyzeMs !== undefined ? html`<span class="timing">解析+检查 ${i.analyzeMs.toFixed(1)} ms · 评分 ${(i.scoreMs ?? 0).toFixed(1)} ms</span>` : nothing}
      ${i.stale ? html`<span class="stale">评分已过时</span>` : nothing}
      ${i.readOnly ? html`<span>只读</span>` : nothing}
      ${i.message ? html`<span class="message">${i.message}</span>` : nothing}
      <span class="right">${i.tabFocusMode
          ? html`<button class="tab-focus" title="Tab 键移动焦点（Ctrl+M 切换）" @click=${() => this.dispatchEvent(new CustomEvent("toggle-tab-focus", { bubbles: true, composed: true }))}>Tab 移动焦点</button>`
          : nothing}<span class="position">行 ${i.line}，列 ${i.column}</span><span>准绳 .zs</span><span>UTF-8</span></span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-status-bar": ZsStatusBar;
  }
}
