/**
 * File contents in the database: `file_blob` rows of at most 256 KiB, written one statement per
 * piece as the upload arrives and read back one piece at a time, on PostgreSQL as on PGlite.
 */
import { Readable } from 'node:stream';
import { ChanceryError } from '../../../core/errors.js';
import type { Executor } from '../../../core/persistence/types.js';
import type { BlobStorage } from './types.js';

const PIECE = 256 * 1024;

/** Regroups a stream of chunks of any size into pieces of exactly `size` bytes (the last may be shorter). */
export async function* pieces(content: AsyncIterable<Uint8Array>, size: number): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of content) {
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    length += chunk.byteLength;
    while (length >= size) {
      const all = Buffer.concat(pending, length);
      yield all.subarray(0, size);
      pending = [all.subarray(size)];
      length -= size;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}

/**
 * @example
 * const storage = createDbStorage(db);
 * await storage.put(fileId, Readable.from([bytes]));
 * (await storage.get(fileId)).pipe(response);
 */
export function createDbStorage(db: Executor, options: { pieceBytes?: number } = {}): BlobStorage {
  const size = options.pieceBytes ?? PIECE;
  return {
    kind: 'db',
    async put(key, content) {
      let seq = 0;
      for await (const piece of pieces(content, size)) {
        await db.execute('INSERT INTO file_blob (key, seq, data) VALUES ($1, $2, $3)', [key, seq++, piece]);
      }
      // An empty file still needs a row, so that `get` can tell it from a missing one.
      if (seq === 0) await db.execute('INSERT INTO file_blob (key, seq, data) VALUES ($1, 0, $2)', [key, Buffer.alloc(0)]);
    },
    async get(key) {
      const [first] = await db.execute<{ data: Uint8Array }>('SELECT data FROM file_blob WHERE key = $1 AND seq = 0', [key]);
      if (!first) throw new ChanceryError('file.not_found', { id: key });
      async function* read(): AsyncIterable<Buffer> {
        yield Buffer.from(first!.data);
        for (let seq = 1; ; seq++) {
          const [row] = await db.execute<{ data: Uint8Array }>('SELECT data FROM file_blob WHERE key = $1 AND seq = $2', [key, seq]);
          if (!row) return;
          yield Buffer.from(row.data);
        }
      }
      return Readable.from(read(), { objectMode: false });
    },
    async delete(key) {
      await db.execute('DELETE FROM file_blob WHERE key = $1', [key]);
    },
  };
}
