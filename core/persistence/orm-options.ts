/**
 * MikroORM options for both databases: the same entities and the same migrations, run by the
 * migrator at boot (never `schema:update`).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PGliteDriver, type PGliteConnectionConfig } from 'mikro-orm-pglite';
import { entities } from './entities/all-entities.js';
import { migrationsList } from './migrations/migration-list.js';
import { pgliteParsers, pgTypes } from './sql-runner.js';

const common = {
  entities,
  extensions: [Migrator],
  migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
  discovery: { warnWhenNoEntities: false },
  ensureDatabase: false,
  debug: false,
} satisfies Options;

/**
 * Options for a real PostgreSQL server. The database itself must exist. The ORM's pool is small
 * (migrations, schema tooling, the admin CRUD); the commands run on the lean path's own pool. Its
 * connections parse values as the lean path does (timestamptz → Date, date → string, int8 →
 * number) instead of MikroORM's strings, so a row reads the same whichever path read it.
 */
export function postgresOptions(url: string): Options {
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: url,
    pool: { min: 0, max: 4 },
    driverOptions: { connection: { types: pgTypes } },
  };
}

/**
 * Starts PGlite — on disk under `${dataDir}/db`, or in memory — and returns it with MikroORM
 * options that borrow it (we close it ourselves, after the ORM).
 */
export async function pgliteOptions(where: { dataDir?: string; inMemory?: boolean }): Promise<{ pglite: PGlite; options: Options }> {
  let dir: string | undefined;
  if (!where.inMemory) {
    if (!where.dataDir) throw new Error('openDatabase: give `url`, `dataDir` or `inMemory: true`');
    dir = join(where.dataDir, 'db');
    await mkdir(dir, { recursive: true });
  }
  const pglite = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), parsers: pgliteParsers });
  const connection: PGliteConnectionConfig = { pglite: () => pglite };
  return { pglite, options: { ...common, driver: PGliteDriver, dbName: 'postgres', driverOptions: { connection } } };
}
