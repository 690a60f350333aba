/**
 * `bulletin.generate`: the supervision bulletin (督查通报) for a period: the handling units (or the
 * receiving units) ranked exactly as the dashboard ranks them — the same statistics service
 * (`computeStats` from core's public entry), the same measures, the same attribution, the same
 * business calendar — rendered as printable HTML and stored as a file in the forms file store; the
 * result (the file reference and the figures) is mapped into the case data like an uploaded attachment.
 */
import { computeStats, loadUnits, periodOf } from '../../core/index.js';
import type { StoredFile } from '../host.js';
import { definePlugin } from '../define-plugin.js';
import type { PluginHost } from '../host.js';
import { renderBulletin } from './render.js';

interface Params {
  from: string;
  to: string;
  title?: string;
  issuer?: string;
  definitions?: string[];
  table?: 'handlers' | 'units';
  rankBy?: string;
  note?: string;
}

export function bulletinPlugin(host: Pick<PluginHost, 'db' | 'files' | 'calendar'>) {
  return definePlugin({
    name: 'bulletin',
    version: '2.0.0',
    title: { 'zh-CN': '督查通报', en: 'Supervision bulletins' },
    actions: {
      generate: {
        title: { 'zh-CN': '生成督查通报', en: 'Generate a supervision bulletin' },
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: { type: 'string', format: 'date', title: '起始日期 / From' },
            to: { type: 'string', format: 'date', title: '截止日期（含） / To (inclusive)' },
            title: { type: 'string', maxLength: 200 },
            issuer: { type: 'string', maxLength: 100 },
            definitions: { type: 'array', items: { type: 'string' } },
            table: { enum: ['handlers', 'units'], title: '排名对象：承办单位（默认）或受理单位 / Rank handling units (default) or receiving units' },
            rankBy: { type: 'string', pattern: '^[a-z][A-Za-z0-9]{0,39}$', title: '排名指标（默认按期率）/ Measure to rank by (default: on-time rate)' },
            note: { type: 'string', maxLength: 5000 },
          },
        },
        result: { type: 'object', required: ['file'], properties: { file: { type: 'object' }, units: { type: 'array' } } },
        timeoutMs: 120_000,
        async run(ctx) {
          const p = ctx.params as unknown as Params;
          const effect = `bulletin:${ctx.idempotencyKey}`;
          const [done] = await host.db.execute<{ result: { file: StoredFile; units: unknown[] } }>('SELECT result FROM plugin_effect WHERE key = $1', [effect]);
          if (done) return done.result;
          const now = ctx.now();
          const calendar = host.calendar('cn');
          const stats = await computeStats(host.db, {
            period: periodOf({ from: p.from, to: p.to }, now, calendar.timeZone),
            now,
            calendar,
            units: await loadUnits(host.db),
            scope: null,
            ...(p.definitions?.length ? { definitions: p.definitions } : {}),
            ...(p.rankBy ? { rankBy: p.rankBy } : {}),
          });
          const table = p.table ?? 'handlers';
          const rows = stats[table];
          const title = p.title ?? `督查通报（${p.from} 至 ${p.to}）`;
          const html = renderBulletin({
            title,
            issuer: p.issuer ?? '县人民政府督查室',
            period: { from: p.from, to: p.to },
            generatedAt: now.toISOString(),
            table,
            rows,
            measures: stats.measures.filter((m) => m.table === table),
            ...(p.note ? { note: p.note } : {}),
          });
          const file = await host.files.put(Buffer.from(html, 'utf8'), { name: `${title}.html`, mime: 'text/html' });
          const units = rows.map((r) => ({
            unitId: r.unit.id,
            unit: r.unit.name,
            rank: r.rank,
            opened: r.opened,
            closed: r.closed,
            onTime: r.onTime,
            late: r.late,
            overdueNow: r.overdueNow,
            completionRate: r.completionRate,
            onTimeRate: r.onTimeRate,
            avgWorkingDays: r.avgWorkingDays,
            custom: r.custom,
          }));
          const result = { file, rankBy: stats.rankBy, units };
          await host.db.execute('INSERT INTO plugin_effect (key, result, at) VALUES ($1, $2, now()) ON CONFLICT (key) DO NOTHING', [effect, result]);
          return result;
        },
      },
    },
  });
}
