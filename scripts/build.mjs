#!/usr/bin/env node
/**
 * Builds Chancery into `dist/`:
 * - every `.ts` under app/, core/, plugins/, forms/, workflows/, ui/ compiled file by file (no bundling:
 *   the `.js` import specifiers stay as written, so `dist/` mirrors the source tree) for Node 20 ESM;
 * - the `.json` files beside them copied (definition schema, holiday data, form files), so
 *   `import x from './x.json' with { type: 'json' }` works unbundled;
 * - the browser entries, when present, bundled and minified into `dist/public/`:
 *   `ui/app/main.ts` → `app.js`, `ui/embed.ts` → `embed.js`, `forms/components.ts` → `forms.js`;
 *   `ui/app/index.html` and `ui/public/**` copied there as they are.
 *
 * Usage: `node scripts/build.mjs [--if-needed] [--quiet]`
 *   --if-needed  do nothing when every output is newer than every source file
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const finalDist = join(root, 'dist');
// Built beside dist/ and swapped in at the end, so a server starting meanwhile never sees half a build.
const dist = join(root, `.dist-building-${process.pid}`);
const publicDir = join(dist, 'public');
const stampFile = join(finalDist, '.build-stamp');
const sourceDirs = ['app', 'core', 'plugins', 'forms', 'workflows', 'ui'];
const browserEntries = [
  { source: 'ui/app/main.ts', out: 'app' },
  { source: 'ui/embed.ts', out: 'embed' },
  { source: 'forms/components.ts', out: 'forms' },
];
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const log = (msg) => {
  if (!quiet) console.log(msg);
};

/** Every file under the source folders (no node_modules, no dotfiles). */
function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

const files = sourceDirs.flatMap((d) => walk(join(root, d)));
const inputs = [...files, join(root, 'package.json'), join(root, 'tsconfig.json'), join(root, 'scripts', 'build.mjs')];

function newestSource() {
  let newest = 0;
  for (const f of inputs) if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  // A removed source file changes the set but not the times: count the directories too.
  for (const d of sourceDirs.flatMap((s) => walkDirs(join(root, s)))) newest = Math.max(newest, statSync(d).mtimeMs);
  return newest;
}

function walkDirs(dir, out = []) {
  if (!existsSync(dir)) return out;
  out.push(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walkDirs(join(dir, entry.name), out);
  }
  return out;
}

if (args.has('--if-needed') && existsSync(stampFile) && existsSync(join(finalDist, 'app', 'cli', 'main.js'))) {
  if (statSync(stampFile).mtimeMs >= newestSource()) {
    log('dist/ is up to date / 构建已是最新');
    process.exit(0);
  }
}

const started = performance.now();
rmSync(dist, { recursive: true, force: true });
// A failed build leaves nothing behind (after success the folder has been renamed to dist/).
process.on('exit', () => rmSync(dist, { recursive: true, force: true }));

const isServerTs = (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !relative(root, f).split(sep).includes('public');
const serverEntries = files.filter(isServerTs);

await build({
  entryPoints: serverEntries,
  outdir: dist,
  outbase: root,
  bundle: false,
  platform: 'node',
  format: 'esm',
  target: 'node20.19', // engines: >=20.19 (import attributes, JSON modules)
  supported: { 'import-attributes': true },
  sourcemap: 'linked',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});

// JSON beside the code (imported with `with { type: 'json' }` or read at run time).
let copied = 0;
for (const f of files) {
  const rel = relative(root, f);
  if (!f.endsWith('.json') || rel.startsWith(`ui${sep}public${sep}`)) continue;
  const target = join(dist, rel);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(f, target);
  copied += 1;
}

// The browser: one minified ESM bundle per entry that exists, and the static files as they are.
const present = browserEntries.filter((e) => existsSync(join(root, e.source)));
if (present.length > 0) {
  await build({
    entryPoints: Object.fromEntries(present.map((e) => [e.out, join(root, e.source)])),
    outdir: publicDir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}
// The app's page, and anything under ui/public/, as they are.
if (existsSync(join(root, 'ui', 'app', 'index.html'))) {
  mkdirSync(publicDir, { recursive: true });
  copyFileSync(join(root, 'ui', 'app', 'index.html'), join(publicDir, 'index.html'));
}
for (const f of walk(join(root, 'ui', 'public'))) {
  const target = join(publicDir, relative(join(root, 'ui', 'public'), f));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(f, target);
}

mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, '.build-stamp'), new Date().toISOString() + '\n');
rmSync(finalDist, { recursive: true, force: true });
renameSync(dist, finalDist);
const ms = Math.round(performance.now() - started);
log(
  `built ${serverEntries.length} modules, ${copied} JSON files` +
    (present.length ? `, browser bundles: ${present.map((e) => `${e.out}.js`).join(', ')}` : '') +
    ` in ${ms} ms / 构建完成`,
);
