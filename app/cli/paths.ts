/** Where the package lives, whether running from the sources (tsx) or from `dist/`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'chancery') return { root: dir, version: pkg.version ?? '0.0.0' };
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the chancery package root');
    dir = up;
  }
}

/** The package root (the folder with chancery's package.json). */
export function packageRoot(): string {
  return (cached ??= find()).root;
}

export function packageVersion(): string {
  return (cached ??= find()).version;
}
