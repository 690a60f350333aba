/**
 * Requests built to break the server — JSON nested thousands of levels deep, text PostgreSQL
 * cannot store, page numbers past any integer — are refused at the edge with a 4xx, a stable
 * code and the pointer of the offending field, and the server keeps serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, publishDefinition, startCase, taskOf } from './helpers.js';

const memo: WorkflowDefinition = {
  key: 'memo',
  title: { 'zh-CN': '便函', en: 'Memo' },
  startForm: 'memo',
  forms: { memo: { schema: { type: 'object', properties: { subject: { type: 'string' }, extra: { type: 'object' } } } } },
  initial: 'director',
  states: {
    director: { title: '主任审核', approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' }, on: { approve: 'done', reject: 'done' } },
    done: { title: '办结', final: true },
  },
};

/** `{"a":{"a":…1…}}` nested `levels` deep, as text (building the object would overflow the test's own stack). */
const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const deepPointer = (prefix: string, levels: number) => prefix + '/a'.repeat(levels);

describe('HTTP: hostile input', () => {
  let s: TestServer;
  let caseId: string;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, memo);
    caseId = await startCase(s, 'zongheke1', 'memo', { subject: '通知' });
  });
  afterAll(() => s.close());

  it('refuses 50 bodies nested 5,000 levels deep with request.too_deep and the pointer, and keeps serving', async () => {
    const taskId = await taskOf(s, 'zhuren', caseId);
    const attempts = [
      { method: 'POST', path: '/api/instances', as: 'zongheke1', body: `{"definition":"memo","data":${nested(5000)}}`, at: '/data' },
      { method: 'PUT', path: '/api/drafts/memo-1', as: 'zongheke1', body: `{"data":${nested(5000)}}`, at: '/data' },
      { method: 'POST', path: `/api/tasks/${taskId}/complete`, as: 'zhuren', body: `{"outcome":"approve","data":${nested(5000)}}`, at: '/data' },
      { method: 'POST', path: '/api/definitions/validate', as: 'admin', body: nested(5000), at: '' },
      { method: 'POST', path: '/api/auth/login', as: undefined, body: `{"username":${nested(5000)}}`, at: '/username' },
    ];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const a = attempts[i % attempts.length]!;
        return s.call(a.method, a.path, { ...(a.as ? { as: a.as } : {}), body: a.body, headers: { 'accept-language': 'en' } }).then((res) => ({ a, res }));
      }),
    );
    for (const { a, res } of answers) {
      expect(res.status, `${a.path}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(413);
      expect(res.body.error.code).toBe('request.too_deep');
      const limit = a.path.startsWith('/api/definitions') ? 256 : 64;
      // The pointer names the value where the limit was hit: the body's root counts as level 0.
      expect(res.body.error.pointer).toBe(deepPointer(a.at, limit - a.at.split('/').length + 1));
      expect(res.body.error.message).toContain(`at most ${limit} levels`);
    }
    expect((await s.call('GET', '/health')).status).toBe(200);
    const draft = await s.call('PUT', '/api/drafts/memo-1', { as: 'zongheke1', body: { data: { subject: '草稿' } } });
    expect(draft.status).toBe(200);
    expect((await s.call('GET', '/api/drafts/memo-1', { as: 'zongheke1' })).body.data).toEqual({ subject: '草稿' });
    await startCase(s, 'zongheke1', 'memo', { subject: '仍可发起' });
    expect(s.logged.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('accepts case data nested within the documented limit', async () => {
    const res = await s.call('PUT', '/api/drafts/memo-2', { as: 'zongheke1', body: `{"data":${nested(60)}}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('accepts a definition nested deeper than case data may be', async () => {
    const res = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: { ...memo, description: undefined, extra: JSON.parse(nested(100)) } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  });

  it('refuses a NUL character in case data, an opinion, a login name, search text and a path parameter with 422 and the pointer', async () => {
    const taskId = await taskOf(s, 'zhuren', caseId);
    const cases = [
      { method: 'POST', path: '/api/instances', as: 'zongheke1', body: { definition: 'memo', data: { subject: 'a\u0000b' } }, pointer: '/data/subject' },
      {
        method: 'POST',
        path: '/api/instances',
        as: 'zongheke1',
        body: { definition: 'memo', data: { extra: { 'k\u0000': 1 } } },
        pointer: '/data/extra/k\u0000',
      },
      { method: 'POST', path: `/api/tasks/${taskId}/complete`, as: 'zhuren', body: { outcome: 'approve', opinion: '同意\u0000' }, pointer: '/opinion' },
      { method: 'POST', path: '/api/auth/login', body: { username: 'admin\u0000', password: 'x' }, pointer: '/username' },
      { method: 'GET', path: '/api/tasks?q=%E5%8A%9E%00', as: 'zhuren', pointer: '/q' },
      { method: 'GET', path: '/api/directory/users?q=a%00', as: 'admin', pointer: '/q' },
      { method: 'GET', path: '/api/definitions/memo%00x', as: 'admin', pointer: '/key' },
      { method: 'GET', path: '/api/directory/users/a%00', as: 'admin', pointer: '/id' },
    ];
    for (const c of cases) {
      const res = await s.call(c.method, c.path, { ...(c.as ? { as: c.as } : {}), ...(c.body ? { body: c.body } : {}), headers: { 'accept-language': 'en' } });
      expect(res.status, `${c.path}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'request.invalid_text', pointer: c.pointer });
      expect(res.body.error.message).toContain('NUL');
    }
    expect((await caseOf(s, caseId)).state).toBe('director'); // the opinion with NUL did not complete it
  });

  it('refuses a lone UTF-16 surrogate in case data with 422 and the pointer', async () => {
    const body = '{"definition":"memo","data":{"subject":"ok \\ud800 broken"}}';
    const res = await s.call('POST', '/api/instances', { as: 'zongheke1', body });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'request.invalid_text', pointer: '/data/subject' });
    expect(res.body.error.message).toContain('代理项');
  });

  it('refuses page numbers past any integer, negative or fractional on every list route with 422 and /page', async () => {
    const lists = ['/api/tasks', '/api/instances', '/api/notifications', '/api/directory/users', '/api/admin/incidents'];
    for (const path of lists) {
      for (const page of ['1e21', '1e308', '-1', '0', '1.5', '99999999999999999999']) {
        const res = await s.call('GET', `${path}?page=${page}`, { as: 'admin' });
        expect(res.status, `${path}?page=${page}: ${JSON.stringify(res.body)}`).toBe(422);
        expect(res.body.error.pointer).toBe('/page');
      }
      expect((await s.call('GET', `${path}?page=2`, { as: 'admin' })).status).toBe(200);
    }
    expect(s.logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});
