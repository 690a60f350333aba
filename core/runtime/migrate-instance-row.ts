/**
 * One case of a migration: what it would lose and get (tasks with their assignees), what stands
 * in its way (a skipped level, form data the target step's form rejects), and the move itself —
 * keeping the open tasks of a step that did not change, re-entering a step that did.
 */
import { levelsSkipped, lastLevelDone } from '../definition/index.js';
import type { StateSpec } from '../definition/types.js';
import { messages, type ErrorCode } from '../error-messages.js';
import { ChanceryError, format } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import { appendAudit } from '../persistence/audit.js';
import { canonicalJson } from '../persistence/canonical-json.js';
import type { Tx } from '../persistence/types.js';
import { advance } from './advance.js';
import type { InstanceRow } from './case-store.js';
import type { EngineDeps } from './ports.js';
import { restore } from './step.js';

/** A problem of one row (or of the mapping), with its messages in both languages. */
export interface RowProblem {
  code: string;
  pointer: string;
  message: { 'zh-CN': string; en: string };
  details?: Record<string, unknown>;
}

/** A task a migration would cancel or open, with who holds it. */
export interface TaskPreview {
  id: string;
  state: string;
  /** The person (a claimed pool task names its claimer). */
  assigneeId: string | null;
  /** The pool, while nobody has claimed it. */
  pool: { role: string; unitId: string | null } | null;
}

/** Reason and approvals of a move past a level (不得越级), written into the audit entry. */
export interface MoveApproval {
  moveId: string;
  reason: string;
  requestedBy: string;
  approvedBy: string;
  /** The levels the second admin saw and approved skipping: a move that would now skip others is refused (`move.changed`). */
  levels: string[];
  /** For a migration: the levels approved per case (the cases the report showed); other cases get no approval. */
  perCase?: Record<string, string[]>;
}

/** Whether the approval covers skipping `skipped` for case `instanceId`. */
export function approvalCovers(approval: MoveApproval | undefined, instanceId: string, skipped: readonly string[]): boolean {
  if (!approval) return false;
  const approved = approval.perCase ? approval.perCase[instanceId] : approval.levels;
  return approved !== undefined && skipped.every((level) => approved.includes(level));
}

/** A problem whose message is the catalogue entry for `code`. */
export function rowProblem(code: ErrorCode, pointer: string, details: Record<string, unknown> = {}): RowProblem {
  const entry = messages[code];
  return {
    code,
    pointer,
    message: { 'zh-CN': format(entry['zh-CN'], details, 'zh-CN'), en: format(entry.en, details, 'en') },
    ...(Object.keys(details).length ? { details } : {}),
  };
}

/** The error as a row problem (its own pointer, or the row's mapping pointer). */
export function problemOf(e: ChanceryError, pointer: string): RowProblem {
  return rowProblem(e.code, e.pointer ?? pointer, e.details ?? {});
}

/**
 * The levels the mapping would skip for a case in `from` of the source version: by the target
 * version's levels, and by the levels the case was running under (a version that drops or reorders
 * the levels does not open a way past them for the cases moved onto it).
 */
export function skippedBy(source: CompiledWorkflow, target: CompiledWorkflow, from: string, to: string): string[] {
  const byTarget = levelsSkipped(target.definition, from, to, lastLevelDone(source.definition, from));
  const bySource = source.states.has(to) ? levelsSkipped(source.definition, from, to) : [];
  return [...new Set([...byTarget, ...bySource])];
}

/** Form data the target step's form would reject (checked only where the case already holds data for that form). */
export function formProblems(deps: EngineDeps, target: CompiledWorkflow, to: string, data: Record<string, unknown>): RowProblem[] {
  const formKey = target.states.get(to)?.work?.spec.form;
  const form = formKey ? target.definition.forms?.[formKey] : undefined;
  if (!formKey || !form || !deps.forms || data[formKey] === undefined) return [];
  const r = deps.forms.validateSubmission(form, data[formKey], { lang: 'zh-CN' });
  if (r.valid) return [];
  const en = deps.forms.validateSubmission(form, data[formKey], { lang: 'en' });
  return r.issues.map((issue, i) => ({
    code: 'form.invalid',
    pointer: `/data/${formKey}${issue.pointer}`,
    message: { 'zh-CN': issue.message, en: en.issues[i]?.message ?? issue.message },
    details: { form: formKey, keyword: issue.keyword },
  }));
}

