import S3rver from '@20minutes/s3rver';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStorageConfig } from '../../core/config.js';
import type { Database } from '../../core/persistence/types.js';
import { createFileStore } from '../../forms/server/file-store.js';
import { createBlobStorage } from '../../forms/server/storage/create-storage.js';
import { openTestDatabase } from '../support/db.js';
import { startTestServer, testConfig, type TestServer } from '../support/server.js';

const BUCKET = 'chancery-files';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Files in an S3-compatible bucket: a real S3-protocol server (s3rver) listening on loopback. */
describe('file contents in an S3-compatible bucket', () => {
  let s3: S3rver;
  let storage: FileStorageConfig;
  let db: Database;
  let client: S3Client;
  let directory: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'chancery-s3-'));
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
    const { port } = await s3.run();
    const endpoint = `http://127.0.0.1:${port}`;
    storage = { kind: 's3', bucket: BUCKET, endpoint, region: 'us-east-1', forcePathStyle: true, prefix: 'county/', credentials };
    client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    db = await openTestDatabase();
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await s3?.close();
  });
  /** Everything the S3 server holds for the bucket, read from its folder (s3rver signs listing requests differently from the SDK). */
  const objects = () => (readdirSync(join(directory, BUCKET), { recursive: true }) as string[]).filter((f) => f.endsWith('._S3rver_object')).sort();
  const exists = async (key: string) =>
    client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(
      () => true,
      () => false,
    );
  const store = (maxBytes: number) =>
    createFileStore({ db, storage: createBlobStorage(storage, db), maxBytes, allowedMimes: ['application/pdf', 'text/plain'] });

  it('stores a small file with one PUT and a large one in 5 MiB parts, and gives back the same bytes', async () => {
    const small = Buffer.from('复函：已按要求整改。\n');
    const a = await store(20 << 20).put(small, { name: '复函.txt', mime: 'text/plain' });
    expect((await (await store(20 << 20).get(a.id)).read()).equals(small)).toBe(true);

    const large = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(12 * 1024 * 1024, 0x41)]);
    const chunks = Array.from({ length: Math.ceil(large.length / 65536) }, (_, i) => large.subarray(i * 65536, (i + 1) * 65536));
    const b = await store(20 << 20).put(Readable.from(chunks), { name: '卷宗.pdf', mime: 'application/pdf' });
    expect(b.sha256).toBe(sha(large));
    const back = await (await store(20 << 20).get(b.id)).read();
    expect(back.length).toBe(large.length);
    expect(sha(back)).toBe(sha(large));
    expect(await exists(`county/${a.id}`)).toBe(true);
    expect(await exists(`county/${b.id}`)).toBe(true);
  });

  it('aborts an upload that grows past the limit, leaving no object behind', async () => {
    const before = objects();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 0x42)]);
    await expect(
      store(8 << 20).put(Readable.from([big.subarray(0, 6 << 20), big.subarray(6 << 20)]), { name: 'big.pdf', mime: 'application/pdf' }),
    ).rejects.toMatchObject({ code: 'file.too_large' });
    expect(objects()).toEqual(before);
  });

  it('serves uploads and downloads over HTTP when the server is configured for S3', async () => {
    let s: TestServer | undefined;
    try {
      s = await startTestServer({ config: testConfig({ fileStorage: storage }) });
      const bytes = Buffer.from('信访材料（存于对象存储）');
      const form = new FormData();
      form.set('file', new File([bytes], '材料.txt', { type: 'text/plain' }));
      const token = await s.token('xinfang1');
      const up = await s.app.request('/api/files', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${token}`, 'x-checksum-sha256': sha(bytes) },
      });
      expect(up.status).toBe(201);
      const { id } = (await up.json()) as { id: string };
      expect(await exists(`county/${id}`)).toBe(true);
      const down = await s.app.request(`/api/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(down.status).toBe(200);
      expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      await s?.close();
    }
  }, 180_000);
});
