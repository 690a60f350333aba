import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HOUSEKEEPING_QUEUE, housekeep, queueHousekeeping } from '../../../core/runtime/housekeeping.js';
import { startQueue, type Queue } from '../../../core/persistence/queue.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';
import { insertInstance } from './fixtures.js';

describe('housekeeping: rows that only grow are pruned', () => {
  let db: Database;
  let queue: Queue;
  beforeEach(async () => {
    db = await openTestDatabase();
    queue = await startQueue(db, { queues: [HOUSEKEEPING_QUEUE] });
  });
  afterEach(async () => {
    await queue.stop();
    await db.close();
  });

  test('inbox signals older than a day are deleted, newer ones kept for the live streams', async () => {
    const { userId } = await insertInstance(db);
    const now = new Date('2026-12-02T10:00:00Z');
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    for (const hoursAgo of [49, 25, 23, 1]) {
      await db.execute('INSERT INTO inbox_signal (user_id, task_id, created_at) VALUES ($1, $2, $3)', [userId, randomUUID(), at(hoursAgo)]);
    }
    expect(await housekeep(db, now)).toEqual({ inboxSignals: 2 });
    const left = await db.execute<{ created_at: Date }>('SELECT created_at FROM inbox_signal WHERE user_id = $1 ORDER BY created_at', [userId]);
    expect(left.map((r) => new Date(r.created_at).toISOString())).toEqual([at(23).toISOString(), at(1).toISOString()]);
    expect(await housekeep(db, now)).toEqual({ inboxSignals: 0 });
  });

  test('the next run is queued once for the coming hour, however many nodes ask', async () => {
    const now = new Date('2026-12-02T10:17:00Z');
    await queueHousekeeping(queue, now);
    await queueHousekeeping(queue, new Date('2026-12-02T10:59:59Z'));
    const jobs = await db.execute<{ start_after: Date }>(`SELECT start_after FROM pgboss.job WHERE name = $1 AND state = 'created'`, [HOUSEKEEPING_QUEUE]);
    expect(jobs.map((j) => new Date(j.start_after).toISOString())).toEqual(['2026-12-02T11:00:00.000Z']);
  });
});
