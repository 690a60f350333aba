/**
 * Files uploaded before file contents moved into the configured storage lived in the data folder
 * (`files/meta/<id>.json` and `files/blobs/ab/<sha256>`). At start they are copied into the
 * storage and the `file` table once, cases whose data holds them get their file references, and
 * the folder is renamed `files.imported` so the next start does nothing.
 */
import { isUuid } from '../../core/uuid.js';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Executor } from '../../core/persistence/types.js';
import type { Logger } from '../../core/runtime/ports.js';
import type { BlobStorage } from './storage/types.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** Every case whose data holds a file (`{ id, sha256, … }` at any depth) refers to it. Also run by migration 0005-auth-files. */
export const BACKFILL_FILE_REFS = `INSERT INTO file_ref (file_id, instance_id, created_at)
  SELECT DISTINCT f.id, i.id, now() FROM instance i
  CROSS JOIN LATERAL jsonb_path_query(i.data, 'strict $.**') AS v
  JOIN file f ON f.id::text = v ->> 'id'
  WHERE jsonb_typeof(v) = 'object' AND v ? 'sha256'
  ON CONFLICT DO NOTHING`;

interface LegacyRecord {
  id: string;
  name: string;
  size: number;
  sha256: string;
  mime: string;
  uploadedBy?: string;
  uploadedAt?: string;
}

/**
 * @example
 * const imported = await importDiskFiles({ dir: join(config.dataDir, 'files'), db, storage, logger });
 */
export async function importDiskFiles(o: { dir: string; db: Executor; storage: BlobStorage; logger: Logger }): Promise<number> {
  if (!existsSync(o.dir)) return 0;
  let imported = 0;
  const metaDir = join(o.dir, 'meta');
  for (const entry of existsSync(metaDir) ? await readdir(metaDir) : []) {
    let record: LegacyRecord;
    try {
      record = JSON.parse(await readFile(join(metaDir, entry), 'utf8')) as LegacyRecord;
    } catch (error) {
      o.logger.warn('legacy file record unreadable, skipped / 旧附件记录无法读取，已跳过', { entry, error: String(error) });
      continue;
    }
    if (!isUuid(record.id) || !SHA256.test(record.sha256)) continue;
    if ((await o.db.execute('SELECT 1 FROM file WHERE id = $1', [record.id])).length > 0) continue;
    const blob = join(o.dir, 'blobs', record.sha256.slice(0, 2), record.sha256);
    if (!existsSync(blob)) {
      o.logger.warn('legacy file contents missing, skipped / 旧附件内容缺失，已跳过', { id: record.id, name: record.name });
      continue;
    }
    await o.storage.put(record.id, createReadStream(blob));
    const uploader = record.uploadedBy && isUuid(record.uploadedBy) ? record.uploadedBy : null;
    await o.db.execute(
      `INSERT INTO file (id, name, size, mime, sha256, storage_key, uploaded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM app_user WHERE id = $7::uuid), $8)`,
      [record.id, record.name, record.size, record.mime, record.sha256, record.id, uploader, record.uploadedAt ? new Date(record.uploadedAt) : new Date()],
    );
    imported++;
  }
  // Rows written by the bulletin plugin before: their contents are still on disk under `blobs/`.
  for (const row of await o.db.execute<{ id: string; storage_key: string }>(`SELECT id, storage_key FROM file WHERE storage_key LIKE 'blobs/%'`)) {
    const blob = join(o.dir, row.storage_key);
    if (!existsSync(blob)) continue;
    await o.storage.put(row.id, createReadStream(blob));
    await o.db.execute('UPDATE file SET storage_key = $2 WHERE id = $1', [row.id, row.id]);
    imported++;
  }
  await o.db.execute(BACKFILL_FILE_REFS);
  let target = `${o.dir}.imported`;
  if (existsSync(target)) target = `${o.dir}.imported-${Date.now()}`;
  await rename(o.dir, target);
  o.logger.info('files moved into the file storage / 附件已迁入文件存储', { imported, storage: o.storage.kind, kept: target });
  return imported;
}
