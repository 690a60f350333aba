/**
 * The database seen by the engine: lean SQL with native PostgreSQL `$1, $2, …` placeholders on
 * both PGlite and PostgreSQL, and entity transactions (MikroORM's entity manager) for the admin
 * CRUD. The MikroORM instance also runs the migrations and the schema tooling.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A SQL parameter. Objects and arrays bound to `jsonb` columns are serialised as JSON. */
export type SqlParam = string | number | boolean | null | Date | Uint8Array | readonly unknown[] | Record<string, unknown>;

export type Row = Record<string, unknown>;

/** What one statement returned. `rowCount` is the number of rows returned or affected. */
export interface SqlResult<T extends Row = Row> {
  rows: T[];
  rowCount: number;
}

/**
 * Anything that runs SQL: the database itself or an open transaction.
 * Placeholders are `$1, $2, …` (never knex-style `?`). Without parameters, a string may hold
 * several statements separated by `;` (used for scripts such as pg-boss's schema install).
 *
 * Result types: `timestamptz` → `Date`, `date` → `'YYYY-MM-DD'`, `int8` → `number`,
 * `numeric` → `string`, `json`/`jsonb` → parsed value, `uuid` → `string`.
 */
export interface Executor {
  /** Runs one statement and returns its rows. */
  execute<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Like `execute`, also reporting how many rows were affected (for `UPDATE … WHERE version = $n`). */
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<SqlResult<T>>;
}

/** An open transaction. Its statements run on the transaction's connection. */
export interface Tx extends Executor {
  readonly kind: DatabaseKind;
}

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseLogger {
  warn(message: string, details?: unknown): void;
  debug?(message: string, details?: unknown): void;
}

/**
 * An open database.
 *
 * On PGlite there is one connection: `transaction()` holds it for the whole callback and every
 * other `execute()` (the job queue's polling, another request) waits its turn, so nothing ever
 * runs inside someone else's transaction. Inside a transaction callback use the `tx` you were given:
 * calling `db.execute()` there throws `persistence.statement_outside_transaction` (on PGlite it would
 * wait forever for the connection the transaction holds).
 *
 * @example
 * const db = await openDatabase({ inMemory: true });
 * await db.transaction(async (tx) => {
 *   const [row] = await tx.execute<{ version: number }>('SELECT version FROM instance WHERE id = $1 FOR UPDATE', [id]);
 *   await tx.execute('UPDATE instance SET version = version + 1 WHERE id = $1', [id]);
 * });
 */
export interface Database extends Executor {
  readonly kind: DatabaseKind;
  readonly orm: MikroORM;
  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one MikroORM transaction with a fresh entity manager; `tx` runs lean SQL in the
   * same transaction (through `em.execute`), so an entity change and its audit entry commit
   * together. The entity manager is flushed before the commit. Same rules as `transaction`:
   * `db.execute()` inside `fn` throws `persistence.statement_outside_transaction`.
   *
   * @example
   * await db.entityTransaction(async (em, tx) => {
   *   em.create(Role, { key: 'archivist', name: '档案员' });
   *   await em.flush();
   *   await appendSystemAudit(tx, { kind: 'directory.role_created', actorId, target: 'archivist', at: now });
   * });
   */
  entityTransaction<T>(fn: (em: EntityManager, tx: Tx) => Promise<T>): Promise<T>;
  /** Closes the connection pool (and PGlite, which flushes to disk). */
  close(): Promise<void>;
}
