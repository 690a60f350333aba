import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { importDiskFiles } from '../../forms/server/import-disk-files.js';
import { createDbStorage } from '../../forms/server/storage/db-storage.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase } from './helpers.js';

const memo: WorkflowDefinition = {
  key: 'legacy-memo',
  title: { 'zh-CN': '旧版附件', en: 'Legacy attachment' },
  initial: 'read',
  states: { read: { task: { assign: { initiator: true } }, on: { done: 'end' } }, end: { final: true } },
};

/** An installation upgraded from the version that kept uploads in `<data>/files`. */
describe('files uploaded before the upgrade', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, memo);
  }, 180_000);
  afterAll(() => s.close());

  it('move into the file storage once, and the cases that held them keep their readers', async () => {
    const bytes = Buffer.from('2025年的来信扫描件');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = randomUUID();
    const dir = join(mkdtempSync(join(tmpdir(), 'chancery-legacy-')), 'files');
    mkdirSync(join(dir, 'meta'), { recursive: true });
    mkdirSync(join(dir, 'blobs', sha256.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, 'blobs', sha256.slice(0, 2), sha256), bytes);
    const ref = { id, name: '来信.txt', size: bytes.length, sha256, mime: 'text/plain' };
    writeFileSync(join(dir, 'meta', `${id}.json`), JSON.stringify({ ...ref, uploadedBy: randomUUID(), uploadedAt: '2025-06-01T02:00:00.000Z' }));
    // A case the old version wrote, holding the file in its data.
    const caseId = await startCase(s, 'xinfang1', memo.key, {});
    await s.db.execute('UPDATE instance SET data = $2 WHERE id = $1', [caseId, { letter: ref }]);

    const imported = await importDiskFiles({
      dir,
      db: s.db,
      storage: createDbStorage(s.db),
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
    expect(imported).toBe(1);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`${dir}.imported`)).toBe(true);

    const mine = await s.app.request(`/api/files/${id}`, { headers: { authorization: `Bearer ${await s.token('xinfang1')}` } });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await s.call('GET', `/api/files/${id}`, { as: 'shilizhen-head' })).status).toBe(404);
    // Nothing left to do on the next start.
    expect(
      await importDiskFiles({ dir, db: s.db, storage: createDbStorage(s.db), logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } }),
    ).toBe(0);
  });
});
