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

export async function insertTasks(tx: Tx, instanceId: string, definitionKey: string, tasks: NewTask[], now: Date): Promise<string[]> {
  if (tasks.length === 0) return [];
  const rows: Array<{ t: NewTask; assignee: string | null; role: string | null; unit: string | null; actingFor: string | null }> = [];
  const named = [...new Set(tasks.flatMap((t) => (isPool(t) ? [] : (t.slot.assignees.users ?? []))))];
  const substitutes = new Map<string, string>();
  if (named.length > 0) {
    const found = await tx.execute<{ from_user_id: string; to_user_id: string }>(
      `SELECT DISTINCT ON (from_user_id) from_user_id, to_user_id FROM delegation
       WHERE from_user_id = ANY($1::uuid[]) AND starts_at <= $2 AND ends_at > $2 AND (definition_key IS NULL OR definition_key = $3)
       ORDER BY from_user_id, definition_key NULLS LAST, created_at DESC`,
      [named, now, definitionKey],
    );
    for (const f of found) substitutes.set(f.from_user_id, f.to_user_id);
  }
  for (const t of tasks) {
    if (isPool(t)) {
      rows.push({ t, assignee: null, role: t.slot.assignees.role!, unit: t.slot.assignees.unitId ?? null, actingFor: null });
      continue;
    }
    for (const u of t.slot.assignees.users ?? []) {
      const sub = substitutes.get(u);
      rows.push({ t, assignee: sub ?? u, role: null, unit: null, actingFor: sub ? u : null });
    }
  }
  const ids = rows.map(() => crypto.randomUUID());
  await tx.execute(
    `INSERT INTO task (id, instance_id, state_key, slot, kind, status, title, form_key, assignee_id, candidate_role, candidate_unit_id, acting_for_id, due_at, created_at, sort, item, item_index, prefill)
     SELECT id, $1, state_key, slot, kind, 'open', title, form_key, assignee_id, candidate_role, candidate_unit_id, acting_for_id, due_at, $2, ord::int,
       (item_json::jsonb) -> 'value', item_index, (item_json::jsonb) -> 'prefill'
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::uuid[], $12::uuid[], $13::timestamptz[], $14::text[], $15::int[])
       WITH ORDINALITY AS r(id, state_key, slot, kind, title, form_key, assignee_id, candidate_role, candidate_unit_id, acting_for_id, due_at, item_json, item_index, ord)`,
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
      rows.map((r) => r.actingFor),
      rows.map((r) => r.t.due),
      rows.map((r) => (r.t.item ? JSON.stringify({ value: r.t.item.value ?? null, prefill: r.t.item.prefill }) : null)),
      rows.map((r) => r.t.item?.index ?? null),
    ],
  );
  return ids;
}

/** A task (not an approval) offered to a role in a unit goes to the pool; approvals ask each person. */
function isPool(t: NewTask): boolean {
  return t.kind !== 'approval' && !!t.slot.assignees.role && !!t.slot.assignees.unitId;
}
