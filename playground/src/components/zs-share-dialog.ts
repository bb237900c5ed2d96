/**
 * 复制分享链接: what the link carries (the rubric, and the dataset in use if ticked) and how long
 * it is, before it is copied. A modal dialog; Escape cancels.
 */
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ShareLink } from "../state/workbench-state.ts";
import { sizeText } from "../state/share.ts";

/** Links longer than this are cut by some mail and chat programs. */
const LONG_LINK = 100_000;

@customElement("zs-share-dialog")
export class ZsShareDialog extends LitElement {
  @property({ attribute: false }) link: ShareLink | undefined;

  static override styles = css`
    :host { display: none; position: fixed; inset: 0; z-index: 100; background: #0003; }
    :host([open]) { display: grid; place-items: start center; }
    section { margin-top: 80px; background: #fff; padding: 16px 20px; border-radius: 6px; box-shadow: 0 4px 16px #0004; width: min(520px, 90vw); font-size: 13px; display: grid; gap: 10px; }
    h2 { font-size: 15px; margin: 0 0 4px; }
    .size { font-variant-numeric: tabular-nums; }
    .warn { color: var(--zs-warning); }
    .hint { color: var(--zs-muted); font-size: 12px; }
    .buttons { display: flex; gap: 8px; justify-content: flex-end; }
    button { font: inherit; padding: 3px 12px; cursor: pointer; }
    button.primary { background: var(--zs-accent); color: #fff; border: 1px solid var(--zs-accent); }
  `;

  protected override updated() {
    this.toggleAttribute("open", this.link !== undefined);
    if (this.link) this.renderRoot.querySelector<HTMLButtonElement>("button.primary")?.focus();
  }

  override render() {
    const l = this.link;
    if (!l) return nothing;
    return html`<section role="dialog" aria-modal="true" aria-labelledby="share-title" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.emit("share-close", null)}>
      <h2 id="share-title">复制分享链接</h2>
      <label><input type="checkbox" name="with-data" .checked=${l.withData} ?disabled=${l.platforms === 0} @change=${(e: Event) => this.emit("share-data", (e.target as HTMLInputElement).checked)} />
        附带数据集「${l.dataset}」（${l.platforms} 个平台）</label>
      <div class="size" role="status">
        链接长度 <strong>${l.url.length.toLocaleString("zh-CN")}</strong> 个字符：评价体系 ${sizeText(l.rubricBytes)}${l.withData ? `，数据 ${sizeText(l.dataBytes)}` : ""}（压缩后）
      </div>
      ${l.url.length > LONG_LINK ? html`<div class="warn">链接很长，部分邮件和聊天软件可能截断；可以不附带数据，或把数据文件单独发送。</div>` : nothing}
      <div class="hint">数据只在链接里，不上传到任何服务器。收到的人以只读方式打开，保存为草稿后才能编辑。</div>
      <div class="buttons"><button type="button" @click=${() => this.emit("share-close", null)}>取消</button><button class="primary" type="button" @click=${() => this.emit("share-copy", null)}>复制链接</button></div>
    </section>`;
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-share-dialog": ZsShareDialog;
  }
}
