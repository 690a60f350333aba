import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/persistence/types.js';
import { createFileStore } from '../../forms/server/file-store.js';
import { createDbStorage } from '../../forms/server/storage/db-storage.js';
import { openTestDatabase } from '../support/db.js';

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('file contents in the database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  const store = (maxBytes = 4096) =>
    createFileStore({ db, storage: createDbStorage(db, { pieceBytes: 1000 }), maxBytes, allowedMimes: ['application/pdf', 'image/*'] });
  const count = async (table: string) => Number((await db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

  it('stores a streamed upload in pieces and gives the same bytes back with their checksum', async () => {
    const bytes = pdf(3500);
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 2100), bytes.subarray(2100)];
    const stored = await store().put(Readable.from(chunks), { name: '../../信访材料.pdf', mime: 'application/pdf', uploadedBy: undefined });
    expect(stored).toMatchObject({ name: '信访材料.pdf', size: 3500, sha256: sha(bytes), mime: 'application/pdf' });
    const [pieces] = await db.execute<{ n: number }>('SELECT count(*)::int AS n FROM file_blob WHERE key = $1', [stored.id]);
    expect(pieces!.n).toBe(4);
    const got = await store().get(stored.id);
    expect(got.file).toMatchObject({ id: stored.id, size: 3500, sha256: sha(bytes) });
    expect((await got.read()).equals(bytes)).toBe(true);
  });

  it('keeps an empty file', async () => {
    const stored = await createFileStore({ db, storage: createDbStorage(db), maxBytes: 10, allowedMimes: ['text/plain'] }).put(Buffer.alloc(0), {
      name: 'empty.txt',
      mime: 'text/plain',
    });
    expect((await (await store().get(stored.id)).read()).length).toBe(0);
  });

  it('refuses an upload over the limit while it streams and keeps no piece of it', async () => {
    const before = await count('file_blob');
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(996, 0x20)]);
      }
    }
    await expect(store(4096).put(endless(), { name: 'big.pdf', mime: 'application/pdf' })).rejects.toMatchObject({ code: 'file.too_large', status: 413 });
    expect(pulled).toBeLessThan(10);
    expect(await count('file_blob')).toBe(before);
  });

  it('refuses an upload whose bytes do not hash to the checksum sent with it, keeping nothing', async () => {
    const before = [await count('file_blob'), await count('file')];
    const bytes = pdf(2500);
    await expect(store().put(bytes, { name: 'a.pdf', mime: 'application/pdf', sha256: sha(Buffer.from('other')) })).rejects.toMatchObject({
      code: 'file.checksum_mismatch',
      status: 422,
      pointer: '/sha256',
    });
    expect([await count('file_blob'), await count('file')]).toEqual(before);
    const ok = await store().put(bytes, { name: 'a.pdf', mime: 'application/pdf', sha256: sha(bytes).toUpperCase() });
    expect(ok.sha256).toBe(sha(bytes));
  });

  it('refuses types that are not allowed, and content that does not match its declared type', async () => {
    await expect(store().put(Buffer.from('MZ'), { name: 'x.exe', mime: 'application/x-msdownload' })).rejects.toMatchObject({ code: 'file.type_not_allowed' });
    await expect(store().put(Buffer.from('<html><body>not a png</body></html>'), { name: 'x.png', mime: 'image/png' })).rejects.toMatchObject({
      code: 'file.type_not_allowed',
    });
  });

  it('answers file.not_found for unknown or malformed ids', async () => {
    await expect(store().get('../../etc/passwd')).rejects.toMatchObject({ code: 'file.not_found' });
    await expect(store().get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'file.not_found' });
  });
});
