/**
 * Bar charts for the 对比 and 影响 views. ECharts, tree-shaken in ./echarts-setup.ts, is loaded
 * on first use through a dynamic import, so the editor's first load does not carry it.
 */
import type { EChartsType } from "echarts/core";

export interface BarSeries {
  name: string;
  values: number[];
}

export interface BarChartSpec {
  categories: string[];
  series: BarSeries[];
  /** Axis unit shown on the value axis (「%」, 「个平台」). */
  unit: string;
  horizontal?: boolean;
}

const loadECharts = () => import("./echarts-setup.ts");

const PALETTE = ["#005fb8", "#d9730d", "#2f9e44", "#ae3ec9", "#c72e0f"];

/** Draws (or redraws) a grouped bar chart into `host`; returns the chart for disposal. */
export async function drawBars(host: HTMLElement, spec: BarChartSpec, existing?: EChartsType): Promise<EChartsType> {
  const { init } = await loadECharts();
  const chart = existing ?? init(host, undefined, { renderer: "svg" });
  const category = { type: "category" as const, data: spec.categories, axisLabel: { interval: 0, width: 72, overflow: "break" as const, fontSize: 11 } };
  const value = { type: "value" as const, name: spec.unit, axisLabel: { fontSize: 11 } };
  chart.setOption(
    {
      color: PALETTE,
      textStyle: { fontFamily: getComputedStyle(document.documentElement).getPropertyValue("--zs-font").trim() || "sans-serif" },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: spec.horizontal ? 110 : 48, right: 24, top: 36, bottom: spec.horizontal ? 24 : 48, containLabel: false },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? { ...category, inverse: true } : value,
      series: spec.series.map((s) => ({ type: "bar" as const, name: s.name, data: s.values, barMaxWidth: 28 })),
    },
    true,
  );
  return chart;
}
