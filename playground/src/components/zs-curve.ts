/**
 * The 曲线 panel (loaded lazily): the score of the indicator under the cursor against its input,
 * with each threshold marked: a filled dot where the threshold value belongs to its band
 * (以上、达到 …), a hollow one where it does not (超过、不足 …).
 */
import { LitElement, css, html, svg } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Curve } from "@zhunsheng/language-service";

const W = 640;
const H = 220;
const M = { l: 44, r: 16, t: 12, b: 40 };

/** Round tick values (1, 2 or 5 × 10^k apart) covering [lo, hi]. */
function niceTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let x = Math.ceil(lo / step) * step; x <= hi + 1e-9; x += step) out.push(+x.toFixed(6));
  return out;
}

@customElement("zs-curve")
export class ZsCurve extends LitElement {
  @property({ attribute: false }) curve: Curve | undefined;

  static override styles = css`
    :host { display: block; font-size: 13px; padding: 6px 12px; }
    .title { font-weight: 600; }
    .muted { color: var(--zs-muted); }
    svg { width: 100%; max-width: 900px; height: auto; font-family: var(--zs-font); }
    ul { margin: 4px 0; padding-left: 18px; }
  `;

  override render() {
    const c = this.curve;
    if (!c || c.points.length === 0) return html`<div class="muted">把光标放在一个指标的计分句上，这里显示该指标得分随输入变化的曲线。</div>`;
    const xs = c.points.map((p) => p.x);
    const ys = c.points.map((p) => p.y);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs) === x0 ? x0 + 1 : Math.max(...xs);
    const y1 = Math.max(Number(c.max ?? 0), ...ys, 1);
    const px = (x: number) => M.l + ((x - x0) / (x1 - x0)) * (W - M.l - M.r);
    const py = (y: number) => H - M.b - (y / y1) * (H - M.t - M.b);
    // piecewise constant between samples except where the score moves linearly; draw as steps
    let d = "";
    c.points.forEach((p, i) => {
      const prev = c.points[i - 1];
      if (!prev) d += `M${px(p.x)},${py(p.y)}`;
      else if (p.x - prev.x <= (x1 - x0) / 200) d += `L${px(p.x)},${py(p.y)}`;
      else d += `L${px(p.x)},${py(prev.y)}L${px(p.x)},${py(p.y)}`;
    });
    const yAt = (x: number) => c.points.find((p) => p.x === x)?.y ?? 0;
    const ticks = niceTicks(x0, x1);
    return html`<div><span class="title">${c.indicator}</span> <span class="muted">得分随「${c.input}」变化（满分${c.max ?? "—"}分；只计该指标中以此输入计分的句子）</span></div>
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${c.indicator}的得分曲线`}>
        ${svg`<line x1=${M.l} y1=${H - M.b} x2=${W - M.r} y2=${H - M.b} stroke="#999"/>
        <line x1=${M.l} y1=${M.t} x2=${M.l} y2=${H - M.b} stroke="#999"/>
        ${[0, y1 / 2, y1].map((y) => svg`<text x=${M.l - 6} y=${py(y) + 4} text-anchor="end" font-size="11" fill="#666">${+y.toFixed(2)}</text>`)}
        ${ticks.map((x) => svg`<text x=${px(x)} y=${H - M.b + 16} text-anchor="middle" font-size="11" fill="#666">${+x.toFixed(2)}</text>`)}
        <text x=${W - M.r} y=${H - 2} text-anchor="end" font-size="11" fill="#666">${c.input}${c.unit ? `（${c.unit}）` : ""}</text>
        ${c.thresholds.map((t) => svg`<line x1=${px(t.x)} y1=${M.t} x2=${px(t.x)} y2=${H - M.b} stroke="#c72e0f" stroke-dasharray="3 3"/>`)}
        <path d=${d} fill="none" stroke="#005fb8" stroke-width="2"/>
        ${c.thresholds.map((t) => svg`<circle cx=${px(t.x)} cy=${py(yAt(t.x))} r="4" stroke="#c72e0f" stroke-width="1.5" fill=${t.closed ? "#c72e0f" : "#fff"}><title>${t.label}：${t.xText}${t.closed ? "（含）" : "（不含）"}</title></circle>`)}`}
      </svg>
      <ul>
        ${c.thresholds.map((t) => html`<li>${t.label}：${t.closed ? "●" : "○"} ${t.xText}${c.unit ?? ""} ${t.closed ? "本身属于该档（含）" : "本身不属于该档（不含）"}，此处得 ${yAt(t.x)} 分</li>`)}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "zs-curve": ZsCurve;
  }
}
