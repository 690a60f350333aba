/**
 * The `case_timer` rows: the pending timers of a case as the engine scheduled them (from when,
 * firing when), kept in step with the snapshot after every command. They make timers visible
 * (a case's timers, upcoming timers across cases) and let a calendar change recompute them.
 */
import type { Timer } from '../machine/context.js';
import type { Tx } from '../persistence/types.js';

/** One timer the command scheduled: the time it was scheduled from, and when it fires. */
export interface ScheduledTimer {
  timer: Timer;
  scheduledAt: Date;
  fireAt: Date;
}

/**
 * Writes the timers scheduled by a command and drops the rows of timers the case no longer has.
 * The rows mirror the stored snapshot's timers (only `advance` writes either), so when every timer
 * the case had before the command is still pending there is nothing to drop and no statement is sent.
 */
export async function syncTimerRows(
  tx: Tx,
  instanceId: string,
  meta: { definitionKey: string; calendarKey: string },
  scheduled: ScheduledTimer[],
  pendingKeys: string[],
  previousKeys: string[],
): Promise<void> {
  for (const s of scheduled) {
    await tx.execute(
      `INSERT INTO case_timer (instance_id, key, state, kind, definition_key, calendar_key, scheduled_at, fire_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (instance_id, key) DO UPDATE SET state = EXCLUDED.state, kind = EXCLUDED.kind, scheduled_at = EXCLUDED.scheduled_at, fire_at = EXCLUDED.fire_at`,
      [instanceId, s.timer.key, s.timer.state, s.timer.kind, meta.definitionKey, meta.calendarKey, s.scheduledAt, s.fireAt],
    );
  }
  if (previousKeys.every((k) => pendingKeys.includes(k))) return;
  await tx.execute('DELETE FROM case_timer WHERE instance_id = $1 AND NOT (key = ANY($2::text[]))', [instanceId, pendingKeys]);
}
