/**
 * The imperative shell around `step()`: feeds events to a case inside one transaction, answers the
 * machine's requests for assignees from the directory, and carries out the effects (tasks, timers,
 * plugin actions, CC, audit) before writing the case back under its optimistic version check.
 * What the effects mean in rows and jobs is planned in `effect-plan.ts`; the case row's SQL is in
 * `case-writes.ts`.
 */
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { EngineEvent } from '../machine/context.js';
import { evalRule } from '../machine/scope.js';
import { appendAudit } from '../persistence/audit.js';
import type { Tx } from '../persistence/types.js';
import { findAssignees, resolveWork } from './assignment.js';
import { cancelSlots, insertNotifications, writeCase, type CancelledTask } from './case-writes.js';
import { minDue, planEffects } from './effect-plan.js';
import type { Effect } from './effects.js';
import { syncFileRefs } from './file-refs.js';
import type { EngineDeps } from './ports.js';
import { resultOf, step, stateLabel, type CaseResult, type PersistedSnapshot } from './step.js';
import { insertTasks, type NewTask } from './task-rows.js';
import { textOf } from './text.js';
import { syncTimerRows } from './timer-rows.js';

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
  const { snap, effects } = await runEvents(deps, tx, wf, ref.snapshot, events, initial ?? []);
  const now = deps.clock();
  const plan = planEffects(wf, snap, effects, ref, deps.calendar(wf.definition.calendar ?? 'cn'), now);
  const { opened } = plan;
  let cancelledInBranches: CancelledTask[] = [];
  if (plan.toClose.length > 0) {
    const cancelled = await cancelSlots(tx, ref.id, plan.toClose, now);
    cancelledInBranches = cancelled.filter((t) => plan.branchesLeft.has(t.slot));
  }
  const result = resultOf(wf, snap);
  const title = caseTitle(wf, snap) ?? ref.title ?? textOf(wf.definition.title);
  const { data } = snap.context;
  const version = await writeCase(tx, wf, ref, snap, { status: result ?? 'running', title, completed: result !== null, due: minDue(opened) }, now);

  // A new case had no data before this command; its start data is already in the first snapshot.
  await syncFileRefs(tx, ref.id, ref.version === 0 ? {} : ref.snapshot.context.data, data, audit.actorId, now);
  const openedTaskIds = await insertTasks(tx, ref.id, wf.definition.key, opened, now);
  for (const [name, payload, options] of plan.jobs) await deps.jobs.send(tx, name, payload, options);
  const hadTimers = ref.version === 0 ? [] : Object.keys(ref.snapshot.context.timers ?? {});
  await syncTimerRows(
    tx,
    ref.id,
    { definitionKey: wf.key, calendarKey: wf.definition.calendar ?? 'cn' },
    plan.scheduled,
    Object.keys(snap.context.timers),
    hadTimers,
  );
  for (const c of plan.ccs) await notifyCc(tx, wf, snap, ref.id, title, c, now, deps);

  await auditCommand(tx, ref, snap, effects, audit, { opened, cancelledInBranches, result }, now);
  if (plan.linked.length > 0) {
    if (!deps.linkedCases) throw new ChanceryError('plugin.unknown_action', { action: plan.linked[0]!.call.action });
    await deps.linkedCases(tx, { instanceId: ref.id, actorId: audit.actorId }, plan.linked);
  }
  return { snapshot: snap, effects, version, result, openedTaskIds, instanceId: ref.id };
}

/**
 * Steps the case through `events` (each must be accepted), then answers every request for
 * assignees from the directory, including those raised by steps entered while answering.
 */
async function runEvents(
  deps: EngineDeps,
  tx: Tx,
  wf: CompiledWorkflow,
  start: PersistedSnapshot,
  events: Ev[],
  initial: Effect[],
): Promise<{ snap: PersistedSnapshot; effects: Effect[] }> {
  let snap = start;
  const effects: Effect[] = [...initial];
  const at = deps.clock().toISOString();
  for (const e of events) {
    // Every event carries its time, which rules see as `now`.
    const r = step(wf, snap, { ...e, at });
    if (!r.changed) throw new ChanceryError('instance.no_transition', { state: stateLabel(snap.value), event: e.type });
    snap = r.snapshot;
    effects.push(...r.effects);
  }
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
  return { snap, effects };
}

/**
 * The command's audit entries: the command itself (where the case moved, the tasks it opened, what
 * it changed in the data), the cancelled tasks of parallel branches left, and the case's end.
 */
async function auditCommand(
  tx: Tx,
  ref: CaseRef,
  snap: PersistedSnapshot,
  effects: Effect[],
  audit: AuditMeta,
  done: { opened: NewTask[]; cancelledInBranches: CancelledTask[]; result: CaseResult | null },
  now: Date,
): Promise<void> {
  const { opened, cancelledInBranches, result } = done;
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
      ...(diffData(ref.snapshot.context.data, snap.context.data) ?? {}),
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
}

async function notifyCc(
  tx: Tx,
  wf: CompiledWorkflow,
  snap: PersistedSnapshot,
  instanceId: string,
  title: string,
  c: Extract<Effect, { type: 'cc' }>,
  now: Date,
  deps: EngineDeps,
) {
  const who = await findAssignees(tx, c.to, snap.context, wf, deps.resolveAssignee);
  await insertNotifications(
    tx,
    (who.users ?? []).map((userId) => ({
      userId,
      instanceId,
      kind: 'cc' as const,
      title: { 'zh-CN': `抄送：${title}`, en: `CC: ${title}` },
      body: { state: c.state },
    })),
    now,
  );
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
