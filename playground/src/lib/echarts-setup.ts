/**
 * ECharts tree-shaken to what the workbench draws: bar charts with grid, tooltip and legend,
 * drawn as SVG. Imported only dynamically (lib/charts.ts).
 */
import { init, use } from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { init };
