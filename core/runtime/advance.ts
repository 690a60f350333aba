/**
 * The imperative shell around `step()`: feeds events to a case inside one transaction, answers the
 * machine's requests for assignees from the directory, and carries out the effects (tasks, timers,
 * plugin actions, CC, audit) before writing the case back under its optimistic version check.
 */
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { ActionRequest, EngineEvent, Timer } from '../machine/context.js';
import { evalRule } from '../machine/scope.js';
import { timerTime } from '../machine/timer-time.js';
import { appendAudit } from '../persistence/audit.js';
import type { Tx } from '../persistence/types.js';
import { findAssignees, resolveWork } from './assignment.js';
import type { Effect } from './effects.js';
import { ACTION_QUEUE, TIMER_QUEUE, type EngineDeps, type JobOptions } from './ports.js';
import { resultOf, step, stateLabel, type CaseResult, type PersistedSnapshot } from './step.js';
import { textOf } from './text.js';
import { insertTasks, type NewTask } from './task-rows.js';
import { syncTimerRows, type ScheduledTimer } from './timer-rows.js';
import { insertNotifications } from './case-writes.js';
import { syncFileRefs } from './file-refs.js';

/** The deadline maths live in the pure core (`machine/timer-time.ts`); re-exported for the shell's callers. */
export { timerTime } from '../machine/timer-time.js';

export interface CaseRef {
  id: string;
  /** A slot whose task rows the command already closed (no need to cancel what is left of it). */
  settledSlot?: string;
  /** The version read before the command; `0` for a case being created. */
  version: number;
  snapshot: PersistedSnapshot;
  title?: string;
}

export interface AuditMeta {
  type: string;
  actorId: string | null;
  actingForId?: string | null;
  taskId?: string | null;
  state?: string | null;
  payload?: Record<string, unknown>;
  /** The payload says where the case came from and went itself (a migration): leave out the machine's `from`/`to`. */
  omitMove?: boolean;
}

export interface Advanced {
  snapshot: PersistedSnapshot;
  effects: Effect[];
  version: number;
  result: CaseResult | null;
  openedTaskIds: string[];
  instanceId: string;
}

type Ev = EngineEvent | { type: string; [k: string]: unknown };

/**
 * Applies `events` in order (each must be accepted), then everything that follows from them.
 * `initial` carries the effects of `start()` for a new case.
 */
