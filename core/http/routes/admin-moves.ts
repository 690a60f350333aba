/**
 * Moves past a level (不得越级) waiting for a second admin: list them, approve (carries the move
 * out, with the reason and both admins in the case's audit entry) or reject.
 */
import { decideMove, listMoves, type PendingMove } from '../../runtime/admin-moves.js';
import { migrateInstances, type MigrationPlan } from '../../runtime/migrate-instances.js';
import type { MoveApproval } from '../../runtime/migrate-instance-row.js';
import { requireAdmin } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageOf, pagingProps } from '../list.js';
import { page } from '../schemas/common.js';
import { PendingMove as PendingMoveSchema } from '../schemas/misc.js';

export function adminMoveRoutes(s: AppServices): AnyRoute[] {
  /** Carries out an approved move: the migration, or the event, with the approval. */
  async function carryOut(move: PendingMove, approval: MoveApproval): Promise<unknown> {
    if (move.kind === 'migration') {
      const { onlyClean, skips, ...plan } = move.request as unknown as MigrationPlan & { onlyClean?: boolean; skips?: Record<string, string[]> };
      return migrateInstances(s.engine.deps, plan, (tx, v) => s.engine.definitions.compiled(tx, plan.key, v), {
        dryRun: false,
        actorId: approval.approvedBy,
        approval: skips ? { ...approval, perCase: skips } : approval,
        ...(onlyClean ? { onlyClean } : {}),
      });
    }
    const event = move.request as { type: string; data?: Record<string, unknown> };
    const actor = { id: move.requestedBy, unitId: null, isAdmin: true, lang: 'zh-CN' as const };
    return (await s.engine.signal(actor, move.instanceId!, event, { approval })).body;
  }

  return [
    defineRoute({
      method: 'get',
      path: '/api/admin-moves',
      tag: 'definitions',
      access: 'admin',
      summary: i18n('越级移动申请（待另一位管理员批准）', 'Moves past a level waiting for (or decided by) a second admin'),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { status: { enum: ['pending', 'applied', 'rejected'] }, definition: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' }, ...pagingProps },
      },
      response: page(PendingMoveSchema),
      handler: async (c, { query }) => {
        requireAdmin(c);
        const { page: at, pageSize, offset } = pageOf(query, 50);
        const { items, total } = await listMoves(s.db, {
          ...(query.status ? { status: query.status } : {}),
          ...(query.definition ? { definition: query.definition } : {}),
          limit: pageSize,
          offset,
        });
        return c.json({ items, total, page: at, pageSize });
      },
    }),
    ...(['approve', 'reject'] as const).map((verb) =>
      defineRoute({
        method: 'post',
        path: `/api/admin-moves/:id/${verb}`,
        tag: 'definitions',
        access: 'admin',
        summary:
          verb === 'approve'
            ? i18n('批准越级移动（必须是另一位管理员）并执行', 'Approve a move past a level (a second admin) and carry it out')
            : i18n('驳回越级移动', 'Reject a move past a level'),
        response: PendingMoveSchema,
        errors: ['move.not_found', 'move.not_pending', 'move.same_admin', 'move.changed'],
        handler: async (c, { params }) => {
          const admin = requireAdmin(c);
          return c.json(await decideMove(s.db, params.id, { approve: verb === 'approve', adminId: admin.id, at: s.engine.deps.clock() }, carryOut));
        },
      }),
    ),
  ];
}
