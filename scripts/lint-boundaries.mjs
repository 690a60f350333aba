#!/usr/bin/env node
/**
 * Writes `.oxlintrc.json`: the import boundaries between Chancery's layers, as oxlint
 * `no-restricted-imports` overrides, plus `import/no-cycle`.
 *
 *   ui → forms → core ← plugins ← app        (app wires everything and may import anything)
 *
 * - `core/**` imports nothing from app/, plugins/, forms/, workflows/, ui/;
 * - the pure engine (`core/definition|machine|logic|calendar`, `core/runtime/step.ts` and the two
 *   files it imports, the action contract, errors, JSON pointers and `core/pure.ts`, the package's
 *   `chancery` entry) imports only xstate, ajv (the definition schema's validator), cron-parser and itself: no
 *   other dependency, no Node built-in, no other part of core;
 * - `plugins/**` imports neither app/, ui/, forms/ nor workflows/, and core only through its public
 *   entries (`core/index.ts`, `core/pure.ts`);
 * - `forms/**` imports neither ui/, app/ nor plugins/; `ui/**` neither app/ nor plugins/.
 *
 * Why generated: oxlint's regexes have no look-around and a later override replaces an earlier
 * one's options, so each folder depth gets one override listing every rule that applies there, and
 * the lists of files that are not pure are read from the tree. `npm run lint` writes the config
 * first, so it always matches the tree (`.oxlintrc.json` is not checked in).
 *
 * Usage: `node scripts/lint-boundaries.mjs [--out <file>]` (default `.oxlintrc.json` at the root)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_DEPTH = 6;
const up = (n) => (n === 0 ? '\\./' : `(\\.\\./){${n}}`);
const rule = (regex, message) => ({ regex, message });

/**
 * Packages the pure engine may use; every other dependency is refused there. cron-parser is date
 * arithmetic only (the next occurrence of a recurring schedule) and bundles for a browser.
 */
const PURE_PACKAGES = new Set(['xstate', 'ajv', 'ajv-formats', 'ajv-i18n', 'ajv-errors', 'cron-parser']);
/** Parts of core the pure engine may import (besides its own folders). */
const PURE_DIRS = ['definition', 'machine', 'logic', 'calendar'];
const PURE_CORE_FILES = new Set(['errors.ts', 'error-messages.ts', 'json-pointer.ts', 'pure.ts']);
/** Folders of core that hold some pure files among others. */
const PURE_MIXED = { runtime: new Set(['step.ts', 'effects.ts', 'state-value.ts']), actions: new Set(['contract.ts']) };

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const impureDeps = Object.keys(pkg.dependencies ?? {})
  .filter((d) => !PURE_PACKAGES.has(d))
  .sort();
