import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../core/persistence/database.js';
import { startQueue, type Queue } from '../../../core/persistence/queue.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase, reservePostgresDatabase } from '../../support/db.js';

const POLL = 0.5; // pg-boss's minimum polling interval

/** Resolves with the data of each job as it runs. */
function collector<T>() {
  const seen: T[] = [];
  const waiters: Array<() => void> = [];
  return {
    seen,
    handler: async (job: { data: T }) => {
      seen.push(job.data);
      waiters.splice(0).forEach((wake) => wake());
    },
    async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
      const deadline = Date.now() + timeoutMs;
      while (seen.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${seen.length} of ${count} jobs ran`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return seen;
    },
  };
}

describe('job queue', () => {
  let db: Database;
  let queue: Queue;
  beforeEach(async () => {
    db = await openTestDatabase();
    queue = await startQueue(db, { pollingIntervalSeconds: POLL });
  });
  afterEach(async () => {
    await queue.stop();
    await db.close();
  });

  test('runs a job sent inside a committed transaction', async () => {
    const jobs = collector<{ n: number }>();
    await queue.work('timer', {}, jobs.handler);
    await db.transaction(async (tx) => {
      await tx.execute('SELECT 1');
      await queue.send(tx, 'timer', { n: 1 });
    });
    expect(await jobs.waitFor(1)).toEqual([{ n: 1 }]);
  });

  test('never runs a job whose transaction rolled back', async () => {
    const jobs = collector<{ n: number }>();
    await queue.work('timer', {}, jobs.handler);
    await expect(
      db.transaction(async (tx) => {
        await queue.send(tx, 'timer', { n: 1 });
        throw new Error('command refused');
      }),
    ).rejects.toThrow('command refused');
    await queue.send(null, 'timer', { n: 2 });
    await jobs.waitFor(1);
    expect(jobs.seen).toEqual([{ n: 2 }]);
    // The rolled-back job does not exist at all, so no later poll can run it (no waiting needed).
    const [count] = await db.execute<{ c: number }>(`SELECT count(*)::int AS c FROM pgboss.job WHERE name = 'timer'`);
    expect(count?.c).toBe(1);
  });

  test('creates the queue inside the transaction when the first job of a new queue is sent there', async () => {
    const id = await db.transaction((tx) => queue.send(tx, 'brand-new', { n: 1 }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('does not run a job cancelled in the same transaction that would have fired it', async () => {
    const jobs = collector<{ n: number }>();
    const id = await queue.send(null, 'reminder', { n: 1 }, { startAfter: new Date(Date.now() + 1500) });
    await db.transaction(async (tx) => {
      await queue.cancel(tx, 'reminder', id ?? '');
    });
    // A marker due just after the cancelled job: once the worker ran it, it has been past the
    // cancelled job's time, with no fixed sleep.
    await queue.send(null, 'reminder', { n: 2 }, { startAfter: new Date(Date.now() + 1600) });
    await queue.work('reminder', {}, jobs.handler);
    expect(await jobs.waitFor(1, 20_000)).toEqual([{ n: 2 }]);
    const [cancelled] = await db.execute<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [id]);
    expect(cancelled?.state).toBe('cancelled');
    expect(jobs.seen).toEqual([{ n: 2 }]);
  });

  test('retries a job whose handler throws', async () => {
    let attempts = 0;
    const done = collector<{ n: number }>();
    await queue.work<{ n: number }>('flaky', {}, async (job) => {
      attempts += 1;
      if (attempts === 1) throw new Error('transient');
      await done.handler(job);
    });
    await queue.send(null, 'flaky', { n: 1 }, { retryLimit: 2, retryDelay: 0 });
    await done.waitFor(1, 15_000);
    expect(attempts).toBe(2);
  });

  test('runs pg-boss maintenance (expire, archive, drop) through the shared connection', async () => {
    const jobs = collector<{ n: number }>();
    await queue.work('timer', {}, jobs.handler);
    await queue.send(null, 'timer', { n: 1 });
    await jobs.waitFor(1);
    const result = await (queue.boss as unknown as { maintain(): Promise<{ ms: number }> }).maintain();
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });
});

describe('job queue across a restart', () => {
  test('runs a delayed job after the queue and the database were closed and reopened', async () => {
    const pgUrl = process.env.DATABASE_URL;
    const reserved = pgUrl ? await reservePostgresDatabase(pgUrl) : undefined;
    const dataDir = reserved ? undefined : await mkdtemp(join(tmpdir(), 'chancery-queue-'));
    const where = reserved ? { url: reserved.url } : { dataDir };
    try {
      let db = await openDatabase(where);
      let queue = await startQueue(db, { pollingIntervalSeconds: POLL });
      const runAt = new Date(Date.now() + 1000);
      await db.transaction((tx) => queue.send(tx, 'timer', { due: runAt.toISOString() }, { startAfter: runAt }));
      await queue.stop();
      await db.close();

      db = await openDatabase(where);
      queue = await startQueue(db, { pollingIntervalSeconds: POLL });
      const jobs = collector<{ due: string }>();
      await queue.work('timer', {}, jobs.handler);
      const [data] = await jobs.waitFor(1);
      expect(Date.now()).toBeGreaterThanOrEqual(runAt.getTime());
      expect(data?.due).toBe(runAt.toISOString());
      await queue.stop();
      await db.close();
    } finally {
      await reserved?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  });
});
