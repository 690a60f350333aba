/**
 * Two real server processes on one PostgreSQL database, booted together on an empty database,
 * with one shared secret and nothing else in common: every check is "do it on node A, see it on
 * node B". Last, node B is stopped with SIGTERM under load (graceful stop) while A serves on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../cli/run-cli.js';
import { startCluster, type Cluster } from './nodes.js';

/** A local HTTP receiver for webhooks: counts what it got. */
async function receiver() {
  const got: Array<{ headers: Record<string, unknown>; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { got, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const disclosure = (title: string) => ({
  definition: 'info-disclosure',
  data: { title, kind: 'other', formedOn: '2026-03-02', content: '全县统计公报，按要求主动公开的信息内容。' },
});

describe('a cluster of two nodes behaves as one', () => {
  let cluster: Cluster;
  let a: RunningServer;
  let b: RunningServer;
  let rx: Awaited<ReturnType<typeof receiver>>;
  let sql: pg.Client;
  const cwd = mkdtempSync(join(tmpdir(), 'chancery-cluster-'));
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await cluster.token(username, a));
  const userId = async (username: string) => (await sql.query<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [username])).rows[0]!.id;

  beforeAll(async () => {
    rx = await receiver();
    // The webhook receiver is on loopback: allowlisted for outbound calls, as an operator would.
    writeFileSync(join(cwd, 'chancery.config.json'), JSON.stringify({ pluginSettings: { outbound: { allow: [`127.0.0.1:${rx.port}`] } } }));
    // Both nodes boot at the same moment on an empty database (migrations, seed, demo cases).
    cluster = await startCluster(2, {}, cwd);
    [a, b] = cluster.nodes as [RunningServer, RunningServer];
    sql = new pg.Client({ connectionString: cluster.url });
    await sql.connect();
  }, 240_000);
  afterAll(async () => {
    await sql?.end();
    await cluster?.dispose();
    await rx?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('boots both nodes together on an empty database, seeding once', async () => {
    for (const n of [a, b]) expect((await cluster.call(n, 'GET', '/ready')).status).toBe(200);
    const admins = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE username = 'admin'");
    expect(admins.rows[0]!.n).toBe(1);
    const twice = await sql.query('SELECT definition_key, initiator_id, title FROM instance GROUP BY 1, 2, 3 HAVING count(*) > 1');
    expect(twice.rows).toEqual([]);
  });

  it('accepts on node B a token signed in on node A', async () => {
    const me = await cluster.call(b, 'GET', '/api/auth/me', { token: await token('zongheke1') });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'zongheke1' });
  });

  it('serves through node B the validator module of a form compiled on node A', async () => {
    const bundle = await cluster.call(a, 'GET', '/api/forms/info-disclosure/info', { token: await token('tongjiju-liaison') });
    expect(bundle.status, JSON.stringify(bundle.body)).toBe(200);
    const viaB = await fetch(b.base + bundle.body.validatorModule);
    expect(viaB.status).toBe(200);
    expect(await viaB.text()).toContain('export');
  });

  it('moves a deadline computed on node B when an admin adds a holiday on node A', async () => {
    const deadlineOnB = async () =>
      (await cluster.call(b, 'GET', '/api/calendar/cn/deadline?start=2026-03-02T01:00:00Z&duration=P3WD', { token: await token('zongheke1') })).body
        .deadline as string;
    expect(await deadlineOnB()).toMatch(/^2026-03-05/);
    const set = await cluster.call(a, 'PUT', '/api/calendar/cn/days/2026-03-04', {
      token: await token('admin'),
      body: { kind: 'holiday', name: { 'zh-CN': '临时休假', en: 'Extra day off' } },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await expect.poll(deadlineOnB, { timeout: 20_000 }).toMatch(/^2026-03-06/);
  });

  it('replays on the other node a retried command (same Idempotency-Key) instead of applying it twice', async () => {
    const liaison = await token('tongjiju-liaison');
    const results = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const [first, retry] = i % 2 === 0 ? [a, b] : [b, a];
        const body = disclosure(`split-${i}`);
        const headers = { 'idempotency-key': `cluster-split-${i}` };
        const one = await cluster.call(first, 'POST', '/api/instances', { token: liaison, body, headers });
        const two = await cluster.call(retry, 'POST', '/api/instances', { token: liaison, body, headers });
        return { one, two };
      }),
    );
    for (const { one, two } of results) {
      expect(one.status, JSON.stringify(one.body)).toBe(201);
      expect(two.status).toBe(201);
      expect(two.headers.get('idempotent-replayed')).toBe('true');
      expect(two.body.id).toBe(one.body.id);
    }
    const rows = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM instance WHERE title LIKE 'split-%' OR data::text LIKE '%split-%'");
    expect(rows.rows[0]!.n).toBe(12);
  });

  it('fires a timer once and delivers its webhook once, with both nodes running workers', async () => {
    const definition = {
      key: 'cluster-timer',
      title: { 'zh-CN': '到期推送', en: 'Push when due' },
      initial: 'wait',
      states: {
        wait: { task: { assign: { initiator: true }, due: 'PT2S', escalate: { after: 'P0D' } }, on: { submit: 'done', timeout: 'push' } },
        push: {
          entry: [{ action: 'webhook.post', with: { url: `http://127.0.0.1:${rx.port}/hook`, event: 'case.overdue' } }],
          on: { 'action.done': 'done', 'action.failed': 'failed' },
        },
        done: { final: true },
        failed: { final: true, result: 'rejected' },
      },
    };
    const published = await cluster.call(a, 'POST', '/api/definitions/cluster-timer/publish', { token: await token('admin'), body: { definition } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const started = await cluster.call(b, 'POST', '/api/instances', { token: await token('zongheke1'), body: { definition: 'cluster-timer', data: {} } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id as string;
    const statusOf = async () => (await sql.query<{ status: string; state: string }>('SELECT status, state FROM instance WHERE id = $1', [id])).rows[0];
    await expect.poll(statusOf, { timeout: 60_000, interval: 250 }).toMatchObject({ status: 'completed', state: 'done' });
    // Both nodes poll every 0.5 s: give each several more chances to run a job twice.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(rx.got.filter((d) => d.body.includes(id))).toHaveLength(1);
    const timeouts = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE instance_id = $1 AND payload::text LIKE '%timeout%'", [
      id,
    ]);
    expect(timeouts.rows[0]!.n).toBe(1);
  });

  it('shows a notification written on node A to an event stream open on node B', async () => {
    const watcher = await token('zongheke2');
    const stream = await fetch(`${b.base}/api/notifications/stream`, { headers: { authorization: `Bearer ${watcher}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await until(/event: ready/);
    const liaison = await token('tongjiju-liaison');
    const started = await cluster.call(a, 'POST', '/api/instances', { token: liaison, body: disclosure('sse-cc') });
    expect(started.status).toBe(201);
    const cc = await cluster.call(a, 'POST', `/api/instances/${started.body.id}/cc`, {
      token: liaison,
      body: { users: [await userId('zongheke2')], message: '请阅知' },
    });
    expect(cc.status, JSON.stringify(cc.body)).toBe(200);
    await until(new RegExp(`event: notification\\ndata: [^\\n]*${started.body.id}`));
    await reader.cancel();
  });

  it('downloads on node B a file uploaded on node A', async () => {
    const user = await token('zongheke1');
    const form = new FormData();
    form.append('file', new Blob(['会议纪要：集群测试 / minutes: cluster test'], { type: 'text/plain' }), 'minutes.txt');
    const up = await fetch(`${a.base}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${user}` }, body: form });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const down = await fetch(`${b.base}/api/files/${id}`, { headers: { authorization: `Bearer ${user}` } });
    expect(down.status).toBe(200);
    expect(await down.text()).toBe('会议纪要：集群测试 / minutes: cluster test');
  });

  // Last: node B goes away. Every request either got an answer or was never committed.
  it('stops node B on SIGTERM under 8-client load: answers what it committed, sends its event streams a reconnect event, exits 0, and node A serves on', async () => {
    const liaison = await token('tongjiju-liaison');
    const events = await fetch(`${b.base}/api/notifications/stream`, { headers: { authorization: `Bearer ${liaison}` } });
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

    let signalled = false;
    const answered = new Set<string>();
    const answeredAfterSignal: string[] = [];
    const unanswered: string[] = [];
    const otherStatuses: number[] = [];
    let sent = 0;
    const client = async (n: number) => {
      for (let i = 0; ; i++) {
        const marker = `load-${n}-${i}`;
        sent++;
        try {
          const res = await fetch(`${b.base}/api/instances`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${liaison}` },
            body: JSON.stringify(disclosure(marker)),
          });
          await res.text();
          if (res.status === 201) {
            answered.add(marker);
            if (signalled) answeredAfterSignal.push(marker);
          } else otherStatuses.push(res.status);
        } catch {
          unanswered.push(marker);
          if (signalled) return; // node B is gone: this client stops
        }
      }
    };
    const load = Array.from({ length: 8 }, (_, n) => client(n));
    while (answered.size < 40) await new Promise((r) => setTimeout(r, 50));
    signalled = true;
    const exit = await b.stop('SIGTERM');
    await Promise.all(load);
    cluster.nodes.splice(1, 1);

    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).not.toMatch(/"level":"error"/);
    expect(otherStatuses).toEqual([]);
    // Requests in flight at the signal were answered, not dropped.
    expect(answeredAfterSignal.length).toBeGreaterThan(0);
    const rows = await sql.query<{ d: string }>("SELECT data::text AS d FROM instance WHERE data::text LIKE '%load-%'");
    const committed = new Set(rows.rows.map((r) => /load-\d+-\d+/.exec(r.d)![0]));
    expect([...committed].filter((m) => !answered.has(m))).toEqual([]); // committed, never answered: none
    expect([...answered].filter((m) => !committed.has(m))).toEqual([]); // answered, not committed: none
    expect(sent).toBe(answered.size + unanswered.length);
    expect(await streamText).toMatch(/event: reconnect\ndata: \{[^\n]*"code":"system.stopping"/);
    expect((await cluster.call(a, 'GET', '/ready')).status).toBe(200);
  });
});
