/**
 * `npm ci` runs no install-time telemetry: swagger-ui-dist depends on `@scarf/scarf`, whose
 * postinstall script reports the install to a third party. The lockfile pins it to a local
 * stand-in without scripts, and the only install script left is the one we know about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, any>;

describe('installing Chancery', () => {
  const lock = read('package-lock.json');
  const packages = lock.packages as Record<string, { hasInstallScript?: boolean; link?: boolean; resolved?: string; name?: string }>;

  it('runs only the install scripts we know of (esbuild fetching its binary), none from @scarf/scarf', () => {
    const withScripts = Object.keys(packages).filter((k) => packages[k]!.hasInstallScript);
    expect(withScripts).toEqual(['node_modules/esbuild']);
  });

  it('resolves every @scarf/scarf in the tree to the local stand-in, which has no scripts', () => {
    const scarf = Object.entries(packages).filter(([k, v]) => k.endsWith('node_modules/@scarf/scarf') || v.name === '@scarf/scarf');
    expect(scarf.length).toBeGreaterThan(0);
    for (const [path, entry] of scarf) {
      if (path.includes('node_modules/')) expect(entry, path).toMatchObject({ link: true, resolved: 'scripts/no-telemetry' });
    }
    const standIn = read('scripts/no-telemetry/package.json');
    expect(standIn.name).toBe('@scarf/scarf');
    expect(standIn.scripts).toBeUndefined();
  });

  it('also tells scarf to stay quiet, should a future install bring the real one back', () => {
    expect(read('package.json').scarfSettings).toEqual({ enabled: false });
  });
});
