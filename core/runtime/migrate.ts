/**
 * Moving running cases from version N to version M of a definition with an explicit state mapping.
 * The dry run performs the whole migration inside a transaction and rolls it back, so what it
 * reports (who would get which task) is exactly what applying would do.
 */
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { Tx } from '../persistence/types.js';
import { advance } from './advance.js';
import { loadCase } from './case-store.js';
import type { EngineDeps } from './ports.js';
import { restore } from './step.js';
import { stateLabel } from './state-value.js';

export interface MigrationPlan {
  key: string;
  from: number;
  to: number;
  /** Old step id → new step id. Steps that exist under the same id in the new version may be left out. */
  mapping: Record<string, string>;
  /** Only these cases (default: every running case of version `from`). */
  instances?: string[];
}

export interface MigrationRow {
  instanceId: string;
  title: string;
  from: string;
  to: string | null;
  cancelledTasks: number;
  openedTasks: number;
  problem?: { code: string; message: string };
}

class DryRun extends Error {}

export async function migrateInstances(
  deps: EngineDeps,
  plan: MigrationPlan,
  compiled: (tx: Tx, version: number) => Promise<CompiledWorkflow>,
  options: { dryRun: boolean; actorId: string },
): Promise<{ dryRun: boolean; rows: MigrationRow[] }> {
  if (plan.from === plan.to) throw new ChanceryError('request.invalid', { reason: 'from and to are the same version' }, { pointer: '/to' });
  const rows: MigrationRow[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      const source = await compiled(tx, plan.from);
      const target = await compiled(tx, plan.to);
      for (const [from, to] of Object.entries(plan.mapping)) {
        if (!source.states.has(from)) throw new ChanceryError('migration.unknown_target', { state: from, to: plan.from }, { pointer: `/mapping/${from}` });
        if (!target.states.has(to)) throw new ChanceryError('migration.unknown_target', { state: to, to: plan.to }, { pointer: `/mapping/${from}` });
      }
      const ids = await tx.execute<{ id: string }>(
        `SELECT id FROM instance WHERE definition_key = $1 AND definition_version = $2 AND status = 'running' ${plan.instances ? 'AND id = ANY($3::uuid[])' : ''} ORDER BY created_at`,
        plan.instances ? [plan.key, plan.from, plan.instances] : [plan.key, plan.from],
      );
      for (const { id } of ids) {
        const instance = await loadCase(tx, id);
        const leaf = stateLabel(instance.snapshot.value).split('|')[0]!;
        const to = plan.mapping[leaf] ?? (target.states.has(leaf) ? leaf : null);
        if (!to) throw new ChanceryError('migration.unmapped_state', { state: leaf, from: plan.from, to: plan.to }, { pointer: `/mapping/${leaf}` });
        const cancelled = await tx.query(`UPDATE task SET status = 'cancelled', completed_at = $2 WHERE instance_id = $1 AND status = 'open'`, [id, deps.clock()]);
        const { work: _w, timers: _t, ...ctx } = instance.snapshot.context;
        const base = restore(target, { value: target.definition.initial, status: 'active', context: { ...ctx, work: {}, timers: {} } });
        const snapshot = { value: base.value, status: 'active' as const, context: base.context };
        await tx.execute('UPDATE instance SET definition_version = $2 WHERE id = $1', [id, plan.to]);
        const r = await advance(deps, tx, target, { id, version: instance.version, snapshot, title: instance.title }, [{ type: 'chancery.goto', to }], {
          type: 'instance.migrated',
          actorId: options.actorId,
          payload: { fromVersion: plan.from, toVersion: plan.to, fromState: leaf, toState: to },
        });
        rows.push({ instanceId: id, title: instance.title, from: leaf, to, cancelledTasks: cancelled.rowCount, openedTasks: r.openedTaskIds.length });
      }
      if (options.dryRun) throw new DryRun();
    });
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return { dryRun: options.dryRun, rows };
}
