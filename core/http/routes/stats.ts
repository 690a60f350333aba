/**
 * Supervision statistics (督查统计) over HTTP: the route parses the query, works out which units the
 * caller may see and calls the statistics service (`core/measures/`), where every measure, the
 * unit attribution, the ranking, the period's time-zone maths and the CSV live (docs/measures.md).
 */
import type { Context } from 'hono';
import { loadUnits, statsScope } from '../../measures/access.js';
import { periodOf } from '../../measures/period.js';
import { computeStats } from '../../measures/stats-service.js';
import { statsCsv } from '../../measures/stats-csv.js';
import type { AppEnv } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { Stats } from '../schemas/misc.js';
import { definitionKey, language } from '../schemas/common.js';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: DATE },
    to: { type: 'string', pattern: DATE },
    unit: { type: 'string', minLength: 1, maxLength: 100 },
    definition: definitionKey,
    /** A built-in measure (completionRate, onTimeRate, overdueNow…) or one of the workflow's custom measures. */
    rankBy: { type: 'string', pattern: '^[a-z][A-Za-z0-9]{0,39}$' },
    /** Read by the language middleware; allowed here so a download link can choose it. */
    lang: language,
  },
} as const;

interface StatsQuery {
  from?: string;
  to?: string;
  unit?: string;
  definition?: string;
  rankBy?: string;
}

export function statsRoutes(s: AppServices): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/stats',
      tag: 'stats',
      access: 'user',
      summary: i18n(
        '督查统计：受理、办结、办结率、按期率、超期、平均办理工作日、自定义指标、流程漏斗、按任一指标的单位排名',
        'Supervision statistics: opened, closed, completion and on-time rates, overdue, working days, custom measures, funnels, unit rankings by any measure',
      ),
      response: Stats,
      errors: ['stats.forbidden', 'stats.unit_out_of_scope', 'stats.invalid_period', 'stats.unknown_measure', 'directory.unit_not_found'],
      query,
      handler: async (c, { query: q }) => c.json(await stats(s, c, q)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stats/export',
      tag: 'stats',
      access: 'user',
      summary: i18n('导出统计表 CSV（Excel 可直接打开）', 'Export a statistics table as CSV (opens in Excel)'),
      responseSpec: {
        contentType: 'text/csv',
        schema: { type: 'string', description: 'UTF-8 with a BOM (Excel reads it as UTF-8)' },
        headers: { 'Content-Disposition': { description: 'attachment; filename="chancery-stats-<table>-<from>-<to>.csv"', schema: { type: 'string' } } },
      },
      errors: ['stats.forbidden', 'stats.unit_out_of_scope', 'stats.invalid_period', 'stats.unknown_measure', 'directory.unit_not_found'],
      query: { ...query, properties: { ...query.properties, table: { enum: ['units', 'handlers', 'workflows'] } } },
      handler: async (c, { query: q }) => {
        const report = await stats(s, c, q);
        const table = q.table ?? 'units';
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="chancery-stats-${table}-${report.period.from}-${report.period.to}.csv"`);
        // The BOM makes Excel read the file as UTF-8 (Chinese names stay readable).
        return c.body(`\uFEFF${statsCsv(report, table, c.get('lang') ?? c.get('actor').lang)}`);
      },
    }),
  ];
}

async function stats(s: AppServices, c: Context<AppEnv>, q: StatsQuery) {
  const now = s.clock();
  const calendar = s.calendar('cn');
  const units = await loadUnits(s.db);
  const { scope, unit } = await statsScope(s.db, c.get('actor'), units, q.unit);
  const period = periodOf(q, now, calendar.timeZone);
  return computeStats(s.db, { period, now, calendar, units, scope, unit, definition: q.definition, rankBy: q.rankBy });
}