const builtins = builtinModules.filter((m) => !m.startsWith('_')).sort();
// Folders with files only: git keeps no empty folders, so a left-over one must not change the config.
const coreDirs = readdirSync(join(root, 'core'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && readdirSync(join(root, 'core', e.name)).length > 0)
  .map((e) => e.name)
  .sort();
const coreFiles = readdirSync(join(root, 'core'))
  .filter((f) => f.endsWith('.ts'))
  .sort();
const mixedFiles = Object.fromEntries(
  Object.keys(PURE_MIXED).map((d) => [
    d,
    readdirSync(join(root, 'core', d))
      .filter((f) => f.endsWith('.ts'))
      .sort(),
  ]),
);
const js = (f) => escape(f.replace(/\.ts$/, '.js'));

/** Imports of the top-level folders `names` from a file `depth` folders below the root. */
const toTop = (depth, names, message) => rule(`^${up(depth)}(${names.join('|')})(/|$)`, message);

function coreRules(depth) {
  return [
    toTop(
      depth,
      ['app', 'plugins', 'forms', 'workflows', 'ui'],
      'core imports nothing from app/, plugins/, forms/, workflows/ or ui/: they depend on core, not the other way (pass what core needs through a port) / core 不得依赖外层',
    ),
  ];
}

/**
 * Rules for a pure file `depth` folders below the root; `inside` names the core sub-folder holding
 * it when that folder mixes pure and other files (runtime/, actions/).
 */
function pureRules(depth, inside) {
  const toCore = depth - 1; // ../ × toCore (or ./ at depth 1) reaches core/
  const mixed = Object.keys(PURE_MIXED);
  const others = coreDirs.filter((d) => !PURE_DIRS.includes(d) && !mixed.includes(d));
  const out = [
    ...coreRules(depth),
    rule(
      `^(${impureDeps.map(escape).join('|')})(/|$)`,
      'the pure engine uses only xstate, ajv and cron-parser: no server, database or other package / 纯引擎只依赖 xstate、ajv 与 cron-parser',
    ),
    rule(`^(node:|(${builtins.map(escape).join('|')})(/|$))`, 'the pure engine runs in a browser: no Node built-ins / 纯引擎不得使用 Node 内置模块'),
    rule(
      `^${up(toCore)}(${others.join('|')})/`,
      'the pure engine imports only definition/, machine/, logic/, calendar/ and runtime/step.ts / 纯引擎不得依赖数据库、接口等部分',
    ),
    rule(
      `^${up(toCore)}(${coreFiles
        .filter((f) => !PURE_CORE_FILES.has(f))
        .map(js)
        .join('|')})$`,
      'the pure engine imports only errors, JSON pointers and the error catalogue from core/ / 纯引擎只可引用错误定义',
    ),
  ];
  for (const [dir, pure] of Object.entries(PURE_MIXED)) {
    const impure = mixedFiles[dir]
      .filter((f) => !pure.has(f))
      .map(js)
      .join('|');
    const message = `the pure engine imports only ${[...pure].join(', ')} from ${dir}/ / 纯引擎不得引用 ${dir}/ 的其他文件`;
    out.push(rule(`^${up(toCore)}${dir}/(${impure})$`, message));
    if (inside === dir) out.push(rule(`^\\./(${impure})$`, message));
  }
  return out;
}

function pluginRules(depth) {
  return [
    toTop(
      depth,
      ['app', 'ui', 'forms', 'workflows'],
      'plugins import neither app/, ui/, forms/ nor workflows/ (the app hands them what they need) / 插件不得依赖外层',
    ),
    rule(`^${up(depth)}core/[^/]+/`, 'plugins reach core only through its public entry, core/index.ts / 插件只可通过 core/index.ts 使用引擎'),
    rule(
      `^${up(depth)}core/(${coreFiles
        .filter((f) => f !== 'index.ts' && f !== 'pure.ts')
        .map(js)
        .join('|')})$`,
      'plugins reach core only through its public entry, core/index.ts / 插件只可通过 core/index.ts 使用引擎',
    ),
  ];
}

const formRules = (depth) => [toTop(depth, ['ui', 'app', 'plugins'], 'forms import neither ui/, app/ nor plugins/ / 表单不得依赖 ui、app、plugins')];
const uiRules = (depth) => [
  toTop(depth, ['app', 'plugins'], 'ui imports neither app/ nor plugins/ (it talks to the server over HTTP) / 界面不得依赖 app、plugins'),
];

const glob = (folder, depth) => `${folder}/${'*/'.repeat(depth - 1)}*.ts`;
const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

const overrides = [];
for (let d = 1; d <= MAX_DEPTH; d++) {
  overrides.push(restrict([glob('core', d)], coreRules(d)));
  overrides.push(restrict([glob('plugins', d)], pluginRules(d)));
  overrides.push(restrict([glob('forms', d)], formRules(d)));
  overrides.push(restrict([glob('ui', d)], uiRules(d)));
}
// Later overrides replace earlier ones for the files they match: the pure engine's come last.
for (let d = 2; d <= MAX_DEPTH; d++)
  overrides.push(
    restrict(
      PURE_DIRS.map((p) => `core/${p}/${'*/'.repeat(d - 2)}*.ts`),
      pureRules(d),
    ),
  );
for (const [dir, pure] of Object.entries(PURE_MIXED))
  overrides.push(
    restrict(
      [...pure].map((f) => `core/${dir}/${f}`),
      pureRules(2, dir),
    ),
  );
overrides.push(
  restrict(
    [...PURE_CORE_FILES].map((f) => `core/${f}`),
    pureRules(1),
  ),
);

const config = {
  $schema: './node_modules/oxlint/configuration_schema.json',
  plugins: ['import', 'typescript', 'unicorn', 'oxc'],
  rules: { 'import/no-cycle': 'error' },
  ignorePatterns: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '.dist-building-*/**'],
  overrides,
};
const text = JSON.stringify(config, null, 2) + '\n';
const at = process.argv.indexOf('--out');
writeFileSync(at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, '.oxlintrc.json'), text);
