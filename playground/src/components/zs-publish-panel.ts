/**
 * 发布前检查 (side bar): the pre-publication checks of the open file with pass or fail, each
 * diagnostic a link to its place; export of the official indicator table; import of a table
 * (pasted or from a file) as a new draft. The publish worker does the work.
 */
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Range } from "@zhunsheng/core";
import type { PublishCheck } from "@zhunsheng/publish";
import type { PublishClient } from "../lib/workers.ts";
import { download } from "../lib/download.ts";

type Format = "docx" | "xlsx" | "html" | "md";

const FORMATS: { id: Format; label: string; type: string }[] = [
  { id: "docx", label: "Word（DOCX）", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  { id: "xlsx", label: "Excel（XLSX）", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { id: "html", label: "网页（HTML）", type: "text/html;charset=utf-8" },
  { id: "md", label: "Markdown", type: "text/markdown;charset=utf-8" },
];

const SEVERITY_LABEL: Record<string, string> = { error: "错误", warning: "警告", info: "信息", hint: "提示" };

@customElement("zs-publish-panel")
export class ZsPublishPanel extends LitElement {
  @property({ attribute: false }) client: PublishClient | undefined;
  @property() file = "";
  @property() text: string | undefined;
  @property({ type: Number }) version = 0;
  @state() private checks: PublishCheck[] | undefined;
  @state() private passed = false;
  @state() private busy: string | undefined;
  @state() private note: string | undefined;
  /** Places behind a refused export, each a link to the line. */
  @state() private refusal: { line: number; column: number; message: string }[] = [];
  @state() private draft = false;
  @state() private regenerate = false;
  @state() private pasted = "";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;

  static override styles = css`
    :host { display: block; font-size: 13px; color: var(--zs-fg); }
    h2 { font-size: 11px; font-weight: 600; letter-spacing: 0.06em; margin: 0; padding: 10px 12px 6px; color: var(--zs-muted); }
    section { border-bottom: 1px solid var(--zs-border); padding-bottom: 8px; }
    .verdict { padding: 2px 12px 6px; font-weight: 600; }
    .pass { color: #2f7d32; }
    .fail { color: var(--zs-error); }
    ul { list-style: none; margin: 0; padding: 0; }
    li.check { padding: 4px 12px; }
    .title { display: flex; gap: 6px; align-items: baseline; }
    .mark { width: 14px; flex: none; font-weight: 700; }
    .detail { color: var(--zs-muted); margin-left: 20px; font-size: 12px; }
    button.link { all: unset; display: block; cursor: pointer; color: var(--zs-accent); margin: 2px 0 0 20px; font-size: 12px; line-height: 1.5; }
    button.link:hover { text-decoration: underline; }
    button.link:focus-visible { outline: 1px solid var(--zs-accent); }
    .buttons { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; padding: 0 12px; }
    button.action { font: inherit; padding: 4px 6px; cursor: pointer; }
    textarea { box-sizing: border-box; width: calc(100% - 24px); margin: 0 12px 6px; height: 110px; font: 12px var(--zs-mono); resize: vertical; }
    .row { display: flex; gap: 6px; padding: 0 12px; }
    .note { padding: 6px 12px 0; color: var(--zs-muted); font-size: 12px; line-height: 1.5; }
    .empty { padding: 12px; color: var(--zs-muted); }
    .options { display: flex; flex-direction: column; gap: 2px; padding: 0 12px 6px; font-size: 12px; }
    .options label { display: flex; gap: 6px; align-items: center; cursor: pointer; }
  `;

  protected override updated(changed: PropertyValues) {
    if (changed.has("file") || changed.has("client")) this.schedule(0);
    else if (changed.has("version")) this.schedule(300);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runChecks(), ms);
  }

  private async runChecks() {
    if (!this.client || this.text === undefined) {
      this.checks = undefined;
      return;
    }
    const id = ++this.request;
    const r = await this.client.request("checks", { text: this.text, file: this.file });
    if (id !== this.request) return;
    this.checks = r.checks;
    this.passed = r.passed;
    await this.updateComplete;
    this.dispatchEvent(new CustomEvent("checks-rendered", { bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <section aria-label="发布前检查">
        <h2>发布前检查</h2>
        ${this.text === undefined ? html`<div class="empty">打开一个评价体系后，这里列出发布前要满足的各项条件。</div>` : this.renderChecks()}
      </section>
      <section aria-label="导出指标体系表">
        <h2>导出评价指标体系表</h2>
        <div class="options">
          <label><input type="checkbox" name="draft" .checked=${this.draft} @change=${(e: Event) => (this.draft = (e.target as HTMLInputElement).checked)} />征求意见稿（每页标注，附待解决的问题）</label>
          <label><input type="checkbox" name="regenerate" .checked=${this.regenerate} @change=${(e: Event) => (this.regenerate = (e.target as HTMLInputElement).checked)} />按计分句改写描述中不一致的数字</label>
        </div>
        <div class="buttons">
          ${FORMATS.map((f) => html`<button class="action" data-format=${f.id} ?disabled=${this.text === undefined || this.busy !== undefined} @click=${() => void this.export(f.id)}>${f.label}</button>`)}
        </div>
      </section>
      <section aria-label="导入指标体系表">
        <h2>导入指标体系表为草稿</h2>
        <textarea aria-label="粘贴指标体系表" placeholder="粘贴指标体系表的原文，或从表格软件复制的「类别 / 指标 / 分值 / 指标描述」各列" .value=${this.pasted} @input=${(e: Event) => (this.pasted = (e.target as HTMLTextAreaElement).value)}></textarea>
        <div class="row">
          <button class="action" ?disabled=${this.pasted.trim() === "" || this.busy !== undefined} @click=${() => void this.importTable("粘贴的指标体系表", { text: this.pasted })}>从粘贴的文字生成</button>
          <button class="action" ?disabled=${this.busy !== undefined} @click=${() => this.renderRoot.querySelector<HTMLInputElement>("input[type=file]")?.click()}>打开文件…</button>
          <input type="file" hidden accept=".docx,.xlsx,.csv,.tsv,.txt,.md,.html,.htm" @change=${(e: Event) => void this.importFile(e.target as HTMLInputElement)} />
        </div>
      </section>
      ${this.busy ? html`<div class="note" role="status">${this.busy}</div>` : nothing}
      ${this.note ? html`<div class="note" role="status">${this.note}</div>` : nothing}
      ${this.refusal.length > 0
        ? html`<div class="refusal">${this.refusal.slice(0, 20).map((p) => html`<button class="link" @click=${() => this.reveal({ start: { line: p.line, column: p.column, offset: 0 }, end: { line: p.line, column: p.column, offset: 0 } })}>第${p.line}行：${p.message}</button>`)}</div>`
        : nothing}
    `;
  }

  private renderChecks() {
    const checks = this.checks;
    if (!checks) return html`<div class="empty">正在检查…</div>`;
    const failed = checks.filter((c) => !c.passed).length;
    return html`
      <div class="verdict ${this.passed ? "pass" : "fail"}">${this.passed ? "✓ 可以发布" : `✗ ${failed}项检查未通过`}</div>
      <ul>
        ${checks.map(
          (c) => html`<li class="check" data-check=${c.id} data-passed=${c.passed ? "true" : "false"}>
            <div class="title"><span class="mark ${c.passed ? "pass" : "fail"}" aria-label=${c.passed ? "通过" : "未通过"}>${c.passed ? "✓" : "✗"}</span><span>${c.title}</span></div>
            <div class="detail">${c.detail}</div>
            ${c.diagnostics.slice(0, 20).map(
              (d) => html`<button class="link" title=${`${d.code} ${d.message}`} @click=${() => this.reveal(d.range)}>第${d.range.start.line}行 · ${SEVERITY_LABEL[d.severity] ?? d.severity}：${d.message}</button>`,
            )}
            ${c.diagnostics.length > 20 ? html`<div class="detail">还有${c.diagnostics.length - 20}处，见「问题」面板</div>` : nothing}
          </li>`,
        )}
      </ul>
    `;
  }

  private reveal(range: Range) {
    this.dispatchEvent(new CustomEvent("reveal", { detail: range, bubbles: true, composed: true }));
  }

  private async export(format: Format) {
    if (!this.client || this.text === undefined) return;
    this.busy = "正在生成…";
    this.note = undefined;
    this.refusal = [];
    try {
      const r = await this.client.request("exportTable", { text: this.text, format, file: this.file, draft: this.draft, regenerate: this.regenerate });
      if ("error" in r) {
        this.note = `不能导出：${r.error}`;
        this.refusal = r.problems ?? [];
      } else {
        const f = FORMATS.find((x) => x.id === format)!;
        download(`${r.title}.${format}`, r.data as BlobPart, f.type);
        this.note = `已导出「${r.title}.${format}」${r.rewritten > 0 ? `，按计分句改写了${r.rewritten}个指标的描述` : ""}${this.draft ? `，附${r.openProblems}个待解决的问题` : ""}`;
      }
    } catch (err) {
      this.note = `导出失败：${(err as Error).message}`;
    } finally {
      this.busy = undefined;
    }
  }

  private async importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    // the worker reads every format from the bytes (Word, Excel/WPS, GBK or UTF-8 text, Markdown, HTML)
    await this.importTable(file.name, { bytes: new Uint8Array(await file.arrayBuffer()) });
  }

  private async importTable(name: string, content: { text?: string; bytes?: Uint8Array }) {
    if (!this.client) return;
    this.busy = "正在导入…";
    this.note = undefined;
    try {
      const r = await this.client.request("importTable", { name, ...content });
      if ("error" in r) this.note = r.error;
      else {
        const pct = r.sentences.scoring > 0 ? Math.floor((r.sentences.recognised / r.sentences.scoring) * 1000) / 10 : 100;
        this.note = `已导入「${r.title}」：计分句${r.sentences.scoring}句，完整识别${r.sentences.recognised}句（${pct}%），${r.marks.length}处待补${r.errors > 0 ? `，草稿有${r.errors}个错误` : ""}（见「问题」面板）`;
        this.dispatchEvent(new CustomEvent("open-draft", { detail: { title: `${r.title}.zs`, text: r.text }, bubbles: true, composed: true }));
      }
    } catch (err) {
      this.note = `导入失败：${(err as Error).message}`;
    } finally {
      this.busy = undefined;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-publish-panel": ZsPublishPanel;
  }
}
