/**
 * The workflows shipped in `workflows/<key>/workflow.json` are published at boot when they are new
 * or changed (a changed file becomes the next version; running cases stay on theirs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
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

export async function loadShippedWorkflows(db: Database, publishing: PublishingDeps, dir: string, logger: Logger): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const published: string[] = [];
  let adminId: string | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name, 'workflow.json');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const def = readDefinitionFile(file);
    const key = String(def.key);
    const [latest] = await db.execute<{ body: Record<string, unknown> }>('SELECT body FROM definition WHERE key = $1 AND version IS NOT NULL ORDER BY version DESC LIMIT 1', [key]);
    if (latest) {
      const { version: _v, ...body } = latest.body;
      if (canonicalJson(body) === canonicalJson(def)) continue;
    }
    adminId ??= (await db.execute<{ id: string }>("SELECT id FROM app_user WHERE username = 'admin'"))[0]!.id;
    const publisher = adminId;
    const r = await db.transaction((tx) => publish(publishing, tx, key, publisher, def));
    logger.info('published shipped workflow', { key, version: r.version });
    published.push(key);
  }
  return published;
}
