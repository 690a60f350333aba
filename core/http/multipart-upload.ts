/**
 * Reads the `file` part of a `multipart/form-data` request as a stream (busboy), so an upload
 * flows to storage piece by piece instead of being held whole in memory.
 */
import { Busboy } from '@fastify/busboy';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ChanceryError } from '../errors.js';

export interface UploadPart {
  stream: Readable;
  name: string;
  mime: string;
  /** The plain fields sent before the file part (e.g. `sha256`). */
  fields: Record<string, string>;
}

const expected = () => new ChanceryError('request.invalid', { reason: 'expected multipart/form-data with a "file" field' }, { pointer: '/file' });

/**
 * Resolves with the first `file` part as soon as its headers arrive; the caller consumes the
 * stream. A request without one is `request.invalid` pointing at `/file`.
 *
 * @example
 * const part = await uploadedFile(c.req.raw, maxBytes);
 * await files.put(part.stream, { name: part.name, mime: part.mime });
 */
export function uploadedFile(req: Request, maxBytes: number): Promise<UploadPart> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type) || !req.body) return Promise.reject(expected());
  return new Promise<UploadPart>((resolve, reject) => {
    let parser: Busboy;
    try {
      // One byte over the limit is enough for the file store to refuse it as too large.
      parser = new Busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 20, fieldSize: 4096, parts: 30, fileSize: maxBytes + 1 } });
    } catch (error) {
      reject(new ChanceryError('request.invalid', { reason: (error as Error).message }, { pointer: '/file', cause: error }));
      return;
    }
    const fields: Record<string, string> = {};
    let settled = false;
    let current: Readable | undefined;
    parser.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    parser.on('file', (field: string, stream: Readable, filename: string, _encoding: string, mime: string) => {
      if (field !== 'file' || settled) {
        stream.resume();
        return;
      }
      settled = true;
      current = stream;
      resolve({ stream, name: filename || 'file', mime: mime || 'application/octet-stream', fields });
    });
    parser.on('error', (error: Error) => {
      const wrapped = new ChanceryError('request.invalid', { reason: error.message }, { pointer: '/file', cause: error });
      if (!settled) {
        settled = true;
        reject(wrapped);
      } else current?.destroy(wrapped);
    });
    parser.on('finish', () => {
      if (!settled) {
        settled = true;
        reject(expected());
      }
    });
    const body = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
    body.on('error', (error) => parser.destroy(error));
    body.pipe(parser);
  });
}
