/**
 * `bulletin.generate`: the supervision bulletin (督查通报) for a period, computed from the tasks,
 * rendered as printable HTML and stored as a file in the forms file store; the result (the file
 * reference and the figures) is mapped into the case data like an uploaded attachment.
 */
import type { StoredFile } from '../../forms/server/file-store.js';
import { definePlugin } from '../define-plugin.js';
import type { PluginHost } from '../host.js';
import { computeBulletin } from './compute.js';
import { renderBulletin } from './render.js';

export { computeBulletin, type UnitFigures } from './compute.js';
export { renderBulletin } from './render.js';

interface Params {
  from: string;
  to: string;
  title?: string;
  issuer?: string;
  definitions?: string[];
  note?: string;
}

export function bulletinPlugin(host: Pick<PluginHost, 'db' | 'files'>) {
  return definePlugin({
    name: 'bulletin',
    version: '1.0.0',
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
          // Dates are office days (UTC+8); `to` is inclusive.
          const from = new Date(`${p.from}T00:00:00+08:00`);
          const to = new Date(new Date(`${p.to}T00:00:00+08:00`).getTime() + 86_400_000);
          const now = ctx.now();
          const figures = await computeBulletin(host.db, { from, to, asOf: now < to ? now : to, ...(p.definitions ? { definitions: p.definitions } : {}) });
          const title = p.title ?? `督查通报（${p.from} 至 ${p.to}）`;
          const html = renderBulletin({ title, issuer: p.issuer ?? '县人民政府督查室', period: { from: p.from, to: p.to }, generatedAt: now.toISOString(), figures, ...(p.note ? { note: p.note } : {}) });
          const file = await host.files.put(Buffer.from(html, 'utf8'), { name: `${title}.html`, mime: 'text/html' });
          const result = { file, units: figures.map(({ unitId, unit, onTime, late, missing, rate, rank }) => ({ unitId, unit, onTime, late, missing, rate, rank })) };
          await host.db.execute('INSERT INTO plugin_effect (key, result, at) VALUES ($1, $2, now()) ON CONFLICT (key) DO NOTHING', [effect, result]);
          return result;
        },
      },
    },
  });
}
