/**
 * What happens to a case as a whole: start, withdraw (撤回), urge (催办), CC (抄送), events from
 * outside, and durable timers coming back from the job queue.
 */
import { ChanceryError } from '../errors.js';
import { levelsOf, levelsSkipped } from '../definition/index.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import { appendAudit } from '../persistence/audit.js';
import type { Executor, Tx } from '../persistence/types.js';
import { advance, type Advanced } from './advance.js';
import { findAssignees } from './assignment.js';
import { assertSeeCase } from './authorize.js';
import { assertPolicy } from './case-permissions.js';
import { isRetired } from './retirement.js';
import { loadCase, type InstanceRow } from './case-store.js';
import { isUuid } from '../uuid.js';
import { bumpVersion, checkForm, insertNotifications } from './case-writes.js';
import { approvalCovers, type MoveApproval } from './migrate-instance-row.js';
import type { Actor, EngineDeps } from './ports.js';
import { start, stateLabel, step, type PersistedSnapshot } from './step.js';
import { textOf } from './text.js';

export interface CaseContext {
  deps: EngineDeps;
  tx: Tx;
  wf: (key: string, version?: number) => Promise<CompiledWorkflow>;
  /** Lock the case row when loading it: set when the command is re-run after a version race. */
  lock?: boolean;
}

export interface StartInput {
  definition: string;
  data?: Record<string, unknown>;
}

export async function startCase(c: CaseContext, actor: Actor, input: StartInput, options: { linked?: boolean } = {}): Promise<Advanced & { id: string }> {
  const wf = await c.wf(input.definition);
  const def = wf.definition;
  if (await isRetired(c.tx, def.key)) throw new ChanceryError('definition.retired', { key: def.key }, { pointer: '/definition' });
  // A case started by another case's `case.start` is the definition author's decision, not the actor's.
  // Named by its title in the reader's language: the key is an internal name.
  if (!options.linked && !(await mayStart(c.tx, c.deps, actor, wf))) {
    throw new ChanceryError('definition.not_startable', { key: def.key, title: { 'zh-CN': textOf(def.title, 'zh-CN'), en: textOf(def.title, 'en') } });
  }
  let data: Record<string, unknown> = {};
  const given = input.data ?? {};
  if (def.startForm) {
    const form = def.forms?.[def.startForm];
    data = { [def.startForm]: form ? checkForm(c.deps, form, given, { lang: actor.lang }) : given };
  } else data = { ...given };
  const id = crypto.randomUUID();
  const first = start(wf, { data, initiator: { id: actor.id, unitId: actor.unitId ?? '' }, now: c.deps.clock().toISOString() });
  const done = await advance(
    c.deps,
    c.tx,
    wf,
    { id, version: 0, snapshot: first.snapshot },
    [],
    {
      type: 'instance.started',
      actorId: actor.id,
      payload: { definition: wf.key, version: wf.version },
    },
    first.effects,
  );
  return { ...done, id };
}

/** Whether `actor` may start a case of `wf` (its `starters`; anyone signed in when it names none). */
export async function mayStart(tx: Executor, deps: Pick<EngineDeps, 'resolveAssignee'>, actor: Actor, wf: CompiledWorkflow): Promise<boolean> {
  const starters = wf.definition.starters;
  if (!starters?.length || actor.isAdmin) return true;
  for (const s of starters) {
    const who = await findAssignees(tx, s, { initiator: { id: actor.id, unitId: actor.unitId ?? '' }, data: {} } as never, wf, deps.resolveAssignee);
    if (who.users?.includes(actor.id)) return true;
  }
  return false;
}

/** How long after an urge (催办) the next one is taken. */
const URGE_INTERVAL_MS = 10 * 60_000;

/**
 * Why `actor` may not withdraw (撤回) the case now, or null when they may: the initiator, while
 * running, and only where the definition's withdraw rule lets the machine take the event.
 */
export function withdrawRefusal(actor: Actor, instance: InstanceRow, wf: CompiledWorkflow): ChanceryError | null {
  if (instance.initiator_id !== actor.id) return new ChanceryError('instance.not_initiator');
  if (instance.status !== 'running') return new ChanceryError('instance.not_running');
  try {
    // The pure step with the machine's own guard: the same rule the command runs.
    if (step(wf, instance.snapshot, { type: 'withdraw', by: actor.id }).changed) return null;
  } catch (e) {
    if (!(e instanceof ChanceryError)) throw e;
  }
  return new ChanceryError('instance.withdraw_not_allowed');
}

