/**
 * The system audit chain over HTTP, on PGlite and (in the `pg` project) PostgreSQL: throttled and
 * locked sign-ins, an administrator's unlock and every administrative change to the directory,
 * the business calendar, API keys and plugin secrets leave one hash-chained entry each (never a
 * password or a secret's value); `GET /api/audit/system` lists them for administrators with the
 * list envelope and its filters; a row edited in SQL is named by `GET /api/audit/verify`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { userId } from './helpers.js';

interface Entry {
  seq: number;
  at: string;
  actorId: string | null;
  kind: string;
  target: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const MINUTE = 60_000;

describe('HTTP: the system audit chain', () => {
  let s: TestServer;
  let adminId = '';
  let secondAdminId = '';
  /** When the administrators' changes began and when the second administrator took over. */
  const marks = { start: '', handover: '' };

  beforeAll(async () => {
    // The server's clock starts at the real now: sign-ins are throttled on real time.
    s = await startTestServer({ start: new Date() });
    adminId = await userId(s, 'admin');
  }, 180_000);
  afterAll(() => s.close());

  async function list(query = '', as = 'admin') {
    const res = await s.call('GET', `/api/audit/system${query ? `?${query}` : ''}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: Entry[]; total: number; page: number; pageSize: number };
  }

  async function signIn(username: string, password: string, ip: string) {
    const res = await s.app.request(
      '/api/auth/login',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) },
      { incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: 'IPv4' } } },
    );
    return res.status;
  }

  const ok = async (method: string, path: string, body?: unknown, as = 'admin') => {
    const res = await s.call(method, path, { as, ...(body === undefined ? {} : { body }) });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    s.clock.advance(MINUTE);
    return res.body;
  };

  it('records when an account starts waiting, when it is locked, and who unlocked it', async () => {
    // Five free tries, then waits that double up to the 900 s lock: the 6th failure throttles, the 16th locks.
    for (let i = 0; i < 16; i++) await signIn('xinfang1', `guess-${i}`, '10.1.0.1');
    expect(await signIn('xinfang1', DEMO_PASSWORD, '10.1.0.1')).toBe(429);
    const id = await userId(s, 'xinfang1');
    await ok('POST', `/api/directory/users/${id}/unlock`);

    const auth = await list('kind=auth');
    expect(auth.items.map((e) => e.kind)).toEqual(['auth.unlocked', 'auth.locked', 'auth.throttled']);
    const [unlocked, locked, throttled] = auth.items;
    expect(throttled).toMatchObject({ actorId: null, target: 'xinfang1', payload: { scope: 'account', ip: '10.1.0.1', failures: 6 } });
    expect(locked).toMatchObject({ actorId: null, target: 'xinfang1', payload: { scope: 'account', ip: '10.1.0.1', failures: 16 } });
    expect(unlocked).toMatchObject({ actorId: adminId, target: 'xinfang1', payload: { addresses: ['10.1.0.1'], wasBlocked: true } });
    // One chain: each entry links to the one before it.
    expect(unlocked!.prevHash).toBe(locked!.hash);
    expect(locked!.prevHash).toBe(throttled!.hash);
    expect(await signIn('xinfang1', DEMO_PASSWORD, '10.1.0.1')).toBe(200);
  });

  it('is for administrators only', async () => {
    const res = await s.call('GET', '/api/audit/system', { as: 'zongheke1' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.admin_only');
  });

  it("records each administrator's change to the directory, the calendar, API keys and plugin secrets, never a password or a secret's value", async () => {
    marks.start = s.clock.now.toISOString();
    const unit = await ok('POST', '/api/directory/units', { code: 'sa-archive', name: '档案室', kind: 'section', parentId: 'office' });
    await ok('PATCH', `/api/directory/units/${unit.id}`, { name: '档案与信息室' });
    const user = await ok('POST', '/api/directory/users', {
      username: 'sa-clerk',
      displayName: '档案员',
      unitId: 'sa-archive',
      password: 'first-password-2026',
    });
    await ok('PATCH', `/api/directory/users/${user.id}`, { password: 'second-password-2026' });
    await ok('POST', '/api/directory/roles', { key: 'sa-archivist', name: '档案管理员' });
    await ok('POST', `/api/directory/users/${user.id}/memberships`, { role: 'sa-archivist', unit: 'sa-archive' });
    await ok('DELETE', `/api/directory/users/${user.id}/memberships/sa-archivist/sa-archive`);
    const delegation = await ok('POST', '/api/directory/delegations', {
      from: 'zongheke1',
      to: 'zongheke2',
      startsAt: '2026-03-02T00:00:00Z',
      endsAt: '2026-03-09T00:00:00Z',
    });
    await ok('DELETE', `/api/directory/delegations/${delegation.id}`);
    await ok('DELETE', `/api/directory/users/${user.id}`);
    await ok('PATCH', `/api/directory/users/sa-clerk`, { unitId: 'office' });
    await ok('DELETE', `/api/directory/units/${unit.id}`);
    await ok('PUT', '/api/calendar/cn/days/2026-12-20', { kind: 'holiday', name: { 'zh-CN': '县庆', en: 'County day' } });
    await ok('DELETE', '/api/calendar/cn/days/2026-12-20');
    await ok('POST', '/api/calendar/cn/recompute');
    const key = await ok('POST', '/api/api-keys', { name: 'portal', user: 'xinxi1' });
    await ok('DELETE', `/api/api-keys/${key.id}`);
    await ok('DELETE', `/api/api-keys/${key.id}`); // already revoked: no second entry
    await ok('PUT', '/api/admin/secrets/sa-token', { value: 'secret-value-2026', grants: [] });
    await ok('PATCH', '/api/admin/secrets/sa-token', { grants: [] });
    await ok('DELETE', '/api/admin/secrets/sa-token');
    // A self-service delegation is not an administrative change.
    await ok('POST', '/api/me/delegations', { to: 'zongheke2', startsAt: '2026-03-02T00:00:00Z', endsAt: '2026-03-09T00:00:00Z' }, 'zongheke1');

    const all = await list(`from=${encodeURIComponent(marks.start)}&pageSize=200`);
    expect(all.items.map((e) => e.kind).reverse()).toEqual([
      'directory.unit_created',
      'directory.unit_updated',
      'directory.user_created',
      'directory.user_updated',
      'directory.role_created',
      'directory.membership_added',
      'directory.membership_removed',
      'directory.delegation_created',
      'directory.delegation_deleted',
      'directory.user_deactivated',
      'directory.user_updated',
      'directory.unit_deactivated',
      'calendar.day_set',
      'calendar.day_removed',
      'calendar.deadlines_recomputed',
      'api_key.created',
      'api_key.revoked',
      'plugin.secret_set',
      'plugin.secret_granted',
      'plugin.secret_deleted',
    ]);
    expect(all.items.every((e) => e.actorId === adminId)).toBe(true);
    const text = JSON.stringify(all.items);
    for (const secret of ['first-password-2026', 'second-password-2026', 'secret-value-2026', key.key]) expect(text).not.toContain(secret);
    const reset = all.items.find((e) => e.kind === 'directory.user_updated' && e.payload.passwordReset);
    expect(reset).toMatchObject({ target: user.id, payload: { username: 'sa-clerk', passwordReset: true } });
    expect(all.items.find((e) => e.kind === 'calendar.day_set')).toMatchObject({ target: 'cn', payload: { date: '2026-12-20', kind: 'holiday' } });
    expect(all.items.find((e) => e.kind === 'plugin.secret_set')).toMatchObject({ target: 'sa-token', payload: { grants: [] } });
  });

  it('writes nothing for a change that was refused', async () => {
    const before = (await list()).total;
    expect(
      (await s.call('POST', '/api/directory/units', { as: 'admin', body: { code: 'sa-orphan', name: '无上级', kind: 'section', parentId: 'no-such-unit' } }))
        .status,
    ).toBeGreaterThanOrEqual(400);
    expect((await s.call('DELETE', `/api/directory/users/${adminId}`, { as: 'admin' })).status).toBeGreaterThanOrEqual(400);
    expect((await s.call('PATCH', '/api/directory/units/office', { as: 'admin', body: { name: '改名', active: false } })).status).toBeGreaterThanOrEqual(400);
    expect((await s.call('POST', '/api/directory/roles', { as: 'admin', body: { key: 'sa-archivist', name: '重复' } })).status).toBeGreaterThanOrEqual(400);
    expect((await list()).total).toBe(before);
  });

  it('filters by kind, by a group of kinds, by actor and by period, each with the list envelope', async () => {
    s.clock.advance(60 * MINUTE);
    marks.handover = s.clock.now.toISOString();
    const second = await ok('POST', '/api/directory/users', { username: 'sa-admin2', displayName: '第二管理员', password: DEMO_PASSWORD, isAdmin: true });
    secondAdminId = second.id;
    await ok('POST', '/api/directory/roles', { key: 'sa-reviewer', name: '审核员' }, 'sa-admin2');
    await ok('PUT', '/api/calendar/cn/days/2026-04-07', { kind: 'workday', name: { 'zh-CN': '调休上班' } }, 'sa-admin2');

    const byKind = await list('kind=directory.role_created');
    expect(byKind.items.map((e) => e.target)).toEqual(['sa-reviewer', 'sa-archivist']);
    expect(byKind).toMatchObject({ total: 2, page: 1, pageSize: 50 });

    const group = await list('kind=calendar');
    expect(group.items.map((e) => e.kind)).toEqual(['calendar.day_set', 'calendar.deadlines_recomputed', 'calendar.day_removed', 'calendar.day_set']);

    const byActor = await list('actor=sa-admin2');
    expect(byActor.items.map((e) => e.kind)).toEqual(['calendar.day_set', 'directory.role_created']);
    expect((await list(`actor=${secondAdminId}`)).items).toEqual(byActor.items);

    const after = await list(`from=${encodeURIComponent(marks.handover)}`);
    expect(after.items.map((e) => e.kind)).toEqual(['calendar.day_set', 'directory.role_created', 'directory.user_created']);
    const before = await list(`from=${encodeURIComponent(marks.start)}&to=${encodeURIComponent(marks.handover)}&pageSize=200`);
    expect(before.total).toBe(20);
    expect(before.items.some((e) => e.actorId === secondAdminId)).toBe(false);

    const combined = await list(`kind=directory&actor=admin&from=${encodeURIComponent(marks.handover)}`);
    expect(combined.items.map((e) => e.target)).toEqual([secondAdminId]);

    const paged = await list('kind=directory&pageSize=2&page=2');
    expect(paged).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBe((await list('kind=directory')).total);
  });

  it('refuses filters it does not know, pointing at them', async () => {
    const kind = await s.call('GET', '/api/audit/system?kind=directory.nothing', { as: 'admin' });
    expect(kind.status).toBe(422);
    expect(kind.body.error.pointer).toBe('/kind');
    const actor = await s.call('GET', '/api/audit/system?actor=nobody-here', { as: 'admin' });
    expect(actor.status).toBe(404);
    expect(actor.body.error).toMatchObject({ code: 'directory.user_not_found', pointer: '/actor' });
    const period = await s.call('GET', `/api/audit/system?from=2026-03-05T00:00:00Z&to=2026-03-04T00:00:00Z`, { as: 'admin' });
    expect(period.status).toBe(422);
    expect(period.body.error.pointer).toBe('/to');
    const when = await s.call('GET', '/api/audit/system?from=yesterday', { as: 'admin' });
    expect(when.status).toBe(422);
    expect(when.body.error.pointer).toBe('/from');
  });

  it('refuses to change an entry through SQL, and verify names the first entry changed behind the trigger', async () => {
    await expect(s.db.execute(`UPDATE system_audit SET kind = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(s.db.execute('DELETE FROM system_audit WHERE seq = 1')).rejects.toThrow(/append-only/);
    const intact = await s.call('GET', '/api/audit/verify', { as: 'admin' });
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ ok: true, system: { ok: true }, cases: { ok: true } });
    expect(intact.body.system.checked).toBe((await list()).total);

    await s.db.execute('ALTER TABLE system_audit DISABLE TRIGGER USER');
    await s.db.execute(`UPDATE system_audit SET payload = '{"addresses":[]}' WHERE seq = 3`);
    await s.db.execute(`UPDATE system_audit SET target = 'someone-else' WHERE seq = 7`);
    await s.db.execute('ALTER TABLE system_audit ENABLE TRIGGER USER');
    const broken = await s.call('GET', '/api/audit/verify', { as: 'admin' });
    expect(broken.body).toMatchObject({ ok: false, cases: { ok: true }, system: { ok: false, seq: 3, reason: 'hash_mismatch', checked: 2 } });
  });
});
