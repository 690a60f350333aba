/**
 * Admin moves past a level (不得越级) that wait for a second admin. Where a definition allows it
 * (`levels.adminSkip: "with-approval"`), a migration or an admin event that would move a case past
 * a level, sent with a reason, is stored here instead of being carried out; another admin approves
 * it with a request of their own, which carries the move out with the reason and both admins in
 * the case's audit entry, or rejects it. The one who asked can never approve.
 */
import { randomUUID } from 'node:crypto';
import { ChanceryError } from '../errors.js';
import type { Database, Executor, SqlParam } from '../persistence/types.js';
import { isUuid } from '../uuid.js';
import type { MoveApproval } from './migrate-instance-row.js';

export type MoveKind = 'migration' | 'event';

export interface PendingMove {
  id: string;
  kind: MoveKind;
  definitionKey: string;
  instanceId: string | null;
  request: Record<string, unknown>;
  reason: string;
  levels: string[];
  status: 'pending' | 'applied' | 'rejected';
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  result: unknown;
}

type MoveRow = {
  id: string;
  kind: MoveKind;
  definition_key: string;
  instance_id: string | null;
  request: Record<string, unknown>;
  reason: string;
  levels: string[];
  status: PendingMove['status'];
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  result: unknown;
};

const toMove = (r: MoveRow): PendingMove => ({
  id: r.id,
  kind: r.kind,
  definitionKey: r.definition_key,
  instanceId: r.instance_id,
  request: r.request,
  reason: r.reason,
  levels: r.levels,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  result: r.result,
});

/** Stores a move that waits for a second admin. */
export async function requestMove(
  exec: Executor,
  move: {
    kind: MoveKind;
    definitionKey: string;
    instanceId?: string;
    request: Record<string, unknown>;
    reason: string;
    levels: string[];
    requestedBy: string;
    at: Date;
  },
): Promise<PendingMove> {
  const rows = await exec.execute<MoveRow>(
    `INSERT INTO admin_move (id, kind, definition_key, instance_id, request, reason, levels, status, requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING *`,
    [randomUUID(), move.kind, move.definitionKey, move.instanceId ?? null, move.request, move.reason, JSON.stringify(move.levels), move.requestedBy, move.at],
  );
  return toMove(rows[0]!);
}

/** Moves by status and workflow, newest first, a page at a time. */
export async function listMoves(
  exec: Executor,
  q: { status?: PendingMove['status']; definition?: string; limit: number; offset: number },
): Promise<{ items: PendingMove[]; total: number }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (q.status) where.push(`status = $${params.push(q.status)}`);
  if (q.definition) where.push(`definition_key = $${params.push(q.definition)}`);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await exec.execute<{ n: number }>(`SELECT count(*)::int AS n FROM admin_move ${filter}`, params);
  const rows = await exec.execute<MoveRow>(`SELECT * FROM admin_move ${filter} ORDER BY requested_at DESC, id LIMIT ${q.limit} OFFSET ${q.offset}`, params);
  return { items: rows.map(toMove), total: count?.n ?? 0 };
}

/**
 * Decides a pending move. The decision is claimed first (only a pending move can be decided, so
 * two approvals at once carry it out once); approving then runs `carryOut` with the approval
 * (reason, both admins). If carrying out fails the move is pending again and the error is the answer.
 */
export async function decideMove(
  db: Database,
  id: string,
  decision: { approve: boolean; adminId: string; at: Date },
  carryOut: (move: PendingMove, approval: MoveApproval) => Promise<unknown>,
): Promise<PendingMove> {
  const [row] = isUuid(id) ? await db.execute<MoveRow>('SELECT * FROM admin_move WHERE id = $1', [id]) : [];
  if (!row) throw new ChanceryError('move.not_found', { moveId: id });
  if (row.status !== 'pending') throw new ChanceryError('move.not_pending', { status: row.status });
  if (row.requested_by === decision.adminId) throw new ChanceryError('move.same_admin');
  const [claimed] = await db.execute<MoveRow>(
    `UPDATE admin_move SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = 'pending' RETURNING *`,
    [id, decision.approve ? 'applied' : 'rejected', decision.adminId, decision.at],
  );
  if (!claimed) throw new ChanceryError('move.not_pending', { status: 'decided' });
  if (!decision.approve) return toMove(claimed);
  let result: unknown;
  try {
    result = await carryOut(toMove(row), { moveId: id, reason: row.reason, requestedBy: row.requested_by, approvedBy: decision.adminId, levels: row.levels });
  } catch (e) {
    await db.execute(`UPDATE admin_move SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = $1`, [id]);
    throw e;
  }
  const [done] = await db.execute<MoveRow>('UPDATE admin_move SET result = $2 WHERE id = $1 RETURNING *', [id, JSON.stringify(result ?? null)]);
  return toMove(done!);
}
