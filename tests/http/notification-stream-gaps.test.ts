/**
 * The live notification stream misses nothing written concurrently: a notification that commits
 * after a higher-numbered one still arrives, and a burst of 50 concurrent CCs arrives whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import type { Tx } from '../../core/persistence/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase, userId } from './helpers.js';

const memo: WorkflowDefinition = {
  key: 'cc-memo',
  title: { 'zh-CN': '便函', en: 'Memo' },
  initial: 'director',
  states: {
    director: { title: '审核', approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' }, on: { approve: 'done', reject: 'done' } },
    done: { final: true },
  },
};

/** Collects the `notification` events of a Server-Sent Events response as they arrive. */
function collect(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: Array<{ id: string; data: { id: string; title: { en: string } } }> = [];
  let buffer = '';
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const waiters: Array<{ until: (n: number) => boolean; done: () => void }> = [];
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
        );
        if (fields.event === 'ready') ready();
        if (fields.event === 'notification') seen.push({ id: fields.id ?? '', data: JSON.parse(fields.data ?? 'null') });
      }
      for (const w of waiters) if (w.until(seen.length)) w.done();
    }
  })();
  return {
    seen,
    ready: isReady,
    /** Resolves once `n` notifications have arrived (the test's own timeout bounds the wait). */
    atLeast: (n: number) => (seen.length >= n ? Promise.resolve() : new Promise<void>((done) => waiters.push({ until: (k) => k >= n, done }))),
    close: async () => {
      await reader.cancel();
      await pump;
    },
  };
}

describe('HTTP: live notifications under concurrency', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, memo);
  });
  afterAll(() => s.close());

  const open = async (username: string) => {
    const res = await s.app.request('/api/notifications/stream', { headers: { authorization: `Bearer ${await s.token(username)}` } });
    expect(res.status).toBe(200);
    const events = collect(res);
    await events.ready;
    return events;
  };

  it.runIf(!!process.env.DATABASE_URL)('delivers a notification that commits after a higher-numbered one was already sent', async () => {
    const events = await open('zongheke2');
    const user = await userId(s, 'zongheke2');
    const insert = (tx: Tx, title: string) =>
      tx.execute(`INSERT INTO notification (id, user_id, kind, title, body, created_at) VALUES ($1, $2, 'info', $3, '{}', now())`, [
        crypto.randomUUID(),
        user,
        { 'zh-CN': title, en: title },
      ]);
    let inserted!: () => void;
    let release!: () => void;
    const slowInserted = new Promise<void>((r) => (inserted = r));
    const held = new Promise<void>((r) => (release = r));
    const slow = s.db.transaction(async (tx) => {
      await insert(tx, 'slow');
      inserted();
      await held; // holds the lower sequence number uncommitted
    });
    await slowInserted;
    await s.db.transaction((tx) => insert(tx, 'fast'));
    await events.atLeast(1);
    expect(events.seen.map((e) => e.data.title.en)).toEqual(['fast']);
    release();
    await slow;
    await events.atLeast(2);
    expect(events.seen.map((e) => e.data.title.en)).toEqual(['fast', 'slow']);
    expect(Number(events.seen[1]!.id)).toBeLessThan(Number(events.seen[0]!.id));
    await events.close();
  });

  it('sees all 50 of 50 concurrent CCs (10 cases × 5), each once', async () => {
    const cases = await Promise.all(Array.from({ length: 10 }, () => startCase(s, 'zongheke1', 'cc-memo')));
    const events = await open('xinxi1');
    const answers = await Promise.all(
      cases.flatMap((id) =>
        Array.from({ length: 5 }, (_, i) => s.call('POST', `/api/instances/${id}/cc`, { as: 'zongheke1', body: { users: ['xinxi1'], message: `第 ${i} 次` } })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    await events.atLeast(50);
    const user = await userId(s, 'xinxi1');
    const stored = await s.db.execute<{ id: string }>(`SELECT id FROM notification WHERE user_id = $1 AND kind = 'cc'`, [user]);
    expect(new Set(events.seen.map((e) => e.data.id))).toEqual(new Set(stored.map((r) => r.id)));
    expect(events.seen).toHaveLength(50);
    await events.close();
  });
});
