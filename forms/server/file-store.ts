/**
 * Uploaded files on disk: content stored once under its sha256 (`blobs/ab/abcd…`), one small
 * metadata record per upload (`meta/<id>.json`). Size and type are checked while streaming, so
 * an oversized upload never lands on disk in full.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ChanceryError } from '../../core/errors.js';
import { isUuid } from '../../core/directory/directory-store.js';
import { headFitsMime, mimeAllowed } from './sniff-mime.js';

/** What the form data keeps for a file (never the bytes). */
export interface StoredFile {
  id: string;
  name: string;
  size: number;
  sha256: string;
  mime: string;
}

export interface FileRecord extends StoredFile {
  uploadedBy: string | undefined;
  uploadedAt: string;
}

export interface FileStoreOptions {
  dir: string;
  maxBytes: number;
  /** Exact types or `type/*`. */
  allowedMimes: readonly string[];
  /** For tests: the upload time. */
  now?: () => Date;
}

export interface FileStore {
  put(
    content: Uint8Array | Readable | AsyncIterable<Uint8Array>,
    meta: { name: string; mime: string; uploadedBy?: string },
  ): Promise<StoredFile>;
  /** The record and a way to read the bytes; `file.not_found` when unknown. */
  get(id: string): Promise<{ file: FileRecord; stream(): Readable; read(): Promise<Buffer> }>;
}

function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'file').slice(0, 255);
}

async function* chunksOf(content: Uint8Array | Readable | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  if (content instanceof Uint8Array) yield content;
  else for await (const chunk of content as AsyncIterable<Uint8Array | string>) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * @example
 * const files = createFileStore({ dir: 'data/files', maxBytes: 20 * 1024 * 1024, allowedMimes: ['application/pdf', 'image/*'] });
 * const stored = await files.put(buffer, { name: '材料.pdf', mime: 'application/pdf', uploadedBy: userId });
 */
export function createFileStore(options: FileStoreOptions): FileStore {
  const { dir, maxBytes, allowedMimes } = options;
  const now = options.now ?? (() => new Date());
  const blobPath = (sha: string) => join(dir, 'blobs', sha.slice(0, 2), sha);
  const metaPath = (id: string) => join(dir, 'meta', `${id}.json`);

  async function read(id: string): Promise<FileRecord> {
    // Ids are the lower-case uuids this store made: the file names under meta/ are exactly those.
    if (!isUuid(id) || id !== id.toLowerCase()) throw new ChanceryError('file.not_found', { id });
    try {
      return JSON.parse(await readFile(metaPath(id), 'utf8')) as FileRecord;
    } catch (error) {
      throw new ChanceryError('file.not_found', { id }, { cause: error });
    }
  }

  return {
    async put(content, meta) {
      const name = cleanName(meta.name);
      const mime = meta.mime.toLowerCase().split(';')[0]?.trim() ?? '';
      if (!mimeAllowed(mime, allowedMimes)) throw new ChanceryError('file.type_not_allowed', { name, mime });
      await mkdir(join(dir, 'tmp'), { recursive: true });
      const tmp = join(dir, 'tmp', randomUUID());
      const handle = await open(tmp, 'wx');
      const hash = createHash('sha256');
      let size = 0;
      let head = new Uint8Array(0);
      try {
        for await (const chunk of chunksOf(content)) {
          size += chunk.byteLength;
          if (size > maxBytes) throw new ChanceryError('file.too_large', { name, maxBytes });
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          hash.update(chunk);
          await handle.write(chunk);
        }
        if (!headFitsMime(mime, head)) throw new ChanceryError('file.type_not_allowed', { name, mime });
      } catch (error) {
        await handle.close();
        await rm(tmp, { force: true });
        throw error;
      }
      await handle.close();
      const sha256 = hash.digest('hex');
      const target = blobPath(sha256);
      await mkdir(join(target, '..'), { recursive: true });
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) await rm(tmp, { force: true });
      else await rename(tmp, target);
      const stored: StoredFile = { id: randomUUID(), name, size, sha256, mime };
      const record: FileRecord = { ...stored, uploadedBy: meta.uploadedBy, uploadedAt: now().toISOString() };
      await mkdir(join(dir, 'meta'), { recursive: true });
      await writeFile(metaPath(stored.id), JSON.stringify(record));
      return stored;
    },

    async get(id) {
      const file = await read(id);
      const path = blobPath(file.sha256);
      return { file, stream: () => createReadStream(path), read: () => readFile(path) };
    },
  };
}
