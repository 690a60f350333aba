/**
 * Work that must run on one node at a time — migrations and first-start seeding — under a
 * PostgreSQL advisory lock. The lock is taken on a dedicated connection (not one of the pool's,
 * which the work itself needs), so a node that dies mid-way releases it with its connection.
 * PGlite is one process with one connection: the work simply runs.
 */
import pg from 'pg';
import type { Database } from './types.js';

/** The lock keys Chancery uses (64-bit advisory lock ids, one per kind of work). */
export const ADVISORY_LOCKS = {
  /** Migrations, the directory seed, shipped workflows, demo cases. */
  boot: 0x4368_616e_0001n,
  /** Appending to the system audit chain (taken per transaction, `pg_advisory_xact_lock`). */
  systemAudit: 0x4368_616e_0002n,
} as const;

/**
 * Runs `fn` while holding the advisory lock `key`; another node calling it with the same key
 * waits until `fn` is done here, then runs its own `fn` (which finds the work done).
 *
 * @example
 * await withAdvisoryLock(db, ADVISORY_LOCKS.boot, () => seedDirectory(db, options));
 */
export async function withAdvisoryLock<T>(db: Pick<Database, 'kind' | 'orm'>, key: bigint, fn: () => Promise<T>): Promise<T> {
  if (db.kind !== 'postgresql') return fn();
  const client = new pg.Client({ connectionString: db.orm.config.get('clientUrl') });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::int8)', [key.toString()]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::int8)', [key.toString()]);
    }
  } finally {
    await client.end();
  }
}
