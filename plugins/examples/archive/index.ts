/**
 * An example third-party plugin, the shape a county's own developers would publish to npm as
 * `chancery-plugin-archive`: one action that registers a finished document with the archive
 * (电子档案归档) and returns its archive number.
 *
 * What it shows: a parameter schema (checked when a definition is published, and rendered as a
 * form by the designer), a result schema (what `result` mappings point into), a retry policy, a
 * secret granted by name, the AbortSignal, and honouring the idempotency key — the archive number
 * is derived from it, so every retry of one request gets the same number.
 *
 * Use it: `chancery.config.json` → `{ "plugins": ["chancery-plugin-archive"] }` (or a path), then
 * in a definition:
 *
 *   "entry": [{ "action": "archive.register",
 *               "with": { "category": "WS", "retention": "30年", "title": "{{data.draft.subject}}" },
 *               "result": { "archive.number": "/archiveNo" } }]
 */
import { createHash } from 'node:crypto';
import { definePlugin, PermanentActionError } from '../../define-plugin.js';

const CATEGORIES = { WS: '文书', KJ: '会计', SX: '声像', ZP: '照片' } as const;

export default definePlugin({
  name: 'archive',
  version: '1.0.0',
  title: { 'zh-CN': '电子档案归档', en: 'Records archive' },
  actions: {
    register: {
      title: { 'zh-CN': '登记归档', en: 'Register with the archive' },
      description: { 'zh-CN': '把办结的公文登记到档案系统，返回档号', en: 'Registers a finished document with the archive and returns its archive number' },
      params: {
        type: 'object',
        additionalProperties: false,
        required: ['category', 'retention', 'title'],
        properties: {
          category: { enum: Object.keys(CATEGORIES), title: '门类 / Category' },
          retention: { enum: ['永久', '30年', '10年'], title: '保管期限 / Retention' },
          title: { type: 'string', minLength: 1, maxLength: 200, title: '题名 / Title' },
          fonds: { type: 'string', pattern: '^[A-Z0-9]{1,10}$', default: 'X001', title: '全宗号 / Fonds' },
          /** Name of a secret granted to `archive` (the archive system's token), if it needs one. */
          tokenSecret: { type: 'string' },
        },
      },
      result: {
        type: 'object',
        required: ['archiveNo', 'category'],
        properties: { archiveNo: { type: 'string' }, category: { type: 'string' }, retention: { type: 'string' } },
      },
      retry: { limit: 3, delaySeconds: 5 },
      timeoutMs: 10_000,
      async run({ params, idempotencyKey, signal, log, secret, now }) {
        const p = params as { category: keyof typeof CATEGORIES; retention: string; title: string; fonds?: string; tokenSecret?: string };
        if (signal.aborted) throw signal.reason;
        if (p.tokenSecret) await secret(p.tokenSecret); // would authenticate to the archive system
        if (p.title.trim() === '') throw new PermanentActionError('an empty title cannot be archived');
        // Same request → same number: derived from the idempotency key, never from a counter.
        const item = parseInt(createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 6), 16) % 100_000;
        const archiveNo = `${p.fonds ?? 'X001'}-${p.category}·${now().getUTCFullYear()}-${p.retention === '永久' ? 'Y' : p.retention === '30年' ? 'D30' : 'D10'}-${String(item).padStart(5, '0')}`;
        log.info('registered with the archive / 已登记归档', { archiveNo, category: CATEGORIES[p.category] });
        return { archiveNo, category: CATEGORIES[p.category], retention: p.retention };
      },
    },
  },
});
