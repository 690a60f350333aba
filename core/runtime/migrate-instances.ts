/**
 * Moving running cases from version N to version M of a definition with an explicit state mapping.
 *
 * The dry run is a pre-flight report and never fails on content: every unmapped step, every bad
 * mapping entry, and one row per selected case (current and target step, tasks to cancel and to
 * open with their assignees, and the row's problems). Each row really runs inside a savepoint, so
 * who would get which task is exactly what applying would do; the dry run rolls everything back.
 * Applying refuses while a selected row has a problem, unless asked explicitly to move only the
 * rows without problems (`onlyClean`). A move past a declared level (不得越级) is a problem of its
 * row; where the definition allows it (`levels.adminSkip: "with-approval"`) a reason turns the
 * apply into a pending move that a second admin approves (`admin-moves.ts`).
 */
import { levelsOf } from '../definition/index.js';
import { ChanceryError } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import type { Tx } from '../persistence/types.js';
import { loadCase } from './case-store.js';
import {
  approvalCovers,
  formProblems,
  moveCase,
  openTasks,
  problemOf,
  rowProblem,
  sameStep,
  skippedBy,
  type MoveApproval,
  type RowProblem,
  type TaskPreview,
} from './migrate-instance-row.js';
import type { EngineDeps } from './ports.js';
import { stateLabel } from './state-value.js';

export type { MoveApproval, RowProblem, TaskPreview } from './migrate-instance-row.js';

export interface MigrationPlan {
  key: string;
  from: number;
  to: number;
  /** Old step id → new step id. Steps that exist under the same id in the new version may be left out. */
  mapping: Record<string, string>;
  /** Only these cases (default: every running case of version `from`). */
  instances?: string[];
}

export interface MigrationOptions {
  dryRun: boolean;
  actorId: string;
  /** Apply to the rows without problems and leave the others where they are. */
  onlyClean?: boolean;
  /** Why cases are moved past a level (needed, with a second admin's approval, where the definition allows it). */
  reason?: string;
  /** The second admin's approval of a pending move past a level. */
  approval?: MoveApproval;
}

export interface MigrationRow {
  instanceId: string;
  title: string;
  from: string;
  to: string | null;
  /** The step is the same in both versions: its open tasks (ids, claims, deadlines, timers) are kept. */
  keep: boolean;
  cancel: TaskPreview[];
  open: TaskPreview[];
  problems: RowProblem[];
  /** Moved (in a dry run: would be moved). */
  applied: boolean;
}

export interface MigrationReport {
  dryRun: boolean;
  /** Mapping entries that name no step (of the old version, or of the new one), and selected cases not running on the old version. */
  mappingProblems: RowProblem[];
  /** Steps of running cases with nowhere to go in the new version. */
  unmapped: Array<{ state: string; pointer: string; cases: number; message: RowProblem['message'] }>;
  rows: MigrationRow[];
  applied: number;
  /** Apply only: nothing was moved because the moves past a level wait for a second admin. */
  needsApproval?: boolean;
}

class RollBack extends Error {}

