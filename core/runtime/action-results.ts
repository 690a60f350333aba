/**
 * What a plugin action's outcome does to its case, in one transaction and at most once per
 * request (the `action_run` row is the latch): a success writes the mapped result into the data
 * and sends `action.done`; a final failure sends `action.failed`. When the current step does not
 * handle the event, the data is still written and the audit trail still records the outcome; an
 * unhandled failure becomes an incident for an administrator.
 */
import { ChanceryError } from '../errors.js';
import { mergeData } from '../machine/data-path.js';
import { appendAudit } from '../persistence/audit.js';
import { advance } from './advance.js';
import type { CaseContext } from './case-commands.js';
import { loadCase } from './case-store.js';
import { syncFileRefs } from './file-refs.js';

export interface ActionOutcome {
  instanceId: string;
  requestId: string;
  action: string;
  state: string;
  ok: boolean;
  /** What the action returned (stored on the run, never in the audit). */
  result?: unknown;
  /** Data path → value, from the call's `result` mapping. */
  patch?: Record<string, unknown>;
  error?: string;
  attempts: number;
}

export interface RecordedOutcome {
  /** False when this request's outcome had already been recorded (a duplicate delivery). */
  applied: boolean;
  /** The definition took the `action.done` / `action.failed` event. */
  handled: boolean;
  status: 'done' | 'failed' | 'incident';
}

type Ev = { type: string; [k: string]: unknown };

export async function recordActionOutcome(c: CaseContext, o: ActionOutcome): Promise<RecordedOutcome> {
  const now = c.deps.clock();
  const [run] = await c.tx.execute<{ status: string }>('SELECT status FROM action_run WHERE instance_id = $1 AND request_id = $2 FOR UPDATE', [
    o.instanceId,
    o.requestId,
  ]);
  if (run && (run.status === 'done' || run.status === 'failed' || run.status === 'incident' || run.status === 'dismissed')) {
    return { applied: false, handled: false, status: run.status === 'done' ? 'done' : run.status === 'failed' ? 'failed' : 'incident' };
  }
  const instance = await loadCase(c.tx, o.instanceId);
  const wf = await c.wf(instance.definition_key, instance.definition_version);
  const type = o.ok ? 'action.done' : 'action.failed';
  const info = { action: o.action, requestId: o.requestId, attempts: o.attempts, ...(o.error ? { error: o.error.slice(0, 500) } : {}) };
  const patch = o.patch && Object.keys(o.patch).length > 0 ? o.patch : undefined;
  const audit = { type, actorId: null, state: o.state, payload: info };
  const ref = { id: instance.id, version: instance.version, snapshot: instance.snapshot, title: instance.title };

  const attempt = async (events: Ev[]): Promise<boolean> => {
    try {
      await advance(c.deps, c.tx, wf, ref, events, audit);
      return true;
    } catch (e) {
      if (e instanceof ChanceryError && (e.code === 'instance.no_transition' || e.code === 'instance.not_running')) return false;
      throw e;
    }
  };

  let handled = false;
  let written = false;
  if (instance.status === 'running') {
    const event: Ev = { type, action: o.action, requestId: o.requestId, state: o.state, ...(o.error ? { error: o.error.slice(0, 500) } : {}) };
    handled = await attempt([...(patch ? [{ type: 'data.patch', data: patch }] : []), event]);
    written = handled || (patch !== undefined && (await attempt([{ type: 'data.patch', data: patch }])));
  }
  if (!handled && !written) {
    // A finished case, or an outcome no step listens to: write the data (if any) and the audit entry.
    const data = patch ? mergeData(instance.data, patch) : instance.data;
    const res = await c.tx.query('UPDATE instance SET data = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $2', [
      instance.id,
      instance.version,
      data,
      now,
    ]);
    if (res.rowCount !== 1) throw new ChanceryError('instance.version_conflict', { instanceId: instance.id });
    await syncFileRefs(c.tx, instance.id, instance.data, data, null, now);
    await appendAudit(c.tx, {
      instanceId: instance.id,
      type,
      actorId: null,
      state: o.state,
      at: now,
      payload: { ...info, handled: false, ...(patch ? { diff: Object.keys(patch) } : {}) },
    });
  }
  const status: RecordedOutcome['status'] = o.ok ? 'done' : handled ? 'failed' : 'incident';
  await c.tx.execute(
    `INSERT INTO action_run (id, instance_id, request_id, action, state, status, attempts, last_error, result, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (instance_id, request_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
       last_error = EXCLUDED.last_error, result = EXCLUDED.result, updated_at = EXCLUDED.updated_at`,
    [
      crypto.randomUUID(),
      o.instanceId,
      o.requestId,
      o.action,
      o.state,
      status,
      o.attempts,
      o.error ?? null,
      o.ok ? ({ value: o.result ?? null } as Record<string, unknown>) : null,
      now,
    ],
  );
  return { applied: true, handled, status };
}
