/**
 * Who may act on a task or see a case. Checked inside the command's transaction, so a membership
 * or delegation that changes concurrently is seen consistently with the task row.
 */
import { ChanceryError } from '../errors.js';
import type { Executor } from '../persistence/types.js';
import type { TaskRow } from './case-store.js';
import type { Actor } from './ports.js';

export interface TaskPermit {
  /** The person the actor acts for (out-of-office delegation), if any. */
  actingFor: string | null;
}

/** The actor may work this task: it is theirs, their pool's, or theirs by delegation. */
export async function permitTask(exec: Executor, actor: Actor, task: TaskRow, now: Date): Promise<TaskPermit> {
  if (task.assignee_id === actor.id) return { actingFor: task.acting_for_id };
  if (task.assignee_id === null && task.candidate_role && task.candidate_unit_id) {
    const rows = await exec.execute('SELECT 1 FROM membership WHERE user_id = $1 AND role_key = $2 AND unit_id = $3', [
      actor.id,
      task.candidate_role,
      task.candidate_unit_id,
    ]);
    if (rows.length > 0) return { actingFor: null };
  }
  if (task.assignee_id) {
    const rows = await exec.execute(
      `SELECT 1 FROM delegation d JOIN instance i ON i.id = $4
       WHERE d.from_user_id = $1 AND d.to_user_id = $2 AND d.starts_at <= $3 AND d.ends_at > $3 AND (d.definition_key IS NULL OR d.definition_key = i.definition_key)`,
      [task.assignee_id, actor.id, now, task.instance_id],
    );
    if (rows.length > 0) return { actingFor: task.assignee_id };
  }
  throw new ChanceryError('task.not_assignee', { taskId: task.id });
}

/** The actor may see this case: admin, initiator, someone who had or has a task in it, or was CC'd. */
export async function canSeeCase(exec: Executor, actor: Actor, instance: { id: string; initiator_id: string }): Promise<boolean> {
  if (actor.isAdmin || instance.initiator_id === actor.id) return true;
  const rows = await exec.execute(
    `SELECT 1 FROM task t WHERE t.instance_id = $1 AND (t.assignee_id = $2 OR t.acting_for_id = $2 OR t.owner_id = $2 OR t.completed_by = $2
        OR (t.candidate_role IS NOT NULL AND EXISTS (SELECT 1 FROM membership m WHERE m.user_id = $2 AND m.role_key = t.candidate_role AND m.unit_id = t.candidate_unit_id)))
     UNION ALL SELECT 1 FROM notification n WHERE n.instance_id = $1 AND n.user_id = $2 LIMIT 1`,
    [instance.id, actor.id],
  );
  return rows.length > 0;
}

export async function assertSeeCase(exec: Executor, actor: Actor, instance: { id: string; initiator_id: string }): Promise<void> {
  // Someone who may not see a case learns nothing about it, not even that it exists.
  if (!(await canSeeCase(exec, actor, instance))) throw new ChanceryError('instance.not_found', { instanceId: instance.id });
}
