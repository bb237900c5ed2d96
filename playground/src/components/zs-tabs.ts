/**
 * Editor tabs: one per open file; the strip scrolls (wheel or arrows) and keeps the active tab
 * in view. Middle-click, × or Delete on the focused tab closes it. The × is not a button inside
 * the tab (a control nested in a control is unreachable for screen readers): Delete is its key.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
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
    :host { display: block; background: var(--zs-side-bg); min-height: 35px; min-width: 0; font-size: 13px; }
    .strip { display: flex; overflow-x: auto; overflow-y: hidden; scrollbar-width: thin; }
    [role="tab"] { display: flex; align-items: center; gap: 6px; padding: 0 8px 0 12px; height: 35px; border-right: 1px solid var(--zs-border); cursor: pointer; white-space: nowrap; background: #ececec; color: var(--zs-muted); }
    [role="tab"][aria-selected="true"] { background: var(--zs-bg); color: var(--zs-fg); border-top: 1px solid var(--zs-accent); }
    [role="tab"]:focus-visible { outline: 1px solid var(--zs-accent); outline-offset: -1px; }
    .badge { font-size: 11px; color: var(--zs-accent); }
    .close { display: inline-grid; place-items: center; cursor: pointer; width: 20px; height: 20px; border-radius: 3px; }
    .close:hover { background: var(--zs-hover); }
  `;

  override render() {
    return html`<div class="strip" role="tablist" aria-label="已打开的文件" @keydown=${this.onKey} @wheel=${this.onWheel}>
      ${this.tabs.map(
        (t) => html`<div
          role="tab"
          aria-selected=${t.uri === this.active ? "true" : "false"}
          tabindex=${t.uri === this.active ? "0" : "-1"}
          title=${`${t.uri}（Delete 关闭）`}
          data-uri=${t.uri}
          @click=${() => this.emit("tab-select", t.uri)}
          @auxclick=${(e: MouseEvent) => e.button === 1 && this.emit("tab-close", t.uri)}
        >
          <span>${t.title}</span>${t.badge ? html`<span class="badge">${t.badge}</span>` : nothing}
          <span class="close" aria-hidden="true" title="关闭" @click=${(e: Event) => {
            e.stopPropagation();
            this.emit("tab-close", t.uri);
          }}>×</span>
        </div>`,
      )}
    </div>`;
  }

  /** The open files as last scrolled for: the workbench hands a new `tabs` array on every render. */
  #shown = "";

  protected override updated(changed: PropertyValues) {
    if (!changed.has("active") && !changed.has("tabs")) return;
    // only when the active tab or a tab (file, title, badge) really changed: scrollIntoView forces a layout of the
    // whole page, and a keystroke's new scores (a new `tabs` array, same files) must not pay for it
    const shown = `${this.active}\n${this.tabs.map((t) => `${t.uri}\t${t.title}\t${t.badge ?? ""}`).join("\n")}`;
    if (shown === this.#shown) return;
    this.#shown = shown;
    this.renderRoot.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  /** A vertical wheel scrolls the strip sideways, as in VS Code. */
  private onWheel(e: WheelEvent) {
    const strip = e.currentTarget as HTMLElement;
    if (e.deltaY !== 0 && strip.scrollWidth > strip.clientWidth) {
      strip.scrollLeft += e.deltaY;
      e.preventDefault();
    }
  }

  private onKey(e: KeyboardEvent) {
    if (e.key === "Delete") {
      const uri = (e.target as HTMLElement).closest<HTMLElement>("[data-uri]")?.dataset["uri"];
      if (uri) {
        e.preventDefault();
        this.emit("tab-close", uri);
      }
      return;
    }
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
