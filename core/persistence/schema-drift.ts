/**
 * The entities are the one description of the schema. `schemaDrift` asks MikroORM's schema
 * generator what it would change to make a migrated database match them; the answer must be
 * nothing, or a migration and the entities disagree (and a migration generated from the entities
 * would run destructive SQL). `npm run check:schema` and a test in both database projects run it.
 *
 * What MikroORM does not describe at all — the append-only trigger on `audit_event`, the
 * `pg_notify` trigger on `notification` and their functions — lives in migrations 0001 and 0003
 * and is invisible to the comparison; the partial unique index `definition_one_draft_idx` is
 * declared in the `Definition` entity by its SQL, which MikroORM compares by name.
 */
import type { MikroORM } from '@mikro-orm/core';

/**
 * Statements MikroORM would run that are known and accepted, each with the reason. Keep this
 * empty unless the generator cannot express something and cannot ignore it either.
 */
const ACCEPTED: Array<{ pattern: RegExp; why: string }> = [];

/** The SQL statements the schema generator would run against this database (none when in step). */
export async function schemaDrift(orm: MikroORM): Promise<string[]> {
  const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !ACCEPTED.some((a) => a.pattern.test(s)));
}
