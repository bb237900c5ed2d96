/**
 * The Monaco host. Light DOM on purpose: Monaco puts its CSS into document.head, which a
 * shadow root would not see. One editor; each open file is a model swapped in and out.
 */
import { LitElement, html } from "lit";
import { customElement } from "lit/decorators.js";
import type { Range } from "@zhunsheng/core";
import { monaco, TabFocus } from "../monaco/monaco.ts";
import { LANGUAGE_ID, toMonacoRange } from "../monaco/language.ts";

@customElement("zs-editor")
export class ZsEditor extends LitElement {
  editor: monaco.editor.IStandaloneCodeEditor | undefined;
  private viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    // monaco-component: the theme's colour variables reach the context menu, which Monaco draws in a shadow root beside the editor
    return html`<div class="zs-monaco monaco-component" style="position:absolute;inset:0"></div>`;
  }

  override firstUpdated() {
    const host = this.querySelector<HTMLElement>(".zs-monaco")!;
    this.editor = monaco.editor.create(host, {
      model: null,
      language: LANGUAGE_ID,
      theme: "zs-light",
      automaticLayout: true,
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue("--zs-mono").trim() || "monospace",
      fontSize: 14,
      lineHeight: 22,
      wordWrap: "on",
      // Chinese has no spaces: split words with Intl.Segmenter and treat CJK punctuation as separators
      wordSegmenterLocales: ["zh-CN"],
      wordSeparators: "`~!@#$%^&*()-=+[{]}\\|;:'\",.<>/?，。、；：（）「」～《》！？“”",
      wrappingIndent: "indent",
      minimap: { enabled: false },
      "semanticHighlighting.enabled": true,
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
      renderLineHighlight: "all",
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, comments: false, strings: false },
      ariaLabel: "评价体系编辑器",
    });
    this.editor.onDidChangeCursorPosition(() => this.reportCursor());
    // Ctrl+M (as in VS Code): Tab moves focus instead of indenting; the status bar shows the mode
    TabFocus.onDidChangeTabFocus((on) => this.dispatchEvent(new CustomEvent("tab-focus-change", { detail: on, bubbles: true })));
    this.dispatchEvent(new CustomEvent("editor-ready", { bubbles: true }));
  }

  /** Shows `model`, keeping each model's scroll and selection. */
  show(model: monaco.editor.ITextModel | null, readOnly: boolean): void {
    const ed = this.editor;
    if (!ed) return;
    const current = ed.getModel();
    if (current === model) {
      ed.updateOptions({ readOnly, readOnlyMessage: { value: "只读：这是分享链接中的评价体系。点击上方「保存为草稿」后可以编辑。" } });
      return;
    }
    if (current) this.viewStates.set(current.uri.toString(), ed.saveViewState());
    ed.setModel(model);
    ed.updateOptions({ readOnly, readOnlyMessage: { value: "只读：这是分享链接中的评价体系。点击上方「保存为草稿」后可以编辑。" } });
    const vs = model && this.viewStates.get(model.uri.toString());
    if (vs) ed.restoreViewState(vs);
    // the status bar shows this model's cursor, not the last one's
    this.reportCursor();
  }

  private reportCursor(): void {
    const model = this.editor?.getModel();
    const p = this.editor?.getPosition();
    const detail = model && p ? { line: p.lineNumber, column: p.column, offset: model.getOffsetAt(p) } : { line: 1, column: 1, offset: 0 };
    this.dispatchEvent(new CustomEvent("cursor-change", { detail, bubbles: true }));
  }

  reveal(range: Range): void {
    const ed = this.editor;
    if (!ed) return;
    const r = toMonacoRange(range);
    ed.setSelection({ startLineNumber: r.startLineNumber, startColumn: r.startColumn, endLineNumber: r.startLineNumber, endColumn: r.startColumn });
    ed.revealRangeInCenterIfOutsideViewport(r);
    ed.focus();
  }

  forget(uri: string): void {
    this.viewStates.delete(uri);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-editor": ZsEditor;
  }
}
