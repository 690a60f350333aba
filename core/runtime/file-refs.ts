/**
 * Which cases hold which files. Case data keeps a file as `{ id, name, size, sha256, mime }`;
 * every write of case data brings `file_ref` in line with it, in the command's transaction. The
 * download route reads these rows (never the data itself): once a file is attached, whoever may
 * read one of its cases may download it. A file can only be put into a case by someone who may
 * already read it, so knowing an id is worth nothing.
 */
import { ChanceryError } from '../errors.js';
import type { Executor, Tx } from '../persistence/types.js';
import { pointerOf } from '../json-pointer.js';
import { isUuid } from '../uuid.js';
import { canSeeCase } from './authorize.js';
import type { Actor } from './ports.js';

const SHA256 = /^[0-9a-f]{64}$/i;

/** A file as case data keeps it (never the bytes): what an upload answers and a file field holds. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  sha256: string;
  mime: string;
}

/** Every file reference in `data` (an object with a uuid `id` and a `sha256`), with the JSON pointer of its first occurrence. */
export function fileIdsIn(data: unknown): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (value: unknown, pointer: string, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > 64) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${pointer}/${i}`, depth + 1));
      return;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string' && isUuid(o.id) && typeof o.sha256 === 'string' && SHA256.test(o.sha256)) {
      const id = o.id.toLowerCase();
      if (!found.has(id)) found.set(id, pointer);
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, pointerOf(pointer, k), depth + 1);
  };
  walk(data, '', 0);
  return found;
}

/** The actor may download the file: its uploader while it is in no case, then whoever may read one of its cases. */
export async function mayReadFile(exec: Executor, actor: Actor, file: { id: string; uploadedBy: string | undefined }): Promise<boolean> {
  const cases = await exec.execute<{ id: string; initiator_id: string }>(
    'SELECT i.id, i.initiator_id FROM file_ref r JOIN instance i ON i.id = r.instance_id WHERE r.file_id = $1 ORDER BY r.created_at LIMIT 50',
    [file.id],
  );
  if (cases.length === 0) return actor.isAdmin || (file.uploadedBy !== undefined && file.uploadedBy === actor.id);
  for (const c of cases) if (await canSeeCase(exec, actor, c)) return true;
  return false;
}

/**
 * Brings the case's file references in line with its data after a command wrote `after` over
 * `before`. A file new to the case must exist and be readable by the actor (`file.not_attachable`,
 * with the pointer into the case data, otherwise); `actorId` null is the engine itself (a plugin's
 * result, a timer), which may attach what it made. Costs no statement when no file came or went.
 */
export async function syncFileRefs(tx: Tx, instanceId: string, before: unknown, after: unknown, actorId: string | null, now: Date): Promise<void> {
  const inData = fileIdsIn(after);
  const previous = fileIdsIn(before);
  if (inData.size === previous.size && [...inData.keys()].every((id) => previous.has(id))) return;
  const held = new Set((await tx.execute<{ file_id: string }>('SELECT file_id FROM file_ref WHERE instance_id = $1', [instanceId])).map((r) => r.file_id));
  const gone = [...held].filter((id) => !inData.has(id));
  if (gone.length > 0) await tx.execute('DELETE FROM file_ref WHERE instance_id = $1 AND file_id = ANY($2::uuid[])', [instanceId, gone]);
  const added = [...inData].filter(([id]) => !held.has(id));
  if (added.length === 0) return;
  const files = new Map(
    (
      await tx.execute<{ id: string; uploaded_by: string | null }>('SELECT id, uploaded_by FROM file WHERE id = ANY($1::uuid[])', [added.map(([id]) => id)])
    ).map((f) => [f.id, f.uploaded_by]),
  );
  let actor: Actor | undefined;
  for (const [id, pointer] of added) {
    const refuse = () => new ChanceryError('file.not_attachable', { id }, { pointer: `/data${pointer}` });
    if (!files.has(id)) throw refuse();
    if (actorId !== null) {
      if (!actor) {
        const [u] = await tx.execute<{ unit_id: string | null; is_admin: boolean }>('SELECT unit_id, is_admin FROM app_user WHERE id = $1', [actorId]);
        actor = { id: actorId, unitId: u?.unit_id ?? null, isAdmin: u?.is_admin ?? false, lang: 'zh-CN' };
      }
      if (!(await mayReadFile(tx, actor, { id, uploadedBy: files.get(id) ?? undefined }))) throw refuse();
    }
  }
  for (const [id] of added) {
    await tx.execute('INSERT INTO file_ref (file_id, instance_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, instanceId, now]);
  }
}