/** Whether the case may keep its open tasks: the step is the same in both versions apart from titles and timing. */
export function sameStep(source: CompiledWorkflow, target: CompiledWorkflow, from: string, to: string): boolean {
  if (from !== to) return false;
  const a = source.states.get(from)?.spec;
  const b = target.states.get(to)?.spec;
  return a !== undefined && b !== undefined && canonicalJson(essence(a)) === canonicalJson(essence(b));
}

/** What decides the work of a step: the kind of work, its assignment and mode, its branches. */
function essence(spec: StateSpec): unknown {
  const work = spec.task ?? spec.approval ?? spec.foreach;
  const kind = spec.task ? 'task' : spec.approval ? 'approval' : spec.foreach ? 'foreach' : spec.parallel ? 'parallel' : 'none';
  return {
    kind,
    assign: work?.assign ?? null,
    mode: spec.approval?.mode ?? null,
    quorum: spec.approval?.quorum ?? null,
    items: spec.foreach?.items ?? null,
    parallel: spec.parallel ? Object.keys(spec.parallel) : null,
  };
}

export async function openTasks(tx: Tx, instanceId: string, ids?: string[]): Promise<TaskPreview[]> {
  const rows = await tx.execute<{ id: string; state_key: string; assignee_id: string | null; candidate_role: string | null; candidate_unit_id: string | null }>(
    `SELECT id, state_key, assignee_id, candidate_role, candidate_unit_id FROM task WHERE instance_id = $1 AND status = 'open' ${ids ? 'AND id = ANY($2::uuid[])' : ''} ORDER BY created_at, id`,
    ids ? [instanceId, ids] : [instanceId],
  );
  return rows.map((t) => ({
    id: t.id,
    state: t.state_key,
    assigneeId: t.assignee_id,
    pool: t.assignee_id === null && t.candidate_role ? { role: t.candidate_role, unitId: t.candidate_unit_id } : null,
  }));
}

/** The audit fields of a migration: from-state and to-state once, each with its version. */
function migratedPayload(
  source: CompiledWorkflow,
  target: CompiledWorkflow,
  from: string,
  to: string,
  kept: boolean,
  approval?: MoveApproval,
  skipped: string[] = [],
) {
  return {
    from: { version: source.version, state: from },
    to: { version: target.version, state: to },
    keptTasks: kept,
    ...(approval
      ? { levelsSkipped: skipped, reason: approval.reason, requestedBy: approval.requestedBy, approvedBy: approval.approvedBy, moveId: approval.moveId }
      : {}),
  };
}

/** Moves one case; returns the ids of the tasks it opened (none when the step is kept). */
export async function moveCase(
  deps: EngineDeps,
  tx: Tx,
  instance: InstanceRow,
  move: {
    source: CompiledWorkflow;
    target: CompiledWorkflow;
    from: string;
    to: string;
    keep: boolean;
    actorId: string;
    approval?: MoveApproval;
    skipped: string[];
  },
): Promise<string[]> {
  const { source, target, from, to, keep } = move;
  const payload = migratedPayload(source, target, from, to, keep, move.approval, move.skipped);
  if (keep) {
    // Same step: the tasks, their claims and deadlines, and the timers in the snapshot stay as they are.
    const updated = await tx.query('UPDATE instance SET definition_version = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $2', [
      instance.id,
      instance.version,
      target.version,
      deps.clock(),
    ]);
    if (updated.rowCount !== 1) throw new ChanceryError('instance.version_conflict', { instanceId: instance.id });
    await appendAudit(tx, { instanceId: instance.id, type: 'instance.migrated', actorId: move.actorId, state: to, at: deps.clock(), payload });
    return [];
  }
  await tx.query(`UPDATE task SET status = 'cancelled', completed_at = $2 WHERE instance_id = $1 AND status = 'open'`, [instance.id, deps.clock()]);
  const { work: _w, timers: _t, ...ctx } = instance.snapshot.context;
  const base = restore(target, { value: target.definition.initial, status: 'active', context: { ...ctx, work: {}, timers: {} } });
  const snapshot = { value: base.value, status: 'active' as const, context: base.context };
  await tx.execute('UPDATE instance SET definition_version = $2 WHERE id = $1', [instance.id, target.version]);
  const r = await advance(deps, tx, target, { id: instance.id, version: instance.version, snapshot, title: instance.title }, [{ type: 'chancery.goto', to }], {
    type: 'instance.migrated',
    actorId: move.actorId,
    state: to,
    payload,
    omitMove: true,
  });
  return r.openedTaskIds;
}
