/**
 * The 问题 panel: the diagnostics of every open file, grouped by file (the active one first),
 * filtered by severity with the counts the status bar shows; click (or Enter) jumps to one.
 * When an analysis could not finish it says so first, never 「没有发现问题」.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Diagnostic, Range } from "@zhunsheng/core";
import { countProblems, type DataFix, type DataProblem, type ProblemFilter, type ProblemGroup, type ProblemLevel } from "../state/problems.ts";

const ICON = { error: "✖", warning: "⚠", info: "ℹ", hint: "ℹ" } as const;
const LABEL = { error: "错误", warning: "警告", info: "信息", hint: "提示" } as const;
const LEVELS: { id: ProblemLevel; label: string; icon: string }[] = [
  { id: "error", label: "错误", icon: "✖" },
  { id: "warning", label: "警告", icon: "⚠" },
  { id: "info", label: "信息", icon: "ℹ" },
];

@customElement("zs-problems")
export class ZsProblems extends LitElement {
  @property({ attribute: false }) groups: ProblemGroup[] = [];
  @property({ attribute: false }) filter: ProblemFilter = { error: true, warning: true, info: true };

  static override styles = css`
    :host { display: block; font-size: 13px; }
    .toolbar { display: flex; gap: 6px; align-items: center; padding: 4px 12px; border-bottom: 1px solid var(--zs-border); position: sticky; top: 0; background: var(--zs-bg); z-index: 1; }
    .toolbar button { font: inherit; font-size: 12px; padding: 1px 8px; border: 1px solid var(--zs-border); background: #fff; border-radius: 10px; cursor: pointer; color: var(--zs-muted); }
    .toolbar button[aria-pressed="true"] { background: var(--zs-selected); color: var(--zs-fg); border-color: var(--zs-accent); }
    .toolbar .hidden { color: var(--zs-muted); margin-left: auto; font-size: 12px; }
    h2 { font-size: 12px; font-weight: 600; margin: 0; padding: 4px 12px; display: flex; gap: 8px; background: var(--zs-side-bg); }
    h2 .count { color: var(--zs-muted); font-weight: normal; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; gap: 8px; padding: 2px 12px 2px 24px; cursor: pointer; align-items: baseline; }
    li:hover { background: var(--zs-hover); }
    li:focus-visible { outline: 1px solid var(--zs-accent); outline-offset: -1px; }
    .error { color: var(--zs-error); }
    .warning { color: var(--zs-warning); }
    .info, .hint { color: var(--zs-info); }
    .code, .pos { color: var(--zs-muted); white-space: nowrap; }
    .empty { padding: 8px 12px; color: var(--zs-muted); }
    .failure { padding: 4px 12px 4px 24px; color: var(--zs-error); font-weight: 600; }
    .fixes { display: inline-flex; gap: 4px; flex-wrap: wrap; }
    button.fix { font: inherit; font-size: 12px; padding: 0 6px; border: 1px solid var(--zs-accent); color: var(--zs-accent); background: #fff; border-radius: 2px; cursor: pointer; }
  `;

  override render() {
    const counts = countProblems(this.groups);
    const shown = (d: Diagnostic) => this.filter[d.severity === "hint" ? "info" : d.severity];
    const failed = this.groups.some((g) => g.failure);
    const visible = this.groups
      .map((g) => ({ ...g, diagnostics: g.diagnostics.filter(shown), data: g.data.filter((d) => this.filter[d.severity]) }))
      .filter((g) => g.failure || g.diagnostics.length > 0 || g.data.length > 0);
    const hidden = counts.total - visible.reduce((n, g) => n + g.diagnostics.length + g.data.length, 0);
    return html`
      <div class="toolbar" role="toolbar" aria-label="按严重程度筛选">
        ${LEVELS.map(
          (l) => html`<button aria-pressed=${this.filter[l.id] ? "true" : "false"} data-level=${l.id} @click=${() => this.toggle(l.id)}>${l.icon} ${l.label} <span class="n">${counts[l.id]}</span></button>`,
        )}
        ${hidden > 0 ? html`<span class="hidden">已筛选掉 ${hidden} 条</span>` : nothing}
      </div>
      ${visible.length === 0
        ? html`<div class="empty">${counts.total === 0 && !failed ? "没有发现问题。" : "没有符合筛选条件的问题。"}</div>`
        : visible.map(
            (g) => html`<section aria-label=${g.title}>
              <h2><span>${g.title}</span><span class="count">${g.failure ? "分析没有完成" : `${g.diagnostics.length + g.data.length} 条`}</span></h2>
              ${g.failure ? html`<div class="failure" role="alert">✖ ${g.failure}</div>` : nothing}
              <ul role="listbox" aria-label=${`${g.title} 的问题`}>
                ${g.diagnostics.map(
                  (d) => html`<li
                    role="option"
                    aria-selected="false"
                    tabindex="0"
                    class="problem"
                    data-code=${d.code}
                    data-severity=${d.severity}
                    @click=${() => this.jump(g.uri, d.range)}
                    @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this.jump(g.uri, d.range)}
                  >
                    <span class=${d.severity} aria-label=${LABEL[d.severity]}>${ICON[d.severity]}</span>
                    <span class="message">${d.message}</span>
                    <span class="code">${d.code}</span>
                    <span class="pos">[行 ${d.range.start.line}，列 ${d.range.start.column}]</span>
                  </li>`,
                )}
                ${g.data.map((d) => this.renderData(g.uri, d))}
              </ul>
            </section>`,
          )}
    `;
  }

  /** A data problem: its message, and its quick fixes as buttons (map the column, add the input, ignore the column). */
  private renderData(uri: string, d: DataProblem) {
    const label = (f: DataFix) => (f.kind === "map" ? `映射：「${f.column}」→「${f.input}」` : f.kind === "add" ? `添加输入「${f.column}」` : "忽略此列");
    return html`<li
      role="option"
      aria-selected="false"
      tabindex="0"
      class="problem data"
      data-code=${d.code}
      data-severity=${d.severity}
      @click=${() => this.showCell(uri, d)}
      @keydown=${(e: KeyboardEvent) => e.key === "Enter" && e.target === e.currentTarget && this.showCell(uri, d)}
    >
      <span class=${d.severity} aria-label=${LABEL[d.severity]}>${ICON[d.severity]}</span>
      <span class="message">${d.message}</span>
      ${d.fixes.length > 0
        ? html`<span class="fixes">${d.fixes.map(
            (f) => html`<button class="fix" data-fix=${f.kind} @click=${(e: Event) => {
              e.stopPropagation();
              this.dispatchEvent(new CustomEvent("data-fix", { detail: { uri, fix: f }, bubbles: true, composed: true }));
            }}>${label(f)}</button>`,
          )}</span>`
        : nothing}
      <span class="code">${d.code}</span>
      <span class="pos">数据</span>
    </li>`;
  }

  private showCell(uri: string, d: DataProblem) {
    this.dispatchEvent(new CustomEvent("data-reveal", { detail: { uri, cell: d.cell }, bubbles: true, composed: true }));
  }

  private toggle(level: ProblemLevel) {
    this.dispatchEvent(new CustomEvent("filter-change", { detail: { ...this.filter, [level]: !this.filter[level] }, bubbles: true, composed: true }));
  }

  private jump(uri: string, range: Range) {
    this.dispatchEvent(new CustomEvent("reveal-in", { detail: { uri, range }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-problems": ZsProblems;
  }
}
