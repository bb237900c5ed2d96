/** The command palette (Ctrl+Shift+P): filter the workbench's commands by name and run one. */
import { LitElement, css, html } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { Command } from "../state/commands.ts";

@customElement("zs-command-palette")
export class ZsCommandPalette extends LitElement {
  @property({ attribute: false }) commands: Command[] = [];
  @property({ type: Boolean, reflect: true }) open = false;
  @state() private filter = "";
  @state() private index = 0;
  @query("input") private input!: HTMLInputElement;

  static override styles = css`
    :host { display: none; position: fixed; inset: 0; z-index: 100; }
    :host([open]) { display: block; }
    .backdrop { position: absolute; inset: 0; }
    .box { position: absolute; top: 8px; left: 50%; transform: translateX(-50%); width: min(600px, 90vw); background: #fff; box-shadow: 0 4px 16px #0004; border-radius: 6px; padding: 6px; font-size: 13px; }
    input { width: 100%; box-sizing: border-box; font: inherit; padding: 4px 8px; border: 1px solid var(--zs-accent); outline: none; }
    ul { list-style: none; margin: 6px 0 0; padding: 0; max-height: 50vh; overflow: auto; }
    li { display: flex; padding: 4px 8px; cursor: pointer; border-radius: 3px; }
    li[aria-selected="true"] { background: var(--zs-selected); }
    .keys { margin-left: auto; color: var(--zs-muted); }
  `;

  private filtered(): Command[] {
    const f = this.filter.trim().toLowerCase();
    return f ? this.commands.filter((c) => c.label.toLowerCase().includes(f) || c.id.includes(f)) : this.commands;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has("open") && this.open) {
      this.filter = "";
      this.index = 0;
      void this.updateComplete.then(() => this.input.focus());
    }
  }

  override render() {
    const list = this.filtered();
    return html`<div class="backdrop" @click=${this.close}></div>
      <div class="box" role="dialog" aria-label="命令面板">
        <input
          aria-label="输入命令名称"
          role="combobox"
          aria-expanded="true"
          aria-controls="commands"
          placeholder="输入命令名称，例如「格式化」"
          .value=${this.filter}
          @input=${(e: Event) => {
            this.filter = (e.target as HTMLInputElement).value;
            this.index = 0;
          }}
          @keydown=${this.onKey}
        />
        <ul id="commands" role="listbox">
          ${list.map(
            (c, i) => html`<li role="option" aria-selected=${i === this.index ? "true" : "false"} @click=${() => this.run(c)}>
              <span>${c.label}</span><span class="keys">${c.keys ?? ""}</span>
            </li>`,
          )}
        </ul>
      </div>`;
  }

  private onKey(e: KeyboardEvent) {
    const list = this.filtered();
    if (e.key === "ArrowDown") this.index = Math.min(list.length - 1, this.index + 1);
    else if (e.key === "ArrowUp") this.index = Math.max(0, this.index - 1);
    else if (e.key === "Enter") {
      const c = list[this.index];
      if (c) this.run(c);
    } else if (e.key === "Escape") this.close();
    else return;
    e.preventDefault();
  }

  private run(c: Command) {
    this.close();
    this.dispatchEvent(new CustomEvent("run-command", { detail: c.id, bubbles: true, composed: true }));
  }

  private close() {
    this.dispatchEvent(new CustomEvent("palette-close", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-command-palette": ZsCommandPalette;
  }
}
