/** The explorer: the built-in rules as a tree (地区 → 年度 → 平台类型), drafts, and 打开本地文件. */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { TreeNode } from "../lib/library.ts";

export interface DraftEntry {
  uri: string;
  title: string;
  /** The rubric a next year's draft was made from: shown as its lineage. */
  basedOn: string | undefined;
}

@customElement("zs-explorer")
export class ZsExplorer extends LitElement {
  @property({ attribute: false }) tree: TreeNode[] = [];
  @property({ attribute: false }) drafts: DraftEntry[] = [];
  /** Paths of built-in files that have a draft. */
  @property({ attribute: false }) drafted: ReadonlySet<string> = new Set();
  @property() activePath = "";
  /** A rubric is open (新建下一年度草稿 applies to it). */
  @property({ type: Boolean }) canNextYear = false;
  @state() private collapsed = new Set<string>();
  @state() private focusId = "";

  static override styles = css`
    :host { display: block; font-size: 13px; color: var(--zs-fg); }
    h2 { font-size: 11px; font-weight: 600; margin: 0; padding: 8px 12px; color: var(--zs-muted); letter-spacing: 0.05em; }
    ul { list-style: none; margin: 0; padding: 0; }
    [role="treeitem"] > .row { display: flex; align-items: center; gap: 4px; height: 22px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .row:hover { background: var(--zs-hover); }
    [aria-selected="true"] > .row { background: var(--zs-selected); }
    [role="treeitem"]:focus { outline: none; }
    [role="treeitem"]:focus-visible > .row { outline: 1px solid var(--zs-accent); outline-offset: -1px; }
    .twisty { width: 16px; text-align: center; color: var(--zs-muted); flex: none; }
    .badge { margin-left: auto; margin-right: 8px; color: var(--zs-accent); font-size: 11px; }
    .actions { padding: 8px 12px; display: flex; flex-direction: column; gap: 6px; }
    button.primary { font: inherit; padding: 4px 8px; background: var(--zs-accent); color: #fff; border: 0; border-radius: 2px; cursor: pointer; }
    .hint { color: var(--zs-muted); font-size: 12px; }
    .pair { display: flex; gap: 6px; }
    button.secondary { font: inherit; font-size: 12px; padding: 3px 6px; border: 1px solid var(--zs-border); background: #fff; cursor: pointer; border-radius: 2px; flex: 1; }
    button.secondary:disabled { color: var(--zs-muted); cursor: default; }
    .lineage { color: var(--zs-muted); font-size: 11px; margin-left: 6px; overflow: hidden; text-overflow: ellipsis; }
  `;

  override render() {
    return html`
      <h2>资源管理器</h2>
      <div class="actions">
        <button class="primary" @click=${this.openLocal}>打开本地文件…</button>
        <span class="hint">也可以把 .zs、.csv、.xlsx、.json 文件拖到窗口中</span>
        <div class="pair">
          <button class="secondary" ?disabled=${!this.canNextYear} title="复制当前评价体系为下一年度的草稿（年度、考评期顺延，记下所基于的版本）" @click=${() => this.emit("next-year", null)}>新建下一年度草稿</button>
          <button class="secondary" @click=${() => this.emit("new-rubric", null)}>新建评价体系…</button>
        </div>
      </div>
      <h2 id="builtin-label">内置评价体系</h2>
      <ul role="tree" aria-labelledby="builtin-label" @keydown=${this.onKey}>
        ${this.tree.map((n) => this.renderNode(n, 1))}
      </ul>
      ${this.drafts.length > 0
        ? html`<h2 id="draft-label">草稿与本地文件</h2>
            <ul role="tree" aria-labelledby="draft-label" @keydown=${this.onKey}>
              ${this.drafts.map(
                (d) => html`<li role="treeitem" aria-level="1" aria-selected=${this.activePath === d.uri ? "true" : "false"} tabindex="-1" data-id=${d.uri} @click=${() => this.emit("open-uri", d.uri)}>
                  <div class="row" style="padding-left:12px" title=${d.basedOn ? `${d.title}，基于「${d.basedOn}」` : d.title}><span class="twisty">·</span>${d.basedOn ? html`<span class="lineage" data-lineage>${d.basedOn} →</span>` : nothing}<span>${d.title}</span></div>
                </li>`,
              )}
            </ul>`
        : nothing}
    `;
  }

  private renderNode(n: TreeNode, level: number): unknown {
    const leaf = n.rubric !== undefined;
    const open = !this.collapsed.has(n.id);
    const selected = leaf && this.activePath === n.rubric!.path;
    const tabindex = (this.focusId || this.firstId()) === n.id ? "0" : "-1";
    return html`<li
      role="treeitem"
      aria-level=${level}
      aria-expanded=${leaf ? nothing : open ? "true" : "false"}
      aria-selected=${selected ? "true" : "false"}
      tabindex=${tabindex}
      data-id=${n.id}
      @click=${(e: Event) => {
        e.stopPropagation();
        this.activate(n);
      }}
    >
      <div class="row" title=${n.rubric ? n.rubric.path : n.label} style="padding-left:${(level - 1) * 12 + 4}px">
        <span class="twisty">${leaf ? "·" : open ? "▾" : "▸"}</span><span>${n.label}</span>
        ${leaf && this.drafted.has(n.rubric!.path) ? html`<span class="badge" title="有草稿">草稿</span>` : nothing}
      </div>
      ${!leaf && open ? html`<ul role="group">${n.children.map((c) => this.renderNode(c, level + 1))}</ul>` : nothing}
    </li>`;
  }

  private firstId(): string {
    return this.tree[0]?.id ?? "";
  }

  private activate(n: TreeNode) {
    this.focusId = n.id;
    if (n.rubric) {
      this.emit("open-builtin", n.rubric.path);
      return;
    }
    const next = new Set(this.collapsed);
    if (next.has(n.id)) next.delete(n.id);
    else next.add(n.id);
    this.collapsed = next;
  }

  private visible(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((el) => el.offsetParent !== null);
  }

  private onKey(e: KeyboardEvent) {
    const items = this.visible();
    const current = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    const i = current ? items.indexOf(current) : -1;
    const focus = (el: HTMLElement | undefined) => {
      if (!el) return;
      items.forEach((x) => x.setAttribute("tabindex", "-1"));
      el.setAttribute("tabindex", "0");
      el.focus();
      e.preventDefault();
    };
    if (e.key === "ArrowDown") focus(items[i + 1]);
    else if (e.key === "ArrowUp") focus(items[i - 1]);
    else if (e.key === "Enter" || e.key === " ") {
      current?.click();
      e.preventDefault();
    } else if ((e.key === "ArrowRight" && current?.getAttribute("aria-expanded") === "false") || (e.key === "ArrowLeft" && current?.getAttribute("aria-expanded") === "true")) {
      current.click();
      e.preventDefault();
    }
  }

  private openLocal() {
    this.emit("open-local", null);
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-explorer": ZsExplorer;
  }
}
