/**
 * Definitions and their versions: drafts are editable, a published version is frozen, and the
 * compiled machine of each version is cached (published bodies never change, so the cache never
 * goes stale).
 */
import type { WorkflowDefinition } from '../definition/types.js';
import { ChanceryError } from '../errors.js';
import { compileDefinition, type CompiledWorkflow } from '../machine/compile.js';
import type { Executor } from '../persistence/types.js';

export interface DefinitionRow {
  id: string;
  key: string;
  version: number | null;
  status: 'draft' | 'published';
  title: unknown;
  body: WorkflowDefinition;
  created_at: Date;
  published_at: Date | null;
}

export interface DefinitionStore {
  compiled(exec: Executor, key: string, version?: number): Promise<CompiledWorkflow>;
  latestVersion(exec: Executor, key: string): Promise<number | null>;
  get(exec: Executor, key: string, version?: number | 'draft'): Promise<DefinitionRow>;
}

export function createDefinitionStore(options: { maxCached?: number } = {}): DefinitionStore {
  const cache = new Map<string, CompiledWorkflow>();
  const max = options.maxCached ?? 500;

  const store: DefinitionStore = {
    async latestVersion(exec, key) {
      const rows = await exec.execute<{ v: number | null }>('SELECT max(version) AS v FROM definition WHERE key = $1 AND version IS NOT NULL', [key]);
      return rows[0]?.v ?? null;
    },
    async get(exec, key, version) {
      let rows: DefinitionRow[];
      if (version === 'draft') {
        rows = await exec.execute<DefinitionRow & Record<string, unknown>>('SELECT * FROM definition WHERE key = $1 AND version IS NULL', [key]);
        if (!rows[0]) throw new ChanceryError('definition.no_draft', { key });
        return rows[0];
      }
      rows =
        version === undefined
          ? await exec.execute<DefinitionRow & Record<string, unknown>>(
              'SELECT * FROM definition WHERE key = $1 AND version IS NOT NULL ORDER BY version DESC LIMIT 1',
              [key],
            )
          : await exec.execute<DefinitionRow & Record<string, unknown>>('SELECT * FROM definition WHERE key = $1 AND version = $2', [key, version]);
      if (!rows[0]) {
        if (version === undefined) throw new ChanceryError('definition.not_found', { key });
        throw new ChanceryError('definition.version_not_found', { key, version });
      }
      return rows[0];
    },
    async compiled(exec, key, version) {
      const v = version ?? (await store.latestVersion(exec, key));
      if (v === null) throw new ChanceryError('definition.not_published', { key });
      const id = `${key}@${v}`;
      const hit = cache.get(id);
      if (hit) return hit;
      const row = await store.get(exec, key, v);
      const wf = compileDefinition(row.body, v);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(id, wf);
      return wf;
    },
  };
  return store;
}
