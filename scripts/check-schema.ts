/**
 * `npm run check:schema`: migrates a fresh database (in-memory PGlite, or a new database on the
 * server of `DATABASE_URL`) and fails when MikroORM's schema generator, given the entities, would
 * change anything in it. After adding a table or column, describe it in
 * `core/persistence/entities/` AND write its migration; this check says where they disagree.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../core/persistence/database.js';
import { schemaDrift } from '../core/persistence/schema-drift.js';

async function main(): Promise<number> {
  const base = process.env.DATABASE_URL;
  let url: string | undefined;
  let admin: pg.Client | undefined;
  if (base) {
    const name = `chancery_schema_${randomBytes(4).toString('hex')}`;
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  try {
    const db = await openDatabase(url ? { url } : { inMemory: true });
    try {
      const drift = await schemaDrift(db.orm);
      const where = url ? 'PostgreSQL' : 'PGlite';
      if (drift.length === 0) {
        console.log(`实体与迁移一致（${where}）/ The entities match the migrated schema (${where})`);
        return 0;
      }
      console.error(
        `实体与迁移不一致：MikroORM 会执行 ${drift.length} 条语句 / The entities and the migrations disagree: MikroORM would run ${drift.length} statements (${where}):\n`,
      );
      for (const s of drift) console.error(`  ${s};`);
      return 1;
    } finally {
      await db.close();
    }
  } finally {
    if (admin && url) {
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)}`);
      await admin.end();
    }
  }
}

process.exitCode = await main();
