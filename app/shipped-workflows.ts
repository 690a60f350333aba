/**
 * The workflows shipped in `workflows/<key>/workflow.json` are published at boot when they are new
 * or changed (a changed file becomes the next version; running cases stay on theirs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ChanceryError } from '../core/errors.js';
import { canonicalJson } from '../core/persistence/canonical-json.js';
import type { Database } from '../core/persistence/types.js';
import type { Logger } from '../core/runtime/ports.js';
import { publish, type PublishingDeps } from '../core/runtime/publishing.js';

/** Reads a definition file and inlines form files referenced by relative path. */
export function readDefinitionFile(file: string): Record<string, unknown> {
  const def = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const base = dirname(resolve(file));
  const inline = (ref: unknown): unknown => {
    if (typeof ref !== 'string') return ref;
    const path = resolve(base, ref);
    // Form files must live beside the definition: no reading outside its folder.
    if (!path.startsWith(base + sep)) throw new Error(`form path "${ref}" leaves the workflow folder`);
    return JSON.parse(readFileSync(path, 'utf8'));
  };
  const forms = def.forms as Record<string, { schema: unknown; uiSchema?: unknown }> | undefined;
  if (forms) {
    for (const f of Object.values(forms)) {
      f.schema = inline(f.schema);
      if (f.uiSchema !== undefined) f.uiSchema = inline(f.uiSchema);
    }
  }
  delete def.version;
  return def;
}

function onlyUnknownUnits(e: unknown, unpublished: ReadonlySet<string>): boolean {
  if (!(e instanceof ChanceryError) || e.code !== 'definition.invalid') return false;
  type Problem = { code: string; severity: string; details?: { workflow?: unknown } };
  const problems = ((e.details as { problems?: Problem[] } | undefined)?.problems ?? []).filter((p) => p.severity === 'error');
  // A workflow that starts another one left unpublished for the same reason is left unpublished too.
  const excused = (p: Problem) =>
    p.code === 'definition.unknown_unit' || (p.code === 'definition.unknown_workflow' && unpublished.has(String(p.details?.workflow)));
  return problems.length > 0 && problems.every(excused);
}

export async function loadShippedWorkflows(db: Database, publishing: PublishingDeps, dir: string, logger: Logger): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const published: string[] = [];
  const unpublished = new Set<string>();
  let adminId: string | undefined;
  const defs = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'workflow.json')))
    .map((entry) => readDefinitionFile(join(dir, entry.name, 'workflow.json')));
  for (const def of linkedFirst(defs)) {
    const key = String(def.key);
    const [latest] = await db.execute<{ body: Record<string, unknown> }>(
      'SELECT body FROM definition WHERE key = $1 AND version IS NOT NULL ORDER BY version DESC LIMIT 1',
      [key],
    );
    if (latest) {
      const { version: _v, ...body } = latest.body;
      if (canonicalJson(body) === canonicalJson(def)) continue;
    }
    adminId ??= (await db.execute<{ id: string }>("SELECT id FROM app_user WHERE username = 'admin'"))[0]!.id;
    const publisher = adminId;
    let r: { version: number };
    try {
      r = await db.transaction((tx) => publish(publishing, tx, key, publisher, def));
    } catch (e) {
      // The shipped workflows name the demo county's units: on a directory without them (no demo)
      // they cannot run, so they are left unpublished, loudly, instead of stopping the boot.
      if (!onlyUnknownUnits(e, unpublished)) throw e;
      unpublished.add(key);
      logger.error('shipped workflow not published: its org units are not in the directory', { key, problems: (e as ChanceryError).details });
      continue;
    }
    logger.info('published shipped workflow', { key, version: r.version });
    published.push(key);
  }
  return published;
}

/** Workflows in an order where one that starts or signals another (`case.start`) comes after it. */
function linkedFirst(defs: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const keys = new Set(defs.map((d) => String(d.key)));
  const needs = new Map(defs.map((d) => [String(d.key), [...linkedKeys(d)].filter((k) => k !== d.key && keys.has(k))]));
  const out: Array<Record<string, unknown>> = [];
  const placed = new Set<string>();
  while (out.length < defs.length) {
    // A cycle (each names the other) is published in file order; its checks will say what is missing.
    const next =
      defs.find((d) => !placed.has(String(d.key)) && needs.get(String(d.key))!.every((k) => placed.has(k))) ?? defs.find((d) => !placed.has(String(d.key)))!;
    placed.add(String(next.key));
    out.push(next);
  }
  return out;
}

/** The workflow keys a definition's `case.start` / `case.signal` calls name. */
function linkedKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) linkedKeys(v, found);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const w = o['with'] as Record<string, unknown> | undefined;
    if ((o['action'] === 'case.start' || o['action'] === 'case.signal') && typeof w?.['definition'] === 'string') found.add(w['definition']);
    for (const v of Object.values(o)) linkedKeys(v, found);
  }
  return found;
}
