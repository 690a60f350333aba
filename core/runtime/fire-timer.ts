/**
 * A durable timer coming back from the job queue: reminders (即将到期), escalations (已超期,
 * notify / reassign) and the timer's event. In a per-item step a timer belongs to one item: its
 * people are evaluated with that item, and only that item's task is reminded or reassigned.
 */
import type { Assignment } from '../definition/types.js';
import { ChanceryError } from '../errors.js';
import { itemScope } from '../machine/compile.js';
import type { Timer } from '../machine/context.js';
import { evaluateAssignment, ruleScopeOf, type Scope } from '../machine/scope.js';
import type { Tx } from '../persistence/types.js';
import { advance, type Advanced } from './advance.js';
import { findAssignees } from './assignment.js';
import type { CaseContext } from './case-commands.js';
import { loadCase, type InstanceRow } from './case-store.js';
import { insertNotifications } from './case-writes.js';

const NOTE_TITLE = {
  remind: (t: string) => ({ 'zh-CN': `即将到期：${t}`, en: `Due soon: ${t}` }),
  escalate: (t: string) => ({ 'zh-CN': `已超期：${t}`, en: `Overdue: ${t}` }),
};

/**
 * Fires `key` on the case. Stale timers (the case moved on, the item was done, or the step was
 * entered again since) are dropped: their key is no longer in the snapshot.
 */
export async function fireTimer(c: CaseContext, instanceId: string, key: string): Promise<Advanced | null> {
  const instance = await loadCase(c.tx, instanceId);
  if (instance.status !== 'running') return null;
  const timer = instance.snapshot.context.timers[key];
  if (!timer) return null;
  const wf = await c.wf(instance.definition_key, instance.definition_version);
  const now = c.deps.clock();
  const scope = timerScope(instance, wf, timer);
  const slot = slotOf(instance, timer);
  // Timers keep the assignment as written (`{ "head": { "var": "u.unit" } }`): evaluate it against the case (and item) as they are now.
  const people = async (a: Assignment) =>
    (await findAssignees(c.tx, evaluateAssignment(a, scope), instance.snapshot.context, wf, c.deps.resolveAssignee)).users ?? [];
  let skipped: string | null = null;
  if (timer.kind === 'remind' || timer.kind === 'escalate' || timer.kind === 'due') {
    const kind = timer.kind === 'remind' ? 'remind' : 'escalate';
    // A reminder whose deadline has already passed (a step opened after its deadline) would say
    // "due soon" after "overdue": the overdue notice covers it, so it stays silent.
    if (kind === 'remind' && (await deadlinePassed(c.tx, instance.id, timer.state, slot, now))) skipped = 'overdue';
    else if (timer.notify) await notifyUsers(c.tx, instance.id, instance.title, await people(timer.notify), kind, now);
    else await notifyOpen(c.tx, instance.id, instance.title, timer.state, slot, kind, now);
  }
  if (timer.kind === 'escalate' && timer.reassign) await reassignOpen(c.tx, instance.id, timer.state, slot, await people(timer.reassign), now);
  const events: Array<{ type: string; [k: string]: unknown }> = [{ type: 'timer.fired', key }];
  if (timer.event) events.push({ type: timer.event, timer: key });
  const ref = { id: instance.id, version: instance.version, snapshot: instance.snapshot, title: instance.title };
  const payload = { key, ...(timer.item === undefined ? {} : { item: timer.item }), ...(skipped ? { skipped } : {}) };
  try {
    return await advance(c.deps, c.tx, wf, ref, events, {
      type: `timer.${timer.kind}`,
      actorId: null,
      state: timer.state,
      payload: { ...payload, event: timer.event ?? null },
    });
  } catch (e) {
    // The step no longer accepts the timer's event: record the firing only.
    if (e instanceof ChanceryError && e.code === 'instance.no_transition' && events.length > 1) {
      return advance(c.deps, c.tx, wf, ref, [events[0]!], {
        type: `timer.${timer.kind}`,
        actorId: null,
        state: timer.state,
        payload: { ...payload, event: null },
      });
    }
    throw e;
  }
}

