/** The 问题 panel: every diagnostic of the file; click (or Enter) jumps to it. */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Diagnostic } from "@zhunsheng/core";

const ICON = { error: "✖", warning: "⚠", info: "ℹ", hint: "…" } as const;
const LABEL = { error: "错误", warning: "警告", info: "信息", hint: "提示" } as const;

@customElement("zs-problems")
export class ZsProblems extends LitElement {
  @property({ attribute: false }) diagnostics: Diagnostic[] = [];
  /** The analysis could not finish: said first, and never 「没有发现问题」. */
  @property({ attribute: false }) failure: string | undefined;

  static override styles = css`
    :host { display: block; font-size: 13px; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; gap: 8px; padding: 2px 12px; cursor: pointer; align-items: baseline; }
    li:hover { background: var(--zs-hover); }
    li:focus-visible { outline: 1px solid var(--zs-accent); outline-offset: -1px; }
    .error { color: var(--zs-error); }
    .warning { color: var(--zs-warning); }
    .info, .hint { color: var(--zs-info); }
    .code, .pos { color: var(--zs-muted); white-space: nowrap; }
    .empty { padding: 8px 12px; color: var(--zs-muted); }
    .failure { padding: 8px 12px; color: var(--zs-error); font-weight: 600; }
  `;

  override render() {
    if (this.failure) return html`<div class="failure" role="alert">✖ ${this.failure}</div>`;
    if (this.diagnostics.length === 0) return html`<div class="empty">没有发现问题。</div>`;
    return html`<ul role="listbox" aria-label="问题">
      ${this.diagnostics.map(
        (d) => html`<li
          role="option"
          aria-selected="false"
          tabindex="0"
          class="problem"
          data-code=${d.code}
          @click=${() => this.jump(d)}
          @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this.jump(d)}
        >
          <span class=${d.severity} aria-label=${LABEL[d.severity]}>${ICON[d.severity]}</span>
          <span class="message">${d.message}</span>
          <span class="code">${d.code}</span>
          <span class="pos">[行 ${d.range.start.line}，列 ${d.range.start.column}]</span>
        </li>`,
      )}
    </ul>`;
  }

  private jump(d: Diagnostic) {
    this.dispatchEvent(new CustomEvent("reveal", { detail: d.range, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-problems": ZsProblems;
  }
}
