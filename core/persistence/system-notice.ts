/**
 * Operator notices said at most once a day: the database remembers when each was last said, so
 * restarts (and the other nodes) do not repeat it in the log.
 */
import type { Executor } from './types.js';

const DAY_MS = 86_400_000;

/**
 * True when `key` was not said in the 24 hours before `now` (and records it as said now).
 * @example if (await sayOncePerDay(db, 'calendar.next_year_missing.2027', message, now)) logger.warn(…);
 */
export async function sayOncePerDay(db: Executor, key: string, message: { 'zh-CN': string; en: string }, now: Date): Promise<boolean> {
  const rows = await db.execute<{ key: string }>(
    `INSERT INTO system_notice (key, message, said_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET message = EXCLUDED.message, said_at = EXCLUDED.said_at
     WHERE system_notice.said_at <= $4
     RETURNING key`,
    [key, JSON.stringify(message), now, new Date(now.getTime() - DAY_MS)],
  );
  return rows.length > 0;
}
