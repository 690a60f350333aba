/**
 * 改派 by the system: a plugin action (escalation, a handover) hands the open tasks of a case, or
 * of one of its steps, to someone else. The engine's own command, so it is one transaction under
 * the case's version check, audited as `task.reassigned` and announced to the new holder — the
 * same path as a person's transfer, without a person holding the task.
 */
import { appendAudit } from '../persistence/audit.js';
import { bumpVersion, insertNotifications } from './case-writes.js';
import type { CaseContext } from './case-commands.js';
import { loadCase } from './case-store.js';
import { userRef } from './task-commands.js';

export interface ReassignInput {
  /** Username or user id of the new holder. */
  to: string;
  /** Only the open tasks of this step (default: every open task of the case). */
  state?: string;
  reason?: string;
}

/**
 * Reassigns; a task already with `to` is left alone, so a retried action changes nothing twice.
 *
 * @example
 * await engine.reassign(instanceId, { to: 'shilizhen-liaison', reason: '超期改派' }, 'escalate.reassign');
 */
export async function reassignTasks(c: CaseContext, instanceId: string, input: ReassignInput, by: string): Promise<{ reassigned: number; to: string }> {
  const to = await userRef(c.tx, input.to);
  const instance = await loadCase(c.tx, instanceId);
  if (instance.status !== 'running') return { reassigned: 0, to };
  const moved = await c.tx.execute<{ id: string }>(
    `UPDATE task SET assignee_id = $3, candidate_role = NULL, candidate_unit_id = NULL, acting_for_id = NULL, owner_id = NULL
     WHERE instance_id = $1 AND status = 'open' AND ($2::text IS NULL OR state_key = $2) AND assignee_id IS DISTINCT FROM $3 RETURNING id`,
    [instanceId, input.state ?? null, to],
  );
  if (moved.length === 0) return { reassigned: 0, to };
  const now = c.deps.clock();
  await bumpVersion(c.tx, instanceId, instance.version, now);
  await insertNotifications(
    c.tx,
    moved.map((t) => ({
      userId: to,
      instanceId,
      taskId: t.id,
      kind: 'escalate' as const,
      title: { 'zh-CN': `改派给您：${instance.title}`, en: `Reassigned to you: ${instance.title}` },
      body: { reason: input.reason ?? null },
    })),
    now,
  );
  await appendAudit(c.tx, {
    instanceId,
    type: 'task.reassigned',
    actorId: null,
    state: input.state ?? instance.state,
    at: now,
    payload: { to, tasks: moved.map((t) => t.id), reason: input.reason ?? null, by },
  });
  return { reassigned: moved.length, to };
}
