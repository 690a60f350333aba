/**
 * Reading a case and its tasks inside a command. The snapshot is stored without its data
 * (the data has its own column for queries), so loading puts them back together.
 */
import { ChanceryError } from '../errors.js';
import type { Executor } from '../persistence/types.js';
import type { PersistedSnapshot } from './step.js';

export interface InstanceRow {
  id: string;
  definition_key: string;
  definition_version: number;
  status: string;
  title: string;
  initiator_id: string;
  initiator_unit_id: string | null;
  data: Record<string, unknown>;
  snapshot: PersistedSnapshot;
  version: number;
  state: string;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export interface TaskRow {
  id: string;
  instance_id: string;
  state_key: string;
  slot: string;
  kind: 'task' | 'approval' | 'item';
  status: 'open' | 'completed' | 'cancelled';
  title: string;
  form_key: string | null;
  assignee_id: string | null;
  candidate_role: string | null;
  candidate_unit_id: string | null;
  owner_id: string | null;
  acting_for_id: string | null;
  due_at: Date | null;
  outcome: string | null;
  opinion: string | null;
  data: Record<string, unknown> | null;
  completed_by: string | null;
  completed_at: Date | null;
  created_at: Date;
  /** Per-item sub-tasks only. */
  item?: unknown;
  item_index?: number | null;
  prefill?: Record<string, unknown> | null;
}

/**
 * The case row. `lock`: hold it (`FOR UPDATE`) until the transaction ends, for commands that
 * change nothing but the version (CC, urge): they then queue behind each other instead of
 * losing the optimistic race.
 */
export async function loadCase(exec: Executor, id: string, options: { lock?: boolean } = {}): Promise<InstanceRow> {
  const rows = await exec.execute<InstanceRow & Record<string, unknown>>(`SELECT * FROM instance WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  const row = rows[0];
  if (!row) throw new ChanceryError('instance.not_found', { instanceId: id });
  return { ...row, snapshot: withData(row.snapshot, row.data) };
}

export async function loadTask(exec: Executor, id: string): Promise<TaskRow> {
  const rows = await exec.execute<TaskRow & Record<string, unknown>>('SELECT * FROM task WHERE id = $1', [id]);
  if (!rows[0]) throw new ChanceryError('task.not_found', { taskId: id });
  return rows[0];
}

const CASE_COLUMNS = [
  'definition_key',
  'definition_version',
  'status',
  'title',
  'initiator_id',
  'initiator_unit_id',
  'data',
  'snapshot',
  'version',
  'state',
  'due_at',
  'created_at',
  'updated_at',
  'completed_at',
] as const;

/**
 * A task and its case in one statement (the command path reads both every time). `lock`: hold the
 * case row until the transaction ends (a command re-run after losing a version race then waits
 * its turn instead of racing again).
 */
export async function loadTaskAndCase(exec: Executor, id: string, options: { lock?: boolean } = {}): Promise<{ task: TaskRow; instance: InstanceRow }> {
  const rows = await exec.execute<Record<string, unknown>>(
    `SELECT t.*, ${CASE_COLUMNS.map((c) => `i.${c} AS "case.${c}"`).join(', ')} FROM task t JOIN instance i ON i.id = t.instance_id WHERE t.id = $1${options.lock ? ' FOR UPDATE OF i' : ''}`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new ChanceryError('task.not_found', { taskId: id });
  const task: Record<string, unknown> = {};
  const instance: Record<string, unknown> = { id: row.instance_id };
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith('case.')) instance[k.slice(5)] = v;
    else task[k] = v;
  }
  const i = instance as unknown as InstanceRow;
  return { task: task as unknown as TaskRow, instance: { ...i, snapshot: withData(i.snapshot, i.data) } };
}

export function withData(snapshot: PersistedSnapshot, data: Record<string, unknown>): PersistedSnapshot {
  return { ...snapshot, context: { ...snapshot.context, data } };
}
