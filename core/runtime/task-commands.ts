/**
 * What people do with a task: complete (with outcome, form data and opinion), return (退回),
 * claim a pooled task, transfer (转交), delegate (委派), add or remove signers (加签/减签).
 * Each runs inside the caller's transaction and bumps the case's version, so concurrent
 * commands on one case serialize through the optimistic check.
 */
import type { FieldPermissions, WorkSpec } from '../definition/types.js';
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import { appendAudit } from '../persistence/audit.js';
import type { Tx } from '../persistence/types.js';
import { advance, type Advanced } from './advance.js';
import { permitTask } from './authorize.js';
import { loadTask, loadTaskAndCase, type InstanceRow, type TaskRow } from './case-store.js';
import { isUuid } from '../uuid.js';
import type { Actor, EngineDeps } from './ports.js';
import { bumpVersion, checkForm, insertNotifications } from './case-writes.js';
import { checkOpinion } from './opinion-policy.js';
import { claimRefusal, completeRefusal, delegateRefusal, outcomesFor, returnRefusal, signersRefusal, transferRefusal } from './task-rules.js';

export interface TaskContext {
  deps: EngineDeps;
  tx: Tx;
  wf: (key: string, version: number) => Promise<CompiledWorkflow>;
  /** Lock the case row when loading it: set when the command is re-run after a version race. */
  lock?: boolean;
}

interface Loaded {
  task: TaskRow;
  instance: InstanceRow;
  wf: CompiledWorkflow;
  spec: WorkSpec | undefined;
  actingFor: string | null;
}

async function loadForAction(c: TaskContext, actor: Actor, taskId: string): Promise<Loaded> {
  if (!isUuid(taskId)) throw new ChanceryError('task.not_found', { taskId });
  const { task, instance } = await loadTaskAndCase(c.tx, taskId, { lock: c.lock ?? false });
  const permit = await permitTask(c.tx, actor, task, c.deps.clock());
  if (task.status !== 'open') throw new ChanceryError('task.already_done', { taskId });
  if (instance.status !== 'running') throw new ChanceryError('instance.not_running');
  const wf = await c.wf(instance.definition_key, instance.definition_version);
  return { task, instance, wf, spec: wf.states.get(task.state_key)?.work?.spec, actingFor: permit.actingFor };
}

/**
 * Marks the task row done; zero rows means someone else got there first. Returns whether other
 * rows of the same slot are still open (a task offered to several named people).
 */
async function closeRow(
  tx: Tx,
  task: TaskRow,
  actorId: string,
  actingFor: string | null,
  fields: { outcome: string; opinion?: string | null; data?: unknown },
  now: Date,
): Promise<boolean> {
  const res = await tx.query<{ siblings: number }>(
    `UPDATE task SET status = 'completed', outcome = $2, opinion = $3, data = $4, completed_by = $5, acting_for_id = $6, completed_at = $7, assignee_id = COALESCE(assignee_id, $5)
     WHERE id = $1 AND status = 'open'
     RETURNING (SELECT count(*)::int FROM task s WHERE s.instance_id = $8 AND s.slot = $9 AND s.status = 'open' AND s.id <> $1) AS siblings`,
    [
      task.id,
      fields.outcome,
      fields.opinion ?? null,
      (fields.data ?? null) as Record<string, unknown> | null,
      actorId,
      actingFor,
      now,
      task.instance_id,
      task.slot,
    ],
  );
  if (res.rowCount !== 1) throw new ChanceryError('task.already_done', { taskId: task.id });
  return (res.rows[0]?.siblings ?? 0) > 0;
}

export interface CompleteInput {
  outcome?: string;
  data?: Record<string, unknown>;
  opinion?: string;
}

