/** Breadcrumbs: file › 类别 › 指标 at the cursor; each crumb jumps to its symbol. */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { DocumentSymbol } from "@zhunsheng/language-service";

/** The chain of symbols containing `offset`, outermost first. */
export function symbolChain(symbols: readonly DocumentSymbol[], offset: number): DocumentSymbol[] {
  for (const s of symbols) if (s.range.start.offset <= offset && offset <= s.range.end.offset) return [s, ...symbolChain(s.children, offset)];
  return [];
}

@customElement("zs-breadcrumbs")
export class ZsBreadcrumbs extends LitElement {
  @property() file = "";
  @property({ attribute: false }) symbols: DocumentSymbol[] = [];
  @property({ type: Number }) offset = 0;

  static override styles = css`
    :host { display: block; height: 22px; line-height: 22px; padding: 0 12px; font-size: 12px; color: var(--zs-muted); white-space: nowrap; overflow: hidden; border-bottom: 1px solid var(--zs-border); contain: strict; }
    ol { list-style: none; margin: 0; padding: 0; display: flex; gap: 4px; }
    li + li::before { content: "›"; margin-right: 4px; }
    button { all: unset; cursor: pointer; }
    button:hover, button:focus-visible { color: var(--zs-fg); text-decoration: underline; }
  `;

  override render() {
    const chain = symbolChain(this.symbols, this.offset);
    return html`<nav aria-label="导航路径"><ol>
      <li>${this.file}</li>
      ${chain.map((s) => html`<li><button @click=${() => this.dispatchEvent(new CustomEvent("reveal", { detail: s.selectionRange, bubbles: true, composed: true }))}>${s.name}</button></li>`)}
    </ol></nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-breadcrumbs": ZsBreadcrumbs;
  }
}
