/**
 * Writes the next migration from the entities: a scratch database gets every existing migration,
 * MikroORM's migrator compares it with the entities (`Migrator.createMigration`, the same comparison
 * `npm run check:schema` makes) and its generator writes the difference as `up()` and `down()`,
 * in this project's file and class names (`NNNN-<name>.ts`, `MigrationNNNN<Name>`), appended to
 * `migration-list.ts`. The entities stay the one description of the schema; a migration is only
 * hand-edited for what they cannot express.
 *
 * The command line is `scripts/create-migration.ts`; this module takes the entities, the existing
 * migrations and the output folder as arguments so a test can run it on a probe entity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM, type EntitySchema, type MigrationObject, type Options } from '@mikro-orm/core';
import { MigrationGenerator } from '@mikro-orm/migrations';
import { format, resolveConfig } from 'prettier';
import { entities as shippedEntities } from '../core/persistence/entities/all-entities.js';
import { migrationsList } from '../core/persistence/migrations/migration-list.js';
import { pgliteOptions, postgresOptions } from '../core/persistence/orm-options.js';
import { createScratchDatabase } from './scratch-database.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const MIGRATIONS_DIR = join(root, 'core/persistence/migrations');

/** A name the command refuses: not kebab-case, or already given to a migration. */
export class MigrationRefused extends Error {}

export interface CreateMigrationOptions {
  /** kebab-case, what the migration does: `case-priority` → `0008-case-priority.ts`. */
  name: string;
  /** Default: the shipped entities (`all-entities.ts`). */
  entities?: EntitySchema[];
  /** The migrations the scratch database gets first. Default: `migration-list.ts`'s. */
  migrations?: MigrationObject[];
  /** Where the file goes; `migration-list.ts` there gets the new entry. Default: core/persistence/migrations. */
  dir?: string;
  /** A PostgreSQL server to make the scratch database on (created and dropped). Default: in-memory PGlite. */
  url?: string;
}

export interface CreatedMigration {
  /** The written file. */
  file: string;
  /** Its name in the migration list (`0008-case-priority`). */
  name: string;
  className: string;
  /** The statements MikroORM generated. */
  up: string[];
  down: string[];
}

/**
 * Writes the migration that brings a migrated database to the entities, or nothing (null) when
 * they already agree. Throws `MigrationRefused` for a bad or used name before touching anything.
 *
 * @example
 * const made = await createMigration({ name: 'case-priority' });
 * console.log(made ? made.file : 'nothing to do');
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration | null> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const listFile = join(dir, 'migration-list.ts');
  const listText = readFileSync(listFile, 'utf8');
  const name = nextMigrationName(options.name, listText, readdirSync(dir));
  const className = migrationClassName(name);
  // Worked out before the migration is written, so a list we cannot extend leaves no file behind.
  const newList = appendToList(listText, name, className);

  const scratch = await openScratchOrm({ ...options, generator: ChanceryMigrationGenerator });
  try {
    const made = await scratch.orm.getMigrator().createMigration(dir, false, false, name);
    if (made.diff.up.length === 0) return null;
    await writeFile(listFile, newList);
    const statements = (list: string[]) => list.filter((s) => s !== '');
    return { file: join(dir, made.fileName), name, className, up: statements(made.diff.up), down: statements(made.diff.down) };
  } finally {
    await scratch.close();
  }
}

/**
 * A fresh database with the given migrations applied, and an ORM over it that knows the given
 * entities (what `openDatabase` does at boot, minus the lean SQL path).
 */
export async function openScratchOrm(options: {
  entities?: EntitySchema[];
  migrations?: MigrationObject[];
  url?: string;
  generator?: NonNullable<Options['migrations']>['generator'];
}): Promise<{ orm: MikroORM; close(): Promise<void> }> {
  const scratch = options.url ? await createScratchDatabase(options.url) : undefined;
  const lite = scratch ? undefined : await pgliteOptions({ inMemory: true });
  const base = scratch ? postgresOptions(scratch.url) : (lite?.options ?? {});
  const close = async (orm?: MikroORM) => {
    await orm?.close(true);
    await lite?.pglite.close();
    await scratch?.drop();
  };
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init({
      ...base,
      entities: options.entities ?? shippedEntities,
      migrations: {
        ...base.migrations,
        migrationsList: options.migrations ?? migrationsList,
        ...(options.generator ? { generator: options.generator } : {}),
      },
    });
    await orm.getMigrator().up();
  } catch (e) {
    await close(orm);
    throw e;
  }
  const ready = orm;
  return { orm: ready, close: () => close(ready) };
}

