import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase } from './helpers.js';

const attachments = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' }, sha256: { type: 'string' }, mime: { type: 'string' } },
  },
};

/** A petition with attachments, reviewed by the civil affairs bureau, who may also take attachments out. */
const withFiles: WorkflowDefinition = {
  key: 'petition-with-files',
  title: { 'zh-CN': '带附件的来信', en: 'Letter with attachments' },
  startForm: 'intake',
  forms: {
    intake: { schema: { type: 'object', properties: { subject: { type: 'string' }, attachments, note: { type: 'string' } } } },
  },
  initial: 'review',
  states: {
    review: { task: { assign: { users: ['minzhengju-head'] }, form: 'intake' }, on: { submit: 'done' } },
    done: { final: true },
  },
};

describe('HTTP: who may download a file', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, withFiles);
  }, 180_000);
  afterAll(() => s.close());

  async function upload(as: string, text: string) {
    const form = new FormData();
    form.set('file', new File([Buffer.from(text)], '来信扫描件.txt', { type: 'text/plain' }));
    const res = await s.app.request('/api/files', { method: 'POST', body: form, headers: { authorization: `Bearer ${await s.token(as)}` } });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; name: string; size: number; sha256: string; mime: string };
  }
  const download = async (as: string, id: string) => (await s.call('GET', `/api/files/${id}`, { as })).status;

  it('lets the uploader download a file before it is in any case, and nobody else', async () => {
    const file = await upload('xinfang1', '来信内容（未归档）');
    expect(await download('xinfang1', file.id)).toBe(200);
    expect(await download('shilizhen-head', file.id)).toBe(404);
    expect(await download('minzhengju-head', file.id)).toBe(404);
  });

  it('lets whoever may read the case download its attachment, but not another unit’s staff who put the id in their own case', async () => {
    const file = await upload('xinfang1', '来信内容：反映道路积水问题');
    const caseId = await startCase(s, 'xinfang1', withFiles.key, { subject: '道路积水', attachments: [file] });
    expect(await download('xinfang1', file.id)).toBe(200);
    expect(await download('minzhengju-head', file.id)).toBe(200); // the case's reviewer
    expect(await download('admin', file.id)).toBe(200);

    // Another township's head knows the id and copies the reference into a case of their own.
    const stolen = await s.call('POST', '/api/instances', {
      as: 'shilizhen-head',
      body: { definition: withFiles.key, data: { subject: '借用附件', attachments: [file] } },
    });
    expect(stolen.status).toBe(422);
    expect(stolen.body.error).toMatchObject({ code: 'file.not_attachable', pointer: '/data/intake/attachments/0' });
    expect(stolen.body.error.message).toMatch(/不能在案件中引用文件/);
    // The bare id in the data is just text: it opens nothing either.
    await startCase(s, 'shilizhen-head', withFiles.key, { subject: '借用附件', note: file.id });
    expect(await download('shilizhen-head', file.id)).toBe(404);
    expect(caseId).toBeTruthy();
  });

  it('forgets the case once the file leaves its data: the file is its uploader’s alone again', async () => {
    const file = await upload('xinfang1', '来信内容：反映噪音扰民');
    const caseId = await startCase(s, 'xinfang1', withFiles.key, { subject: '噪音扰民', attachments: [file] });
    expect(await download('minzhengju-head', file.id)).toBe(200);
    // The reviewer takes the attachment out of the case when finishing it.
    await complete(s, 'minzhengju-head', caseId, { data: { subject: '噪音扰民', attachments: [] } });
    const [refs] = await s.db.execute<{ n: number }>('SELECT count(*)::int AS n FROM file_ref WHERE file_id = $1', [file.id]);
    expect(refs!.n).toBe(0);
    expect(await download('minzhengju-head', file.id)).toBe(404);
    expect(await download('xinfang1', file.id)).toBe(200); // in no case again: its uploader's
  });

  it('lets a reader of a case forward its attachment into a case of their own', async () => {
    const file = await upload('xinfang1', '来信内容：转办材料');
    await startCase(s, 'xinfang1', withFiles.key, { subject: '转办', attachments: [file] });
    const forwarded = await s.call('POST', '/api/instances', {
      as: 'minzhengju-head',
      body: { definition: withFiles.key, data: { subject: '转来的材料', attachments: [file] } },
    });
    expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(201);
    const [refs] = await s.db.execute<{ n: number }>('SELECT count(*)::int AS n FROM file_ref WHERE file_id = $1', [file.id]);
    expect(refs!.n).toBe(2);
  });
});
