/**
 * ECharts, trimmed to what the dashboard draws: bar charts (per-unit rates, funnels) rendered to
 * SVG. Importing from `echarts/core` with only these parts keeps the chunk small; the module is
 * loaded lazily by the dashboard.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { figureText, NO_FIGURE, type BarSeries } from './chart-text.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface ChartHandle {
  /** Draws the bars; `description` is what a screen reader hears for the whole chart (the figures as the table shows them). */
  update(categories: string[], series: BarSeries[], horizontal: boolean, percent: boolean, description: string): void;
  dispose(): void;
  resize(): void;
}

/** A bar chart in `el` (categories along one axis, one bar per series). */
export function barChart(el: HTMLElement): ChartHandle {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  return {
    update(categories, series, horizontal, percent, description) {
      const value = { type: 'value' as const, max: percent ? 100 : undefined, axisLabel: { formatter: percent ? '{value}%' : '{value}' } };
      // Category names are read whole: wide enough for a step or unit name, wrapped rather than cut.
      const category = {
        type: 'category' as const,
        data: categories,
        axisLabel: { interval: 0, width: horizontal ? 150 : 96, overflow: 'break' as const, fontSize: 13 },
      };
      // No figure (nothing to rate) is drawn as the table shows it: a bar of no length labelled "—",
      // neither an empty gap nor a 0 (the tooltip and the description say "—" too).
      const points = (s: BarSeries) => s.values.map((v) => (v === null ? { value: 0, label: { show: true, formatter: NO_FIGURE } } : v));
      chart.setOption(
        {
          aria: { enabled: true, label: { description } },
          animation: false,
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 8, right: 36, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
          xAxis: horizontal ? value : category,
          yAxis: horizontal ? { ...category, inverse: true } : value,
          series: series.map((s) => ({
            type: 'bar',
            name: s.name,
            data: points(s),
            itemStyle: { color: s.color },
            barMaxWidth: 28,
            label: { show: true, position: horizontal ? 'right' : 'top', formatter: percent ? '{c}%' : '{c}' },
            tooltip: { valueFormatter: (_v: unknown, i: number) => figureText(s.values[i] ?? null, percent) },
          })),
        },
        true,
      );
    },
    dispose: () => chart.dispose(),
    resize: () => chart.resize(),
  };
}
