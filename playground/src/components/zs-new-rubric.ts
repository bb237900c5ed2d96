/**
 * 新建评价体系: 地区, 年度, 平台类型 and 满分 for a new rubric from the skeleton, or a pointer to
 * 发布前检查's import for one made from a published table. A modal dialog; Escape cancels.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { NewRubricFields } from "../state/lineage.ts";

@customElement("zs-new-rubric")
export class ZsNewRubric extends LitElement {
  @property({ type: Boolean, reflect: true }) open = false;

  static override styles = css`
    :host { display: none; position: fixed; inset: 0; z-index: 100; background: #0003; }
    :host([open]) { display: grid; place-items: start center; }
    form { margin-top: 80px; background: #fff; padding: 16px 20px; border-radius: 6px; box-shadow: 0 4px 16px #0004; width: min(460px, 90vw); font-size: 13px; display: grid; gap: 10px; }
    h2 { font-size: 15px; margin: 0 0 4px; }
    label { display: grid; grid-template-columns: 6em 1fr; align-items: center; gap: 8px; }
    input { font: inherit; padding: 3px 6px; border: 1px solid var(--zs-border); }
    .buttons { display: flex; gap: 8px; justify-content: flex-end; }
    button { font: inherit; padding: 3px 12px; cursor: pointer; }
    button.primary { background: var(--zs-accent); color: #fff; border: 1px solid var(--zs-accent); }
    .hint { color: var(--zs-muted); font-size: 12px; }
    .link { all: unset; color: var(--zs-accent); cursor: pointer; }
  `;

  override render() {
    const year = String(new Date().getFullYear() + 1);
    return html`<form role="dialog" aria-modal="true" aria-labelledby="new-rubric-title" @submit=${this.submit} @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.close()}>
      <h2 id="new-rubric-title">新建评价体系</h2>
      <label>地区<input name="region" required placeholder="例如：湖南省" /></label>
      <label>年度<input name="year" required .value=${year} inputmode="numeric" /></label>
      <label>平台类型<input name="platformType" required placeholder="例如：市州综合窗口平台" /></label>
      <label>满分<input name="fullMarks" .value=${"100"} inputmode="decimal" /></label>
      <div class="hint">从空白模板开始（一个示例输入、类别和指标，换成公布表格中的内容）。已有公布的指标表？<button type="button" class="link" @click=${() => this.emit("import-table")}>从表格导入</button></div>
      <div class="buttons"><button type="button" @click=${() => this.close()}>取消</button><button class="primary" type="submit">创建草稿</button></div>
    </form>`;
  }

  protected override updated() {
    if (this.open) this.renderRoot.querySelector<HTMLInputElement>("input[name=region]")?.focus();
  }

  private submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    const fields: NewRubricFields = { region: value("region"), year: value("year"), platformType: value("platformType"), fullMarks: value("fullMarks") };
    this.emit("create-rubric", fields);
    form.reset();
  }

  private close() {
    this.emit("close-dialog");
  }

  private emit(name: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-new-rubric": ZsNewRubric;
  }
}
