/**
 * `npm run migration:create`: the migration is what MikroORM's generator finds between the entities
 * and the migrated schema. Runs against a copy of the migration list in a temporary folder (tests
 * never write the tracked migrations), on PGlite and, in the `pg` project, on PostgreSQL.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineEntity, p, type EntitySchema, type MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createdAt } from '../../../core/persistence/entities/columns.js';
import { AppUser } from '../../../core/persistence/entities/directory.entity.js';
import { FormValidatorModule } from '../../../core/persistence/entities/form-validator.entity.js';
import { entities } from '../../../core/persistence/entities/all-entities.js';
import { migrationsList } from '../../../core/persistence/migrations/migration-list.js';
import { schemaDrift } from '../../../core/persistence/schema-drift.js';
import { createMigration, MigrationRefused, openScratchOrm } from '../../../scripts/migration-generator.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const shippedList = join(root, 'core/persistence/migrations/migration-list.ts');
const url = process.env.DATABASE_URL || undefined;

/** A table the shipped migrations do not have: a column, a foreign key, an index. */
const Probe = defineEntity({
  name: 'MigrationProbe',
  tableName: 'migration_probe',
  properties: {
    id: p.integer().primary(),
    label: p.text().default(''),
    owner: () => p.manyToOne(AppUser).fieldName('owner_id').nullable(),
  },
  indexes: [{ name: 'migration_probe_label_idx', properties: ['label'] }],
}) as unknown as EntitySchema;

/** `form_validator` as shipped plus one nullable column. */
const FormValidatorWithNote = defineEntity({
  name: 'FormValidatorModule',
  tableName: 'form_validator',
  properties: { hash: p.text().primary(), code: p.text(), createdAt: createdAt(), probeNote: p.text().nullable() },
}) as unknown as EntitySchema;

describe('npm run migration:create', () => {
  let dir: string;
  beforeEach(() => {
    mkdirSync(join(root, 'tests/.tmp'), { recursive: true });
    // Under the repository, so the generated file's `@mikro-orm/migrations` import resolves.
    dir = mkdtempSync(join(root, 'tests/.tmp/migration-'));
    copyFileSync(shippedList, join(dir, 'migration-list.ts'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing when the shipped entities match the shipped migrations', async () => {
    expect(await createMigration({ name: 'nothing-to-do', dir, url })).toBeNull();
    expect(readdirSync(dir)).toEqual(['migration-list.ts']);
    expect(readFileSync(join(dir, 'migration-list.ts'), 'utf8')).toBe(readFileSync(shippedList, 'utf8'));
  });

  it('writes the next migration for a new entity and column: up leaves no drift, down takes them away again', async () => {
    const withProbe = [...entities.map((e) => (e === FormValidatorModule ? FormValidatorWithNote : e)), Probe];
    const made = await createMigration({ name: 'migration-probe', entities: withProbe, dir, url });
    if (!made) throw new Error('expected a migration for the probe entity');

    const next = String(Math.max(...migrationsList.map((m) => Number(m.name.slice(0, 4)))) + 1).padStart(4, '0');
    expect(made.name).toBe(`${next}-migration-probe`);
    expect(made.className).toBe(`Migration${next}MigrationProbe`);
    expect(made.file).toBe(join(dir, `${next}-migration-probe.ts`));
    expect(made.up.join('\n')).toMatch(/create table "migration_probe"/);
    expect(made.up.join('\n')).toMatch(/alter table "form_validator" add column "probe_note" text null/);
    expect(made.down.join('\n')).toMatch(/drop table if exists "migration_probe"/);
    expect(made.down.join('\n')).toMatch(/alter table "form_validator" drop column "probe_note"/);

    const code = readFileSync(made.file, 'utf8');
    expect(code).toContain('npm run migration:create -- migration-probe');
    expect(code).toContain(`export class ${made.className} extends Migration {`);
    const list = readFileSync(join(dir, 'migration-list.ts'), 'utf8');
    expect(list).toContain(`import { ${made.className} } from './${made.name}.js';\n\nexport const migrationsList`);
    expect(list).toMatch(new RegExp(`\\{ name: '${made.name}', class: ${made.className} \\},\\n\\];\\n$`));

    const module = (await import(pathToFileURL(made.file).href)) as Record<string, new (...args: never[]) => Migration>;
    const migration: MigrationObject = { name: made.name, class: module[made.className]! as never };
    const scratch = await openScratchOrm({ entities: withProbe, migrations: [...migrationsList, migration], url });
    try {
      const probed = async () =>
        (
          await scratch.orm.em.getConnection().execute<Array<{ t: string | null; note: boolean }>>(
            `SELECT to_regclass('migration_probe')::text AS t,
                    EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'form_validator' AND column_name = 'probe_note') AS note`,
          )
        )[0];
      expect(await probed()).toEqual({ t: 'migration_probe', note: true });
      expect(await schemaDrift(scratch.orm)).toEqual([]);

      const reverted = await scratch.orm.getMigrator().down();
      expect(reverted.map((m) => m.name)).toEqual([made.name]);
      expect(await probed()).toEqual({ t: null, note: false });
      // Back where the shipped migrations left it: the generator asks for the same changes again.
      const drift = (await schemaDrift(scratch.orm)).join('\n');
      expect(drift).toMatch(/create table "migration_probe"/);
      expect(drift).toMatch(/add column "probe_note"/);
    } finally {
      await scratch.close();
    }

    // The name is now taken.
    await expect(createMigration({ name: 'migration-probe', entities: withProbe, dir, url })).rejects.toThrow(MigrationRefused);
  });

  it('refuses a name that is not kebab-case or names a shipped migration, before writing anything', async () => {
    for (const name of ['CasePriority', 'case_priority', 'case priority', '-case', 'case-', '0008-case', '']) {
      await expect(createMigration({ name, dir, url }), name).rejects.toThrow(/kebab-case/);
    }
    await expect(createMigration({ name: 'staff-delegator', dir, url })).rejects.toThrow(/0007-staff-delegator/);
    expect(readdirSync(dir)).toEqual(['migration-list.ts']);
  });
});
