/**
 * The server is killed with SIGKILL while 8 clients complete tasks, then restarted: every
 * acknowledged completion is there, none is applied twice, and the clients' retries with their
 * idempotency keys finish the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as netServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { restartableDb, type RestartableDb } from '../support/restartable.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, startTestServer, testConfig } from '../support/server.js';
import { publishDefinition, startCase } from './helpers.js';

const drill: WorkflowDefinition = {
  key: 'crash-drill',
  title: { 'zh-CN': '断电演练', en: 'Crash drill' },
  initial: 'prepare',
  states: {
    prepare: { title: '准备', task: { assign: { initiator: true } }, on: { submit: 'check' } },
    check: { title: '复核', task: { assign: { initiator: true } }, on: { submit: 'done' } },
    done: { final: true },
  },
};

const clients = ['zongheke1', 'zongheke2', 'ducha1', 'ducha2', 'xinfang1', 'xinfang2', 'mubiao1', 'xinxi1'];
const casesPerClient = 6;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = netServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function startChild(store: RestartableDb, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/serve-child.ts'], {
    env: {
      ...process.env,
      ...store.env,
      PORT: String(port),
      CHANCERY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CHANCERY_DEMO_PASSWORD: DEMO_PASSWORD,
      CHANCERY_SECRET: testConfig().secret,
      CHANCERY_WORKFLOWS_DIR: 'tests/fixtures/no-workflows',
      CHANCERY_POLL_SECONDS: '0.5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

interface Ledger {
  /** taskId → acknowledged (a 200 reached the client). */
  sent: Map<string, boolean>;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Works the inbox until it is empty or the server goes away. Returns false when the server vanished. */
async function work(base: string, token: string, ledger: Ledger, stopAfter: () => boolean): Promise<boolean> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    for (;;) {
      const inbox = (await (await fetch(`${base}/api/tasks?scope=mine&pageSize=50`, { headers })).json()) as {
        items: Array<{ id: string; definition: string }>;
      };
      const next = inbox.items.find((t) => t.definition === 'crash-drill' && !ledger.sent.get(t.id));
      if (!next) return true;
      ledger.sent.set(next.id, false);
      const res = await fetch(`${base}/api/tasks/${next.id}/complete`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `drill-${next.id}` },
        body: JSON.stringify({ outcome: 'submit' }),
      });
      if (res.status !== 200) throw new Error(`complete ${next.id}: ${res.status} ${await res.text()}`);
      ledger.sent.set(next.id, true);
      if (stopAfter()) await new Promise((r) => setTimeout(r, 5));
    }
  } catch (e) {
    if (e instanceof TypeError) return false; // connection refused or reset: the server is gone
    throw e;
  }
}

describe('crash recovery', () => {
  let store: RestartableDb | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await store?.dispose();
  });

  it('keeps every acknowledged completion and applies none twice when the server is killed mid-load', async () => {
    store = await restartableDb();
    // Given: cases for 8 clients, created through a regular server that is then shut down.
    const db = await store.open();
    const setup = await startTestServer({ db, config: testConfig({ dataDir: store.dataDir }), start: new Date() });
    await publishDefinition(setup, drill);
    for (const c of clients) for (let i = 0; i < casesPerClient; i++) await startCase(setup, c, 'crash-drill');
    await setup.close();
    await db.close();

    // When: 8 clients complete tasks and the server is killed with SIGKILL part-way.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await startChild(store, port);
    const ledgers = clients.map(() => ({ sent: new Map<string, boolean>() }));
    const tokens = await Promise.all(clients.map((c) => login(base, c)));
    const acked = () => ledgers.reduce((n, l) => n + [...l.sent.values()].filter(Boolean).length, 0);
    const total = clients.length * casesPerClient * 2;
    const killer = (async () => {
      while (acked() < total * 0.35) await new Promise((r) => setTimeout(r, 10));
      child!.kill('SIGKILL');
    })();
    const first = await Promise.all(clients.map((_, i) => work(base, tokens[i]!, ledgers[i]!, () => false)));
    await killer;
    expect(first.some((finished) => !finished)).toBe(true);
    const ackedBefore = new Set(ledgers.flatMap((l) => [...l.sent].filter(([, ok]) => ok).map(([id]) => id)));
    expect(ackedBefore.size).toBeGreaterThan(0);
    expect(ackedBefore.size).toBeLessThan(total);

    // Then: after a restart, every acknowledged completion is there…
    child = await startChild(store, port);
    const tokens2 = await Promise.all(clients.map((c) => login(base, c)));
    // …the clients retry what they never heard back about, with the same idempotency keys…
    for (const [i, l] of ledgers.entries()) {
      for (const [taskId, ok] of l.sent) {
        if (ok) continue;
        const res = await fetch(`${base}/api/tasks/${taskId}/complete`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens2[i]}`, 'content-type': 'application/json', 'idempotency-key': `drill-${taskId}` },
          body: JSON.stringify({ outcome: 'submit' }),
        });
        expect(res.status, await res.clone().text()).toBe(200);
        l.sent.set(taskId, true);
      }
    }
    // …and finish the rest.
    const second = await Promise.all(clients.map((_, i) => work(base, tokens2[i]!, ledgers[i]!, () => false)));
    expect(second.every(Boolean)).toBe(true);
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;

    const check = await store.open();
    try {
      const tasks = await check.execute<{ id: string; status: string }>(
        `SELECT t.id, t.status FROM task t JOIN instance i ON i.id = t.instance_id WHERE i.definition_key = 'crash-drill'`,
      );
      expect(tasks).toHaveLength(total);
      expect(tasks.every((t) => t.status === 'completed')).toBe(true);
      for (const id of ackedBefore) expect(tasks.find((t) => t.id === id)?.status).toBe('completed');
      const twice = await check.execute(`SELECT task_id, count(*) FROM audit_event WHERE type = 'task.completed' GROUP BY task_id HAVING count(*) > 1`);
      expect(twice).toEqual([]);
      const cases = await check.execute<{ status: string }>(`SELECT status FROM instance WHERE definition_key = 'crash-drill'`);
      expect(cases.every((c) => c.status === 'completed')).toBe(true);
      expect((await check.execute<{ ok: boolean }>('SELECT 1 AS ok'))[0]).toBeTruthy();
    } finally {
      await check.close();
    }
  }, 180_000);
});