/** Plans (dry run) or applies a migration; see the module comment for the rules. */
export async function migrateInstances(
  deps: EngineDeps,
  plan: MigrationPlan,
  compiled: (tx: Tx, version: number) => Promise<CompiledWorkflow>,
  options: MigrationOptions,
): Promise<MigrationReport> {
  if (plan.from === plan.to) throw new ChanceryError('request.invalid', { reason: 'from and to are the same version' }, { pointer: '/to' });
  let report: MigrationReport | undefined;
  try {
    await deps.db.transaction(async (tx) => {
      const source = await compiled(tx, plan.from);
      const target = await compiled(tx, plan.to);
      report = await planRows(deps, tx, plan, source, target, options);
      if (options.dryRun) throw new RollBack();
      refuseProblems(report, target, options);
      if (report.needsApproval) throw new RollBack();
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
    if (!options.dryRun) for (const row of report!.rows) row.applied = false;
  }
  report!.applied = report!.rows.filter((r) => r.applied).length;
  return report!;
}

async function planRows(
  deps: EngineDeps,
  tx: Tx,
  plan: MigrationPlan,
  source: CompiledWorkflow,
  target: CompiledWorkflow,
  options: MigrationOptions,
): Promise<MigrationReport> {
  const mappingProblems: RowProblem[] = [];
  for (const [from, to] of Object.entries(plan.mapping)) {
    if (!source.states.has(from)) mappingProblems.push(rowProblem('migration.unknown_target', `/mapping/${from}`, { state: from, to: plan.from }));
    if (!target.states.has(to)) mappingProblems.push(rowProblem('migration.unknown_target', `/mapping/${from}`, { state: to, to: plan.to }));
  }
  const ids = await tx.execute<{ id: string }>(
    `SELECT id FROM instance WHERE definition_key = $1 AND definition_version = $2 AND status = 'running' ${plan.instances ? 'AND id = ANY($3::uuid[])' : ''} ORDER BY created_at, id`,
    plan.instances ? [plan.key, plan.from, plan.instances] : [plan.key, plan.from],
  );
  // A case asked for by id that is not running on the source version has no row: say so, with its pointer.
  plan.instances?.forEach((id, i) => {
    if (!ids.some((row) => row.id === id))
      mappingProblems.push(rowProblem('migration.case_not_selectable', `/instances/${i}`, { instanceId: id, from: plan.from }));
  });
  const rows: MigrationRow[] = [];
  const unmapped = new Map<string, number>();
  for (const { id } of ids) {
    const instance = await loadCase(tx, id);
    const from = stateLabel(instance.snapshot.value).split('|')[0]!.split('.')[0]!;
    const mapped = plan.mapping[from];
    const to = mapped ?? (target.states.has(from) ? from : null);
    const row: MigrationRow = { instanceId: id, title: instance.title, from, to, keep: false, cancel: [], open: [], problems: [], applied: false };
    rows.push(row);
    if (to === null) {
      unmapped.set(from, (unmapped.get(from) ?? 0) + 1);
      row.problems.push(rowProblem('migration.unmapped_state', `/mapping/${from}`, { state: from, from: plan.from, to: plan.to }));
      continue;
    }
    if (!target.states.has(to)) {
      row.problems.push(rowProblem('migration.unknown_target', `/mapping/${from}`, { state: to, to: plan.to }));
      continue;
    }
    const skipped = skippedBy(source, target, from, to);
    if (skipped.length > 0)
      row.problems.push(rowProblem('migration.level_skipped', `/mapping/${from}`, { from, to, skipped: skipped.join('、'), levels: skipped }));
    row.problems.push(...formProblems(deps, target, to, instance.data));
    row.keep = sameStep(source, target, from, to);
    const before = await openTasks(tx, id);
    row.cancel = row.keep ? [] : before;
    await tx.execute('SAVEPOINT migrate_row');
    try {
      const opened = await moveCase(deps, tx, instance, {
        source,
        target,
        from,
        to,
        keep: row.keep,
        actorId: options.actorId,
        skipped,
        ...(options.approval ? { approval: options.approval } : {}),
      });
      row.open = opened.length ? await openTasks(tx, id, opened) : [];
    } catch (e) {
      if (!(e instanceof ChanceryError) || e.kind !== 'user') throw e;
      row.problems.push(problemOf(e, `/mapping/${from}`));
    }
    if (blocking(row, options).length > 0) await tx.execute('ROLLBACK TO SAVEPOINT migrate_row');
    else row.applied = true;
    await tx.execute('RELEASE SAVEPOINT migrate_row');
  }
  const unmappedList = [...unmapped].map(([state, cases]) => ({
    state,
    pointer: `/mapping/${state}`,
    cases,
    message: rowProblem('migration.unmapped_state', `/mapping/${state}`, { state, from: plan.from, to: plan.to }).message,
  }));
  return { dryRun: options.dryRun, mappingProblems, unmapped: unmappedList, rows, applied: 0 };
}

/** The problems that keep a row from moving: all of them, except a skipped level a second admin approved for this case. */
function blocking(row: MigrationRow, options: MigrationOptions): RowProblem[] {
  return row.problems.filter(
    (p) => !(p.code === 'migration.level_skipped' && approvalCovers(options.approval, row.instanceId, (p.details?.levels as string[] | undefined) ?? [])),
  );
}

/** Apply: refuses (rolling everything back) while a selected row has a problem, unless only the clean rows are asked for. */
function refuseProblems(report: MigrationReport, target: CompiledWorkflow, options: MigrationOptions) {
  const first = report.mappingProblems[0];
  if (first) throw new ChanceryError(first.code as 'migration.unknown_target' | 'migration.case_not_selectable', first.details, { pointer: first.pointer });
  if (options.onlyClean) return;
  const skips = report.rows.flatMap((r) => blocking(r, options).filter((p) => p.code === 'migration.level_skipped'));
  const others = report.rows.filter((r) => blocking(r, options).some((p) => p.code !== 'migration.level_skipped'));
  // Carrying out an approved move: a skip nobody approved (a case that moved or started since) stops it.
  if (options.approval && skips.length > 0) throw new ChanceryError('move.changed', skips[0]!.details, { pointer: skips[0]!.pointer });
  if (skips.length > 0) {
    if (levelsOf(target.definition)?.adminSkip !== 'with-approval')
      throw new ChanceryError('migration.level_skipped', skips[0]!.details, { pointer: skips[0]!.pointer });
    if (!options.reason?.trim()) throw new ChanceryError('migration.needs_approval', { levels: skips[0]!.details?.levels }, { pointer: '/reason' });
  }
  if (others.length > 0) {
    throw new ChanceryError(
      'migration.has_problems',
      { count: others.length, rows: others.map((r) => ({ instanceId: r.instanceId, problems: r.problems })) },
      { pointer: others[0]!.problems[0]!.pointer },
    );
  }
  if (skips.length > 0) report.needsApproval = true;
}
