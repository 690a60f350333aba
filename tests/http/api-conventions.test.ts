/**
 * HTTP conventions an integrator relies on: `201` with `Location`, `405` with `Allow`, `415` for a
 * body that is not JSON, the caller's language by `Accept-Language` q-values (with
 * `Content-Language` and `Vary`), every error body complete, and `ETag` / `If-Match` on cases and
 * tasks mapped onto the case's version (412 when it moved on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase, taskOf } from './helpers.js';

const twoSteps: WorkflowDefinition = {
  key: 'conv-flow',
  title: { 'zh-CN': '约定测试', en: 'Conventions' },
  initial: 'first',
  states: {
    first: { title: { 'zh-CN': '第一步', en: 'First' }, task: { assign: { users: ['zongheke1'] } }, on: { submit: 'second' } },
    second: { title: { 'zh-CN': '第二步', en: 'Second' }, task: { assign: { users: ['zongheke1'] } }, on: { submit: 'end' } },
    end: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: API conventions', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, twoSteps);
  });
  afterAll(() => s.close());

  describe('creation', () => {
    it('answers a started case with 201 and its address in Location', async () => {
      const res = await s.call('POST', '/api/instances', { as: 'xinxi1', body: { definition: 'conv-flow' } });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/instances/${res.body.id}`);
      expect((await s.call('GET', res.headers.get('location')!, { as: 'xinxi1' })).status).toBe(200);
    });

    it('gives Location on every other creation too (a published version, a delegation, a role)', async () => {
      const pub = await s.call('POST', '/api/definitions/conv-flow/publish', { as: 'admin', body: { definition: twoSteps } });
      expect(pub.status).toBe(201);
      expect(pub.headers.get('location')).toBe(`/api/definitions/conv-flow?version=${pub.body.version}`);
      const d = await s.call('POST', '/api/me/delegations', {
        as: 'zhuren',
        body: { to: 'ducha1', startsAt: '2026-04-01T00:00:00Z', endsAt: '2026-04-02T00:00:00Z' },
      });
      expect(d.status).toBe(201);
      expect(d.headers.get('location')).toBe(`/api/me/delegations/${d.body.id}`);
      // A role has no address of its own: it lives in the list of roles.
      const role = await s.call('POST', '/api/directory/roles', { as: 'admin', body: { key: 'conv-role', name: '约定角色' } });
      expect(role.status).toBe(201);
      expect(role.headers.get('location')).toBe('/api/directory/roles');
    });
  });

  describe('methods and media types', () => {
    it('answers a wrong method on an existing path with 405 and the methods it allows', async () => {
      const res = await s.call('PUT', '/api/tasks', { as: 'zongheke1', body: {} });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.body.error).toMatchObject({ code: 'request.method_not_allowed', kind: 'user' });
      expect(res.body.error.message).toContain('GET');
      const item = await s.call('DELETE', '/api/instances/00000000-0000-4000-8000-000000000000', { as: 'zongheke1' });
      expect(item.status).toBe(405);
      expect(item.headers.get('allow')).toBe('GET, HEAD');
      const signers = await s.call('GET', '/api/tasks/x/signers');
      expect(signers.status).toBe(405);
      expect(signers.headers.get('allow')).toBe('POST');
    });

    it('serves a site icon at /favicon.ico', async () => {
      const res = await s.app.request('/favicon.ico');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toContain('<svg');
    });

    it('still answers 404 for a path that does not exist at all', async () => {
      const res = await s.call('GET', '/api/no-such-thing', { as: 'zongheke1' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('request.not_found');
    });

    it('refuses a body that is not JSON with 415, in the caller’s language, and starts nothing', async () => {
      const before = await s.call('GET', '/api/instances?scope=started', { as: 'xinxi1' });
      const res = await s.call('POST', '/api/instances', {
        as: 'xinxi1',
        headers: { 'content-type': 'text/plain', 'accept-language': 'en' },
        body: JSON.stringify({ definition: 'conv-flow' }),
      });
      expect(res.status).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'request.unsupported_media_type', kind: 'user', message: expect.stringContaining('application/json') });
      const form = await s.call('POST', '/api/instances', {
        as: 'xinxi1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'definition=conv-flow',
      });
      expect(form.status).toBe(415);
      expect((await s.call('GET', '/api/instances?scope=started', { as: 'xinxi1' })).body.total).toBe(before.body.total);
    });

    it('accepts JSON with a charset or a +json type', async () => {
      const res = await s.call('POST', '/api/instances', {
        as: 'xinxi1',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: { definition: 'conv-flow' },
      });
      expect(res.status).toBe(201);
    });
  });

  describe('language', () => {
    const messageFor = async (acceptLanguage: string) => {
      const res = await s.call('GET', '/api/tasks/not-a-task', { as: 'zongheke1', headers: { 'accept-language': acceptLanguage } });
      return { message: res.body.error.message as string, contentLanguage: res.headers.get('content-language'), vary: res.headers.get('vary') };
    };

    it('honours q-values: the language the caller prefers most wins, not the first listed', async () => {
      expect((await messageFor('zh-CN;q=0.4, en;q=0.9')).message).toBe('No such task');
      expect((await messageFor('en;q=0.2, zh;q=0.8')).message).toBe('找不到该待办');
      expect((await messageFor('fr, en-GB;q=0.7, zh;q=0.5')).message).toBe('No such task');
      expect((await messageFor('en;q=0, zh-TW')).message).toBe('找不到该待办');
      expect((await messageFor('*')).message).toBe('找不到该待办');
    });

    it('says which language it answered in, and that the answer varies by Accept-Language', async () => {
      const en = await messageFor('en-US,en;q=0.9');
      expect(en.contentLanguage).toBe('en');
      expect(en.vary?.toLowerCase()).toContain('accept-language');
      const ok = await s.call('GET', '/api/definitions', { as: 'zongheke1' });
      expect(ok.headers.get('content-language')).toBe('zh-CN');
      expect(ok.headers.get('vary')?.toLowerCase()).toContain('accept-language');
    });

    it('lets a link choose the language with ?lang= before Accept-Language, and ignores a ?lang= naming neither', async () => {
      const ask = async (query: string) =>
        (await s.call('GET', `/api/tasks/not-a-task?${query}`, { as: 'zongheke1', headers: { 'accept-language': 'zh-CN' } })).body.error.message as string;
      expect(await ask('lang=en')).toBe('No such task');
      expect(await ask('lang=fr')).toBe('找不到该待办');
    });
  });

  describe('error bodies', () => {
    it('gives every error a code, a kind and a message: a bad key in the publish path too', async () => {
      const res = await s.call('POST', '/api/definitions/Bad_Key/publish', {
        as: 'admin',
        body: { definition: twoSteps },
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'request.invalid', kind: 'user', pointer: '/key' });
      expect(res.body.error.message).toMatch(/key/i);
    });
  });

  describe('ETag and If-Match', () => {
    it('tags a case and its tasks with the case version, and refuses a command on a stale version with 412', async () => {
      const id = await startCase(s, 'xinxi1', 'conv-flow');
      const read = await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' });
      const etag = read.headers.get('etag');
      expect(etag).toBe(`"${read.body.version}"`);
      const taskId = await taskOf(s, 'zongheke1', id);
      const task = await s.call('GET', `/api/tasks/${taskId}`, { as: 'zongheke1' });
      expect(task.headers.get('etag')).toBe(etag);

      // Someone else moves the case on (a CC bumps the version) …
      expect((await s.call('POST', `/api/instances/${id}/cc`, { as: 'xinxi1', body: { users: ['zhuren'] } })).status).toBe(200);
      // … so completing against the old version is refused, and nothing happens.
      const stale = await s.call('POST', `/api/tasks/${taskId}/complete`, {
        as: 'zongheke1',
        body: {},
        headers: { 'if-match': etag!, 'accept-language': 'en' },
      });
      expect(stale.status).toBe(412);
      expect(stale.body.error).toMatchObject({ code: 'instance.precondition_failed', kind: 'conflict' });
      expect(stale.body.error.details).toMatchObject({ current: read.body.version + 1 });
      expect((await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' })).body.state).toBe('first');

      const fresh = (await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' })).headers.get('etag')!;
      const done = await s.call('POST', `/api/tasks/${taskId}/complete`, { as: 'zongheke1', body: {}, headers: { 'if-match': fresh } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.headers.get('etag')).toBe(`"${done.body.version}"`);
    });

    it('applies If-Match to case commands too, and accepts * and a list', async () => {
      const id = await startCase(s, 'xinxi1', 'conv-flow');
      const cc = (to: string, ifMatch: string) =>
        s.call('POST', `/api/instances/${id}/cc`, { as: 'xinxi1', body: { users: [to] }, headers: { 'if-match': ifMatch } });
      expect((await cc('zhuren', '"99"')).status).toBe(412);
      expect((await cc('zhuren', '*')).status).toBe(200);
      const v = (await s.call('GET', `/api/instances/${id}`, { as: 'xinxi1' })).body.version;
      expect((await cc('ducha1', `"1", "${v}"`)).status).toBe(200);
    });

    it('refuses an If-Match that is not an entity tag, pointing at the header', async () => {
      const id = await startCase(s, 'xinxi1', 'conv-flow');
      const res = await s.call('POST', `/api/instances/${id}/urge`, { as: 'xinxi1', body: {}, headers: { 'if-match': 'version three' } });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'request.invalid', pointer: '/headers/if-match' });
    });
  });
});
