/**
 * What the dashboard's bar charts say in words: each figure as its bar's label, the tooltip and
 * the chart's accessible description say it — `50%`, `3`, or "—" where there is nothing to
 * divide by, as the tables show it. No ECharts here: the dashboard builds the description before
 * the chart module is loaded.
 */
import type { Lang } from '../shared/i18n.js';
import { colon } from '../shared/i18n.js';

export interface BarSeries {
  name: string;
  values: Array<number | null>;
  color: string;
}

/** No figure (nothing to divide by), as the tables show it. */
export const NO_FIGURE = '—';

export function figureText(v: number | null, percent: boolean): string {
  return v === null ? NO_FIGURE : percent ? `${v}%` : String(v);
}

/**
 * The chart read out: its title, then each category with every series' figure.
 *
 * @example
 * describeBars('zh-CN', '各单位办结率', ['综合科'], [{ name: '办结率', values: [null], color: '' }], true)
 * // '各单位办结率。综合科：办结率 —'
 */
export function describeBars(lang: Lang, title: string, categories: string[], series: BarSeries[], percent: boolean): string {
  const [stop, comma, semi] = lang === 'en' ? ['. ', ', ', '; '] : ['。', '，', '；'];
  const rows = categories.map((c, i) => `${c}${colon(lang)}${series.map((s) => `${s.name} ${figureText(s.values[i] ?? null, percent)}`).join(comma)}`);
  return `${title}${stop}${rows.join(semi)}`;
}
