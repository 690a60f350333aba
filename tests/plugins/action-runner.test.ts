/**
 * Plugin actions through the job queue: idempotent retries, final failures the definition handles,
 * incidents an administrator retries, and no loss across a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { openDatabase } from '../../core/persistence/database.js';
import { reservePostgresDatabase } from '../support/db.js';
import { startTestServer, testConfig, type TestServer } from '../support/server.js';
import { publishDefinition, startCase } from '../http/helpers.js';
import { caseRow, ledgerCase, ledgerPlugin, waitFor } from './support.js';

describe('a plugin action that fails twice, then succeeds', () => {
  const ledger = ledgerPlugin({ failAfterWrite: 2 });
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [ledger.plugin] });
    await publishDefinition(s, ledgerCase('booking') as WorkflowDefinition);
  });
  afterAll(() => s.close());

  it('books once, under one idempotency key, and writes the receipt into the case', async () => {
    const id = await startCase(s, 'zongheke1', 'booking', { amount: 120 });
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.status !== 'running',
      'the booking',
    );
    expect(done).toMatchObject({ status: 'completed', state: 'posted', data: { amount: 120, booking: { receipt: 'R-1' } } });
    expect(ledger.state.calls).toBe(3);
    expect(new Set(ledger.state.keys)).toEqual(new Set([ledger.state.keys[0]]));
    expect(ledger.state.keys[0]).toMatch(new RegExp(`^${id}:`));
    expect([...ledger.booked.values()]).toEqual([120]);
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
    expect(history.body.items?.map((e: { type: string }) => e.type) ?? history.body.map((e: { type: string }) => e.type)).toContain('action.done');
    const [run] = await s.db.execute<{ status: string; attempts: number }>('SELECT status, attempts FROM action_run WHERE instance_id = $1', [id]);
    expect(run).toEqual({ status: 'done', attempts: 3 });
  });
});

describe('a plugin action that keeps failing', () => {
  const ledger = ledgerPlugin({ failAlways: true, retry: { limit: 1, delaySeconds: 1 } });
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [ledger.plugin] });
    await publishDefinition(s, ledgerCase('booking-handled', 'handled') as WorkflowDefinition);
    await publishDefinition(s, ledgerCase('booking-unhandled', 'unhandled') as WorkflowDefinition);
  });
  afterAll(() => s.close());

  it('raises action.failed, which the definition takes to its failure step', async () => {
    const id = await startCase(s, 'zongheke1', 'booking-handled', { amount: 5 });
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.status !== 'running',
      'the failure',
    );
    expect(done).toMatchObject({ status: 'rejected', state: 'failed' });
    const incidents = await s.call('GET', '/api/admin/incidents', { as: 'admin' });
    expect(incidents.body.items.filter((i: { instanceId: string }) => i.instanceId === id)).toEqual([]);
  });

  it('opens an incident when nothing handles the failure, and an administrator retries it once the system is back', async () => {
    const id = await startCase(s, 'zongheke1', 'booking-unhandled', { amount: 7 });
    const incident = await waitFor(
      async () =>
        (await s.call('GET', `/api/admin/incidents?instance=${id}`, { as: 'admin' })).body.items as Array<{
          id: string;
          action: string;
          lastError: string;
          attempts: number;
        }>,
      (items) => items.length === 1,
      'the incident',
    );
    expect(incident[0]).toMatchObject({ action: 'ledger.post', attempts: 2 });
    expect(incident[0]!.lastError).toContain('ledger unreachable');
    expect((await caseRow(s, id)).state).toBe('post');

    const notAdmin = await s.call('POST', `/api/admin/incidents/${incident[0]!.id}/retry`, { as: 'zongheke1' });
    expect(notAdmin.status).toBe(403);
    ledger.state.failAlways = false;
    const retried = await s.call('POST', `/api/admin/incidents/${incident[0]!.id}/retry`, { as: 'admin' });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('retrying');
    const again = await s.call('POST', `/api/admin/incidents/${incident[0]!.id}/retry`, { as: 'admin' });
    expect(again.status).toBe(409);
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.status !== 'running',
      'the retried booking',
    );
    expect(done).toMatchObject({ status: 'completed', state: 'posted', data: { booking: { receipt: expect.stringMatching(/^R-/) } } });
  });
});

describe('a restart while an action waits for its retry', () => {
  it('loses nothing: the retry runs after the database and queue come back', async () => {
    const pgUrl = process.env.DATABASE_URL;
    const reserved = pgUrl ? await reservePostgresDatabase(pgUrl) : undefined;
    const dataDir = await mkdtemp(join(tmpdir(), 'chancery-restart-'));
    const where = reserved ? { url: reserved.url } : { dataDir };
    const ledger = ledgerPlugin({ failAlways: true, retry: { limit: 4, delaySeconds: 2 } });
    const config = testConfig({ dataDir });
    try {
      let db = await openDatabase(where);
      let s = await startTestServer({ db, config, plugins: [ledger.plugin] });
      await publishDefinition(s, ledgerCase('booking-restart') as WorkflowDefinition);
      const id = await startCase(s, 'zongheke1', 'booking-restart', { amount: 9 });
      await waitFor(
        async () => ledger.state.calls,
        (n) => n >= 1,
        'the first try',
      );
      await s.close();
      await db.close();

      ledger.state.failAlways = false;
      db = await openDatabase(where);
      s = await startTestServer({ db, config, plugins: [ledger.plugin] });
      const done = await waitFor(
        () => caseRow(s, id),
        (c) => c.status !== 'running',
        'the booking after the restart',
      );
      expect(done).toMatchObject({ status: 'completed', state: 'posted', data: { booking: { receipt: 'R-1' } } });
      expect([...ledger.booked.values()]).toEqual([9]);
      await s.close();
      await db.close();
    } finally {
      await reserved?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
