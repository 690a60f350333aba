/**
 * A throwaway database on a PostgreSQL server, for the schema tools (`check:schema`,
 * `migration:create`: they migrate it from nothing and compare it with the entities, so they must
 * never touch a database that holds anything) and for each PostgreSQL test (tests/support/db.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Creates an empty database on the server of `base` and returns its URL and a `drop()` that removes
 * it again (even with connections still open).
 *
 * @example
 * const scratch = await createScratchDatabase(process.env.DATABASE_URL);
 * try { … scratch.url … } finally { await scratch.drop(); }
 */
export async function createScratchDatabase(base: string, prefix = 'chancery_schema'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
