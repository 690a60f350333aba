/**
 * A fresh, migrated database for one test.
 *
 * - `DATABASE_URL` set (the `pg` project): a new database `chancery_t_<random>` on that server,
 *   dropped again by `close()`.
 * - Otherwise: in-memory PGlite. Booting PGlite costs about a second, so a closed test database is
 *   wiped (every table truncated, extra schemas and tables dropped, triggers re-enabled) and handed
 *   to the next `openTestDatabase()` of the same test file instead of being thrown away.
 */
import { openDatabase } from '../../core/persistence/database.js';
import type { Database } from '../../core/persistence/types.js';
import { createScratchDatabase } from '../../scripts/scratch-database.js';

/** Warm PGlite databases of this test file (a vitest worker), with the tables the migrations made. */
const idle: Array<{ db: Database; tables: string[] }> = [];

/**
 * @example
 * let db: Database;
 * beforeEach(async () => { db = await openTestDatabase(); });
 * afterEach(() => db.close());
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite();
}

async function openPglite(): Promise<Database> {
  const warm = idle.pop() ?? (await bootPglite());
  let closed = false;
  return {
    ...warm.db,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await wipe(warm.db, warm.tables);
        idle.push(warm);
      } catch (e) {
        console.warn('wipe failed', e);
        await warm.db.close();
      }
    },
  };
}

async function bootPglite(): Promise<{ db: Database; tables: string[] }> {
  const db = await openDatabase({ inMemory: true });
  return { db, tables: await publicTables(db) };
}

async function publicTables(db: Database): Promise<string[]> {
  const rows = await db.execute<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  return rows.map((r) => r.name);
}

async function wipe(db: Database, tables: string[]): Promise<void> {
  const schemas = await db.execute<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace
     WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`,
  );
  const extra = (await publicTables(db)).filter((t) => !tables.includes(t));
  const data = tables.filter((t) => t !== 'mikro_orm_migrations').map((t) => `"${t}"`);
  await db.execute(
    [
      // replica mode silences the append-only trigger for the wipe
      'SET session_replication_role = replica',
      `TRUNCATE ${data.join(', ')} RESTART IDENTITY CASCADE`,
      'SET session_replication_role = origin',
      ...extra.map((t) => `DROP TABLE IF EXISTS "${t}" CASCADE`),
      ...schemas.map((s) => `DROP SCHEMA IF EXISTS "${s.name}" CASCADE`),
      'ALTER TABLE audit_event ENABLE TRIGGER ALL',
      'ALTER TABLE system_audit ENABLE TRIGGER ALL',
    ].join(';\n') + ';',
  );
}

/**
 * An empty, unmigrated database of its own on the `DATABASE_URL` server, for tests that open and
 * close the Database themselves (restarts).
 */
export function reservePostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  return createScratchDatabase(url, 'chancery_t');
}

async function openPostgres(url: string): Promise<Database> {
  const reserved = await reservePostgresDatabase(url);
  let db: Database;
  try {
    db = await openDatabase({ url: reserved.url });
  } catch (e) {
    await reserved.drop();
    throw e;
  }
  let closed = false;
  return {
    ...db,
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      await reserved.drop();
    },
  };
}
