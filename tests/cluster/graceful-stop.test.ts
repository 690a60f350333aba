/**
 * SIGTERM under load: the node stops taking connections, answers what it accepted, tells event
 * streams to reconnect elsewhere, stops its workers and its pool, and exits 0. Every request either
 * got an answer or was never committed.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './nodes.js';

const CLIENTS = 8;

describe('graceful stop', () => {
  let cluster: Cluster | undefined;
  afterAll(() => cluster?.dispose());

  it('answers every request it committed, ends event streams with a reconnect event, and exits 0 after SIGTERM under 8-client load', async () => {
    cluster = await startCluster(1);
    const node = cluster.nodes[0]!;
    const token = await cluster.token('tongjiju-liaison');

    // An event stream open across the stop.
    const events = await fetch(`${node.base}/api/notifications/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(events.status).toBe(200);
    const streamText = (async () => {
      let text = '';
      const decoder = new TextDecoder();
      try {
        for await (const chunk of events.body!) text += decoder.decode(chunk as Uint8Array, { stream: true });
      } catch (e) {
        text += `\n[stream broke: ${(e as Error).message}]`;
      }
      return text;
    })();

    let signalledAt = 0;
    const answered = new Set<string>();
    const answeredAfterSignal: string[] = [];
    const unanswered: string[] = [];
    const otherStatuses: number[] = [];
    let started = 0;
    const client = async (n: number) => {
      for (let i = 0; ; i++) {
        const marker = `load-${n}-${i}`;
        started++;
        try {
          const res = await fetch(`${node.base}/api/instances`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ definition: 'info-disclosure', data: { title: marker, kind: 'other', formedOn: '2026-03-02', content: '全县统计公报，按要求主动公开的信息内容。' } }),
          });
          await res.text();
          if (res.status === 201) {
            answered.add(marker);
            if (signalledAt) answeredAfterSignal.push(marker);
          } else otherStatuses.push(res.status);
        } catch {
          unanswered.push(marker);
          if (signalledAt) return; // the node is gone: this client stops
        }
      }
    };
    const load = Array.from({ length: CLIENTS }, (_, n) => client(n));
    while (answered.size < 40) await new Promise((r) => setTimeout(r, 50));
    signalledAt = Date.now();
    const exit = await node.stop('SIGTERM');
    await Promise.all(load);
    cluster.nodes.splice(0, 1);

    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).not.toMatch(/"level":"error"/);
    expect(otherStatuses).toEqual([]);
    // Requests in flight at the signal were answered, not dropped.
    expect(answeredAfterSignal.length).toBeGreaterThan(0);

    const db = new pg.Client({ connectionString: cluster.url });
    await db.connect();
    try {
      const rows = await db.query<{ d: string }>("SELECT data::text AS d FROM instance WHERE data::text LIKE '%load-%'");
      const committed = new Set(rows.rows.map((r) => /load-\d+-\d+/.exec(r.d)![0]));
      // Committed but never answered: none. Answered but not committed: none.
      expect([...committed].filter((m) => !answered.has(m))).toEqual([]);
      expect([...answered].filter((m) => !committed.has(m))).toEqual([]);
      expect(started).toBe(answered.size + unanswered.length);
    } finally {
      await db.end();
    }

    const text = await streamText;
    expect(text).toMatch(/event: reconnect\ndata: \{[^\n]*"code":"system.stopping"/);
  });
});
