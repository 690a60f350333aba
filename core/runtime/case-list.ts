/**
 * The case list: cases I started, cases I worked on, or (administrators) every case. Read-only
 * SQL; placeholders are numbered as they are used so PostgreSQL never sees a value it was not asked for.
 */
import type { Executor } from '../persistence/types.js';
import type { Actor } from './ports.js';
import { orderBy, type ListSort } from './queries.js';

export interface CaseListQuery {
  /** `started`: by me; `involved`: started by me or worked on by me; `cc`: CC'd to me (抄送我); `all`: every case for administrators (others: `involved`). Default: `all` for administrators, `involved` for everyone else. */
  scope?: 'started' | 'involved' | 'all' | 'cc';
  status?: 'running' | 'completed' | 'rejected' | 'withdrawn' | 'cancelled';
  definition?: string;
  /** `due`, `received` (started), `updated`; `-` first for descending. Default: newest first. */
  sort?: ListSort;
  page?: number;
  pageSize?: number;
}

export interface CaseListItem {
  id: string;
  definition: string;
  version: number;
  title: string;
  status: string;
  state: string | null;
  initiatorId: string;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

/** One page of the cases `actor` may list. */
export async function listCases(
  exec: Executor,
  actor: Actor,
  query: CaseListQuery,
): Promise<{ items: CaseListItem[]; total: number; page: number; pageSize: number }> {
  const scope = query.scope ?? (actor.isAdmin ? 'all' : 'involved');
  const pageSize = query.pageSize ?? 20;
  const page = query.page ?? 1;
  const params: unknown[] = [];
  const bind = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (scope === 'started') where.push(`i.initiator_id = ${bind(actor.id)}`);
  else if (scope === 'cc') where.push(`EXISTS (SELECT 1 FROM notification n WHERE n.instance_id = i.id AND n.user_id = ${bind(actor.id)} AND n.kind = 'cc')`);
  else if (scope !== 'all' || !actor.isAdmin) {
    const me = bind(actor.id);
    where.push(
      `(i.initiator_id = ${me} OR EXISTS (SELECT 1 FROM task t WHERE t.instance_id = i.id AND (t.assignee_id = ${me} OR t.completed_by = ${me} OR t.acting_for_id = ${me})))`,
    );
  }
  if (query.status) where.push(`i.status = ${bind(query.status)}`);
  if (query.definition) where.push(`i.definition_key = ${bind(query.definition)}`);
  const order = query.sort
    ? orderBy(query.sort, { due: 'i.due_at', received: 'i.created_at', updated: 'i.updated_at' }, 'i.created_at DESC, i.id')
    : 'i.created_at DESC, i.id';
  const rows = await exec.execute<CaseListItem & { total: number } & Record<string, unknown>>(
    `SELECT i.id, i.definition_key AS definition, i.definition_version AS version, i.title, i.status, i.state, i.initiator_id AS "initiatorId", i.due_at AS "dueAt",
            i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.completed_at AS "completedAt", count(*) OVER ()::int AS total
     FROM instance i ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${bind(pageSize)} OFFSET ${bind((page - 1) * pageSize)}`,
    params as never,
  );
  // Past the last page the window count is gone with the rows; count separately then.
  let total = rows[0]?.total;
  if (total === undefined) {
    const [n] = await exec.execute<{ n: number }>(
      `SELECT count(*)::int AS n FROM instance i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params.slice(0, -2) as never,
    );
    total = n?.n ?? 0;
  }
  return { items: rows.map(({ total: _t, ...r }) => r as CaseListItem), total, page, pageSize };
}