export async function completeTask(c: TaskContext, actor: Actor, taskId: string, input: CompleteInput): Promise<Advanced> {
  const l = await loadForAction(c, actor, taskId);
  const allowed = outcomesFor(l);
  const outcome = input.outcome ?? allowed[0]!;
  if (!allowed.includes(outcome)) throw new ChanceryError('task.invalid_outcome', { outcome, allowed: allowed.join(', ') }, { pointer: '/outcome' });
  checkOpinion(l.spec, l.wf.definition.defaults?.opinion, outcome, input.opinion);
  refuse(completeRefusal(l, actor));
  const now = c.deps.clock();
  const patch = takesForm(l, outcome, input.data) ? formPatch(c, l, input.data, actor) : undefined;

  // 委派: the delegate's work goes back to the person who delegated it, who then decides.
  if (l.task.owner_id) {
    await c.tx.execute(`UPDATE task SET assignee_id = owner_id, owner_id = NULL, opinion = $2, data = $3 WHERE id = $1`, [
      l.task.id,
      input.opinion ?? null,
      (patch ?? null) as Record<string, unknown> | null,
    ]);
    return touch(c, l, actor, 'task.delegate_returned', { opinion: input.opinion ?? null, outcome }, l.actingFor);
  }
  const othersOpen = await closeRow(c.tx, l.task, actor.id, l.actingFor, { outcome, opinion: input.opinion ?? null, data: patch }, now);
  const ref = {
    id: l.instance.id,
    version: l.instance.version,
    snapshot: l.instance.snapshot,
    title: l.instance.title,
    ...(othersOpen ? {} : { settledSlot: l.task.slot }),
  };
  return advance(
    c.deps,
    c.tx,
    l.wf,
    ref,
    [{ type: 'task.done', slot: l.task.slot, outcome, by: actor.id, ...(patch ? { data: patch } : {}), ...(input.opinion ? { opinion: input.opinion } : {}) }],
    {
      type: 'task.completed',
      actorId: actor.id,
      actingForId: l.actingFor,
      taskId: l.task.id,
      state: l.task.state_key,
      payload: { outcome, ...(input.opinion ? { opinion: input.opinion } : {}) },
    },
  );
}

/** Whether this outcome takes the step's form; data sent with an outcome that takes none is refused. */
function takesForm(l: Loaded, outcome: string, data: Record<string, unknown> | undefined): boolean {
  const only = l.spec?.formOutcomes;
  if (!only || only.includes(outcome)) return true;
  if (data !== undefined && Object.keys(data).length > 0)
    throw new ChanceryError('task.form_not_taken', { outcome, outcomes: only.join(', ') }, { pointer: '/data' });
  return false;
}

/** Validates the task's form (as the server's authority) and returns the data patch `{ [formKey]: data }`. */
function formPatch(c: TaskContext, l: Loaded, data: Record<string, unknown> | undefined, actor: Actor): Record<string, unknown> | undefined {
  const formKey = l.task.form_key;
  if (!formKey) return undefined;
  const form = l.wf.definition.forms?.[formKey];
  // No `data` is not "nothing to check": it is `{}` merged with what the task already holds (the
  // form as the case has it, and a delegate's draft), validated like any submission, so a step's
  // required fields cannot be skipped while a review of an already complete form still passes.
  const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const submitted = data ?? { ...asObject(l.instance.data[formKey]), ...asObject(l.task.prefill), ...asObject(l.task.data?.[formKey]) };
  if (!form) return data === undefined ? undefined : { [formKey]: data };
  const permissions: FieldPermissions | undefined = l.spec?.fields;
  return {
    [formKey]: checkForm(c.deps, form, submitted, { lang: actor.lang, ...(permissions ? { permissions } : {}), previousData: l.instance.data[formKey] }),
  };
}

