/**
 * Who gets the work of a step: resolves a step's assignment against the directory (inside the
 * command's transaction) into slots, then applies the empty-assignee policy.
 */
import type { Assignment, EmptyAssigneePolicy } from '../definition/types.js';
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { EngineContext, SlotAssignees, Work } from '../machine/context.js';
import type { Executor } from '../persistence/types.js';
import type { AssigneeResolver } from './ports.js';
import { isUuid } from '../uuid.js';
import { emptyAssignee } from './empty-assignee.js';

/** Finds who an (already evaluated) assignment names in the directory: a pool (role in unit) or users. Empty `users` means nobody. */
export async function findAssignees(
  exec: Executor,
  a: Assignment,
  ctx: EngineContext,
  wf: CompiledWorkflow,
  plugins?: AssigneeResolver,
): Promise<SlotAssignees> {
  if ('role' in a) {
    const unitId = await unitIdOf(exec, typeof a.unit === 'string' ? a.unit : ctx.initiator.unitId);
    // Walk up the org tree until someone holds the role: a township's "handler" may sit in the county office.
    for (const unit of unitId ? [unitId, ...(await ancestors(exec, unitId))] : []) {
      const rows = await exec.execute<{ user_id: string }>(
        `SELECT m.user_id FROM membership m JOIN app_user u ON u.id = m.user_id
         WHERE m.role_key = $1 AND m.unit_id = $2 AND u.active ORDER BY u.username`,
        [a.role, unit],
      );
      if (rows.length > 0) return { role: a.role, unitId: unit, users: rows.map((r) => r.user_id) };
    }
    return { users: [] };
  }
  if ('users' in a) return { users: await userIds(exec, a.users) };
  if ('head' in a) {
    const unitId = await unitIdOf(exec, typeof a.head === 'string' ? a.head : ctx.initiator.unitId);
    if (!unitId) return { users: [] };
    const rows = await exec.execute<{ user_id: string }>(
      `SELECT m.user_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.role_key = 'head' AND m.unit_id = $1 AND u.active ORDER BY u.username`,
      [unitId],
    );
    return { users: rows.map((r) => r.user_id) };
  }
  if ('members' in a) {
    const unitId = await unitIdOf(exec, typeof a.members === 'string' ? a.members : ctx.initiator.unitId);
    return { users: unitId ? await membersOf(exec, unitId) : [] };
  }
  if ('initiator' in a) return { users: [ctx.initiator.id] };
  if ('manager' in a) {
    const of = a.manager.of === 'previous' ? lastActor(ctx, wf) : ctx.initiator.id;
    if (!of) return { users: [] };
    let current: string | null = of;
    for (let level = a.manager.level ?? 1; level > 0 && current; level--) {
      const rows: Array<{ manager_id: string | null }> = await exec.execute('SELECT manager_id FROM app_user WHERE id = $1', [current]);
      current = rows[0]?.manager_id ?? null;
    }
    return { users: current ? [current] : [] };
  }
  if ('previous' in a) {
    const named = typeof a.previous === 'object' ? a.previous.state : undefined;
    const who = named ? ctx.actors[named] : lastActor(ctx, wf);
    return { users: who ? [who] : [] };
  }
  if ('plugin' in a && plugins) {
    const found = await plugins(a.plugin, { ...(a.with ?? {}), initiator: ctx.initiator, data: ctx.data });
    if (found.role) return findAssignees(exec, { role: found.role, ...(found.unit ? { unit: found.unit } : {}) }, ctx, wf);
    return { users: await userIds(exec, found.users ?? []) };
  }
  throw new ChanceryError('assign.empty', {
    state: `plugin:${'plugin' in a ? a.plugin : '?'}`,
    which: { 'zh-CN': '（未加载办理人解析插件）', en: ' (no resolver plugin is loaded)' },
  });
}

