import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { userId } from './helpers.js';

const SECRET = 'test-secret-test-secret-test-secret-0123456789';

describe('HTTP: sessions end when they should', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  }, 180_000);
  afterAll(() => s.close());

  async function signIn(username: string, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) {
    const res = await s.call('POST', '/api/auth/login', { body: { username, password } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { token: string; expiresAt: string; refreshToken: string; refreshExpiresAt: string };
  }
  const me = async (token: string) => (await s.call('GET', '/api/auth/me', { token })).status;
  const refresh = (refreshToken: string) => s.call('POST', '/api/auth/refresh', { body: { refreshToken } });

  it('gives a short-lived access token and a longer refresh token at sign-in', async () => {
    const before = Date.now();
    const session = await signIn('xinfang1');
    const ttl = (Date.parse(session.expiresAt) - before) / 1000;
    expect(ttl).toBeGreaterThan(890);
    expect(ttl).toBeLessThanOrEqual(901);
    expect(Date.parse(session.refreshExpiresAt) - Date.parse(session.expiresAt)).toBeGreaterThan(3600_000);
    expect(session.refreshToken).toMatch(/^crt_/);
    // Only a hash is kept.
    const stored = await s.db.execute('SELECT 1 FROM refresh_token WHERE token_hash = $1', [session.refreshToken]);
    expect(stored).toHaveLength(0);
  });

  it('refreshes transparently: a new pair each time, and a spent refresh token ends the whole sign-in', async () => {
    const first = await signIn('xinfang2');
    const second = await refresh(first.refreshToken);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(await me(second.body.token)).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    // Someone replays the first refresh token (a copy): refused, and the owner's newer one dies with it.
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect(s.logged.some((l) => l.level === 'warn' && /refresh token reused/.test(l.msg))).toBe(true);
  });

  it('ends every session of a user whose password an admin resets, at once', async () => {
    const session = await signIn('zongheke1');
    expect(await me(session.token)).toBe(200);
    const id = await userId(s, 'zongheke1');
    const reset = await s.call('PATCH', `/api/directory/users/${id}`, { as: 'admin', body: { password: 'a-new-password-2026' } });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(await me(session.token)).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    const again = await signIn('zongheke1', 'a-new-password-2026');
    expect(await me(again.token)).toBe(200);
  });

  it('ends the sessions of a user who is deactivated or whose roles change', async () => {
    const deactivated = await signIn('xinxi1');
    const xinxi1 = await userId(s, 'xinxi1');
    expect((await s.call('DELETE', `/api/directory/users/${xinxi1}`, { as: 'admin' })).status).toBe(200);
    expect(await me(deactivated.token)).toBe(401);
    expect((await refresh(deactivated.refreshToken)).status).toBe(401);

    const moved = await signIn('ducha1');
    const ducha1 = await userId(s, 'ducha1');
    const added = await s.call('POST', `/api/directory/users/${ducha1}/memberships`, { as: 'admin', body: { role: 'handler', unit: 'minzhengju' } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(await me(moved.token)).toBe(401);
    expect((await refresh(moved.refreshToken)).status).toBe(401);
  });

  it('signs out: the refresh token is revoked, and everywhere ends the access tokens too', async () => {
    const session = await signIn('zongheke2');
    expect((await s.call('POST', '/api/auth/logout', { body: { refreshToken: session.refreshToken } })).status).toBe(200);
    expect((await refresh(session.refreshToken)).status).toBe(401);

    const a = await signIn('zongheke2');
    const b = await signIn('zongheke2');
    const out = await s.call('POST', '/api/auth/logout', { token: a.token, body: { refreshToken: a.refreshToken, everywhere: true } });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(await me(a.token)).toBe(401);
    expect(await me(b.token)).toBe(401);
    expect((await refresh(b.refreshToken)).status).toBe(401);
  });

  it('changes my own password: other sessions end, this one continues with new tokens', async () => {
    const other = await signIn('zhuren');
    const mine = await signIn('zhuren');
    const wrong = await s.call('POST', '/api/auth/password', { token: mine.token, body: { currentPassword: 'not-it', newPassword: 'zhuren-new-pass-1' } });
    expect(wrong.status).toBe(401);
    const changed = await s.call('POST', '/api/auth/password', {
      token: mine.token,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'zhuren-new-pass-1' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await me(other.token)).toBe(401);
    expect(await me(mine.token)).toBe(401);
    expect(await me(changed.body.token)).toBe(200);
  });

  describe('the live notification stream (?access_token= for EventSource)', () => {
    const sign = (payload: object) => {
      const body = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
    };
    const open = async (token: string) => {
      const res = await s.app.request(`/api/notifications/stream?access_token=${encodeURIComponent(token)}`);
      await res.body?.cancel();
      return res.status;
    };

    it('refuses a token without expiry, exactly as the Authorization header does', async () => {
      const id = await userId(s, 'xianzhang');
      const [{ token_version: ver }] = (await s.db.execute<{ token_version: number }>('SELECT token_version FROM app_user WHERE id = $1', [id])) as [
        { token_version: number },
      ];
      const forever = sign({ sub: id, ver, iat: 1 });
      expect(await open(forever)).toBe(401);
      expect(await me(forever)).toBe(401);
    });

    it('refuses a token from before a password reset, and accepts a current one', async () => {
      const session = await signIn('fuxianzhang1');
      expect(await open(session.token)).toBe(200);
      const id = await userId(s, 'fuxianzhang1');
      await s.call('PATCH', `/api/directory/users/${id}`, { as: 'admin', body: { password: 'deputy-new-pass-1' } });
      expect(await open(session.token)).toBe(401);
    });
  });
});
