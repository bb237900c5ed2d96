/** Editor tabs: one per open file; middle-click or × closes. */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

export interface TabInfo {
  uri: string;
  title: string;
  /** Shown after the title: 草稿, 只读 … */
  badge?: string;
}

@customElement("zs-tabs")
export class ZsTabs extends LitElement {
  @property({ attribute: false }) tabs: TabInfo[] = [];
  @property() active = "";

  static override styles = css`
    :host { display: flex; background: var(--zs-side-bg); overflow-x: auto; min-height: 35px; font-size: 13px; }
    [role="tab"] { display: flex; align-items: center; gap: 6px; padding: 0 8px 0 12px; height: 35px; border-right: 1px solid var(--zs-border); cursor: pointer; white-space: nowrap; background: #ececec; color: var(--zs-muted); }
    [role="tab"][aria-selected="true"] { background: var(--zs-bg); color: var(--zs-fg); border-top: 1px solid var(--zs-accent); }
    [role="tab"]:focus-visible { outline: 1px solid var(--zs-accent); outline-offset: -1px; }
    .badge { font-size: 11px; color: var(--zs-accent); }
    button.close { border: 0; background: none; cursor: pointer; color: inherit; width: 20px; height: 20px; border-radius: 3px; }
    button.close:hover { background: var(--zs-hover); }
  `;

  override render() {
    return html`<div role="tablist" aria-label="已打开的文件" style="display:flex" @keydown=${this.onKey}>
      ${this.tabs.map(
        (t) => html`<div
          role="tab"
          aria-selected=${t.uri === this.active ? "true" : "false"}
          tabindex=${t.uri === this.active ? "0" : "-1"}
          title=${t.uri}
          data-uri=${t.uri}
          @click=${() => this.emit("tab-select", t.uri)}
          @auxclick=${(e: MouseEvent) => e.button === 1 && this.emit("tab-close", t.uri)}
        >
          <span>${t.title}</span>${t.badge ? html`<span class="badge">${t.badge}</span>` : nothing}
          <button class="close" aria-label=${`关闭 ${t.title}`} title="关闭" @click=${(e: Event) => {
            e.stopPropagation();
            this.emit("tab-close", t.uri);
          }}>×</button>
        </div>`,
      )}
    </div>`;
  }

  private onKey(e: KeyboardEvent) {
    const i = this.tabs.findIndex((t) => t.uri === this.active);
    const next = e.key === "ArrowRight" ? this.tabs[i + 1] : e.key === "ArrowLeft" ? this.tabs[i - 1] : undefined;
    if (next) {
      this.emit("tab-select", next.uri);
      e.preventDefault();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
    }
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-tabs": ZsTabs;
  }
}
