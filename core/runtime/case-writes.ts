/**
 * Small writes several commands share: the version bump of a command that changes no state, the
 * notifications it leaves people, and the server's check of a submitted form.
 */
import type { FieldPermissions, FormRef } from '../definition/types.js';
import { ChanceryError, type Lang } from '../errors.js';
import type { Tx } from '../persistence/types.js';
import type { EngineDeps } from './ports.js';

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
      crypto.randomUUID(), n.userId, n.instanceId, n.taskId ?? null, n.kind, n.title, n.body ?? {}, now,
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