export async function advance(
  deps: EngineDeps,
  tx: Tx,
  wf: CompiledWorkflow,
  ref: CaseRef,
  events: Ev[],
  audit: AuditMeta,
  initial?: Effect[],
): Promise<Advanced> {
  let snap = ref.snapshot;
  const effects: Effect[] = [...(initial ?? [])];
  const at = deps.clock().toISOString();
  for (const e of events) {
    // Every event carries its time, which rules see as `now`.
    const r = step(wf, snap, { ...e, at });
    if (!r.changed) throw new ChanceryError('instance.no_transition', { state: stateLabel(snap.value), event: e.type });
    snap = r.snapshot;
    effects.push(...r.effects);
  }
  // Answer every request for assignees, including those raised by steps entered while answering.
  for (let guard = 0; guard < 100; guard++) {
    const need = effects.find(
      (e): e is Extract<Effect, { type: 'assign.resolve' }> =>
        e.type === 'assign.resolve' && snap.context.work[e.state]?.round === e.work.round && snap.context.work[e.state]?.slots === null,
    );
    if (!need || snap.status !== 'active') break;
    const slots = await resolveWork(tx, snap.context.work[need.state]!, snap.context, wf, deps.resolveAssignee);
    const r = step(wf, snap, { type: 'work.assigned', state: need.state, slots, at });
    snap = r.snapshot;
    effects.push(...r.effects);
  }

  const now = deps.clock();
  const calendar = deps.calendar(wf.definition.calendar ?? 'cn');
  // Due dates per step, and per item in a per-item step (`state|item`).
  const dueOf = new Map<string, Date>();
  for (const t of Object.values(snap.context.timers)) {
    if (t.kind === 'due') dueOf.set(`${t.state}|${t.item ?? ''}`, timerTime(calendar, t, now));
  }

  const opened: NewTask[] = [];
  const closedSlots: string[] = [];
  const jobs: Array<[string, Record<string, unknown>, JobOptions]> = [];
  const ccs: Array<Extract<Effect, { type: 'cc' }>> = [];
  const scheduled: ScheduledTimer[] = [];
  const linked: ActionRequest[] = [];
  for (const e of effects) {
    switch (e.type) {
      case 'task.open': {
        const info = wf.states.get(e.state);
        const i = e.slot.item;
        const itemTitle = i === undefined ? null : (e.work.itemTitles?.[i] ?? null);
        const title = itemTitle ?? textOf(info?.work?.spec.title ?? info?.spec.title ?? info?.key ?? e.state);
        const item = i === undefined ? undefined : { index: i, value: e.work.items?.[i], prefill: e.work.itemPrefill?.[i] ?? null };
        opened.push({ state: e.state, slot: e.slot, kind: e.work.kind, title, form: info?.work?.spec.form ?? null, due: dueOf.get(`${e.state}|${i ?? ''}`) ?? dueOf.get(`${e.state}|`) ?? null, ...(item ? { item } : {}) });
        break;
      }
      case 'task.close':
        closedSlots.push(e.slot);
        break;
      case 'timer.schedule':
        if (snap.context.timers[e.timer.key]) {
          const fireAt = timerTime(calendar, e.timer, now);
          scheduled.push({ timer: e.timer, scheduledAt: now, fireAt });
          jobs.push([TIMER_QUEUE, { instanceId: ref.id, key: e.timer.key }, { startAfter: realTime(fireAt, now), singletonKey: `${ref.id}:${e.timer.key}` }]);
        }
        break;
      case 'action.run':
        // Built-in actions on other cases run in this transaction, once the case is written.
        if (LINKED_ACTIONS.has(e.request.call.action)) {
          linked.push(e.request);
          break;
        }
        jobs.push([
          ACTION_QUEUE,
          { instanceId: ref.id, requestId: e.request.id, state: e.request.state, action: e.request.call.action, params: e.request.params, ...(e.request.call.result ? { result: e.request.call.result } : {}) },
          { singletonKey: `${ref.id}:${e.request.id}`, retryLimit: 5, retryDelay: 2, retryBackoff: true },
        ]);
        break;
      case 'cc':
        ccs.push(e);
        break;
      default:
        break;
    }
  }
  const toClose = closedSlots.filter((slot) => slot !== ref.settledSlot);
  // Branches of a parallel step left from inside another branch: their open tasks are cancelled, on the record.
  const branchesLeft = new Set(effects.filter((e) => e.type === 'task.close' && e.reason === 'left' && e.state.includes('.')).map((e) => (e as { slot: string }).slot));
  let cancelledInBranches: Array<{ id: string; state_key: string; assignee_id: string | null }> = [];
  if (toClose.length > 0) {
    const cancelled = await tx.execute<{ id: string; slot: string; state_key: string; assignee_id: string | null }>(
      `UPDATE task SET status = 'cancelled', completed_at = $3 WHERE instance_id = $1 AND slot = ANY($2::text[]) AND status = 'open' RETURNING id, slot, state_key, assignee_id`,
      [ref.id, toClose, now],
    );
    cancelledInBranches = cancelled.filter((t) => branchesLeft.has(t.slot));
  }
  const result = resultOf(wf, snap);
  const status = result ?? 'running';
  const title = caseTitle(wf, snap) ?? ref.title ?? textOf(wf.definition.title);
  const { data, ...rest } = snap.context;
  const stored = { ...snap, context: { ...rest, data: {} } };
  let version: number;
  if (ref.version === 0) {
    await tx.execute(
      `INSERT INTO instance (id, definition_key, definition_version, status, title, initiator_id, initiator_unit_id, data, snapshot, version, state, due_at, created_at, updated_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $12, $13)`,
      [ref.id, wf.key, wf.version, status, title, snap.context.initiator.id, snap.context.initiator.unitId || null, data, stored, stateLabel(snap.value), minDue(opened), now, result ? now : null],
    );
    version = 1;
  } else {
    const updated = await tx.query(
      `UPDATE instance SET snapshot = $3, data = $4, status = $5, title = $6, state = $7, version = version + 1, updated_at = $8, completed_at = $9,
         due_at = (SELECT min(d) FROM (SELECT due_at AS d FROM task WHERE instance_id = $1 AND status = 'open' UNION ALL SELECT $10::timestamptz) AS dues)
       WHERE id = $1 AND version = $2`,
      [ref.id, ref.version, stored, data, status, title, stateLabel(snap.value), now, result ? now : null, minDue(opened)],
    );
    if (updated.rowCount !== 1) throw new ChanceryError('instance.version_conflict', { instanceId: ref.id });
    version = ref.version + 1;
  }

  // A new case had no data before this command; its start data is already in the first snapshot.
  await syncFileRefs(tx, ref.id, ref.version === 0 ? {} : ref.snapshot.context.data, data, audit.actorId, now);
  const openedTaskIds = await insertTasks(tx, ref.id, wf.definition.key, opened, now);
  for (const [name, payload, options] of jobs) await deps.jobs.send(tx, name, payload, options);
  const hadTimers = ref.version === 0 ? [] : Object.keys(ref.snapshot.context.timers ?? {});
  await syncTimerRows(tx, ref.id, { definitionKey: wf.key, calendarKey: wf.definition.calendar ?? 'cn' }, scheduled, Object.keys(snap.context.timers), hadTimers);
  for (const c of ccs) await notifyCc(tx, wf, snap, ref.id, title, c, now, deps);

  const moved = effects.find((e) => e.type === 'state.changed');
  await appendAudit(tx, {
    instanceId: ref.id,
    type: audit.type,
    actorId: audit.actorId,
    actingForId: audit.actingForId ?? null,
    state: audit.state ?? null,
    taskId: audit.taskId ?? null,
    at: now,
    payload: {
      ...audit.payload,
      ...(moved && moved.type === 'state.changed' && !audit.omitMove ? { from: stateLabel(moved.from), to: stateLabel(moved.to) } : {}),
      ...(opened.length ? { opened: opened.map((o) => ({ state: o.state, slot: o.slot.id, assignees: o.slot.assignees })) } : {}),
      ...(diffData(ref.snapshot.context.data, data) ?? {}),
    },
  });
  if (cancelledInBranches.length > 0) {
    await appendAudit(tx, {
      instanceId: ref.id,
      type: 'task.cancelled',
      actorId: audit.actorId,
      actingForId: audit.actingForId ?? null,
      state: audit.state ?? null,
      taskId: audit.taskId ?? null,
      at: now,
      payload: { reason: 'parallel_left', tasks: cancelledInBranches.map((t) => ({ id: t.id, state: t.state_key, assigneeId: t.assignee_id })) },
    });
  }
  if (result) {
    await appendAudit(tx, { instanceId: ref.id, type: `instance.${result}`, actorId: audit.actorId, at: now, payload: { state: stateLabel(snap.value) } });
  }
  if (linked.length > 0) {
    if (!deps.linkedCases) throw new ChanceryError('plugin.unknown_action', { action: linked[0]!.call.action });
    await deps.linkedCases(tx, { instanceId: ref.id, actorId: audit.actorId }, linked);
  }
  return { snapshot: snap, effects, version, result, openedTaskIds, instanceId: ref.id };
}