export async function returnTask(c: TaskContext, actor: Actor, taskId: string, input: { to: string; opinion?: string }): Promise<Advanced> {
  const l = await loadForAction(c, actor, taskId);
  refuse(returnRefusal(l, actor, input.to));
  const now = c.deps.clock();
  await closeRow(c.tx, l.task, actor.id, l.actingFor, { outcome: 'return', opinion: input.opinion ?? null }, now);
  try {
    const moved = await advance(
      c.deps,
      c.tx,
      l.wf,
      { id: l.instance.id, version: l.instance.version, snapshot: l.instance.snapshot, title: l.instance.title },
      [{ type: 'return', to: input.to, by: actor.id, slot: l.task.slot }],
      {
        type: 'task.returned',
        actorId: actor.id,
        actingForId: l.actingFor,
        taskId: l.task.id,
        state: l.task.state_key,
        payload: { to: input.to, opinion: input.opinion ?? null },
      },
    );
    // Where the case may go is decided first (a return forward is refused as such); the opinion
    // rule then holds for the return itself, and a refusal rolls the whole command back.
    checkOpinion(l.spec, l.wf.definition.defaults?.opinion, 'return', input.opinion);
    await notifyReturned(c.tx, l, actor, moved.openedTaskIds, input.opinion, now);
    return moved;
  } catch (e) {
    if (e instanceof ChanceryError && e.code === 'instance.no_transition')
      throw new ChanceryError('task.return_not_allowed', { to: input.to }, { pointer: '/to' });
    throw e;
  }
}

/** Tells whoever holds the tasks a return opened (or its pool) that the case came back, and why. */
async function notifyReturned(tx: Tx, l: Loaded, actor: Actor, taskIds: string[], opinion: string | undefined, now: Date): Promise<void> {
  if (taskIds.length === 0) return;
  const people = await tx.execute<{ user_id: string; task_id: string }>(
    `SELECT DISTINCT COALESCE(t.assignee_id, m.user_id) AS user_id, t.id AS task_id FROM task t
     LEFT JOIN membership m ON t.assignee_id IS NULL AND m.role_key = t.candidate_role AND m.unit_id = t.candidate_unit_id
     WHERE t.id = ANY($1::uuid[]) AND t.status = 'open'`,
    [taskIds],
  );
  const title = l.instance.title;
  await insertNotifications(
    tx,
    people
      .filter((p) => p.user_id && p.user_id !== actor.id)
      .map((p) => ({
        userId: p.user_id,
        instanceId: l.instance.id,
        taskId: p.task_id,
        kind: 'info' as const,
        title: { 'zh-CN': `退回：${title}`, en: `Returned: ${title}` },
        body: { returned: true, by: actor.id, opinion: opinion ?? null, from: l.task.state_key },
      })),
    now,
  );
}

/** Claiming a task one already holds changes nothing: same answer, no audit entry, no new version. */
export async function claimTask(c: TaskContext, actor: Actor, taskId: string): Promise<Advanced> {
  const l = await loadForAction(c, actor, taskId);
  const unchanged: Advanced = {
    snapshot: l.instance.snapshot,
    effects: [],
    version: l.instance.version,
    result: null,
    openedTaskIds: [],
    instanceId: l.instance.id,
  };
  if (l.task.assignee_id === actor.id) return unchanged;
  refuse(claimRefusal(l));
  const res = await c.tx.query('UPDATE task SET assignee_id = $2 WHERE id = $1 AND assignee_id IS NULL AND status = $3', [l.task.id, actor.id, 'open']);
  if (res.rowCount !== 1) {
    // Lost a race: to oneself (a double click) it is the same claim; to anyone else, refused.
    const [now] = await c.tx.execute<{ assignee_id: string | null }>('SELECT assignee_id FROM task WHERE id = $1', [l.task.id]);
    if (now?.assignee_id === actor.id) return unchanged;
    throw new ChanceryError('task.not_claimable', { taskId });
  }
  return touch(c, l, actor, 'task.claimed', {}, null);
}

export async function transferTask(c: TaskContext, actor: Actor, taskId: string, input: { to: string; opinion?: string }): Promise<Advanced> {
  const l = await loadForAction(c, actor, taskId);
  refuse(transferRefusal(l));
  checkOpinion(l.spec, l.wf.definition.defaults?.opinion, 'transfer', input.opinion);
  const to = await userRef(c.tx, input.to);
  await c.tx.execute('UPDATE task SET assignee_id = $2, candidate_role = NULL, candidate_unit_id = NULL, acting_for_id = NULL, owner_id = NULL WHERE id = $1', [
    l.task.id,
    to,
  ]);
  return touch(c, l, actor, 'task.transferred', { to, from: l.task.assignee_id, opinion: input.opinion ?? null }, l.actingFor);
}

