/**
 * `npm run check:schema`: migrates a fresh database (in-memory PGlite, or a new database on the
 * server of `DATABASE_URL`) and fails when MikroORM's schema generator, given the entities, would
 * change anything in it. After changing an entity in `core/persistence/entities/`, let
 * `npm run migration:create -- <name>` write its migration; this check says where the two disagree.
 */
import { openDatabase } from '../core/persistence/database.js';
import { schemaDrift } from '../core/persistence/schema-drift.js';
import { createScratchDatabase } from './scratch-database.js';

async function main(): Promise<number> {
  const base = process.env.DATABASE_URL;
  const scratch = base ? await createScratchDatabase(base) : undefined;
  try {
    const db = await openDatabase(scratch ? { url: scratch.url } : { inMemory: true });
    try {
      const drift = await schemaDrift(db.orm);
      const where = scratch ? 'PostgreSQL' : 'PGlite';
      if (drift.length === 0) {
        console.log(`实体与迁移一致（${where}）/ The entities match the migrated schema (${where})`);
        return 0;
      }
      console.error(
        `实体与迁移不一致：MikroORM 会执行 ${drift.length} 条语句 / The entities and the migrations disagree: MikroORM would run ${drift.length} statements (${where}):\n`,
      );
      for (const s of drift) console.error(`  ${s};`);
      console.error(
        '\n修改了实体：运行 npm run migration:create -- <名称> 生成迁移 / Changed an entity: run npm run migration:create -- <name> to write its migration',
      );
      return 1;
    } finally {
      await db.close();
    }
  } finally {
    await scratch?.drop();
  }
}

process.exitCode = await main();
