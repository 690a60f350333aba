/**
 * Uploaded files: one `file` row of metadata per upload, contents in a `BlobStorage` (the
 * database by default, or an S3-compatible bucket), so every node of a cluster serves every file.
 * Size, type and checksum are checked while the upload streams through, so an oversized or
 * corrupted upload is refused without ever being held in memory or kept.
 */
import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { ChanceryError } from '../../core/errors.js';
import { isUuid } from '../../core/uuid.js';
import type { Executor } from '../../core/persistence/types.js';
import type { FileRef } from '../../core/runtime/file-refs.js';
import { headFitsMime, mimeAllowed } from './sniff-mime.js';
import type { BlobStorage } from './storage/types.js';

/** What the form data keeps for a file (never the bytes). */
export type StoredFile = FileRef;

export interface FileRecord extends StoredFile {
  uploadedBy: string | undefined;
  uploadedAt: string;
}

export interface FileStoreOptions {
  db: Executor;
  storage: BlobStorage;
  maxBytes: number;
  /** Exact types or `type/*`. */
  allowedMimes: readonly string[];
  /** For tests: the upload time. */
  now?: () => Date;
}

export interface FileMeta {
  name: string;
  mime: string;
  uploadedBy?: string;
  /** The sha256 (hex) the uploader computed: the upload is refused unless the bytes hash to it. */
  sha256?: string;
}

export interface FileStore {
  put(content: Uint8Array | Readable | AsyncIterable<Uint8Array>, meta: FileMeta): Promise<StoredFile>;
  /** The record and a way to read the bytes; `file.not_found` when unknown. */
  get(id: string): Promise<{ file: FileRecord; stream(): Promise<Readable>; read(): Promise<Buffer> }>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base || 'file').slice(0, 255);
}

async function* chunksOf(content: Uint8Array | Readable | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  if (content instanceof Uint8Array) yield content;
  else for await (const chunk of content as AsyncIterable<Uint8Array | string>) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * @example
 * const files = createFileStore({ db, storage: createDbStorage(db), maxBytes: 20 * 1024 * 1024, allowedMimes: ['application/pdf', 'image/*'] });
 * const stored = await files.put(request.body, { name: '材料.pdf', mime: 'application/pdf', uploadedBy: userId });
 */
export function createFileStore(options: FileStoreOptions): FileStore {
  const { db, storage, maxBytes, allowedMimes } = options;
  const now = options.now ?? (() => new Date());

  return {
    async put(content, meta) {
      const name = cleanName(meta.name);
      const mime = meta.mime.toLowerCase().split(';')[0]?.trim() ?? '';
      if (!mimeAllowed(mime, allowedMimes)) throw new ChanceryError('file.type_not_allowed', { name, mime });
      const expected = meta.sha256?.toLowerCase();
      if (expected !== undefined && !SHA256.test(expected)) throw new ChanceryError('file.checksum_mismatch', { name }, { pointer: '/sha256' });
      const id = randomUUID();
      const hash = createHash('sha256');
      let size = 0;
      // Every chunk is checked before the storage sees it: the limit and the type hold mid-stream.
      async function* checked(): AsyncIterable<Uint8Array> {
        let head = new Uint8Array(0);
        for await (const chunk of chunksOf(content)) {
          size += chunk.byteLength;
          if (size > maxBytes) throw new ChanceryError('file.too_large', { name, maxBytes });
          if (head.length < 16) {
            head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
            if (head.length >= 16 && !headFitsMime(mime, head)) throw new ChanceryError('file.type_not_allowed', { name, mime });
          }
          hash.update(chunk);
          yield chunk;
        }
        if (head.length < 16 && !headFitsMime(mime, head)) throw new ChanceryError('file.type_not_allowed', { name, mime });
      }
      const sha256 = await storage.put(id, checked()).then(
        () => hash.digest('hex'),
        async (error: unknown) => {
          await storage.delete(id).catch(() => undefined);
          throw error;
        },
      );
      if (expected !== undefined && expected !== sha256) {
        await storage.delete(id);
        throw new ChanceryError('file.checksum_mismatch', { name }, { pointer: '/sha256' });
      }
      const at = now();
      await db.execute('INSERT INTO file (id, name, size, mime, sha256, storage_key, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        id,
        name,
        size,
        mime,
        sha256,
        id,
        meta.uploadedBy ?? null,
        at,
      ]);
      return { id, name, size, sha256, mime };
    },

    async get(id) {
      // Ids are the lower-case uuids this store made.
      if (!isUuid(id) || id !== id.toLowerCase()) throw new ChanceryError('file.not_found', { id });
      const [row] = await db.execute<{
        name: string;
        size: number;
        mime: string;
        sha256: string;
        storage_key: string;
        uploaded_by: string | null;
        created_at: Date;
      }>('SELECT name, size, mime, sha256, storage_key, uploaded_by, created_at FROM file WHERE id = $1', [id]);
      if (!row) throw new ChanceryError('file.not_found', { id });
      const file: FileRecord = {
        id,
        name: row.name,
        size: Number(row.size),
        mime: row.mime,
        sha256: row.sha256,
        uploadedBy: row.uploaded_by ?? undefined,
        uploadedAt: row.created_at.toISOString(),
      };
      const stream = () => storage.get(row.storage_key);
      return {
        file,
        stream,
        async read() {
          const parts: Buffer[] = [];
          for await (const chunk of await stream()) parts.push(Buffer.from(chunk as Uint8Array));
          return Buffer.concat(parts);
        },
      };
    },
  };
}
