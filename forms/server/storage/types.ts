/**
 * Where file contents live. The file store decides names, checks size, type and checksum and
 * keeps the metadata; a storage only moves bytes, streamed both ways.
 */
import type { Readable } from 'node:stream';

export interface BlobStorage {
  /** `db` (PostgreSQL / PGlite, the default) or `s3` (an S3-compatible bucket). */
  readonly kind: 'db' | 's3';
  /**
   * Consumes `content` into `key`. When the stream fails (the file store aborts an upload that
   * breaks a limit), the promise rejects with that error; call `delete(key)` to drop what was written.
   */
  put(key: string, content: AsyncIterable<Uint8Array>): Promise<void>;
  /** The contents of `key` as a stream; rejects with `file.not_found` when there is nothing under it. */
  get(key: string): Promise<Readable>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}
