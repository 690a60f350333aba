/**
 * ECharts, trimmed to what the dashboard draws: bar charts (per-unit rates, funnels) rendered to
 * SVG. Importing from `echarts/core` with only these parts keeps the chunk small; the module is
 * loaded lazily by the dashboard.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface BarSeries { name: string; values: Array<number | null>; color: string }

export interface ChartHandle { update(categories: string[], series: BarSeries[], horizontal: boolean, percent: boolean, empty?: string): void; dispose(): void; resize(): void }

/** A bar chart in `el` (categories along one axis, one bar per series). */
export function barChart(el: HTMLElement): ChartHandle {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  return {
    update(categories, series, horizontal, percent, empty = '—') {
      const value = { type: 'value' as const, max: percent ? 100 : undefined, axisLabel: { formatter: percent ? '{value}%' : '{value}' } };
      // Category names are read whole: wide enough for a step or unit name, wrapped rather than cut.
      const category = { type: 'category' as const, data: categories, axisLabel: { interval: 0, width: horizontal ? 150 : 96, overflow: 'break' as const, fontSize: 13 } };
      // No figure (nothing to rate) is drawn as the table shows it: "—", not an empty gap.
      const points = (s: BarSeries) => s.values.map((v) => (v === null ? { value: 0, label: { show: true, formatter: empty } } : v));
      chart.setOption({
        aria: { enabled: true },
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : percent ? `${v}%` : String(v)) },
        legend: { top: 0 },
        grid: { left: 8, right: 36, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? { ...category, inverse: true } : value,
        series: series.map((s) => ({ type: 'bar', name: s.name, data: points(s), itemStyle: { color: s.color }, barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top', formatter: percent ? '{c}%' : '{c}' } })),
      }, true);
    },
    dispose: () => chart.dispose(),
    resize: () => chart.resize(),
  };
}
