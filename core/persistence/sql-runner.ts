/**
 * Runs SQL on one raw connection — a `pg.Client` from the pool or the PGlite instance — and gives
 * both the same result shape and the same value types.
 */
import type { PGlite, Results } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Row, SqlParam, SqlResult } from './types.js';

export type RawConnection = PGlite | pg.Client;

export type SqlRunner = (sql: string, params?: readonly SqlParam[]) => Promise<SqlResult>;

const OID = { int8: 20, date: 1082 } as const;

/** Value parsers for PGlite: `date` stays a string, `int8` a number (as on PostgreSQL below). */
export const pgliteParsers: Record<number, (text: string) => unknown> = {
  [OID.date]: (text) => text,
  [OID.int8]: (text) => Number(text),
};

/**
 * The pool's clients carry MikroORM's type overrides (timestamps as strings), so each lean
 * statement brings its own: `timestamptz` → Date (pg's default), `date` → string, `int8` → number.
 */
const pgTypes: pg.CustomTypesConfig = {
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

export function isPglite(conn: RawConnection): conn is PGlite {
  return typeof (conn as PGlite).exec === 'function' && typeof (conn as PGlite).dumpDataDir === 'function';
}

/**
 * True when PostgreSQL itself answered with the error (the connection is then in a known state);
 * false for failures inside the client (serialisation, a dropped socket).
 */
export function isServerError(e: unknown): boolean {
  return e instanceof pg.DatabaseError;
}

/** A runner bound to one raw connection. */
export function runnerFor(conn: RawConnection): SqlRunner {
  if (isPglite(conn)) {
    return async (sql, params) => {
      if (isScript(sql, params)) {
        const results = await conn.exec(sql);
        return fromPglite(results[results.length - 1]);
      }
      return fromPglite(await conn.query<Row>(sql, params as unknown[] | undefined));
    };
  }
  return async (sql, params) => {
    // Parameterised statements are prepared once per connection (named by their text), so
    // PostgreSQL parses and plans each of the engine's few statement shapes once.
    const named = params && params.length > 0 ? { name: statementName(sql) } : {};
    const res = (await conn.query({ text: sql, values: params as unknown[] | undefined, types: pgTypes, ...named })) as
      pg.QueryResult<Row> | Array<pg.QueryResult<Row>>;
    const last = Array.isArray(res) ? res[res.length - 1] : res;
    return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
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
