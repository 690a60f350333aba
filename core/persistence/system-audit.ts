/**
 * The system audit chain: what happens outside cases — sign-ins throttled, accounts locked and
 * unlocked, administrators' changes to the directory, the business calendar, API keys and plugin
 * secrets — as one append-only chain hashed exactly like each case's audit (`hash-chain.ts`).
 * Appends from every node are serialised by a transaction-scoped advisory lock, so the chain
 * stays one line of `seq` 1, 2, 3 … with each entry linked to the one before.
 */
import { ADVISORY_LOCKS } from './advisory-lock.js';
import { chainHash, GENESIS_HASH, verifyChain, type ChainVerdict } from './hash-chain.js';
import type { Database, Executor, SqlParam, Tx } from './types.js';

/**
 * The kinds of entry, grouped by their first word (`?kind=directory` lists a whole group).
 * Payloads never hold a password, a key or a secret's value.
 */
export const SYSTEM_AUDIT_KINDS = [
  // sign-in throttling (actor: none; target: the username or the address)
  'auth.throttled',
  'auth.locked',
  'auth.unlocked',
  // the directory (actor: the administrator; target: the unit, user or delegation id, or the role key)
  'directory.unit_created',
  'directory.unit_updated',
  'directory.unit_deactivated',
  'directory.user_created',
  'directory.user_updated',
  'directory.user_deactivated',
  'directory.role_created',
  'directory.membership_added',
  'directory.membership_removed',
  'directory.delegation_created',
  'directory.delegation_deleted',
  // the business calendar (target: the calendar key)
  'calendar.day_set',
  'calendar.day_removed',
  'calendar.deadlines_recomputed',
  // portals' API keys (target: the key's id)
  'api_key.created',
  'api_key.revoked',
  // plugin secrets (target: the secret's name)
  'plugin.secret_set',
  'plugin.secret_granted',
  'plugin.secret_deleted',
] as const;

export type SystemAuditKind = (typeof SYSTEM_AUDIT_KINDS)[number];

export interface SystemAuditInput {
  kind: SystemAuditKind;
  /** Who did it (an administrator); none for what the system did itself (a throttled sign-in). */
  actorId?: string | null;
  /** What it is about: a user or unit id, a username, an address, a calendar key, a secret's name. */
  target?: string | null;
  payload?: Record<string, unknown>;
  at: Date;
}

export interface SystemAuditEntry {
  id: number;
  seq: number;
  at: Date;
  actorId: string | null;
  kind: string;
  target: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

type Content = Pick<SystemAuditEntry, 'seq' | 'at' | 'actorId' | 'kind' | 'target' | 'payload'>;

function hashedContent(c: Content): Record<string, unknown> {
  return { seq: c.seq, at: c.at.toISOString(), actorId: c.actorId, kind: c.kind, target: c.target, payload: c.payload };
}

/**
 * Appends one entry inside the caller's transaction (so the change and its entry commit together).
 *
 * @example
 * await db.entityTransaction(async (em, tx) => {
 *   await createDirectoryAdmin(em).createRole('archivist', '档案员');
 *   await appendSystemAudit(tx, { kind: 'directory.role_created', actorId, target: 'archivist', at: now });
 * });
 */
export async function appendSystemAudit(tx: Tx, input: SystemAuditInput): Promise<{ seq: number; hash: string }> {
  await tx.execute('SELECT pg_advisory_xact_lock($1::int8)', [ADVISORY_LOCKS.systemAudit.toString()]);
  const [last] = await tx.execute<{ seq: number; hash: string }>('SELECT seq, hash FROM system_audit ORDER BY seq DESC LIMIT 1');
  const content: Content = {
    seq: (last?.seq ?? 0) + 1,
    // timestamptz keeps microseconds, Date milliseconds: the hashed value is what reads back.
    at: new Date(input.at.getTime()),
    actorId: input.actorId ?? null,
    kind: input.kind,
    target: input.target ?? null,
    // What jsonb stores: drops undefined members, turns Dates into strings.
    payload: JSON.parse(JSON.stringify(input.payload ?? {})) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, hashedContent(content));
  await tx.execute(`INSERT INTO system_audit (seq, at, actor_id, kind, target, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`, [
    content.seq,
    content.at,
    content.actorId,
    content.kind,
    content.target,
    JSON.stringify(content.payload),
    prevHash,
    hash,
  ]);
  return { seq: content.seq, hash };
}

/** Appends one entry in a transaction of its own (for what has no transaction to join). */
export function recordSystemAudit(db: Database, input: SystemAuditInput): Promise<{ seq: number; hash: string }> {
  return db.transaction((tx) => appendSystemAudit(tx, input));
}

export interface SystemAuditFilter {
  /** A kind (`auth.locked`), or a group (`auth`: every `auth.*`). */
  kind?: string;
  actorId?: string;
  /** From this moment on (inclusive). */
  from?: Date;
  /** Before this moment (exclusive). */
  to?: Date;
  limit: number;
  offset: number;
}

const COLUMNS = `id, seq, at, actor_id AS "actorId", kind, target, payload, prev_hash AS "prevHash", hash`;

/** Entries matching the filter, newest first, with how many match in all. */
export async function listSystemAudit(db: Executor, f: SystemAuditFilter): Promise<{ items: SystemAuditEntry[]; total: number }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: (n: string) => string, value: SqlParam) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.kind) add((n) => `(kind = ${n} OR starts_with(kind, ${n} || '.'))`, f.kind);
  if (f.actorId) add((n) => `actor_id = ${n}`, f.actorId);
  if (f.from) add((n) => `at >= ${n}`, f.from);
  if (f.to) add((n) => `at < ${n}`, f.to);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const items = await db.execute<SystemAuditEntry & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM system_audit ${filter} ORDER BY seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const [count] = await db.execute<{ total: number }>(`SELECT count(*)::int AS total FROM system_audit ${filter}`, params);
  return { items, total: count?.total ?? 0 };
}

/** Recomputes every hash and link of the system chain and reports the first entry that does not fit. */
export async function verifySystemAudit(db: Executor): Promise<ChainVerdict> {
  const entries = await db.execute<SystemAuditEntry & Record<string, unknown>>(`SELECT ${COLUMNS} FROM system_audit ORDER BY seq`);
  return verifyChain(entries, hashedContent);
}
