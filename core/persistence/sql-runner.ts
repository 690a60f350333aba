/**
 * The connections the lean SQL path runs on, owned by Chancery (not borrowed from the ORM): a
 * `pg.Pool` on PostgreSQL, the PGlite instance when embedded. Both give the same result shape and
 * the same value types; MikroORM is configured with the same value types (orm-options.ts).
 */
import { Mutex, type PGlite, type Results, type Transaction } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DatabaseKind, Row, SqlParam, SqlResult } from './types.js';

export type SqlRunner = (sql: string, params?: readonly SqlParam[]) => Promise<SqlResult>;

/**
 * One kind of database's connections. `transaction` holds one connection from BEGIN to COMMIT or
 * ROLLBACK; `exclusive` runs work that must not interleave with the lean path on a single-session
 * database (PGlite: the ORM's own transactions).
 */
export interface Connections {
  readonly kind: DatabaseKind;
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlResult>;
  transaction<T>(fn: (run: SqlRunner) => Promise<T>): Promise<T>;
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const OID = { int8: 20, date: 1082 } as const;

/** Value parsers for PGlite: `date` stays a string, `int8` a number (as on PostgreSQL below). */
export const pgliteParsers: Record<number, (text: string) => unknown> = {
  [OID.date]: (text) => text,
  [OID.int8]: (text) => Number(text),
};

/**
 * Value parsers for PostgreSQL, for the lean pool and the ORM's pool alike: `timestamptz` → Date
 * (pg's default), `date` → string, `int8` → number.
 */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === OID.date) return (text: string) => text;
    if (oid === OID.int8) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, (format ?? 'text') as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Several statements in one string are only allowed without parameters (simple protocol). */
function isScript(sql: string, params: readonly SqlParam[] | undefined): boolean {
  return (params === undefined || params.length === 0) && /;\s*\S/.test(sql);
}

/**
 * True when PostgreSQL itself answered with the error (the connection is then in a known state);
 * false for failures inside the client (serialisation, a dropped socket).
 */
function isServerError(e: unknown): boolean {
  return e instanceof pg.DatabaseError;
}

export interface PoolOptions {
  url: string;
  max: number;
  /** Told when an idle connection fails (the pool drops it and opens another when needed). */
  onIdleError(e: Error): void;
}

/** PostgreSQL: a pool of `pg` clients, each statement shape prepared once per connection. */
export function poolConnections(options: PoolOptions): Connections {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max, types: pgTypes });
  pool.on('error', options.onIdleError);

  /**
   * Runs on one client and remembers a failure inside the client (e.g. a value it could not
   * serialise): such a client may hold a half-sent statement, so it is destroyed, never reused.
   */
  function runnerOn(client: pg.PoolClient, failed: { error?: Error }): SqlRunner {
    return async (sql, params) => {
      try {
        // Parameterised statements are prepared once per connection (named by their text), so
        // PostgreSQL parses and plans each of the engine's few statement shapes once.
        const named = params && params.length > 0 ? { name: statementName(sql) } : {};
        const res = (await client.query({ text: sql, values: params as unknown[] | undefined, ...named })) as pg.QueryResult<Row> | Array<pg.QueryResult<Row>>;
        const last = Array.isArray(res) ? res[res.length - 1] : res;
        return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
      } catch (e) {
        if (!isServerError(e)) failed.error = e instanceof Error ? e : new Error(String(e));
        throw e;
      }
    };
  }

  async function withClient<T>(fn: (run: SqlRunner, failed: { error?: Error }) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const failed: { error?: Error } = {};
    try {
      return await fn(runnerOn(client, failed), failed);
    } finally {
      // `release(error)` has the pool destroy the client instead of keeping it.
      client.release(failed.error);
    }
  }

  return {
    kind: 'postgresql',
    query: (sql, params) => withClient((run) => run(sql, params)),
    transaction: (fn) =>
      withClient(async (run, failed) => {
        await run('BEGIN');
        try {
          const result = await fn(run);
          await run('COMMIT');
          return result;
        } catch (e) {
          // A broken client would queue ROLLBACK behind its stuck statement forever; destroying
          // the connection rolls the transaction back on the server instead.
          if (!failed.error) await run('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    exclusive: (fn) => fn(),
    close: () => pool.end(),
  };
}

/**
 * PGlite: one session. Every use — a lean statement, a lean transaction, an ORM transaction —
 * takes the same mutex, so nothing ever runs inside someone else's transaction.
 */
export function pgliteConnections(pglite: PGlite): Connections {
  const mutex = new Mutex();
  const runnerOn =
    (on: PGlite | Transaction): SqlRunner =>
    async (sql, params) => {
      if (isScript(sql, params)) {
        const results = await on.exec(sql);
        return fromPglite(results[results.length - 1]);
      }
      return fromPglite(await on.query<Row>(sql, params as unknown[] | undefined));
    };
  return {
    kind: 'pglite',
    query: (sql, params) => mutex.runExclusive(() => runnerOn(pglite)(sql, params)),
    // PGlite's own transaction: BEGIN, then COMMIT when `fn` resolves or ROLLBACK when it throws.
    transaction: (fn) => mutex.runExclusive(() => pglite.transaction((tx) => fn(runnerOn(tx)))),
    exclusive: (fn) => mutex.runExclusive(fn),
    close: () => pglite.close(),
  };
}

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `c${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size > 5_000) names.clear();
    names.set(sql, name);
  }
  return name;
}

function fromPglite(res: Results<Row> | undefined): SqlResult {
  if (!res) return { rows: [], rowCount: 0 };
  return { rows: res.rows, rowCount: res.affectedRows || res.rows.length };
}
