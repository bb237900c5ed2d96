/**
 * 修订说明 in the 影响 view: every semantic change between the 对照版本 and the open draft, numbered
 * as in the document, each with a 修订理由 field the officer fills (kept with the draft), the impact
 * on the chosen dataset in the document's own sentences, and export as DOCX or Markdown.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { MemoPreview, MemoSource } from "../protocol.ts";
import type { PublishClient } from "../lib/workers.ts";
import { exportMemo, keepReasons, previewMemo, reasonsOf, type MemoFormat } from "../state/revision.ts";

@customElement("zs-revision-memo")
export class ZsRevisionMemo extends LitElement {
  @property({ attribute: false }) client: PublishClient | undefined;
  /** The draft the reasons belong to. */
  @property() uri = "";
  @property({ attribute: false }) source: (() => Promise<MemoSource>) | undefined;
  /** The texts' versions: a new one refreshes the preview. */
  @property() revision = "";
  @state() private preview: MemoPreview | undefined;
  @state() private error: string | undefined;
  @state() private reasons: Record<string, string> = {};
  @state() private busy: MemoFormat | undefined;
  private loadedUri: string | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;

  static override styles = css`
    :host { display: block; border: 1px solid var(--zs-border); background: #fcfcfc; padding: 8px 14px 12px; margin-top: 10px; }
    header { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
    h3 { font-size: 15px; font-weight: 600; margin: 4px 0; }
    h4 { font-size: 13px; font-weight: 600; margin: 12px 0 4px; }
    .title { font-weight: 600; }
    .muted { color: var(--zs-muted); }
    .err { color: var(--zs-error); }
    button { font: inherit; }
    ol { margin: 6px 0; padding-left: 28px; }
    li { margin: 8px 0; }
    .change { line-height: 1.6; }
    label { display: block; margin-top: 3px; color: var(--zs-muted); font-size: 12px; }
    textarea { display: block; width: 100%; box-sizing: border-box; min-height: 44px; font: inherit; font-size: 13px; margin-top: 2px; padding: 4px 6px; border: 1px solid var(--zs-border); resize: vertical; }
    textarea:focus { outline: 1px solid var(--zs-accent); }
    .impact p { margin: 2px 0; line-height: 1.6; }
  `;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
    if (this.saveTimer) void this.flush();
  }

  protected override updated(changed: PropertyValues) {
    if (changed.has("uri") && this.uri !== this.loadedUri) void this.loadReasons();
    if (changed.has("client") || changed.has("source")) void this.refresh();
    else if (changed.has("revision")) {
      // typing in the editor: one comparison once the officer pauses
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.refresh(), 300);
    }
  }

  private async loadReasons() {
    const uri = this.uri;
    this.loadedUri = uri;
    const kept = await reasonsOf(uri);
    if (this.uri === uri) this.reasons = kept;
  }

  private async refresh() {
    if (!this.client || !this.source) return;
    const id = ++this.request;
    const r = await previewMemo(this.client, await this.source());
    if (id !== this.request) return;
    if ("error" in r) {
      this.error = r.error;
      this.preview = undefined;
    } else {
      this.error = undefined;
      this.preview = r;
    }
    await this.updateComplete;
    this.dispatchEvent(new CustomEvent("memo-rendered", { bubbles: true, composed: true }));
  }

  private edit(key: string, value: string) {
    this.reasons = { ...this.reasons, [key]: value };
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush(), 300);
  }

  private async flush() {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await keepReasons(this.uri, this.reasons).catch(() => undefined);
    this.dispatchEvent(new CustomEvent("reasons-saved", { bubbles: true, composed: true }));
  }

  private async export(format: MemoFormat) {
    if (!this.client || !this.source) return;
    this.busy = format;
    await this.flush();
    const error = await exportMemo(this.client, await this.source(), this.reasons, format);
    this.busy = undefined;
    this.error = error;
  }

  override render() {
    const p = this.preview;
    const filled = p ? p.changes.filter((c) => (this.reasons[c.key] ?? "").trim() !== "").length : 0;
    return html`
      <header>
        <h3>修订说明</h3>
        <button data-format="docx" ?disabled=${!p || this.busy !== undefined} @click=${() => void this.export("docx")}>${this.busy === "docx" ? "正在生成…" : "导出 DOCX"}</button>
        <button data-format="md" ?disabled=${!p || this.busy !== undefined} @click=${() => void this.export("md")}>${this.busy === "md" ? "正在生成…" : "导出 Markdown"}</button>
        <button @click=${() => this.dispatchEvent(new CustomEvent("close-memo", { bubbles: true, composed: true }))}>收起</button>
      </header>
      ${this.error ? html`<p class="err" role="alert">${this.error}</p>` : nothing}
      ${p ? this.renderMemo(p, filled) : this.error ? nothing : html`<p class="muted">正在比较两个版本…</p>`}
    `;
  }

  private renderMemo(p: MemoPreview, filled: number) {
    return html`
      <p class="title">${p.title}</p>
      <p class="muted names">原版本：${p.oldName}<br />修订稿：${p.newName}</p>
      <h4>修订内容与理由（共${p.changes.length}处，已填写理由 <span class="filled">${filled}</span>/${p.changes.length}）</h4>
      ${p.changes.length === 0
        ? html`<p class="muted">两个版本在计分上没有差别。</p>`
        : html`<p class="muted">理由随草稿保存在本机；未填写的在导出的文档中显示为「（请填写修订理由）」。</p>
            <ol aria-label="修订内容与理由">
              ${p.changes.map(
                (c, i) => html`<li data-key=${c.key}>
                  <div class="change">${c.text}</div>
                  <label
                    >第${i + 1}处的修订理由<textarea
                      .value=${this.reasons[c.key] ?? ""}
                      placeholder="（请填写修订理由）例如：根据上年考评结果，多数平台未达到原标准"
                      @input=${(e: Event) => this.edit(c.key, (e.target as HTMLTextAreaElement).value)}
                      @blur=${() => void this.flush()}
                    ></textarea
                  ></label>
                </li>`,
              )}
            </ol>`}
      <h4>对评价结果的影响</h4>
      <div class="impact">${p.impact.map((l) => html`<p>${l}</p>`)}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-revision-memo": ZsRevisionMemo;
  }
}
