/**
 * `numbering.assign`: document numbers (文号) per document type and year, e.g. 县政办发〔2026〕12号.
 * The counter row is incremented and the number written to the ledger in one transaction, so
 * numbers are unique and gap-free under any concurrency (a rolled-back sign-off takes its number
 * back), and the same request always gets the same number.
 */
import type { Database } from '../../core/index.js';
import { definePlugin } from '../define-plugin.js';
import type { PluginHost } from '../host.js';

export const DEFAULT_NUMBER_TEMPLATE = '{type}〔{year}〕{seq}号';

export interface IssuedNumber {
  number: string;
  type: string;
  year: number;
  seq: number;
}

/** The calendar year at `now` in the office's time zone (Asia/Shanghai by default). */
export function yearAt(now: Date, timeZone = 'Asia/Shanghai'): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(now));
}

export function formatNumber(template: string, n: { type: string; year: number; seq: number }, pad = 0): string {
  return template
    .replace(/\{type\}/g, n.type)
    .replace(/\{year\}/g, String(n.year))
    .replace(/\{seq\}/g, String(n.seq).padStart(pad, '0'));
}

/**
 * Issues the next number of `type` in `year` for `key`, or the one `key` already got.
 *
 * @example
 * await issueNumber(db, { type: '县政办发', year: 2026, key: `${instanceId}:a3` }); // { number: '县政办发〔2026〕12号', seq: 12, ... }
 */
export async function issueNumber(
  db: Database,
  input: { type: string; year: number; key: string; instanceId?: string; template?: string; pad?: number },
): Promise<IssuedNumber> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [had] = await tx.execute<{ number: string; doc_type: string; year: number; seq: number }>(
          'SELECT number, doc_type, year, seq FROM doc_number WHERE idempotency_key = $1',
          [input.key],
        );
        if (had) return { number: had.number, type: had.doc_type, year: had.year, seq: had.seq };
        // The upsert locks the counter row until commit: concurrent issuers of this type and year queue here.
        const [row] = await tx.execute<{ last: number }>(
          `INSERT INTO doc_number_counter (doc_type, year, last) VALUES ($1, $2, 1)
           ON CONFLICT (doc_type, year) DO UPDATE SET last = doc_number_counter.last + 1 RETURNING last`,
          [input.type, input.year],
        );
        const seq = row!.last;
        const number = formatNumber(input.template ?? DEFAULT_NUMBER_TEMPLATE, { type: input.type, year: input.year, seq }, input.pad ?? 0);
        await tx.execute('INSERT INTO doc_number (doc_type, year, seq, number, idempotency_key, instance_id) VALUES ($1, $2, $3, $4, $5, $6)', [
          input.type,
          input.year,
          seq,
          number,
          input.key,
          input.instanceId ?? null,
        ]);
        return { number, type: input.type, year: input.year, seq };
      });
    } catch (e) {
      // The same key issued concurrently (a duplicate delivery): that transaction rolled back; read the winner's number.
      if ((e as { code?: string }).code === '23505' && attempt < 3) continue;
      if (/duplicate key|unique/i.test(String((e as Error).message)) && attempt < 3) continue;
      throw e;
    }
  }
}

export function numberingPlugin(host: Pick<PluginHost, 'db' | 'settings'>) {
  return definePlugin({
    name: 'numbering',
    version: '1.0.0',
    title: { 'zh-CN': '发文编号', en: 'Document numbering' },
    actions: {
      assign: {
        title: { 'zh-CN': '分配文号', en: 'Assign a document number' },
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: {
            type: { type: 'string', minLength: 1, maxLength: 40, title: '文种代字 / Document type (e.g. 县政办发)' },
            year: { type: 'integer', minimum: 2000, maximum: 2100 },
            template: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\{seq\\}' },
            pad: { type: 'integer', minimum: 0, maximum: 6 },
          },
        },
        result: {
          type: 'object',
          required: ['number', 'seq', 'year', 'type'],
          properties: { number: { type: 'string' }, seq: { type: 'integer' }, year: { type: 'integer' }, type: { type: 'string' } },
        },
        retry: { limit: 5, delaySeconds: 1 },
        async run(ctx) {
          const p = ctx.params as { type: string; year?: number; template?: string; pad?: number };
          const year = p.year ?? yearAt(ctx.now(), host.settings.numbering?.timeZone);
          const template = p.template ?? host.settings.numbering?.template;
          return issueNumber(host.db, {
            type: p.type,
            year,
            key: ctx.idempotencyKey,
            instanceId: ctx.instance.id,
            ...(template ? { template } : {}),
            ...(p.pad !== undefined ? { pad: p.pad } : {}),
          });
        },
      },
    },
  });
}
