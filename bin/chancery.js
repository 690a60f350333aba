#!/usr/bin/env node
// The `chancery` command: runs the built CLI, building it first when dist/ is missing or stale
// (a fresh clone, or sources newer than the build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'app', 'cli', 'main.js');
const build = join(root, 'scripts', 'build.mjs');

if (existsSync(build)) {
  // --if-needed is a no-op (a few ms) when dist/ is up to date.
  const r = spawnSync(process.execPath, [build, '--if-needed', '--quiet'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else if (!existsSync(main)) {
  console.error('chancery: dist/ is missing and scripts/build.mjs is not there to build it / 缺少构建产物');
  process.exit(1);
}
await import(pathToFileURL(main).href);
