/** Test plugins and waiting helpers for the plugin tests. */
import { definePlugin } from '../../plugins/define-plugin.js';
import type { TestServer } from '../support/server.js';

/** Polls `read` until `done` holds (actions run in the background worker). */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 40_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

export async function caseRow(s: Pick<TestServer, 'db'>, id: string) {
  const [row] = await s.db.execute<{ status: string; state: string; data: Record<string, unknown> }>('SELECT status, state, data FROM instance WHERE id = $1', [
    id,
  ]);
  return row!;
}

/**
 * A bookkeeping system reached by the `ledger.post` action: it books each idempotency key once.
 * `failAfterWrite` tries fail after the booking went through (the worst case for duplicates).
 */
export function ledgerPlugin(options: { failAfterWrite?: number; failAlways?: boolean; retry?: { limit: number; delaySeconds: number } } = {}) {
  const booked = new Map<string, number>();
  const state = { calls: 0, failuresLeft: options.failAfterWrite ?? 0, failAlways: options.failAlways ?? false, keys: [] as string[] };
  const plugin = definePlugin({
    name: 'ledger',
    version: '1.0.0',
    actions: {
      post: {
        params: { type: 'object', required: ['amount'], additionalProperties: false, properties: { amount: { type: 'number', minimum: 0 } } },
        result: { type: 'object', required: ['receipt'], properties: { receipt: { type: 'string' } } },
        retry: options.retry ?? { limit: 3, delaySeconds: 1 },
        async run({ params, idempotencyKey }) {
          state.calls++;
          state.keys.push(idempotencyKey);
          if (state.failAlways) throw new Error('ledger unreachable / 记账系统无法访问');
          if (!booked.has(idempotencyKey)) booked.set(idempotencyKey, params.amount as number);
          if (state.failuresLeft > 0) {
            state.failuresLeft--;
            throw new Error('connection reset after the booking');
          }
          return { receipt: `R-${[...booked.keys()].indexOf(idempotencyKey) + 1}` };
        },
      },
    },
  });
  return { plugin, booked, state };
}

export const ledgerCase = (key: string, onFailed: 'handled' | 'unhandled' = 'handled') => ({
  key,
  title: { 'zh-CN': '记账', en: 'Booking' },
  initial: 'post',
  states: {
    post: {
      entry: [{ action: 'ledger.post', with: { amount: '{{data.amount}}' }, result: { 'booking.receipt': '/receipt' } }],
      on: { 'action.done': 'posted', ...(onFailed === 'handled' ? { 'action.failed': 'failed' } : {}), cancel: 'failed' },
    },
    posted: { title: { 'zh-CN': '已记账', en: 'Booked' }, final: true },
    failed: { title: { 'zh-CN': '记账失败', en: 'Booking failed' }, final: true, result: 'rejected' as const },
  },
});
