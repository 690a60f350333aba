/**
 * Incidents: plugin actions that failed for good with nothing in the definition handling
 * `action.failed`. An administrator lists them, fixes the cause (a secret, the other system) and
 * retries — the same request with the same idempotency key — or dismisses them.
 */
import { ChanceryError } from '../errors.js';
import type { Queue } from '../persistence/queue.js';
import type { Database } from '../persistence/types.js';
import { ACTION_QUEUE } from '../runtime/ports.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { actionJobOptions } from './runner.js';

export interface Incident {
  id: string;
  instanceId: string;
  requestId: string;
  action: string;
  state: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, instance_id AS "instanceId", request_id AS "requestId", action, state, status, attempts, last_error AS "lastError", created_at AS "createdAt", updated_at AS "updatedAt"`;

export function createIncidents(db: Database, queue: Queue, registry: PluginRegistry, clock: () => Date) {
  const isId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  return {
    async list(q: { status?: string; instanceId?: string; page?: number } = {}): Promise<Incident[]> {
      return db.execute<Incident & Record<string, unknown>>(
        `SELECT ${COLUMNS} FROM action_run WHERE status = $1 AND ($2::uuid IS NULL OR instance_id = $2) ORDER BY updated_at DESC LIMIT 100 OFFSET $3`,
        [q.status ?? 'incident', q.instanceId ?? null, ((q.page ?? 1) - 1) * 100],
      );
    },
    /** Sends the request again (same idempotency key); the incident becomes `retrying`. */
    async retry(id: string, by: string): Promise<Incident> {
      if (!isId(id)) throw new ChanceryError('plugin.incident_not_found');
      return db.transaction(async (tx) => {
        const [row] = await tx.execute<{ instance_id: string; request_id: string; action: string; state: string; params: Record<string, unknown>; status: string; attempts: number }>(
          'SELECT instance_id, request_id, action, state, params, status, attempts FROM action_run WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (!row) throw new ChanceryError('plugin.incident_not_found');
        if (row.status !== 'incident') throw new ChanceryError('plugin.incident_not_open', { status: row.status });
        const [updated] = await tx.execute<Incident & Record<string, unknown>>(`UPDATE action_run SET status = 'retrying', resolved_by = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`, [id, by, clock()]);
        await queue.send(
          tx,
          ACTION_QUEUE,
          { instanceId: row.instance_id, requestId: row.request_id, state: row.state, action: row.action, params: row.params },
          { ...actionJobOptions(registry.action(row.action)), singletonKey: `${row.instance_id}:${row.request_id}:retry${row.attempts}` },
        );
        return updated!;
      });
    },
    async dismiss(id: string, by: string): Promise<Incident> {
      if (!isId(id)) throw new ChanceryError('plugin.incident_not_found');
      const [row] = await db.execute<Incident & Record<string, unknown>>(`UPDATE action_run SET status = 'dismissed', resolved_by = $2, updated_at = $3 WHERE id = $1 AND status = 'incident' RETURNING ${COLUMNS}`, [id, by, clock()]);
      if (row) return row;
      const [had] = await db.execute<{ status: string }>('SELECT status FROM action_run WHERE id = $1', [id]);
      if (!had) throw new ChanceryError('plugin.incident_not_found');
      throw new ChanceryError('plugin.incident_not_open', { status: had.status });
    },
  };
}

export type Incidents = ReturnType<typeof createIncidents>;
