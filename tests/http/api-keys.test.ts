import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

const PORTAL = 'http://portal.example.test'; // in CHANCERY_CORS_ORIGINS of the test configuration
const ELSEWHERE = 'http://evil.example.test';

describe('HTTP: API keys for portals', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  /** A portal's browser call: the key in `X-API-Key`, the page's origin in `Origin`. */
  const portal = (key: string, origin?: string, path = '/api/tasks') => s.app.request(path, { headers: { 'x-api-key': key, ...(origin ? { origin } : {}) } });

  async function createKey(body: Record<string, unknown>) {
    const res = await s.call('POST', '/api/api-keys', { as: 'admin', body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; key: string; origins: string[]; userId: string };
  }

  it('shows a new key once, stores only its sha256, and never lists it again', async () => {
    const created = await createKey({ name: '政务服务网门户', user: 'xinfang1', origins: [PORTAL] });
    expect(created.key).toMatch(/^chk_[A-Za-z0-9_-]{32}$/);
    expect(created).toMatchObject({ name: '政务服务网门户', username: 'xinfang1', origins: [PORTAL], revokedAt: null });

    const [row] = await s.db.execute<{ key_hash: string }>('SELECT key_hash FROM api_key WHERE id = $1', [created.id]);
    expect(row!.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));

    const list = await s.call('GET', '/api/api-keys', { as: 'admin' });
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(created.id);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(row!.key_hash);
    expect(text).not.toMatch(/key_?hash/i);
  });

  it('lets the portal call the API from its own origin, answering CORS preflight for it', async () => {
    const { key } = await createKey({ name: 'portal', user: 'xinfang1', origins: [PORTAL] });
    const preflight = await s.app.request('/api/tasks', {
      method: 'OPTIONS',
      headers: { origin: PORTAL, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-api-key');

    const res = await portal(key, PORTAL);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    const me = await portal(key, PORTAL, '/api/auth/me');
    expect(((await me.json()) as { username: string }).username).toBe('xinfang1');
  });

  it('refuses the key from another origin, and gives that origin no CORS headers', async () => {
    const { key } = await createKey({ name: 'portal', user: 'xinfang1', origins: [PORTAL] });
    const preflight = await s.app.request('/api/tasks', {
      method: 'OPTIONS',
      headers: { origin: ELSEWHERE, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const res = await portal(key, ELSEWHERE);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('auth.forbidden');
  });

  it('refuses a revoked key at once, and an unknown one', async () => {
    const created = await createKey({ name: 'old portal', user: 'xinfang1', origins: [PORTAL] });
    expect((await portal(created.key, PORTAL)).status).toBe(200);
    const revoked = await s.call('DELETE', `/api/api-keys/${created.id}`, { as: 'admin' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await portal(created.key, PORTAL);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('auth.invalid_token');
    expect((await portal('chk_not-a-real-key', PORTAL)).status).toBe(401);

    const listed = await s.call('GET', '/api/api-keys', { as: 'admin' });
    expect(listed.body.items.map((k: { id: string }) => k.id)).not.toContain(created.id);
    const all = await s.call('GET', '/api/api-keys?includeRevoked=true', { as: 'admin' });
    expect(all.body.items.map((k: { id: string }) => k.id)).toContain(created.id);
    expect((await s.call('DELETE', '/api/api-keys/00000000-0000-4000-8000-000000000000', { as: 'admin' })).status).toBe(404);
  });

  it('stops working when its user is deactivated', async () => {
    await s.call('POST', '/api/directory/users', { as: 'admin', body: { username: 'portal-bot', displayName: '门户接口账号', unitId: 'info-centre' } });
    const { key } = await createKey({ name: 'bot', user: 'portal-bot', origins: [PORTAL] });
    expect((await portal(key, PORTAL)).status).toBe(200);
    await s.call('DELETE', '/api/directory/users/portal-bot', { as: 'admin' });
    expect((await portal(key, PORTAL)).status).toBe(401);
  });

  it('validates origins and the user, pointing at the field', async () => {
    const path = await s.call('POST', '/api/api-keys', { as: 'admin', body: { name: 'x', user: 'xinfang1', origins: ['http://portal.example.test/page'] } });
    expect(path.status).toBe(422);
    expect(path.body.error.pointer).toBe('/origins/0');
    const nobody = await s.call('POST', '/api/api-keys', { as: 'admin', body: { name: 'x', user: 'nobody' }, headers: { 'accept-language': 'en' } });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error).toMatchObject({ code: 'directory.user_not_found', pointer: '/user', message: 'No user "nobody"' });
  });

  it('is for admins only', async () => {
    const res = await s.call('POST', '/api/api-keys', { as: 'zongheke1', body: { name: 'mine', user: 'zongheke1' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.admin_only');
    expect((await s.call('GET', '/api/api-keys', { as: 'zongheke1' })).status).toBe(403);
  });
});
