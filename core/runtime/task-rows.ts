/**
 * Writing task rows for opened slots in one statement. A pool (role in unit) becomes one row anyone
 * in the pool can claim; named people get a row each. Out-of-office delegations redirect a row to
 * the substitute, who then acts for the absent person.
 */
import type { Slot, WorkKind } from '../machine/context.js';
import type { Tx } from '../persistence/types.js';

export interface NewTask {
  state: string;
  slot: Slot;
  kind: WorkKind;
  title: string;
  form: string | null;
  due: Date | null;
  /** A per-item sub-task: its item and the form values prefilled from it. */
  item?: { index: number; value: unknown; prefill: Record<string, unknown> | null };
}

/**
 * Inserts the rows and answers their ids. The out-of-office lookup is part of the same statement
 * (a lateral join per named row), so opening tasks costs one round trip whatever their number.
 */
export async function insertTasks(tx: Tx, instanceId: string, definitionKey: string, tasks: NewTask[], now: Date): Promise<string[]> {
  if (tasks.length === 0) return [];
  const rows: Array<{ t: NewTask; assignee: string | null; role: string | null; unit: string | null }> = [];
  for (const t of tasks) {
    if (isPool(t)) {
      rows.push({ t, assignee: null, role: t.slot.assignees.role!, unit: t.slot.assignees.unitId ?? null });
      continue;
    }
    for (const u of t.slot.assignees.users ?? []) rows.push({ t, assignee: u, role: null, unit: null });
  }
  const ids = rows.map(() => crypto.randomUUID());
  // A delegation for this workflow wins over one for all workflows, then the most recent.
  await tx.execute(
    `INSERT INTO task (id, instance_id, state_key, slot, kind, status, title, form_key, assignee_id, candidate_role, candidate_unit_id, acting_for_id, due_at, created_at, sort, item, item_index, prefill)
     SELECT r.id, $1, r.state_key, r.slot, r.kind, 'open', r.title, r.form_key, COALESCE(d.to_user_id, r.assignee_id), r.candidate_role, r.candidate_unit_id,
       CASE WHEN d.to_user_id IS NOT NULL THEN r.assignee_id END, r.due_at, $2, r.ord::int,
       (r.item_json::jsonb) -> 'value', r.item_index, (r.item_json::jsonb) -> 'prefill'
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::uuid[], $12::timestamptz[], $13::text[], $14::int[])
       WITH ORDINALITY AS r(id, state_key, slot, kind, title, form_key, assignee_id, candidate_role, candidate_unit_id, due_at, item_json, item_index, ord)
     LEFT JOIN LATERAL (
       SELECT to_user_id FROM delegation
       WHERE from_user_id = r.assignee_id AND starts_at <= $2 AND ends_at > $2 AND (definition_key IS NULL OR definition_key = $15)
       ORDER BY definition_key NULLS LAST, created_at DESC LIMIT 1
     ) d ON r.assignee_id IS NOT NULL`,
    [
      instanceId,
      now,
      ids,
      rows.map((r) => r.t.state),
      rows.map((r) => r.t.slot.id),
      rows.map((r) => r.t.kind),
      rows.map((r) => r.t.title),
      rows.map((r) => r.t.form),
      rows.map((r) => r.assignee),
      rows.map((r) => r.role),
      rows.map((r) => r.unit),
      rows.map((r) => r.t.due),
      rows.map((r) => (r.t.item ? JSON.stringify({ value: r.t.item.value ?? null, prefill: r.t.item.prefill }) : null)),
      rows.map((r) => r.t.item?.index ?? null),
      definitionKey,
    ],
  );
  return ids;
}

/** A task (not an approval) offered to a role in a unit goes to the pool; approvals ask each person. */
function isPool(t: NewTask): boolean {
  return t.kind !== 'approval' && !!t.slot.assignees.role && !!t.slot.assignees.unitId;
}
