/**
 * Lean SQL inside an entity transaction, through MikroORM's public `em.execute`: what an entity
 * change writes beside its entities (its system-audit entry) commits with it. The statements keep
 * Chancery's `$1, $2, …` placeholders; they are rewritten here to the `?` bindings MikroORM takes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Row, SqlParam, SqlResult } from './types.js';

/**
 * `$n` placeholders → positional `?` bindings (a `$n` used twice binds its value twice). A literal
 * `?` (the jsonb operators) is escaped so it is not taken for a binding.
 *
 * @example
 * toPositional('SELECT $1::int + $1::int', [2]) // → { sql: 'SELECT ?::int + ?::int', bindings: [2, 2] }
 */
export function toPositional(sql: string, params: readonly SqlParam[] = []): { sql: string; bindings: SqlParam[] } {
  const bindings: SqlParam[] = [];
  const out = sql.replace(/\?|\$(\d+)/g, (match, n: string | undefined) => {
    if (n === undefined) return '\\?';
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new RangeError(`no parameter for $${n} / 缺少参数 $${n}`);
    bindings.push(params[index] as SqlParam);
    return '?';
  });
  return { sql: out, bindings };
}

/** Runs statements in `em`'s transaction. Values come back as on the lean path (orm-options.ts). */
export function entityExecutor(em: EntityManager): (sql: string, params?: readonly SqlParam[]) => Promise<SqlResult> {
  return async (sql, params) => {
    const { sql: positional, bindings } = toPositional(sql, params);
    const res = await em.execute<{ affectedRows: number; rows: Row[] }>(positional, bindings as unknown[], 'run');
    // PGlite reports 0 affected rows for a SELECT; the lean path counts the rows returned.
    return { rows: res.rows, rowCount: res.affectedRows || res.rows.length };
  };
}