/** The variables the timer's rules see: the case, and in a per-item step the item under its name. */
function timerScope(instance: InstanceRow, wf: Awaited<ReturnType<CaseContext['wf']>>, timer: Timer): Scope {
  const base = ruleScopeOf(instance.snapshot.context, { state: timer.state });
  const work = instance.snapshot.context.work[timer.state];
  const info = wf.states.get(timer.state);
  if (timer.item === undefined || !work?.items || !info) return base;
  return itemScope(info, base, work.items, timer.item);
}

/** The slot of the timer's item (null: the whole step). */
function slotOf(instance: InstanceRow, timer: Timer): string | null {
  if (timer.item === undefined) return null;
  return instance.snapshot.context.work[timer.state]?.slots?.find((s) => s.item === timer.item)?.id ?? null;
}

async function deadlinePassed(tx: Tx, instanceId: string, state: string, slot: string | null, now: Date): Promise<boolean> {
  const [row] = await tx.execute<{ due: Date | null }>(
    `SELECT min(due_at) AS due FROM task WHERE instance_id = $1 AND state_key = $2 AND status = 'open' AND ($3::text IS NULL OR slot = $3)`,
    [instanceId, state, slot],
  );
  return !!row?.due && new Date(row.due).getTime() <= now.getTime();
}

async function notifyUsers(tx: Tx, instanceId: string, title: string, users: string[], kind: 'remind' | 'escalate', now: Date) {
  await insertNotifications(
    tx,
    [...new Set(users)].map((userId) => ({ userId, instanceId, kind, title: NOTE_TITLE[kind](title) })),
    now,
  );
}

/** 超期改派: the open tasks of the late step (or item) go to the escalation's people (same slots, so the step's bookkeeping is unchanged). */
async function reassignOpen(tx: Tx, instanceId: string, state: string, slot: string | null, users: string[], now: Date) {
  if (users.length === 0) return;
  const open = await tx.execute<{
    id: string;
    slot: string;
    kind: string;
    title: string;
    form_key: string | null;
    due_at: Date | null;
    assignee_id: string | null;
  }>(
    `UPDATE task SET status = 'cancelled', completed_at = $3 WHERE instance_id = $1 AND state_key = $2 AND status = 'open' AND ($4::text IS NULL OR slot = $4) RETURNING id, slot, kind, title, form_key, due_at, assignee_id`,
    [instanceId, state, now, slot],
  );
  const slots = [...new Map(open.map((t) => [t.slot, t])).values()];
  for (const t of slots) {
    for (const u of users) {
      await tx.execute(
        `INSERT INTO task (id, instance_id, state_key, slot, kind, status, title, form_key, assignee_id, due_at, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10)`,
        [crypto.randomUUID(), instanceId, state, t.slot, t.kind, t.title, t.form_key, u, t.due_at, now],
      );
    }
  }
}

async function notifyOpen(tx: Tx, instanceId: string, title: string, state: string, slot: string | null, kind: 'remind' | 'escalate', now: Date) {
  await tx.execute(
    `INSERT INTO notification (id, user_id, instance_id, task_id, kind, title, body, created_at)
     SELECT gen_random_uuid(), COALESCE(t.assignee_id, m.user_id), t.instance_id, t.id, $3, $4, '{}', $5 FROM task t
     LEFT JOIN membership m ON t.assignee_id IS NULL AND m.role_key = t.candidate_role AND m.unit_id = t.candidate_unit_id
     WHERE t.instance_id = $1 AND t.state_key = $2 AND t.status = 'open' AND ($6::text IS NULL OR t.slot = $6) AND COALESCE(t.assignee_id, m.user_id) IS NOT NULL`,
    [instanceId, state, kind, NOTE_TITLE[kind](title), now, slot],
  );
}