/**
 * Why an urge (催办) is not taken now, besides who may urge (the definition's policy): a case
 * that is not running, or one urged less than ten minutes ago — then with when the next is taken.
 */
export async function urgeThrottle(exec: Executor, instance: InstanceRow, now: Date): Promise<ChanceryError | null> {
  if (instance.status !== 'running') return new ChanceryError('instance.not_running');
  const [last] = await exec.execute<{ at: Date | null }>(
    `SELECT max(at) AS at FROM audit_event WHERE instance_id = $1 AND type = 'instance.urged' AND at > $2`,
    [instance.id, new Date(now.getTime() - URGE_INTERVAL_MS)],
  );
  if (!last?.at) return null;
  const next = new Date(new Date(last.at).getTime() + URGE_INTERVAL_MS);
  const retryAfter = Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000));
  return new ChanceryError('instance.urged_recently', { retryAfter, minutes: Math.ceil(retryAfter / 60), availableAt: next.toISOString() });
}

async function loadRunning(c: CaseContext, instanceId: string, options: { lock?: boolean } = {}) {
  if (!isUuid(instanceId)) throw new ChanceryError('instance.not_found', { instanceId });
  const instance = await loadCase(c.tx, instanceId, { lock: (options.lock ?? false) || (c.lock ?? false) });
  const wf = await c.wf(instance.definition_key, instance.definition_version);
  return { instance, wf };
}

export async function withdrawCase(c: CaseContext, actor: Actor, instanceId: string, input: { reason?: string }): Promise<Advanced> {
  const { instance, wf } = await loadRunning(c, instanceId);
  await assertSeeCase(c.tx, actor, instance);
  const refusal = withdrawRefusal(actor, instance, wf);
  if (refusal) throw refusal;
  try {
    return await advance(
      c.deps,
      c.tx,
      wf,
      { id: instance.id, version: instance.version, snapshot: instance.snapshot, title: instance.title },
      [{ type: 'withdraw', by: actor.id }],
      {
        type: 'instance.withdraw',
        actorId: actor.id,
        payload: { reason: input.reason ?? null },
      },
    );
  } catch (e) {
    if (e instanceof ChanceryError && e.code === 'instance.no_transition') throw new ChanceryError('instance.withdraw_not_allowed');
    throw e;
  }
}

/** 催办: reminds the people holding the case's open tasks. Limited to once per 10 minutes per case. */
export async function urgeCase(c: CaseContext, actor: Actor, instanceId: string, input: { message?: string }): Promise<{ notified: number }> {
  // Locked: concurrent urges and CCs queue on the row (no version race), and the throttle below
  // sees the urge committed just before.
  const { instance, wf } = await loadRunning(c, instanceId, { lock: true });
  // Who may urge: the definition's policy (default: the initiator), and admins.
  await assertPolicy(c.tx, actor, 'urge', instance, wf, c.deps.resolveAssignee);
  if (instance.status !== 'running') throw new ChanceryError('instance.not_running');
  const now = c.deps.clock();
  const throttled = await urgeThrottle(c.tx, instance, now);
  if (throttled) throw throttled;
  const people = await c.tx.execute<{ user_id: string; task_id: string }>(
    `SELECT DISTINCT COALESCE(t.assignee_id, m.user_id) AS user_id, t.id AS task_id FROM task t
     LEFT JOIN membership m ON t.assignee_id IS NULL AND m.role_key = t.candidate_role AND m.unit_id = t.candidate_unit_id
     WHERE t.instance_id = $1 AND t.status = 'open'`,
    [instance.id],
  );
  await insertNotifications(
    c.tx,
    people
      .filter((p) => p.user_id)
      .map((p) => ({
        userId: p.user_id,
        instanceId: instance.id,
        taskId: p.task_id,
        kind: 'urge' as const,
        title: { 'zh-CN': `催办：${instance.title}`, en: `Reminder: ${instance.title}` },
        body: { message: input.message ?? null, by: actor.id },
      })),
    now,
  );
  await bumpVersion(c.tx, instance.id, instance.version, now);
  await appendAudit(c.tx, {
    instanceId: instance.id,
    type: 'instance.urged',
    actorId: actor.id,
    payload: { message: input.message ?? null, notified: people.length },
    at: now,
  });
  return { notified: people.length };
}

