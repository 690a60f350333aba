import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../forms/server/file-store.js';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1000, 0x20)]);
const newStore = (maxBytes = 4096) => {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-files-'));
  return { dir, store: createFileStore({ dir, maxBytes, allowedMimes: ['application/pdf', 'image/*'] }) };
};

describe('file store', () => {
  it('stores a file under its sha256 and returns its checksum', async () => {
    const { dir, store } = newStore();
    const stored = await store.put(pdf, { name: '../../信访材料.pdf', mime: 'application/pdf', uploadedBy: 'u1' });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(stored).toMatchObject({ name: '信访材料.pdf', size: pdf.length, sha256, mime: 'application/pdf' });
    expect(existsSync(join(dir, 'blobs', sha256.slice(0, 2), sha256))).toBe(true);
    const got = await store.get(stored.id);
    expect(got.file.uploadedBy).toBe('u1');
    expect((await got.read()).equals(pdf)).toBe(true);
  });

  it('accepts a stream and stores identical content once', async () => {
    const { dir, store } = newStore();
    const a = await store.put(Readable.from([pdf.subarray(0, 10), pdf.subarray(10)]), { name: 'a.pdf', mime: 'application/pdf' });
    const b = await store.put(pdf, { name: 'b.pdf', mime: 'application/pdf' });
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect(readdirSync(join(dir, 'blobs', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
  });

  it('rejects a file over the size limit and leaves nothing behind', async () => {
    const { dir, store } = newStore(100);
    await expect(store.put(Readable.from([pdf]), { name: 'big.pdf', mime: 'application/pdf' })).rejects.toMatchObject({
      code: 'file.too_large',
      status: 413,
    });
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'blobs'))).toBe(false);
  });

  it('rejects types that are not allowed, and content that does not match its declared type', async () => {
    const { store } = newStore();
    await expect(store.put(Buffer.from('MZ'), { name: 'x.exe', mime: 'application/x-msdownload' })).rejects.toMatchObject({
      code: 'file.type_not_allowed',
    });
    await expect(store.put(Buffer.from('<html>'), { name: 'x.png', mime: 'image/png' })).rejects.toMatchObject({
      code: 'file.type_not_allowed',
    });
  });

  it('answers file.not_found for unknown or malformed ids', async () => {
    const { store } = newStore();
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'file.not_found' });
    await expect(store.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'file.not_found' });
  });
});
