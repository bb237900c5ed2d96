/** The 说明 panel: one platform's score explained indicator by indicator, in the checker's sentences. */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Explanation } from "@zhunsheng/core";

@customElement("zs-explanation")
export class ZsExplanation extends LitElement {
  @property({ attribute: false }) explanation: Explanation | undefined;
  @property({ type: Boolean }) stale = false;

  static override styles = css`
    :host { display: block; font-size: 13px; padding: 6px 12px; line-height: 1.7; }
    ul { list-style: none; margin: 0; padding-left: 18px; }
    :host > ul { padding-left: 0; }
    summary { cursor: pointer; }
    .label { font-weight: 600; }
    .score { color: var(--zs-accent); font-variant-numeric: tabular-nums; margin-left: 6px; }
    .text { color: var(--zs-fg); }
    .empty { color: var(--zs-muted); }
    .stale { background: var(--zs-stale); padding: 2px 8px; }
  `;

  override render() {
    if (!this.explanation) return html`<div class="empty">在「评分」中点击一个平台，查看它每一分的来历。</div>`;
    return html`${this.stale ? html`<div class="stale" role="status">⚠ 基于上一次没有错误的版本（已过时）</div>` : nothing}
      <ul role="tree" aria-label="评分说明">${this.node(this.explanation, 1)}</ul>`;
  }

  private node(e: Explanation, level: number): unknown {
    const score = e.score !== undefined ? html`<span class="score">${e.score}${e.max !== undefined ? ` / ${e.max}` : ""} 分</span>` : nothing;
    // a node with children says again what they say: its summary shows label and score only;
    // a leaf's sentence usually names its subject, so the label is added only where it adds something
    const namesItself = e.text.startsWith(e.label) && /^([ ：为]|$)/.test(e.text.slice(e.label.length));
    const text = namesItself ? e.text : `${e.label}：${e.text}`;
    if (e.children.length === 0) return html`<li role="treeitem" aria-level=${level}><span class="text">${text}</span>${score}</li>`;
    return html`<li role="treeitem" aria-level=${level} aria-expanded="true">
      <details open>
        <summary><span class="label">${e.label}</span>${score}</summary>
        <ul role="group">${e.children.map((c) => this.node(c, level + 1))}</ul>
      </details>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-explanation": ZsExplanation;
  }
}
