/**
 * Incidents: plugin actions that failed for good with nothing in the definition handling
 * `action.failed`. An administrator lists them, fixes the cause (a secret, the other system) and
 * retries — the same request with the same idempotency key — or dismisses them.
 */
import { ChanceryError } from '../errors.js';
import type { Queue } from '../persistence/queue.js';
import type { Database } from '../persistence/types.js';
import { ACTION_QUEUE } from '../runtime/ports.js';
import type { ActionCatalog } from './contract.js';
import { actionJobOptions } from './runner.js';
import { isUuid } from '../uuid.js';

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

export function createIncidents(db: Database, queue: Queue, registry: ActionCatalog, clock: () => Date) {
  return {
    /** One page of incidents (default: open ones, 100 a page) with how many match. */
    async list(q: { status?: string; instanceId?: string; page?: number; pageSize?: number } = {}): Promise<{ items: Incident[]; total: number }> {
      const pageSize = q.pageSize ?? 100;
      const filter = [q.status ?? 'incident', q.instanceId ?? null];
      const where = 'WHERE status = $1 AND ($2::uuid IS NULL OR instance_id = $2)';
      const items = await db.execute<Incident & Record<string, unknown>>(
        `SELECT ${COLUMNS} FROM action_run ${where} ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`,
        [...filter, pageSize, ((q.page ?? 1) - 1) * pageSize],
      );
      const [n] = await db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM action_run ${where}`, filter);
      return { items, total: n?.n ?? 0 };
    },
    /** Sends the request again (same idempotency key); the incident becomes `retrying`. */
    async retry(id: string, by: string): Promise<Incident> {
      if (!isUuid(id)) throw new ChanceryError('plugin.incident_not_found');
      return db.transaction(async (tx) => {
        const [row] = await tx.execute<{
          instance_id: string;
          request_id: string;
          action: string;
          state: string;
          params: Record<string, unknown>;
          status: string;
          attempts: number;
        }>('SELECT instance_id, request_id, action, state, params, status, attempts FROM action_run WHERE id = $1 FOR UPDATE', [id]);
        if (!row) throw new ChanceryError('plugin.incident_not_found');
        if (row.status !== 'incident') throw new ChanceryError('plugin.incident_not_open', { status: row.status });
        const [updated] = await tx.execute<Incident & Record<string, unknown>>(
          `UPDATE action_run SET status = 'retrying', resolved_by = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, by, clock()],
        );
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
      if (!isUuid(id)) throw new ChanceryError('plugin.incident_not_found');
      const [row] = await db.execute<Incident & Record<string, unknown>>(
        `UPDATE action_run SET status = 'dismissed', resolved_by = $2, updated_at = $3 WHERE id = $1 AND status = 'incident' RETURNING ${COLUMNS}`,
        [id, by, clock()],
      );
      if (row) return row;
      const [had] = await db.execute<{ status: string }>('SELECT status FROM action_run WHERE id = $1', [id]);
      if (!had) throw new ChanceryError('plugin.incident_not_found');
      throw new ChanceryError('plugin.incident_not_open', { status: had.status });
    },
  };
}

export type Incidents = ReturnType<typeof createIncidents>;
