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

export interface ChartHandle { update(categories: string[], series: BarSeries[], horizontal: boolean, percent: boolean): void; dispose(): void; resize(): void }

/** A bar chart in `el` (categories along one axis, one bar per series). */
export function barChart(el: HTMLElement): ChartHandle {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  return {
    update(categories, series, horizontal, percent) {
      const value = { type: 'value' as const, max: percent ? 100 : undefined, axisLabel: { formatter: percent ? '{value}%' : '{value}' } };
      const category = { type: 'category' as const, data: categories, axisLabel: { interval: 0, width: 96, overflow: 'truncate' as const } };
      chart.setOption({
        aria: { enabled: true },
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : percent ? `${v}%` : String(v)) },
        legend: { top: 0 },
        grid: { left: 8, right: 36, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? { ...category, inverse: true } : value,
        series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, itemStyle: { color: s.color }, barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top', formatter: percent ? '{c}%' : '{c}' } })),
      }, true);
    },
    dispose: () => chart.dispose(),
    resize: () => chart.resize(),
  };
}
