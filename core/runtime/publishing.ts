/**
 * The life of a definition: save a draft (editable), validate, publish (version N frozen),
 * list versions with running-instance counts.
 */
import { eventsOf, validateDefinition, type DefinitionValidation } from '../definition/index.js';
import type { ValidationContext, WorkflowDefinition } from '../definition/types.js';
import { ChanceryError } from '../errors.js';
import type { Executor, Tx } from '../persistence/types.js';

export interface PublishingDeps {
  /** Roles, actions and resolvers known to this installation, for the static checks. */
  validationContext(exec: Executor): Promise<ValidationContext>;
  clock(): Date;
}

export async function validateBody(deps: PublishingDeps, exec: Executor, body: unknown): Promise<DefinitionValidation> {
  return validateDefinition(body, await deps.validationContext(exec));
}

function assertValid(v: DefinitionValidation): WorkflowDefinition {
  const errors = v.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !v.definition) {
    throw new ChanceryError('definition.invalid', { count: errors.length, problems: v.problems }, { pointer: errors[0]?.pointer ?? '' });
  }
  return v.definition;
}

/** Creates or replaces the draft of `key`. A draft may be incomplete, but it must be JSON of the right key. */
export async function saveDraft(deps: PublishingDeps, tx: Tx, key: string, body: unknown, userId: string) {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ChanceryError('request.invalid', { reason: 'definition must be an object' }, { pointer: '' });
  const actual = (body as { key?: unknown }).key;
  if (actual !== key) throw new ChanceryError('definition.key_mismatch', { actual: String(actual), expected: key }, { pointer: '/key' });
  const title = (body as { title?: unknown }).title ?? key;
  const now = deps.clock();
  const updated = await tx.query(`UPDATE definition SET body = $2, title = $3, created_at = $4, created_by = $5 WHERE key = $1 AND version IS NULL`, [
    key,
    body as Record<string, unknown>,
    { t: title },
    now,
    userId,
  ]);
  if (updated.rowCount === 0) {
    await tx.execute(`INSERT INTO definition (id, key, version, status, title, body, created_by, created_at) VALUES ($1, $2, NULL, 'draft', $3, $4, $5, $6)`, [
      crypto.randomUUID(),
      key,
      { t: title },
      body as Record<string, unknown>,
      userId,
      now,
    ]);
  }
  return { key, status: 'draft' as const, validation: await validateBody(deps, tx, body) };
}

/** Freezes the draft (or the given body) as the next version. */
export async function publish(deps: PublishingDeps, tx: Tx, key: string, userId: string, body?: unknown) {
  let source = body;
  if (source === undefined) {
    const rows = await tx.execute<{ body: unknown }>('SELECT body FROM definition WHERE key = $1 AND version IS NULL FOR UPDATE', [key]);
    if (!rows[0]) throw new ChanceryError('definition.no_draft', { key });
    source = rows[0].body;
  }
  const def = assertValid(await validateBody(deps, tx, source));
  if (def.key !== key) throw new ChanceryError('definition.key_mismatch', { actual: def.key, expected: key }, { pointer: '/key' });
  // Serialize publishers of one key so two publishes never take the same version number.
  await tx.execute('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${key}`]);
  const [row] = await tx.execute<{ v: number | null }>('SELECT max(version) AS v FROM definition WHERE key = $1', [key]);
  const version = (row?.v ?? 0) + 1;
  const frozen = { ...def, version };
  const now = deps.clock();
  await tx.execute(
    `INSERT INTO definition (id, key, version, status, title, body, created_by, created_at, published_by, published_at) VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, $6, $7)`,
    [crypto.randomUUID(), key, version, { t: def.title }, frozen as unknown as Record<string, unknown>, userId, now],
  );
  await tx.execute('DELETE FROM definition WHERE key = $1 AND version IS NULL', [key]);
  return { key, version, publishedAt: now };
}

export async function listDefinitions(exec: Executor) {
  return exec.execute<{
    key: string;
    title: unknown;
    description: unknown;
    latest: number | null;
    has_draft: boolean;
    running: number;
    published_at: Date | null;
  }>(
    `SELECT d.key, (array_agg(d.title ORDER BY d.version DESC NULLS FIRST))[1] -> 't' AS title,
       (array_agg(d.body -> 'description' ORDER BY d.version DESC NULLS FIRST))[1] AS description, max(d.version) AS latest, bool_or(d.version IS NULL) AS has_draft,
       (SELECT count(*)::int FROM instance i WHERE i.definition_key = d.key AND i.status = 'running') AS running, max(d.published_at) AS published_at
     FROM definition d GROUP BY d.key ORDER BY d.key`,
  );
}

export async function listVersions(exec: Executor, key: string) {
  const rows = await exec.execute<{ version: number | null; status: string; published_at: Date | null; created_at: Date; running: number }>(
    `SELECT d.version, d.status, d.published_at, d.created_at,
       (SELECT count(*)::int FROM instance i WHERE i.definition_key = d.key AND i.definition_version = d.version AND i.status = 'running') AS running
     FROM definition d WHERE d.key = $1 ORDER BY d.version DESC NULLS FIRST`,
    [key],
  );
  if (rows.length === 0) throw new ChanceryError('definition.not_found', { key });
  return rows;
}

/** Every published workflow with the events its latest version takes (what `case.start` / `case.signal` may name). */
export async function publishedWorkflows(exec: Executor): Promise<Map<string, { events: Set<string> }>> {
  const rows = await exec.execute<{ key: string; body: WorkflowDefinition }>(
    `SELECT DISTINCT ON (key) key, body FROM definition WHERE version IS NOT NULL ORDER BY key, version DESC`,
  );
  return new Map(rows.map((r) => [r.key, { events: eventsOf(r.body) }]));
}