export async function delegateTask(c: TaskContext, actor: Actor, taskId: string, input: { to: string; opinion?: string }): Promise<Advanced> {
  const l = await loadForAction(c, actor, taskId);
  refuse(delegateRefusal(l));
  checkOpinion(l.spec, l.wf.definition.defaults?.opinion, 'delegate', input.opinion);
  const to = await userRef(c.tx, input.to);
  await c.tx.execute('UPDATE task SET owner_id = COALESCE(assignee_id, $3), assignee_id = $2, candidate_role = NULL, candidate_unit_id = NULL WHERE id = $1', [
    l.task.id,
    to,
    actor.id,
  ]);
  return touch(c, l, actor, 'task.delegated', { to, opinion: input.opinion ?? null }, l.actingFor);
}

export async function addSigners(c: TaskContext, actor: Actor, taskId: string, input: { users: string[]; before?: boolean }): Promise<Advanced> {
  const l = await loadForAction(c, actor, taskId);
  refuse(signersRefusal(l, 'add'));
  const users = await Promise.all(input.users.map((u) => userRef(c.tx, u)));
  return advance(
    c.deps,
    c.tx,
    l.wf,
    { id: l.instance.id, version: l.instance.version, snapshot: l.instance.snapshot, title: l.instance.title },
    [
      {
        type: 'work.add',
        state: l.task.state_key,
        slots: users.map((u) => ({ assignees: { users: [u] } })),
        by: actor.id,
        ...(input.before ? { before: l.task.slot } : {}),
      },
    ],
    { type: 'task.signers_added', actorId: actor.id, actingForId: l.actingFor, taskId: l.task.id, state: l.task.state_key, payload: { users } },
  );
}

export async function removeSigner(c: TaskContext, actor: Actor, taskId: string, input: { task: string }): Promise<Advanced> {
  const l = await loadForAction(c, actor, taskId);
  refuse(signersRefusal(l, 'remove'));
  const target = await loadTask(c.tx, input.task);
  if (target.instance_id !== l.task.instance_id || target.state_key !== l.task.state_key || target.status !== 'open')
    throw new ChanceryError('task.not_found', { taskId: input.task }, { pointer: '/task' });
  return advance(
    c.deps,
    c.tx,
    l.wf,
    { id: l.instance.id, version: l.instance.version, snapshot: l.instance.snapshot, title: l.instance.title },
    [{ type: 'work.remove', slot: target.slot, by: actor.id }],
    {
      type: 'task.signer_removed',
      actorId: actor.id,
      actingForId: l.actingFor,
      taskId: target.id,
      state: l.task.state_key,
      payload: { removed: target.assignee_id },
    },
  );
}

/** Throws a rule's refusal (`task-rules.ts`), if it gave one. */
function refuse(refusal: ChanceryError | null): void {
  if (refusal) throw refusal;
}

/** A command that changes only task rows still bumps the case version and leaves an audit entry. */
async function touch(c: TaskContext, l: Loaded, actor: Actor, type: string, payload: Record<string, unknown>, actingFor: string | null): Promise<Advanced> {
  const now = c.deps.clock();
  await bumpVersion(c.tx, l.instance.id, l.instance.version, now);
  await appendAudit(c.tx, {
    instanceId: l.instance.id,
    type,
    actorId: actor.id,
    actingForId: actingFor,
    taskId: l.task.id,
    state: l.task.state_key,
    payload,
    at: now,
  });
  return { snapshot: l.instance.snapshot, effects: [], version: l.instance.version + 1, result: null, openedTaskIds: [], instanceId: l.instance.id };
}

/** A user by id or username, active; refused with a pointer at `/to` otherwise. */
export async function userRef(tx: Tx, ref: string): Promise<string> {
  const rows = await tx.execute<{ id: string }>(
    isUuid(ref) ? 'SELECT id FROM app_user WHERE id = $1 AND active' : 'SELECT id FROM app_user WHERE username = $1 AND active',
    [ref],
  );
  if (!rows[0]) throw new ChanceryError('directory.user_not_found', { user: ref }, { pointer: '/to' });
  return rows[0].id;
}
