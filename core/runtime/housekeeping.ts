/**
 * Housekeeping: rows that only ever grow and that nobody needs after a while, pruned by a queue
 * job every hour. Today that is `inbox_signal` (one row per task arriving in an inbox, written by
 * a trigger and read by the live streams only for what is newer than what they have seen).
 *
 * The job re-queues itself for the next hour, keyed by that hour and sent as a singleton per hour
 * of sending: nodes that boot or finish a run within the same hour queue one job between them (a
 * second one, after a node booted just past the hour, only deletes nothing); a node that crashed
 * mid-run leaves the job to pg-boss's retry.
 */
import type { Executor } from '../persistence/types.js';
import type { JobSender } from './ports.js';

export const HOUSEKEEPING_QUEUE = 'chancery.housekeeping';

/** Live streams read signals seconds old; a day leaves room for a stream that reconnects late. */
const INBOX_SIGNAL_DAYS = 1;
const HOUR_MS = 3_600_000;

/** Deletes what has outlived its use; returns how many rows of each kind went. */
export async function housekeep(db: Executor, now: Date): Promise<{ inboxSignals: number }> {
  const { rowCount } = await db.query(`DELETE FROM inbox_signal WHERE created_at < $1::timestamptz - $2::int * interval '1 day'`, [now, INBOX_SIGNAL_DAYS]);
  return { inboxSignals: rowCount ?? 0 };
}

/** Queues the next run, at the start of the hour after `now` (once, however many nodes ask). */
export async function queueHousekeeping(jobs: JobSender, now: Date): Promise<void> {
  const at = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  await jobs.send(
    null,
    HOUSEKEEPING_QUEUE,
    {},
    { startAfter: at, singletonKey: `housekeeping:${at.toISOString()}`, singletonSeconds: HOUR_MS / 1000, retryLimit: 3, retryDelay: 60 },
  );
}