/** Resolves the work of a step into slot requests, per the kind of step and the empty-assignee policy. */
export async function resolveWork(
  exec: Executor,
  work: Work,
  ctx: EngineContext,
  wf: CompiledWorkflow,
  plugins?: AssigneeResolver,
): Promise<Array<{ assignees: SlotAssignees; item?: number }>> {
  const info = wf.states.get(work.state);
  const spec = info?.work?.spec;
  const policy: EmptyAssigneePolicy = spec?.emptyAssignee ?? wf.definition.defaults?.emptyAssignee ?? 'fail';
  // 'forbid': the initiator is no signer at all, so a step only they could sign is an empty step
  // (handled by the empty-assignee policy) rather than one that approves itself.
  const forbidSelf = work.kind === 'approval' && (spec?.selfApproval ?? wf.definition.defaults?.selfApproval) === 'forbid';
  const withoutInitiator = (found: SlotAssignees): SlotAssignees =>
    forbidSelf && found.users ? { ...found, users: found.users.filter((u) => u !== ctx.initiator.id) } : found;
  const withPolicy = async (a: Assignment, item?: number): Promise<SlotAssignees | null> => {
    const found = withoutInitiator(await findAssignees(exec, a, ctx, wf, plugins));
    if ((found.users?.length ?? 0) > 0) return found;
    if (policy === 'skip') return null;
    if (policy === 'admin') {
      const rows = await exec.execute<{ id: string }>('SELECT id FROM app_user WHERE is_admin AND active ORDER BY username');
      if (rows.length > 0) return { users: rows.map((r) => r.id) };
    } else if (typeof policy === 'object') {
      // The fallbacks as evaluated at entry (with the item, in a per-item step), tried in order.
      // A case entered before fallbacks were evaluated at entry keeps the rule as written.
      const rules =
        (item === undefined ? work.fallback : work.itemFallback?.[item]) ??
        (work.fallback === undefined && work.itemFallback === undefined && !Array.isArray(policy.assign) ? [policy.assign] : []);
      for (const rule of rules) {
        const fallback = withoutInitiator(await findAssignees(exec, rule, ctx, wf, plugins));
        if ((fallback.users?.length ?? 0) > 0) return fallback;
      }
    }
    throw await emptyAssignee(exec, work.state, a, item);
  };

  if (work.kind === 'item') {
    const out: Array<{ assignees: SlotAssignees; item?: number }> = [];
    for (const [i, a] of (work.itemAssign ?? []).entries()) {
      const who = await withPolicy(a, i);
      if (who) out.push({ assignees: who, item: i });
    }
    return out;
  }
  const who = await withPolicy(work.assign);
  if (!who) return [];
  // An approval asks each person separately; a task goes to the pool (first to act takes it).
  if (work.kind === 'approval') return (who.users ?? []).map((u) => ({ assignees: { users: [u] } }));
  return [{ assignees: who }];
}

function lastActor(ctx: EngineContext, wf: CompiledWorkflow): string | undefined {
  for (let i = ctx.visited.length - 1; i >= 0; i--) {
    const id = ctx.visited[i]!;
    if (wf.states.get(id)?.work && ctx.actors[id]) return ctx.actors[id];
  }
  return undefined;
}

async function unitIdOf(exec: Executor, unit: string): Promise<string | undefined> {
  const rows = await exec.execute<{ id: string }>(isUuid(unit) ? 'SELECT id FROM org_unit WHERE id = $1' : 'SELECT id FROM org_unit WHERE code = $1', [unit]);
  return rows[0]?.id;
}

async function ancestors(exec: Executor, unitId: string): Promise<string[]> {
  const rows = await exec.execute<{ id: string }>(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM org_unit WHERE id = $1
       UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM org_unit o JOIN up ON o.id = up.parent_id WHERE up.depth < 32)
     SELECT id FROM up WHERE id <> $1 ORDER BY depth`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

/** Everyone active whose own unit is `unitId` or a unit under it. */
async function membersOf(exec: Executor, unitId: string): Promise<string[]> {
  const rows = await exec.execute<{ id: string }>(
    `WITH RECURSIVE down(id, depth) AS (
       SELECT id, 0 FROM org_unit WHERE id = $1
       UNION ALL SELECT o.id, down.depth + 1 FROM org_unit o JOIN down ON o.parent_id = down.id WHERE down.depth < 32)
     SELECT u.id FROM app_user u WHERE u.active AND u.unit_id IN (SELECT id FROM down) ORDER BY u.username`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

async function userIds(exec: Executor, refs: string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const ids = refs.filter((r) => isUuid(r));
  const names = refs.filter((r) => !isUuid(r));
  const rows = await exec.execute<{ id: string }>(
    'SELECT id FROM app_user WHERE active AND (id = ANY($1::uuid[]) OR username = ANY($2::text[])) ORDER BY username',
    [ids, names],
  );
  return rows.map((r) => r.id);
}
