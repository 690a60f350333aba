/**
 * The case audit log: append-only and hash-chained per instance (`hash-chain.ts`: each row's hash
 * is `sha256(prevHash + canonicalJson(content))`), so changing, removing or reordering a row
 * breaks the chain from that row on, and `verifyAudit` names the first broken link.
 */
import { chainHash, GENESIS_HASH, verifyChain, type ChainBreak } from './hash-chain.js';
import type { Executor, Tx } from './types.js';

export { GENESIS_HASH };

export interface AuditInput {
  instanceId: string;
  /** Dotted: `instance.started`, `task.completed`, `task.transferred`, … */
  type: string;
  actorId?: string | null;
  actingForId?: string | null;
  state?: string | null;
  taskId?: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

export interface AuditEntry {
  id: number;
  instanceId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actingForId: string | null;
  type: string;
  state: string | null;
  taskId: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditVerdict = { ok: true; checked: number } | { ok: false; instanceId: string; seq: number; reason: ChainBreak; checked: number };

type Content = Pick<AuditEntry, 'instanceId' | 'seq' | 'at' | 'actorId' | 'actingForId' | 'type' | 'state' | 'taskId' | 'payload'>;

/** What an entry's hash covers (everything but its id and the hashes). */
function hashedContent(content: Content): Record<string, unknown> {
  return {
    instanceId: content.instanceId,
    seq: content.seq,
    at: content.at.toISOString(),
    actorId: content.actorId,
    actingForId: content.actingForId,
    type: content.type,
    state: content.state,
    taskId: content.taskId,
    payload: content.payload,
  };
}

/**
 * Appends one entry inside the caller's transaction. The caller holds the instance's optimistic
 * lock, so no one else appends to this instance concurrently; the unique (instance_id, seq)
 * constraint catches it if they do.
 *
 * @example
 * await appendAudit(tx, { instanceId, type: 'task.completed', actorId, taskId, state: 'review', payload: { outcome: 'approve' }, at: now });
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<{ id: number; seq: number; hash: string }> {
  const [last] = await tx.execute<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_event WHERE instance_id = $1 ORDER BY seq DESC LIMIT 1', [
    input.instanceId,
  ]);
  const content: Content = {
    instanceId: input.instanceId,
    seq: (last?.seq ?? 0) + 1,
    // timestamptz keeps microseconds, Date milliseconds: the hashed value is what reads back.
    at: new Date(input.at.getTime()),
    actorId: input.actorId ?? null,
    actingForId: input.actingForId ?? null,
    type: input.type,
    state: input.state ?? null,
    taskId: input.taskId ?? null,
    // What jsonb stores: drops undefined members, turns Dates into strings.
    payload: JSON.parse(JSON.stringify(input.payload)) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, hashedContent(content));
  const [row] = await tx.execute<{ id: number }>(
    `INSERT INTO audit_event (instance_id, seq, at, actor_id, acting_for_id, type, state, task_id, payload, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING id`,
    [
      content.instanceId,
      content.seq,
      content.at,
      content.actorId,
      content.actingForId,
      content.type,
      content.state,
      content.taskId,
      JSON.stringify(content.payload),
      prevHash,
      hash,
    ],
  );
  return { id: row?.id ?? 0, seq: content.seq, hash };
}

const SELECT_ENTRIES = `SELECT id, instance_id AS "instanceId", seq, at, actor_id AS "actorId", acting_for_id AS "actingForId",
  type, state, task_id AS "taskId", payload, prev_hash AS "prevHash", hash FROM audit_event`;

/** One instance's entries in order. */
export async function listAudit(db: Executor, instanceId: string): Promise<AuditEntry[]> {
  return db.execute<AuditEntry & Record<string, unknown>>(`${SELECT_ENTRIES} WHERE instance_id = $1 ORDER BY seq`, [instanceId]);
}

/**
 * Recomputes every hash and checks every link, for one instance or all of them (in instance id
 * order), and reports the first broken entry.
 */
export async function verifyAudit(db: Executor, instanceId?: string): Promise<AuditVerdict> {
  const ids = instanceId ? [instanceId] : (await db.execute<{ id: string }>('SELECT DISTINCT instance_id AS id FROM audit_event ORDER BY 1')).map((r) => r.id);
  let checked = 0;
  for (const id of ids) {
    const entries = await listAudit(db, id);
    const verdict = verifyChain(entries, hashedContent);
    if (!verdict.ok) return { ok: false, instanceId: id, seq: verdict.seq, reason: verdict.reason, checked: checked + verdict.checked };
    checked += verdict.checked;
  }
  return { ok: true, checked };
}
