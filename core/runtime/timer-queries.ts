/**
 * Timers you can see: the pending timers of a case (kind, step, next fire time; for a recurring
 * schedule its next few occurrences) and upcoming timers across cases for the supervision office.
 * Every time is computed by `timerTime`, the function the engine schedules with, on the same
 * business calendar, so what is shown is when the engine will fire.
 */
import type { Calendar } from '../calendar/index.js';
import type { ScheduleSpec } from '../definition/types.js';
import type { Timer, TimerKind } from '../machine/context.js';
import type { Executor, SqlParam } from '../persistence/types.js';
import { timerTime } from './advance.js';

/** How many occurrences of a recurring schedule are listed. */
export const OCCURRENCES = 5;

export interface TimerView {
  key: string;
  kind: TimerKind;
  state: string;
  /** The event sent when it fires (none: a notification only). */
  event: string | null;
  nextAt: string;
  /** For schedules: the next occurrences (the first is `nextAt`), and whether an `until` rule may end it sooner. */
  occurrences?: string[];
  remaining?: number | null;
  until?: boolean;
}

/**
 * The next `n` times a schedule fires after `first`, by the engine's own rule (each tick is
 * scheduled from the previous one), stopping where `count` ends it.
 *
 * @example
 * nextOccurrences(cn, timer, new Date('2026-10-01T01:00:00Z'), 3) // three ISO times
 */
export function nextOccurrences(
  calendar: Calendar,
  timer: Pick<Timer, 'kind' | 'cron' | 'every' | 'after' | 'anchor' | 'count' | 'tick'>,
  first: Date,
  n = OCCURRENCES,
): string[] {
  const remaining = timer.count === undefined ? n : Math.max(0, timer.count - (timer.tick ?? 0));
  const out: string[] = [];
  let at = first;
  for (let i = 0; i < Math.min(n, remaining); i++) {
    out.push(at.toISOString());
    // Each next occurrence counts from the one before, not from when the step was entered.
    const { since: _since, ...fromHere } = timer as Timer;
    at = timerTime(calendar, { ...fromHere, kind: 'schedule' }, at);
  }
  return out;
}

/** A schedule of a definition as the engine would start it when a case enters the step at `from`. */
export function previewSchedule(calendar: Calendar, spec: ScheduleSpec, from: Date, n = OCCURRENCES): string[] {
  const timer: Timer = {
    key: 'preview',
    state: 'preview',
    kind: 'schedule',
    anchor: 'entered',
    after: spec.every ?? 'P0D',
    tick: 0,
    ...(spec.cron ? { cron: spec.cron } : {}),
    ...(spec.every ? { every: spec.every } : {}),
    ...(spec.count !== undefined ? { count: spec.count } : {}),
  };
  return nextOccurrences(calendar, timer, timerTime(calendar, timer, from), n);
}

/** The pending timers of a case, soonest first. */
export async function caseTimers(exec: Executor, instanceId: string, calendarOf: (key: string) => Calendar): Promise<TimerView[]> {
  const rows = await exec.execute<{ key: string; kind: TimerKind; state: string; calendar_key: string; fire_at: Date; timer: Timer | null }>(
    `SELECT t.key, t.kind, t.state, t.calendar_key, t.fire_at, i.snapshot->'context'->'timers'->t.key AS timer
       FROM case_timer t JOIN instance i ON i.id = t.instance_id WHERE t.instance_id = $1 ORDER BY t.fire_at, t.key`,
    [instanceId],
  );
  return rows.map((r) => {
    const view: TimerView = { key: r.key, kind: r.kind, state: r.state, event: r.timer?.event ?? null, nextAt: new Date(r.fire_at).toISOString() };
    if (r.kind !== 'schedule' || !r.timer) return view;
    return {
      ...view,
      occurrences: nextOccurrences(calendarOf(r.calendar_key), r.timer, new Date(r.fire_at)),
      remaining: r.timer.count === undefined ? null : r.timer.count - (r.timer.tick ?? 0),
      until: r.timer.until !== undefined,
    };
  });
}

export interface UpcomingQuery {
  from?: string;
  to?: string;
  definition?: string;
  kind?: TimerKind;
  page: number;
  pageSize: number;
}

export interface UpcomingTimer {
  instanceId: string;
  caseTitle: string;
  definition: string;
  key: string;
  kind: TimerKind;
  state: string;
  fireAt: string;
}

/** Upcoming timers of running cases across the county ("reports due next week"), soonest first, a page at a time. */
export async function upcomingTimers(exec: Executor, q: UpcomingQuery): Promise<{ items: UpcomingTimer[]; total: number; page: number; pageSize: number }> {
  const where: string[] = [`i.status = 'running'`];
  const params: SqlParam[] = [];
  const add = (sql: string, value: SqlParam) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.from) add('t.fire_at >= ?', new Date(q.from));
  if (q.to) add('t.fire_at < ?', new Date(q.to));
  if (q.definition) add('t.definition_key = ?', q.definition);
  if (q.kind) add('t.kind = ?', q.kind);
  const from = `FROM case_timer t JOIN instance i ON i.id = t.instance_id WHERE ${where.join(' AND ')}`;
  const [count] = await exec.execute<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
  const rows = await exec.execute<{ instance_id: string; title: string; definition_key: string; key: string; kind: TimerKind; state: string; fire_at: Date }>(
    `SELECT t.instance_id, i.title, t.definition_key, t.key, t.kind, t.state, t.fire_at ${from} ORDER BY t.fire_at, t.instance_id, t.key LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      instanceId: r.instance_id,
      caseTitle: r.title,
      definition: r.definition_key,
      key: r.key,
      kind: r.kind,
      state: r.state,
      fireAt: new Date(r.fire_at).toISOString(),
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
