/**
 * The statistics tables as CSV (what the dashboard's export button downloads): the receiving
 * units, the handling units, or the workflows' funnels, with the custom measures as extra
 * columns, headers in the caller's language. Pure.
 */
import { toCsv } from './csv.js';
import type { StatsReport, StatsRow } from './stats-service.js';

export type StatsTable = 'units' | 'handlers' | 'workflows';

const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);

/** The table `table` of `stats` as a CSV document (without the BOM). */
export function statsCsv(stats: StatsReport, table: StatsTable, lang: 'zh-CN' | 'en'): string {
  const zh = lang !== 'en';
  const text = (t: unknown) =>
    typeof t === 'string'
      ? t
      : t && typeof t === 'object'
        ? String((t as Record<string, string>)[zh ? 'zh-CN' : 'en'] ?? (t as Record<string, string>)['zh-CN'] ?? '')
        : '';
  const name = (u: { name: string; nameEn: string }) => (zh || !u.nameEn ? u.name : u.nameEn);
  if (table === 'workflows') {
    return toCsv([
      zh ? ['流程', '环节', '到达案件数', '当前停留', '受理', '办结'] : ['Workflow', 'Step', 'Cases reaching', 'There now', 'Opened', 'Closed'],
      ...stats.workflows.flatMap((w) => w.steps.map((st) => [text(w.title), text(st.title), st.reached, st.now, w.opened, w.closed])),
    ]);
  }
  const custom = stats.measures.filter((m) => m.table === table);
  const figures = (r: Omit<StatsRow, 'rank' | 'unit'>) => [
    r.opened,
    r.closed,
    r.withdrawn,
    r.running,
    pct(r.completionRate),
    r.onTime,
    pct(r.onTimeRate),
    r.overdueNow,
    r.avgWorkingDays ?? '',
    ...custom.map((m) => r.custom[m.key] ?? 0),
  ];
  const head = zh
    ? ['排名', table === 'units' ? '受理单位' : '承办单位', '受理', '办结', '撤回', '在办', '办结率', '按期办结', '按期率', '当前超期', '平均办理工作日']
    : [
        'Rank',
        table === 'units' ? 'Receiving unit' : 'Handling unit',
        'Opened',
        'Closed',
        'Withdrawn',
        'Running',
        'Completion rate',
        'Closed on time',
        'On-time rate',
        'Overdue now',
        'Avg working days',
      ];
  const rows = table === 'units' ? stats.units : stats.handlers;
  const lines: unknown[][] = [[...head, ...custom.map((m) => text(m.title))], ...rows.map((r) => [r.rank ?? '', name(r.unit), ...figures(r)])];
  if (table === 'units') lines.push([zh ? '合计' : 'Total', '', ...figures(stats.totals)]);
  return toCsv(lines);
}
