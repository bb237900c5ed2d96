/**
 * 与内置版本比较: Monaco's diff editor of the built-in text (left) against the draft (right),
 * in a dialog. Light DOM, because Monaco's styles live in the document.
 */
import { LitElement, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { AnalysisClient } from "../lib/workers.ts";
import { monaco } from "../monaco/monaco.ts";
import { LANGUAGE_ID } from "../monaco/language.ts";

@customElement("zs-diff-dialog")
export class ZsDiffDialog extends LitElement {
  @property({ attribute: false }) original = "";
  @property({ attribute: false }) modified: monaco.editor.ITextModel | undefined;
  @property({ attribute: false }) client: AnalysisClient | undefined;
  #dispose: (() => void) | undefined;

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    return html`<div class="diff" role="dialog" aria-label="与内置版本比较" aria-modal="true" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.emit("diff-close")}>
      <header><strong>与内置版本比较</strong><span>左：内置版本　右：草稿</span><button @click=${() => this.emit("diff-close")}>关闭（Esc）</button><button @click=${() => this.emit("diff-revert")}>还原为内置版本</button></header>
      <div class="zs-diff-host"></div>
    </div>`;
  }

  override async firstUpdated() {
    await import("monaco-editor/features/diffEditor/register.js");
    const host = this.querySelector<HTMLElement>(".zs-diff-host");
    if (!host || !this.modified || !this.isConnected) return;
    const original = monaco.editor.createModel(this.original, LANGUAGE_ID);
    const originalUri = original.uri.toString(true);
    // the worker answers for the built-in side too (highlighting in the diff)
    void this.client?.request("open", { uri: originalUri, text: this.original, version: original.getVersionId() });
    const diff = monaco.editor.createDiffEditor(host, { originalAriaLabel: "内置版本（只读）", modifiedAriaLabel: "草稿", readOnly: true, automaticLayout: true, renderSideBySide: true, theme: "zs-light", wordWrap: "on", fontFamily: "var(--zs-mono)" });
    diff.getOriginalEditor().updateOptions({ ariaLabel: "内置版本（只读）" });
    diff.getModifiedEditor().updateOptions({ ariaLabel: "草稿" });
    diff.setModel({ original, modified: this.modified });
    this.#dispose = () => {
      diff.dispose();
      original.dispose();
      void this.client?.request("close", { uri: originalUri });
    };
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#dispose?.();
    this.#dispose = undefined;
  }

  private emit(name: string) {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-diff-dialog": ZsDiffDialog;
  }
}
