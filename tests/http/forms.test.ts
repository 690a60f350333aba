import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, publishDefinition, startCase, taskOf } from './helpers.js';

const report: WorkflowDefinition = {
  key: 'report-form',
  title: { 'zh-CN': '情况报告', en: 'Situation report' },
  startForm: 'intake',
  forms: {
    intake: {
      schema: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', title: '信访人姓名', minLength: 2 }, phone: { type: 'string', title: '联系电话', pattern: '^1[0-9]{10}$' } },
      },
      uiSchema: { fields: { '/name': { label: { 'zh-CN': '信访人姓名', en: 'Petitioner name' } } } },
    },
    report: {
      schema: {
        type: 'object',
        required: ['facts'],
        properties: { facts: { type: 'string', title: '基本情况', minLength: 4 }, reviewer: { type: 'string', title: '复核人' } },
      },
      uiSchema: { fields: { '/facts': { label: { 'zh-CN': '基本情况', en: 'Basic facts' } } } },
    },
  },
  initial: 'write',
  states: {
    write: {
      task: { assign: { initiator: true }, form: 'report', fields: { '/reviewer': 'readonly' } },
      on: { submit: 'done' },
    },
    done: { final: true },
  },
};

describe('HTTP: forms, files and drafts', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, report);
  });
  afterAll(() => s.close());

  it('serves a form bundle whose precompiled validator module runs without eval and validates like the server', async () => {
    const res = await s.call('GET', '/api/forms/report-form/intake', { as: 'xinfang1' });
    expect(res.status).toBe(200);
    expect(res.body.schema.required).toEqual(['name']);
    const mod = await s.app.request(res.body.validatorModule);
    expect(mod.status).toBe(200);
    expect(mod.headers.get('content-type')).toMatch(/javascript/);
    const code = await mod.text();
    expect(code).not.toMatch(/new Function|eval\(/);
    const validator = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: (d: unknown) => boolean };
    expect(validator.default({ name: '张三' })).toBe(true);
    expect(validator.default({ name: '张' })).toBe(false);
    expect((await s.app.request('/api/forms/validators/0000.js')).status).toBe(404);
    expect((await s.call('GET', '/api/forms/report-form/nope', { as: 'xinfang1' })).status).toBe(404);
  });

  it('refuses a task submission that breaks the form, naming the field by its label, and protects read-only fields', async () => {
    const id = await startCase(s, 'xinfang1', 'report-form', { name: '李四' });
    const t = await taskOf(s, 'xinfang1', id);
    const bad = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'xinfang1', body: { data: { facts: '短' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('form.invalid');
    expect(bad.body.error.pointer).toBe('/data/facts');
    expect(JSON.stringify(bad.body.error.details.issues)).toContain('基本情况');
    const ok = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'xinfang1', body: { data: { facts: '经核查，情况属实', reviewer: '我自己' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const c = await caseOf(s, id, 'xinfang1');
    expect((c as unknown as { data: { report: Record<string, unknown> } }).data.report).toEqual({ facts: '经核查，情况属实' });
  });

  it('stores an upload with its checksum and lets only people entitled to it download it', async () => {
    const bytes = Buffer.from('信访材料：现场照片说明\n');
    const form = new FormData();
    form.set('file', new File([bytes], '现场说明.txt', { type: 'text/plain' }));
    const token = await s.token('xinfang1');
    const up = await s.app.request('/api/files', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    expect(up.status).toBe(201);
    const stored = (await up.json()) as { id: string; size: number; sha256: string; name: string };
    expect(stored).toMatchObject({ name: '现场说明.txt', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const mine = await s.app.request(`/api/files/${stored.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(bytes)).toBe(true);
    const stranger = await s.call('GET', `/api/files/${stored.id}`, { as: 'shilizhen-head' });
    expect(stranger.status).toBe(404);
  });

  it('refuses files of a type that is not allowed, and files too large, keeping nothing', async () => {
    const token = await s.token('xinfang1');
    const exe = new FormData();
    exe.set('file', new File([Buffer.from('MZ\x90\x00')], 'tool.exe', { type: 'application/x-msdownload' }));
    const res = await s.app.request('/api/files', { method: 'POST', body: exe, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('file.type_not_allowed');
    const big = new FormData();
    big.set('file', new File([Buffer.alloc(22 * 1024 * 1024, 97)], 'big.txt', { type: 'text/plain' }));
    const tooBig = await s.app.request('/api/files', { method: 'POST', body: big, headers: { authorization: `Bearer ${token}` } });
    expect(tooBig.status).toBe(413);
  });

  it('keeps a per-user draft that only its owner can read', async () => {
    const none = await s.call('GET', '/api/drafts/report-form:intake', { as: 'xinfang1' });
    expect(none.status).toBe(204);
    expect(none.body).toBeNull();
    const put = await s.call('PUT', '/api/drafts/report-form:intake', { as: 'xinfang1', body: { data: { name: '王五' } } });
    expect(put.status).toBe(200);
    const get = await s.call('GET', '/api/drafts/report-form:intake', { as: 'xinfang1' });
    expect(get.body.data).toEqual({ name: '王五' });
    // Someone else's draft, or none at all: "no draft" (204), not an error a page's console shows.
    expect((await s.call('GET', '/api/drafts/report-form:intake', { as: 'xinfang2' })).status).toBe(204);
    await s.call('DELETE', '/api/drafts/report-form:intake', { as: 'xinfang1' });
    expect((await s.call('GET', '/api/drafts/report-form:intake', { as: 'xinfang1' })).status).toBe(204);
  });
});
