/** The outline view: 类别 → 指标 and the other sections; click to jump. */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { DocumentSymbol } from "@zhunsheng/language-service";

@customElement("zs-outline")
export class ZsOutline extends LitElement {
  @property({ attribute: false }) symbols: DocumentSymbol[] = [];

  static override styles = css`
    :host { display: block; font-size: 13px; }
    h2 { font-size: 11px; font-weight: 600; margin: 0; padding: 8px 12px; color: var(--zs-muted); }
    ul { list-style: none; margin: 0; padding: 0; }
    button { all: unset; display: flex; gap: 6px; width: 100%; box-sizing: border-box; height: 22px; align-items: center; cursor: pointer; white-space: nowrap; }
    button:hover, button:focus-visible { background: var(--zs-hover); }
    .detail { color: var(--zs-muted); font-size: 12px; }
    .empty { padding: 8px 12px; color: var(--zs-muted); }
  `;

  override render() {
    return html`<h2 id="outline-label">大纲</h2>
      ${this.symbols.length === 0 ? html`<div class="empty">没有打开的评价体系</div>` : html`<ul role="tree" aria-labelledby="outline-label">${this.symbols.map((s) => this.item(s, 1))}</ul>`}`;
  }

  private item(s: DocumentSymbol, level: number): unknown {
    return html`<li role="treeitem" aria-level=${level} aria-expanded=${s.children.length > 0 ? "true" : "false"}>
      <button style="padding-left:${level * 12}px" @click=${() => this.dispatchEvent(new CustomEvent("reveal", { detail: s.selectionRange, bubbles: true, composed: true }))}>
        <span>${s.name}</span><span class="detail">${s.detail}</span>
      </button>
      ${s.children.length > 0 ? html`<ul role="group">${s.children.map((c) => this.item(c, level + 1))}</ul>` : null}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-outline": ZsOutline;
  }
}
