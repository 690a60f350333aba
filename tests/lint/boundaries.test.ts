/**
 * The import boundaries between layers are kept by `oxlint` (`.oxlintrc.json`, written by
 * `scripts/lint-boundaries.mjs`): a file importing the wrong way makes the lint fail, naming the
 * rule; the tree as it is passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const oxlint = join(root, 'node_modules', '.bin', 'oxlint');
const dirs: string[] = [];

/** Lints a scratch tree holding one file with the project's config. */
function lintFixture(path: string, source: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-lint-'));
  dirs.push(dir);
  const made = spawnSync(process.execPath, ['scripts/lint-boundaries.mjs', '--out', join(dir, '.oxlintrc.json')], { cwd: root, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), source);
  const r = spawnSync(oxlint, ['-c', '.oxlintrc.json', path], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('import boundaries (npm run lint)', () => {
  it('fails when core imports a plugin, and says which way imports run', () => {
    const r = lintFixture('core/http/routes/wrong.ts', "import { builtinPlugins } from '../../../plugins/index.js';\nexport const p = builtinPlugins;\n");
    expect(r.status).toBe(1);
    expect(r.output).toContain('no-restricted-imports');
    expect(r.output).toContain('core imports nothing from app/, plugins/');
  });

  it('fails when core imports the composition root or the forms server', () => {
    expect(lintFixture('core/runtime/wrong.ts', "import { createServer } from '../../app/server.js';\nexport const s = createServer;\n").status).toBe(1);
    expect(
      lintFixture('core/wrong.ts', "import { createFormService } from '../forms/server/form-service.js';\nexport const f = createFormService;\n").status,
    ).toBe(1);
  });

  it('keeps the pure engine free of servers, databases and Node built-ins', () => {
    expect(lintFixture('core/machine/wrong.ts', "import { Hono } from 'hono';\nexport const h = Hono;\n").output).toContain('only xstate, ajv and cron-parser');
    expect(lintFixture('core/calendar/wrong.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n").output).toContain(
      'no Node built-ins',
    );
    expect(lintFixture('core/definition/wrong.ts', "import { openDatabase } from '../persistence/database.js';\nexport const o = openDatabase;\n").status).toBe(
      1,
    );
    expect(lintFixture('core/runtime/step.ts', "import { createEngine } from './engine.js';\nexport const e = createEngine;\n").status).toBe(1);
    expect(
      lintFixture(
        'core/logic/fine.ts',
        "import { ChanceryError } from '../errors.js';\nimport { setup } from 'xstate';\nexport const x = [ChanceryError, setup];\n",
      ).status,
    ).toBe(0);
  });

  it('lets plugins reach core only through its public entry', () => {
    expect(
      lintFixture('plugins/notify/wrong.ts', "import type { Database } from '../../core/persistence/types.js';\nexport type D = Database;\n").output,
    ).toContain('only through its public entry');
    expect(
      lintFixture('plugins/wrong.ts', "import { createFileStore } from '../forms/server/file-store.js';\nexport const f = createFileStore;\n").status,
    ).toBe(1);
    expect(lintFixture('plugins/notify/fine.ts', "import { ChanceryError } from '../../core/index.js';\nexport const e = ChanceryError;\n").status).toBe(0);
  });

  it('keeps forms off ui and plugins, and ui off the server side', () => {
    expect(lintFixture('forms/widgets/wrong.ts', "import { x } from '../../ui/shared/api.js';\nexport const y = x;\n").status).toBe(1);
    expect(lintFixture('ui/admin/wrong.ts', "import { x } from '../../plugins/index.js';\nexport const y = x;\n").status).toBe(1);
    // ui/app/ is the web app's own folder, not the top-level app/.
    expect(lintFixture('ui/admin/fine.ts', "import { x } from '../app/router.js';\nexport const y = x;\n").status).toBe(0);
  });

  it('passes on the tree as it is (what npm run lint runs)', () => {
    // Writes the untracked, git-ignored .oxlintrc.json at the root, as `npm run lint` does.
    expect(spawnSync(process.execPath, ['scripts/lint-boundaries.mjs'], { cwd: root }).status).toBe(0);
    const r = spawnSync(oxlint, [], { cwd: root, encoding: 'utf8' });
    expect(r.stdout).toMatch(/Found \d+ warnings? and 0 errors/);
    expect(r.status).toBe(0);
  });
});
