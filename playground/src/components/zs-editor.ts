/**
 * The Monaco host. Light DOM on purpose: Monaco puts its CSS into document.head, which a
 * shadow root would not see. One editor; each open file is a model swapped in and out.
 */
import { LitElement, html } from "lit";
import { customElement } from "lit/decorators.js";
import type { Range } from "@zhunsheng/core";
import { monaco } from "../monaco/monaco.ts";
import { LANGUAGE_ID, toMonacoRange } from "../monaco/language.ts";

@customElement("zs-editor")
export class ZsEditor extends LitElement {
  editor: monaco.editor.IStandaloneCodeEditor | undefined;
  private viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    return html`<div class="zs-monaco" style="position:absolute;inset:0"></div>`;
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
    this.editor.onDidChangeCursorPosition((e) => {
      const model = this.editor?.getModel();
      if (!model) return;
      const offset = model.getOffsetAt(e.position);
      this.dispatchEvent(new CustomEvent("cursor-change", { detail: { line: e.position.lineNumber, column: e.position.column, offset }, bubbles: true }));
    });
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
