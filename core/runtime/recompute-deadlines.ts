/**
 * A business-calendar change (a holiday added, a make-up working day removed) moves the deadlines
 * that are still to come: which running cases it would move, and, on an explicit request, moving
 * them — the timer rows, the open tasks' due dates, the case's due date and the queued pg-boss
 * jobs, in one transaction, with an audit entry per case.
 */
import type { Calendar } from '../calendar/index.js';
import type { Timer, TimerKind } from '../machine/context.js';
import { appendAudit } from '../persistence/audit.js';
import { rescheduleJob } from '../persistence/queue.js';
import type { Executor } from '../persistence/types.js';
import { timerTime } from '../machine/timer-time.js';
import { realTime } from './effect-plan.js';
import { TIMER_QUEUE, type EngineDeps } from './ports.js';

export interface MovedTimer {
  instanceId: string;
  key: string;
  kind: TimerKind;
  state: string;
  /** In a per-item step: the item whose deadline it is (its task alone moves). */
  item?: number;
  from: string;
  to: string;
}

export interface AffectedDeadlines {
  calendar: string;
  /** Running cases with at least one pending timer the calendar now puts at another time. */
  cases: number;
  timers: number;
  items: MovedTimer[];
}

/** The pending timers of running cases on `calendarKey` whose time the calendar as it is now would change. */
export async function affectedDeadlines(exec: Executor, calendarKey: string, calendar: Calendar): Promise<AffectedDeadlines> {
  const rows = await exec.execute<{ instance_id: string; key: string; kind: TimerKind; state: string; scheduled_at: Date; fire_at: Date; timer: Timer | null }>(
    `SELECT t.instance_id, t.key, t.kind, t.state, t.scheduled_at, t.fire_at, i.snapshot->'context'->'timers'->t.key AS timer
       FROM case_timer t JOIN instance i ON i.id = t.instance_id
      WHERE t.calendar_key = $1 AND i.status = 'running' ORDER BY t.instance_id, t.fire_at, t.key`,
    [calendarKey],
  );
  const items: MovedTimer[] = [];
  for (const r of rows) {
    if (!r.timer) continue;
    const next = timerTime(calendar, r.timer, new Date(r.scheduled_at));
    const was = new Date(r.fire_at);
    if (next.getTime() === was.getTime()) continue;
    items.push({
      instanceId: r.instance_id,
      key: r.key,
      kind: r.kind,
      state: r.state,
      ...(r.timer.item === undefined ? {} : { item: r.timer.item }),
      from: was.toISOString(),
      to: next.toISOString(),
    });
  }
  return { calendar: calendarKey, cases: new Set(items.map((i) => i.instanceId)).size, timers: items.length, items };
}

/** Moves every affected deadline to where the calendar now puts it (one transaction; one audit entry per case). */
export async function recomputeDeadlines(deps: EngineDeps, calendarKey: string, actorId: string): Promise<AffectedDeadlines> {
  const calendar = deps.calendar(calendarKey);
  return deps.db.transaction(async (tx) => {
    const affected = await affectedDeadlines(tx, calendarKey, calendar);
    const now = deps.clock();
    const byCase = new Map<string, MovedTimer[]>();
    for (const t of affected.items) byCase.set(t.instanceId, [...(byCase.get(t.instanceId) ?? []), t]);
    for (const [instanceId, timers] of byCase) {
      for (const t of timers) {
        const to = new Date(t.to);
        await tx.execute('UPDATE case_timer SET fire_at = $3 WHERE instance_id = $1 AND key = $2', [instanceId, t.key, to]);
        if (t.kind === 'due') {
          // A per-item step has a deadline per item: only that item's task moves.
          await tx.execute(
            `UPDATE task SET due_at = $3 WHERE instance_id = $1 AND state_key = $2 AND status = 'open' AND ($4::int IS NULL OR item_index = $4)`,
            [instanceId, t.state, to, t.item ?? null],
          );
        }
        const singletonKey = `${instanceId}:${t.key}`;
        if (!(await rescheduleJob(tx, TIMER_QUEUE, singletonKey, realTime(to, now)))) {
          await deps.jobs.send(tx, TIMER_QUEUE, { instanceId, key: t.key }, { startAfter: realTime(to, now), singletonKey });
        }
      }
      await tx.execute(`UPDATE instance SET due_at = (SELECT min(due_at) FROM task WHERE instance_id = $1 AND status = 'open') WHERE id = $1`, [instanceId]);
      await appendAudit(tx, {
        instanceId,
        type: 'instance.deadlines_recomputed',
        actorId,
        at: now,
        payload: {
          calendar: calendarKey,
          timers: timers.map(({ key, kind, state, item, from, to }) => ({ key, kind, state, ...(item === undefined ? {} : { item }), from, to })),
        },
      });
    }
    return affected;
  });
}
