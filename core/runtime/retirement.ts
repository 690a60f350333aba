/**
 * Retiring a workflow (停用): no new cases start (by people or by `case.start`), running cases
 * continue on their version, and the workflow leaves start lists and list filters; an admin may
 * restore it. Each change is an append-only `definition_event` row (who, when, why).
 */
import { ChanceryError } from '../errors.js';
import type { Executor, Tx } from '../persistence/types.js';

/** Whether the workflow's latest retirement event retired it. */
export async function isRetired(exec: Executor, key: string): Promise<boolean> {
  const [row] = await exec.execute<{ type: string }>('SELECT type FROM definition_event WHERE definition_key = $1 ORDER BY id DESC LIMIT 1', [key]);
  return row?.type === 'definition.retired';
}

/** The keys of every retired workflow. */
export async function retiredKeys(exec: Executor): Promise<Set<string>> {
  const rows = await exec.execute<{ key: string }>(
    `SELECT e.definition_key AS key FROM definition_event e
     WHERE e.id = (SELECT max(id) FROM definition_event x WHERE x.definition_key = e.definition_key) AND e.type = 'definition.retired'`,
  );
  return new Set(rows.map((r) => r.key));
}

export interface RetirementChange {
  key: string;
  retired: boolean;
  at: Date;
  by: string;
  reason: string | null;
}

/** Retires (or restores) a published workflow; a change to the state it already has is refused. */
export async function setRetired(tx: Tx, key: string, retired: boolean, actorId: string, reason: string | undefined, now: Date): Promise<RetirementChange> {
  const [published] = await tx.execute<{ n: number }>('SELECT count(*)::int AS n FROM definition WHERE key = $1 AND version IS NOT NULL', [key]);
  if (!published?.n) throw new ChanceryError('definition.not_found', { key });
  // Serialize changes of one key, so the latest event is the state.
  await tx.execute('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${key}`]);
  if ((await isRetired(tx, key)) === retired) throw new ChanceryError(retired ? 'definition.retired' : 'definition.not_retired', { key });
  await tx.execute('INSERT INTO definition_event (definition_key, type, actor_id, reason, at) VALUES ($1, $2, $3, $4, $5)', [
    key,
    retired ? 'definition.retired' : 'definition.restored',
    actorId,
    reason ?? null,
    now,
  ]);
  return { key, retired, at: now, by: actorId, reason: reason ?? null };
}

/** The retirement history of a workflow, oldest first. */
export async function retirementHistory(exec: Executor, key: string) {
  const rows = await exec.execute<{ type: string; actor_id: string | null; reason: string | null; at: Date }>(
    'SELECT type, actor_id, reason, at FROM definition_event WHERE definition_key = $1 ORDER BY id',
    [key],
  );
  return rows.map((r) => ({ type: r.type, actorId: r.actor_id, reason: r.reason, at: r.at }));
}
