/**
 * The 说明 panel: one platform's score explained indicator by indicator, in the checker's
 * sentences, each indicator with the published sentence (描述) it applies and a link to its
 * line, and the document the rubric comes from (来源).
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Explanation } from "@zhunsheng/core";
import type { ExplainResult } from "../protocol.ts";

@customElement("zs-explanation")
export class ZsExplanation extends LitElement {
  @property({ attribute: false }) explanation: ExplainResult | undefined;
  @property({ type: Boolean }) stale = false;
  @property({ attribute: false }) subject: { kind: "platform" | "case"; index: number; name: string } | undefined;
  /** The file can take a new 用例. */
  @property({ type: Boolean }) editable = false;

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
    blockquote.cite { margin: 2px 0 4px; padding: 2px 8px; border-left: 3px solid var(--zs-border); color: var(--zs-muted); font-size: 12px; line-height: 1.6; }
    blockquote.cite button { all: unset; cursor: pointer; color: var(--zs-accent); margin-left: 6px; white-space: nowrap; }
    blockquote.cite button:hover, blockquote.cite button:focus-visible { text-decoration: underline; }
    .source { color: var(--zs-muted); font-size: 12px; margin-top: 6px; }
    .head { display: flex; gap: 12px; align-items: center; margin-bottom: 4px; }
    .head h2 { font-size: 13px; margin: 0; }
    .head button { font: inherit; font-size: 12px; padding: 1px 8px; cursor: pointer; }
  `;

  override render() {
    if (!this.explanation) return html`<div class="empty">在「评分」中点击一个平台，查看它每一分的来历。</div>`;
    const x = this.explanation;
    const who = this.subject;
    return html`${this.stale ? html`<div class="stale" role="status">⚠ 基于上一次没有错误的版本（已过时）</div>` : nothing}
      ${who
        ? html`<div class="head">
            <h2>${who.kind === "case" ? `用例「${who.name}」` : `平台「${who.name}」`}</h2>
            ${who.kind === "platform" && this.editable
              ? html`<button class="new-case" title="把这个平台的数据和现在的结果写成一个用例，附在文件末尾" @click=${() => this.dispatchEvent(new CustomEvent("case-from-platform", { detail: who.index, bubbles: true, composed: true }))}>以此平台新建用例</button>`
              : nothing}
          </div>`
        : nothing}
      <ul role="tree" aria-label="评分说明">${this.node(x.explanation, 1)}</ul>
      <div class="source">依据：《${x.title}》${x.source ? html`，来源：${x.source}` : nothing}</div>`;
  }

  private node(e: Explanation, level: number): unknown {
    const score = e.score !== undefined ? html`<span class="score">${e.score}${e.max !== undefined ? ` / ${e.max}` : ""} 分</span>` : nothing;
    // a node with children says again what they say: its summary shows label and score only;
    // a leaf's sentence usually names its subject, so the label is added only where it adds something
    const namesItself = e.text.startsWith(e.label) && /^([ ：为]|$)/.test(e.text.slice(e.label.length));
    const text = namesItself ? e.text : `${e.label}：${e.text}`;
    const cite = this.explanation?.citations[e.label];
    const quote = cite
      ? html`<blockquote class="cite" data-indicator=${e.label}>原文：${cite.description}<button title="转到这句原文" @click=${() => this.reveal(cite.line)}>第${cite.line}行</button></blockquote>`
      : nothing;
    if (e.children.length === 0) return html`<li role="treeitem" aria-level=${level}><span class="text">${text}</span>${score}${quote}</li>`;
    return html`<li role="treeitem" aria-level=${level} aria-expanded="true">
      <details open>
        <summary><span class="label">${e.label}</span>${score}</summary>
        ${quote}
        <ul role="group">${e.children.map((c) => this.node(c, level + 1))}</ul>
      </details>
    </li>`;
  }

  private reveal(line: number) {
    const at = { offset: 0, line, column: 1 };
    this.dispatchEvent(new CustomEvent("reveal", { detail: { start: at, end: at }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-explanation": ZsExplanation;
  }
}
