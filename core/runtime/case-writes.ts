/**
 * Writes the commands share: the case row itself (created, or updated under the optimistic version
 * check), the cancellation of tasks whose slots closed, the version bump of a command that changes
 * no state, the notifications it leaves people, and the server's check of a submitted form.
 */
import type { FieldPermissions, FormRef } from '../definition/types.js';
import { ChanceryError, type Lang } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { Tx } from '../persistence/types.js';
import type { EngineDeps } from './ports.js';
import { stateLabel, type PersistedSnapshot } from './step.js';

export interface CaseRow {
  status: string;
  title: string;
  completed: boolean;
  /** The earliest deadline of the tasks this command opens (the row keeps the earliest of all open tasks). */
  due: Date | null;
}

/**
 * Writes the case after a command: a new case (`ref.version` 0) is inserted, an existing one updated
 * only if nobody changed it since it was read. The snapshot is stored without its data, which has
 * its own column. Answers the new version.
 */
export async function writeCase(
  tx: Tx,
  wf: CompiledWorkflow,
  ref: { id: string; version: number },
  snap: PersistedSnapshot,
  row: CaseRow,
  now: Date,
): Promise<number> {
  const { data, ...rest } = snap.context;
  const stored = { ...snap, context: { ...rest, data: {} } };
  const completedAt = row.completed ? now : null;
  if (ref.version === 0) {
    await tx.execute(
      `INSERT INTO instance (id, definition_key, definition_version, status, title, initiator_id, initiator_unit_id, data, snapshot, version, state, due_at, created_at, updated_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $12, $13)`,
      [
        ref.id,
        wf.key,
        wf.version,
        row.status,
        row.title,
        snap.context.initiator.id,
        snap.context.initiator.unitId || null,
        data,
        stored,
        stateLabel(snap.value),
        row.due,
        now,
        completedAt,
      ],
    );
    return 1;
  }
  const updated = await tx.query(
    `UPDATE instance SET snapshot = $3, data = $4, status = $5, title = $6, state = $7, version = version + 1, updated_at = $8, completed_at = $9,
       due_at = (SELECT min(d) FROM (SELECT due_at AS d FROM task WHERE instance_id = $1 AND status = 'open' UNION ALL SELECT $10::timestamptz) AS dues)
     WHERE id = $1 AND version = $2`,
    [ref.id, ref.version, stored, data, row.status, row.title, stateLabel(snap.value), now, completedAt, row.due],
  );
  if (updated.rowCount !== 1) throw new ChanceryError('instance.version_conflict', { instanceId: ref.id });
  return ref.version + 1;
}

export type CancelledTask = {
  id: string;
  slot: string;
  state_key: string;
  assignee_id: string | null;
};

/** Cancels the open tasks of `slots` (their step was left or their slot removed). */
export function cancelSlots(tx: Tx, instanceId: string, slots: string[], now: Date): Promise<CancelledTask[]> {
  return tx.execute<CancelledTask>(
    `UPDATE task SET status = 'cancelled', completed_at = $3 WHERE instance_id = $1 AND slot = ANY($2::text[]) AND status = 'open' RETURNING id, slot, state_key, assignee_id`,
    [instanceId, slots, now],
  );
}

/** Bumps the case version under the optimistic check (a lost race rolls the command back). */
export async function bumpVersion(tx: Tx, id: string, version: number, now: Date): Promise<void> {
  const res = await tx.query('UPDATE instance SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2', [id, version, now]);
  if (res.rowCount !== 1) throw new ChanceryError('instance.version_conflict', { instanceId: id });
}

export interface NewNotification {
  userId: string;
  instanceId: string;
  taskId?: string | null;
  kind: 'cc' | 'urge' | 'remind' | 'escalate' | 'info';
  title: { 'zh-CN': string; en: string };
  body?: Record<string, unknown>;
}

export async function insertNotifications(tx: Tx, notes: NewNotification[], now: Date): Promise<void> {
  for (const n of notes) {
    await tx.execute(`INSERT INTO notification (id, user_id, instance_id, task_id, kind, title, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      crypto.randomUUID(),
      n.userId,
      n.instanceId,
      n.taskId ?? null,
      n.kind,
      n.title,
      n.body ?? {},
      now,
    ]);
  }
}

/** The server's validation of a submitted form; refused data is a 422 pointing into `/data`. */
export function checkForm(
  deps: EngineDeps,
  form: FormRef,
  data: unknown,
  options: { lang: Lang; permissions?: FieldPermissions; previousData?: unknown },
): unknown {
  if (!deps.forms) return data;
  const checked = deps.forms.validateSubmission(form, data, options);
  if (!checked.valid) {
    throw new ChanceryError('form.invalid', { count: checked.issues.length, issues: checked.issues }, { pointer: `/data${checked.issues[0]?.pointer ?? ''}` });
  }
  return checked.data;
}
