/**
 * Loading the plugins named in `chancery.config.json` (`{ "plugins": ["chancery-plugin-foo",
 * "./local/plugin.js", "chancery-plugin-bar@^2.1.0"] }`): npm packages resolved from the working
 * directory, local modules from a path. A plugin that cannot be loaded, or whose version does not
 * match the one asked for, stops the boot with `plugin.load_failed` naming it.
 */
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChanceryError } from '../core/index.js';

/** `name@range` → name and range; scoped names (`@org/x`) keep their leading `@`. */
export function splitEntry(entry: string): { id: string; range: string | undefined } {
  const at = entry.lastIndexOf('@');
  if (at > 0 && !entry.startsWith('.') && !isAbsolute(entry)) return { id: entry.slice(0, at), range: entry.slice(at + 1) };
  return { id: entry, range: undefined };
}

/** Exact `1.2.3`, caret `^1.2.0` (same major, not lower) or `*`. */
export function versionSatisfies(version: string, range: string): boolean {
  if (range === '*' || range === '') return true;
  const parse = (v: string) => v.split(/[-+]/)[0]!.split('.').map(Number);
  const caret = range.startsWith('^');
  const want = parse(caret ? range.slice(1) : range);
  const have = parse(version);
  if (want.some(Number.isNaN) || have.some(Number.isNaN)) return false;
  if (!caret) return want.every((n, i) => n === have[i]);
  if (have[0] !== want[0]) return false;
  for (let i = 1; i < 3; i++) {
    if ((have[i] ?? 0) > (want[i] ?? 0)) return true;
    if ((have[i] ?? 0) < (want[i] ?? 0)) return false;
  }
  return true;
}

async function importEntry(id: string, baseDir: string): Promise<Record<string, unknown>> {
  if (id.startsWith('.') || isAbsolute(id)) return import(pathToFileURL(resolve(baseDir, id)).href) as Promise<Record<string, unknown>>;
  let target = id;
  try {
    target = pathToFileURL(createRequire(join(baseDir, 'chancery.config.json')).resolve(id)).href;
  } catch {
    // ESM-only packages may not resolve through require; let import() find it.
  }
  return import(target) as Promise<Record<string, unknown>>;
}

/**
 * @example
 * const plugins = await loadPlugins(config.plugins, process.cwd());
 */
export async function loadPlugins(entries: readonly string[], baseDir: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const entry of entries) {
    const { id, range } = splitEntry(entry);
    let mod: Record<string, unknown>;
    try {
      mod = await importEntry(id, baseDir);
    } catch (e) {
      throw new ChanceryError('plugin.load_failed', { plugin: entry, reason: (e as Error).message }, { cause: e });
    }
    const plugin = (mod.default ?? mod.plugin) as { name?: unknown; version?: unknown } | undefined;
    if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string') {
      throw new ChanceryError('plugin.load_failed', { plugin: entry, reason: 'the module has no default export made with definePlugin()' });
    }
    if (range && !versionSatisfies(String(plugin.version), range)) {
      throw new ChanceryError('plugin.load_failed', { plugin: entry, reason: `version ${String(plugin.version)} does not satisfy ${range}` });
    }
    out.push(plugin);
  }
  return out;
}