/** `0008-case-priority` from `case-priority`: one past the highest number in the list or the folder. */
function nextMigrationName(name: string, listText: string, files: string[]): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new MigrationRefused(
      `迁移名称须为 kebab-case（小写字母、数字和连字符，如 case-priority）：${JSON.stringify(name)} / ` +
        `The migration name must be kebab-case (lower-case letters, digits and hyphens, e.g. case-priority): ${JSON.stringify(name)}`,
    );
  }
  const used = [...listText.matchAll(/name:\s*'(\d{4})-([^']+)'/g), ...files.map((f) => f.match(/^(\d{4})-(.+)\.ts$/))]
    .filter((m) => m !== null)
    .map((m) => ({ number: Number(m[1]), name: m[2] }));
  const taken = used.find((u) => u.name === name);
  if (taken) {
    throw new MigrationRefused(
      `已有名为 ${name} 的迁移（${String(taken.number).padStart(4, '0')}-${name}），请换一个名称 / ` +
        `A migration named ${name} exists already (${String(taken.number).padStart(4, '0')}-${name}): choose another name`,
    );
  }
  const number = Math.max(0, ...used.map((u) => u.number)) + 1;
  return `${String(number).padStart(4, '0')}-${name}`;
}

/** `Migration0008CasePriority` from `0008-case-priority`. */
function migrationClassName(name: string): string {
  return (
    'Migration' +
    name
      .split('-')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('')
  );
}

/** migration-list.ts with the new migration's import after the last import and its entry last in the list. */
function appendToList(text: string, name: string, className: string): string {
  const imports = [...text.matchAll(/^import \{ \w+ \} from '\.\/[^']+\.js';\n/gm)];
  const lastImport = imports.at(-1);
  const end = text.lastIndexOf('\n];');
  if (!lastImport || end < 0) {
    throw new Error(
      'migration-list.ts 的格式无法识别（应有迁移类的 import 和以 "];" 结尾的 migrationsList）/ ' +
        'migration-list.ts is not in the expected shape (imports of migration classes, then migrationsList ending in "];")',
    );
  }
  const afterImports = lastImport.index + lastImport[0].length;
  return (
    text.slice(0, afterImports) +
    `import { ${className} } from './${name}.js';\n` +
    text.slice(afterImports, end) +
    `\n  { name: '${name}', class: ${className} },` +
    text.slice(end)
  );
}

/**
 * MikroORM's generator (its statement quoting, its up and down), writing this project's layout:
 * `NNNN-<name>.ts` with a class `MigrationNNNN<Name>`, a header saying where the file came from,
 * formatted by the project's Prettier settings. `flag: 'wx'` never overwrites a file.
 */
class ChanceryMigrationGenerator extends MigrationGenerator {
  override async generate(diff: { up: string[]; down: string[] }, path: string, name: string): Promise<[string, string]> {
    const fileName = `${name}.ts`;
    const code = await this.generateMigrationFile(migrationClassName(name), diff, name);
    await writeFile(join(path, fileName), code, { flag: 'wx' });
    return [code, fileName];
  }

  override async generateMigrationFile(className: string, diff: { up: string[]; down: string[] }, name = ''): Promise<string> {
    const short = name.replace(/^\d{4}-/, '');
    const body = (statements: string[]) => statements.map((sql) => this.createStatement(sql, 4)).join('');
    const down =
      diff.down.length > 0
        ? `  override down(): void {\n${body(diff.down)}  }\n`
        : `  // MikroORM wrote no down(): Migration's own refuses to revert this one.\n`;
    const code =
      `import { Migration } from '@mikro-orm/migrations';\n\n` +
      `/**\n` +
      ` * Generated by \`npm run migration:create -- ${short}\` from the entities\n` +
      ` * (core/persistence/entities/): MikroORM's schema generator wrote up() and down(). Before\n` +
      ` * committing, say here why the schema changes. Hand edits only for what the entities cannot\n` +
      ` * express (a partial index, a trigger, filling a new column), each with a comment saying why;\n` +
      ` * \`npm run check:schema\` must still report no difference.\n` +
      ` */\n` +
      `export class ${className} extends Migration {\n` +
      `  override up(): void {\n${body(diff.up)}  }\n\n` +
      down +
      `}\n`;
    const config = await resolveConfig(join(MIGRATIONS_DIR, 'migration-list.ts'));
    return format(code, { ...config, parser: 'typescript' });
  }
}
