/**
 * Probes for a load balancer: `/health` says the process lives (it never waits for the database),
 * `/ready` says this node can serve (database and job queue reachable, not stopping).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/persistence/types.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('HTTP: /health and /ready', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('answers /ready with 200 when the database and the job queue are reachable', async () => {
    const res = await s.call('GET', '/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
    expect((await s.call('GET', '/health')).body).toMatchObject({ status: 'ok' });
  });

  it('keeps /health at 200 but answers /ready with 503 system.not_ready and the failing check when the database is unreachable', async () => {
    const db = s.services.db;
    const down = (): Promise<never> => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    s.services.db = { ...db, execute: down, query: down, transaction: down } as Database;
    try {
      const health = await s.call('GET', '/health');
      expect(health.status).toBe(200);
      const ready = await s.call('GET', '/ready', { headers: { 'accept-language': 'en' } });
      expect(ready.status).toBe(503);
      expect(ready.body.error).toMatchObject({ code: 'system.not_ready', details: { check: 'database' } });
      expect(ready.body.error.message).toMatch(/not ready/);
      expect((await s.call('GET', '/ready')).body.error.message).toMatch(/未就绪/);
    } finally {
      s.services.db = db;
    }
  });

  it('answers /ready with 503 system.not_ready naming the queue when the job queue has stopped', async () => {
    await s.queue.stop();
    const ready = await s.call('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toMatchObject({ code: 'system.not_ready', details: { check: 'queue' } });
  });

  it('answers /ready with 503 system.stopping once the node has begun to stop, while /health still answers', async () => {
    s.services.lifecycle!.stop();
    const ready = await s.call('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('system.stopping');
    expect((await s.call('GET', '/health')).status).toBe(200);
  });
});
