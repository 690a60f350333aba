/**
 * Opens the database (PGlite when no URL is given, PostgreSQL otherwise), runs the migrations and
 * exposes two ways in: the lean SQL path the engine's commands use, on connections Chancery owns
 * (sql-runner.ts), and entity transactions through MikroORM's entity manager for the admin CRUD.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ChanceryError } from '../errors.js';
import { ADVISORY_LOCKS, withAdvisoryLock } from './advisory-lock.js';
import { entityExecutor } from './entity-executor.js';
import { pgliteOptions, postgresOptions } from './orm-options.js';
import { pgliteConnections, poolConnections, type Connections } from './sql-runner.js';
import type { Database, DatabaseLogger, Row, SqlParam, SqlResult, Tx } from './types.js';

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
  let connections: Connections;
  if (options.url) {
    orm = await MikroORM.init(postgresOptions(options.url));
    connections = poolConnections({
      url: options.url,
      // The ORM keeps a pool of up to 4 of its own (orm-options.ts).
      max: 10,
      onIdleError: (e) => options.logger?.warn('an idle database connection failed / 空闲数据库连接出错', { message: e.message }),
    });
  } else {
    const lite = await pgliteOptions(options);
    pglite = lite.pglite;
    orm = await MikroORM.init(lite.options).catch(async (e: unknown) => {
      await lite.pglite.close();
      throw e;
    });
    connections = pgliteConnections(pglite);
  }
  const db = createDatabase(orm, connections);
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

/** The Database over an initialised ORM and the lean path's connections. */
function createDatabase(orm: MikroORM, connections: Connections): Database {
  const { kind } = connections;
  const inTransaction = new AsyncLocalStorage<TxState>();

  function refuseInsideTransaction(sql: string): void {
    if (inTransaction.getStore()?.open) {
      throw new ChanceryError('persistence.statement_outside_transaction', { sql: sql.slice(0, 80) });
    }
  }

  async function query<T extends Row>(sql: string, params?: readonly SqlParam[]): Promise<SqlResult<T>> {
    refuseInsideTransaction(sql);
    return (await connections.query(sql, params)) as SqlResult<T>;
  }

  /** A Tx over `run` that refuses statements once its transaction has ended. */
  function txOver(state: TxState, run: (sql: string, params?: readonly SqlParam[]) => Promise<SqlResult>): Tx {
    const txQuery = async <R extends Row>(sql: string, params?: readonly SqlParam[]): Promise<SqlResult<R>> => {
      if (!state.open) throw new ChanceryError('persistence.transaction_closed', { sql: sql.slice(0, 80) });
      return (await run(sql, params)) as SqlResult<R>;
    };
    return { kind, query: txQuery, execute: async (sql, params) => (await txQuery(sql, params)).rows as never };
  }

  async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    refuseInsideTransaction('BEGIN');
    const state: TxState = { open: true };
    try {
      return await connections.transaction((run) => inTransaction.run(state, () => fn(txOver(state, run))));
    } finally {
      state.open = false;
    }
  }

  async function entityTransaction<T>(fn: (em: EntityManager, tx: Tx) => Promise<T>): Promise<T> {
    refuseInsideTransaction('BEGIN');
    const state: TxState = { open: true };
    try {
      return await connections.exclusive(() =>
        inTransaction.run(state, () => (orm.em.fork() as EntityManager).transactional(async (em) => fn(em, txOver(state, entityExecutor(em))))),
      );
    } finally {
      state.open = false;
    }
  }

  return {
    kind,
    orm,
    query,
    execute: async (sql, params) => (await query(sql, params)).rows as never,
    transaction,
    entityTransaction,
    close: async () => {
      await orm.close(true);
      await connections.close();
    },
  };
}
