/**
 * A sash between two parts of the layout (VS Code's name): drag it, or focus it and use the
 * arrow keys, to resize the part before (vertical sash: the side bar) or after it (horizontal
 * sash: the panel). It reports deltas in pixels; the workbench clamps and stores the size.
 */
import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

const STEP = 16;

@customElement("zs-sash")
export class ZsSash extends LitElement {
  /** vertical: a line between side bar and editor (drag left/right); horizontal: above the panel. */
  @property({ reflect: true }) orientation: "vertical" | "horizontal" = "vertical";
  @property() label = "";
  /** The current size, for assistive technology. */
  @property({ type: Number }) value = 0;
  #last = 0;

  static override styles = css`
    :host { flex: none; position: relative; z-index: 3; outline: none; }
    :host([orientation="vertical"]) { width: 4px; margin: 0 -2px; cursor: ew-resize; }
    :host([orientation="horizontal"]) { height: 4px; margin: -2px 0; cursor: ns-resize; }
    :host(:hover), :host(:focus-visible), :host(.dragging) { background: var(--zs-accent); }
  `;

  override connectedCallback() {
    super.connectedCallback();
    this.tabIndex = 0;
    this.setAttribute("role", "separator");
    this.addEventListener("pointerdown", this.onDown);
    this.addEventListener("keydown", this.onKey);
  }

  protected override updated() {
    this.setAttribute("aria-orientation", this.orientation);
    this.setAttribute("aria-label", this.label);
    this.setAttribute("aria-valuenow", String(Math.round(this.value)));
  }

  override render() {
    return html``;
  }

  private coordinate(e: PointerEvent): number {
    return this.orientation === "vertical" ? e.clientX : e.clientY;
  }

  private onDown = (e: PointerEvent) => {
    e.preventDefault();
    this.setPointerCapture(e.pointerId);
    this.classList.add("dragging");
    this.#last = this.coordinate(e);
    const move = (ev: PointerEvent) => {
      const at = this.coordinate(ev);
      this.emit(at - this.#last);
      this.#last = at;
    };
    const up = () => {
      this.classList.remove("dragging");
      this.removeEventListener("pointermove", move);
      this.removeEventListener("pointerup", up);
      this.removeEventListener("pointercancel", up);
    };
    this.addEventListener("pointermove", move);
    this.addEventListener("pointerup", up);
    this.addEventListener("pointercancel", up);
  };

  private onKey = (e: KeyboardEvent) => {
    const forward = this.orientation === "vertical" ? "ArrowRight" : "ArrowDown";
    const back = this.orientation === "vertical" ? "ArrowLeft" : "ArrowUp";
    if (e.key !== forward && e.key !== back) return;
    e.preventDefault();
    this.emit(e.key === forward ? STEP : -STEP);
  };

  private emit(delta: number) {
    if (delta !== 0) this.dispatchEvent(new CustomEvent("sash-move", { detail: delta, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-sash": ZsSash;
  }
}