/** 抄送: lets more people see the case and tells them. */
export async function ccCase(c: CaseContext, actor: Actor, instanceId: string, input: { users: string[]; message?: string }): Promise<{ notified: number }> {
  const { instance, wf } = await loadRunning(c, instanceId, { lock: true });
  // Who may CC: the definition's policy (default: whoever may see the case), and admins.
  await assertPolicy(c.tx, actor, 'cc', instance, wf, c.deps.resolveAssignee);
  const now = c.deps.clock();
  const users = await c.tx.execute<{ id: string }>('SELECT id FROM app_user WHERE active AND (id::text = ANY($1::text[]) OR username = ANY($1::text[]))', [
    input.users,
  ]);
  if (users.length !== new Set(input.users).size) throw new ChanceryError('directory.user_not_found', { user: input.users.join(', ') }, { pointer: '/users' });
  await insertNotifications(
    c.tx,
    users.map((u) => ({
      userId: u.id,
      instanceId: instance.id,
      kind: 'cc' as const,
      title: { 'zh-CN': `抄送：${instance.title}`, en: `CC: ${instance.title}` },
      body: { message: input.message ?? null, by: actor.id },
    })),
    now,
  );
  await bumpVersion(c.tx, instance.id, instance.version, now);
  await appendAudit(c.tx, {
    instanceId: instance.id,
    type: 'instance.cc',
    actorId: actor.id,
    payload: { users: users.map((u) => u.id), message: input.message ?? null },
    at: now,
  });
  return { notified: users.length };
}

/** An admin event's reason, and the second admin's approval once a move past a level was approved. */
export interface AdminEventOptions {
  reason?: string;
  approval?: MoveApproval;
}

/**
 * An event from outside (a plugin's `action.failed`, an integration): goes to the case as it is.
 * Sent by an admin, it may not move the case past a declared level (不得越级) unless the
 * definition allows it and the move was approved by a second admin (`admin-moves.ts`).
 */
export async function signalCase(
  c: CaseContext,
  actor: Actor | null,
  instanceId: string,
  event: { type: string; data?: Record<string, unknown> },
  options: AdminEventOptions = {},
): Promise<Advanced> {
  const { instance, wf } = await loadRunning(c, instanceId);
  if (instance.status !== 'running') throw new ChanceryError('instance.not_running');
  const events: Array<{ type: string; [k: string]: unknown }> = [];
  if (event.data) events.push({ type: 'data.patch', data: event.data });
  events.push({ type: event.type, ...(actor ? { by: actor.id } : {}) });
  const from = topState(instance.snapshot.value);
  const approval = options.approval;
  const r = await advance(c.deps, c.tx, wf, { id: instance.id, version: instance.version, snapshot: instance.snapshot, title: instance.title }, events, {
    type: 'instance.signal',
    actorId: actor?.id ?? null,
    payload: {
      event: event.type,
      ...(approval ? { reason: approval.reason, requestedBy: approval.requestedBy, approvedBy: approval.approvedBy, moveId: approval.moveId } : {}),
    },
  });
  const to = topState(r.snapshot.value);
  const skipped = actor ? levelsSkipped(wf.definition, from, to) : [];
  if (skipped.length > 0 && approval && !approvalCovers(approval, instance.id, skipped)) {
    // Approved for other levels than the case would now pass over (it moved since): not this move.
    throw new ChanceryError('move.changed', { from, to, skipped: skipped.join('、'), levels: skipped });
  }
  if (skipped.length > 0 && !approval) {
    // Throwing rolls the whole command back: nothing of the move is kept.
    const details = { from, to, skipped: skipped.join('、'), levels: skipped };
    if (levelsOf(wf.definition)?.adminSkip !== 'with-approval') throw new ChanceryError('migration.level_skipped', details, { pointer: '/type' });
    if (!options.reason?.trim()) throw new ChanceryError('migration.needs_approval', details, { pointer: '/reason' });
    throw new ChanceryError('move.approval_required', { ...details, definitionKey: wf.key });
  }
  return r;
}

/** The top-level step of a state value (`review` for `review.legal.check|review.finance.check`). */
function topState(value: PersistedSnapshot['value']): string {
  return stateLabel(value).split('|')[0]!.split('.')[0]!;
}