const LINKED_ACTIONS = new Set(['case.start', 'case.signal']);

async function notifyCc(tx: Tx, wf: CompiledWorkflow, snap: PersistedSnapshot, instanceId: string, title: string, c: Extract<Effect, { type: 'cc' }>, now: Date, deps: EngineDeps) {
  const who = await findAssignees(tx, c.to, snap.context, wf, deps.resolveAssignee);
  await insertNotifications(tx, (who.users ?? []).map((userId) => ({ userId, instanceId, kind: 'cc' as const, title: { 'zh-CN': `抄送：${title}`, en: `CC: ${title}` }, body: { state: c.state } })), now);
}

/**
 * The queue waits in real time while the engine's clock may be simulated (tests, the designer's
 * simulator): hand the queue the same delay from the real now. In production the two are equal.
 */
export function realTime(at: Date, engineNow: Date): Date {
  return new Date(Date.now() + (at.getTime() - engineNow.getTime()));
}

function minDue(opened: NewTask[]): Date | null {
  const dues = opened.map((o) => o.due).filter((d): d is Date => d !== null);
  return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
}

function caseTitle(wf: CompiledWorkflow, snap: PersistedSnapshot): string | undefined {
  if (wf.definition.caseTitle === undefined) return undefined;
  try {
    const v = evalRule(wf.definition.caseTitle, { data: snap.context.data, initiator: snap.context.initiator });
    return typeof v === 'string' && v.length > 0 ? v.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

/** What a command changed in the case data, for the audit trail: `{ diff: { "report.facts": [old, new] } }`. */
function diffData(before: Record<string, unknown>, after: Record<string, unknown>): { diff: Record<string, [unknown, unknown]> } | undefined {
  const diff: Record<string, [unknown, unknown]> = {};
  const walk = (a: unknown, b: unknown, path: string, depth: number) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const objects = depth < 2 && a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b);
    if (!objects) {
      diff[path] = [a ?? null, b ?? null];
      return;
    }
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, depth + 1);
  };
  walk(before, after, '', 0);
  return Object.keys(diff).length ? { diff } : undefined;
}
