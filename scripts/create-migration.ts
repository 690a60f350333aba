/**
 * `npm run migration:create -- <name>`: writes `core/persistence/migrations/NNNN-<name>.ts` from
 * the difference between the entities and a database migrated by the existing migrations, and adds
 * it to `migration-list.ts` (scripts/migration-generator.ts). Nothing to write: says so and exits 0.
 * Not in CI: it writes files; CI runs `npm run check:schema`, which fails on the same difference.
 */
import { relative } from 'node:path';
import { createMigration, MigrationRefused } from './migration-generator.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const name = args[0];
  if (args.length !== 1 || name === undefined) {
    console.error('用法 / Usage: npm run migration:create -- <name-in-kebab-case>');
    return 2;
  }
  try {
    const made = await createMigration({ name });
    if (!made) {
      console.log('实体与迁移一致，无需新迁移，未写入任何文件 / The entities match the migrations: no migration needed, nothing written');
      return 0;
    }
    console.log(`已写入 / Written: ${relative(process.cwd(), made.file)} (${made.up.length} statements up, ${made.down.length} down)`);
    console.log('已加入 / Added to: core/persistence/migrations/migration-list.ts');
    const destructive = made.up.filter((s) => /\bdrop (table|column)\b/i.test(s));
    if (destructive.length > 0) {
      console.warn('注意：此迁移会删除数据，请确认 / Note: this migration deletes data, check that it should:');
      for (const s of destructive) console.warn(`  ${s}`);
    }
    console.log('请审阅该文件并在文件头说明原因 / Review the file and say why in its header; then run npm run check:schema');
    return 0;
  } catch (e) {
    if (e instanceof MigrationRefused) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main();
