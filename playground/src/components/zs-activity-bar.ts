/** The activity bar: switches the side bar's view. */
import { LitElement, css, html, svg } from "lit";
import { customElement, property } from "lit/decorators.js";

import type { SideView } from "../state/workbench-state.ts";

const ICONS: Record<SideView, unknown> = {
  explorer: svg`<path d="M4 3h7l2 2h7v15H4z" fill="none" stroke="currentColor" stroke-width="1.6"/>`,
  outline: svg`<path d="M4 6h16M7 11h13M10 16h10" stroke="currentColor" stroke-width="1.8"/>`,
  data: svg`<path d="M4 4h16v16H4zM4 10h16M4 15h16M10 4v16" fill="none" stroke="currentColor" stroke-width="1.6"/>`,
  compare: svg`<path d="M4 5h6v14H4zM14 5h6v14h-6z" fill="none" stroke="currentColor" stroke-width="1.6"/>`,
  impact: svg`<path d="M4 20V4M4 20h16M8 16v-4M12 16V8M16 16v-6" fill="none" stroke="currentColor" stroke-width="1.8"/>`,
  publish: svg`<path d="M5 12l4 4 10-10M5 20h14" fill="none" stroke="currentColor" stroke-width="1.8"/>`,
};

const VIEWS: { id: SideView; label: string }[] = [
  { id: "explorer", label: "资源管理器" },
  { id: "outline", label: "大纲" },
  { id: "data", label: "样本数据" },
  { id: "compare", label: "对比" },
  { id: "impact", label: "影响" },
  { id: "publish", label: "发布前检查" },
];

@customElement("zs-activity-bar")
export class ZsActivityBar extends LitElement {
  @property() view: SideView | null = "explorer";

  static override styles = css`
    :host { display: flex; flex-direction: column; width: 48px; background: var(--zs-activity-bg); }
    button { width: 48px; height: 48px; border: 0; background: none; color: var(--zs-activity-fg); cursor: pointer; display: grid; place-items: center; border-left: 2px solid transparent; }
    button[aria-pressed="true"] { color: #fff; border-left-color: #fff; }
    button:hover, button:focus-visible { color: #fff; outline: none; background: #ffffff14; }
  `;

  override render() {
    return html`<nav aria-label="活动栏"><div role="toolbar" aria-orientation="vertical" aria-label="视图" style="display:contents">
      ${VIEWS.map(
        (v) => html`<button title=${v.label} aria-label=${v.label} aria-pressed=${this.view === v.id ? "true" : "false"} @click=${() => this.pick(v.id)}><svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">${ICONS[v.id]}</svg></button>`,
      )}
    </div></nav>`;
  }

  private pick(id: SideView) {
    this.dispatchEvent(new CustomEvent("view-change", { detail: this.view === id ? null : id, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-activity-bar": ZsActivityBar;
  }
}
