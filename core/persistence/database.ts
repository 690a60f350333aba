/**
 * Opens the database (PGlite when no URL is given, PostgreSQL otherwise), runs the migrations and
 * exposes the lean SQL path the engine uses.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { ChanceryError } from '../errors.js';
import { ADVISORY_LOCKS, withAdvisoryLock } from './advisory-lock.js';
import { pgliteOptions, postgresOptions } from './orm-options.js';
import { isPglite, isServerError, runnerFor, type RawConnection, type SqlRunner } from './sql-runner.js';
import type { Database, DatabaseKind, DatabaseLogger, Row, SqlParam, SqlResult, Tx } from './types.js';

export interface OpenDatabaseOptions {
  /** `postgres://…`: use that server. Unset: embedded PGlite. */
  url?: string;
  /** Where PGlite keeps its files (`${dataDir}/db`). */
  dataDir?: string;
  /** PGlite in memory (tests). */
  inMemory?: boolean;
  /** Skip the migrations (the caller runs them). Default false. */
  skipMigrations?: boolean;
  logger?: DatabaseLogger;
}

/**
 * Opens and migrates the database.
 *
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: './data' });
 * const rows = await db.execute<{ id: string }>('SELECT id FROM app_user WHERE username = $1', ['admin']);
 * await db.close();
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let pglite: PGlite | undefined;
  let orm: MikroORM;
  if (options.url) {
    orm = await MikroORM.init(postgresOptions(options.url));
  } else {
    const lite = await pgliteOptions(options);
    pglite = lite.pglite;
    orm = await MikroORM.init(lite.options).catch(async (e: unknown) => {
      await lite.pglite.close();
      throw e;
    });
  }
  const db = createDatabase(orm, pglite ? 'pglite' : 'postgresql', async () => {
    await orm.close(true);
    await pglite?.close();
  });
  try {
    if (!options.skipMigrations) {
      // Nodes booting together on an empty database: one migrates, the others wait and find it done.
      const applied = await withAdvisoryLock(db, ADVISORY_LOCKS.boot, () => orm.getMigrator().up());
      if (applied.length > 0)
        options.logger?.debug?.(
          'migrations applied / 已执行数据库迁移',
          applied.map((m) => m.name),
        );
    }
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

interface TxState {
  open: boolean;
}

/** Wraps an initialised ORM. Statements borrow a raw connection from the ORM's pool (one on PGlite). */
export function createDatabase(orm: MikroORM, kind: DatabaseKind, closeAll: () => Promise<void>): Database {
  const knexClient = (orm.em.getConnection() as AbstractSqlConnection).getKnex().client as {
    acquireConnection(): Promise<RawConnection>;
    releaseConnection(conn: RawConnection): Promise<unknown>;
  };
  const inTransaction = new AsyncLocalStorage<TxState>();
  const runners = new WeakMap<RawConnection, SqlRunner>();
  // Connections whose driver failed outside the server's answer (e.g. a value it could not
  // serialise): such a client may hold a half-sent statement, so it is never reused.
  const broken = new WeakSet<RawConnection>();

  function runner(conn: RawConnection): SqlRunner {
    let run = runners.get(conn);
    if (!run) {
      const raw = runnerFor(conn);
      run = async (sql, params) => {
        try {
          return await raw(sql, params);
        } catch (e) {
          if (!isPglite(conn) && !isServerError(e)) broken.add(conn);
          throw e;
        }
      };
      runners.set(conn, run);
    }
    return run;
  }

  /** Gives the connection back, or has the pool destroy it (knex's own disposal mark) when broken. */
  async function release(conn: RawConnection): Promise<void> {
    if (broken.has(conn)) (conn as { __knex__disposed?: unknown }).__knex__disposed = 'driver failed mid-statement / 驱动在语句中途失败';
    await knexClient.releaseConnection(conn);
  }

  function refuseInsideTransaction(sql: string): void {
    if (inTransaction.getStore()?.open) {
      throw new ChanceryError('persistence.statement_outside_transaction', { sql: sql.slice(0, 80) });
    }
  }

  async function query<T extends Row>(sql: string, params?: readonly SqlParam[]): Promise<SqlResult<T>> {
    refuseInsideTransaction(sql);
    const conn = await knexClient.acquireConnection();
    try {
      return (await runner(conn)(sql, params)) as SqlResult<T>;
    } finally {
      await release(conn);
    }
  }

  async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    refuseInsideTransaction('BEGIN');
    const conn = await knexClient.acquireConnection();
    const run = runner(conn);
    const state: TxState = { open: true };
    const txQuery = async <R extends Row>(sql: string, params?: readonly SqlParam[]): Promise<SqlResult<R>> => {
      if (!state.open) throw new ChanceryError('persistence.transaction_closed', { sql: sql.slice(0, 80) });
      return (await run(sql, params)) as SqlResult<R>;
    };
    const tx: Tx = {
      kind,
      query: txQuery,
      execute: async (sql, params) => (await txQuery(sql, params)).rows as never,
    };
    try {
      await run('BEGIN');
      const result = await inTransaction.run(state, () => fn(tx));
      state.open = false;
      await run('COMMIT');
      return result;
    } catch (e) {
      if (state.open) state.open = false;
      // A broken client would queue ROLLBACK behind its stuck statement forever; destroying the
      // connection rolls the transaction back on the server instead.
      if (!broken.has(conn)) await run('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await release(conn);
    }
  }

  return {
    kind,
    orm,
    query,
    execute: async (sql, params) => (await query(sql, params)).rows as never,
    transaction,
    close: closeAll,
  };
}
