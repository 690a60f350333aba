import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../ui/shared/api-client.js';
import { createTokenSession } from '../../ui/shared/token-session.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

/** The app's API client against the real server: an expired access token is refreshed without the user noticing. */
describe('app sign-in: transparent refresh', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  }, 180_000);
  afterAll(() => s.close());

  function app() {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    const doFetch = ((input: RequestInfo | URL, init?: RequestInit) => s.app.request(String(input), init)) as typeof fetch;
    const session = createTokenSession(() => 'http://localhost', storage, doFetch);
    const api = createApiClient({
      base: 'http://localhost',
      lang: () => 'en',
      credentials: () => ({ token: session.token() }),
      refresh: async () => ((t) => (t ? { token: t } : null))(await session.refresh()),
      fetch: doFetch,
    });
    return { session, api, store };
  }

  it('keeps working after the access token expires, trading the refresh token once for requests made together', async () => {
    const { session, api, store } = app();
    const res = await s.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zongheke1', password: DEMO_PASSWORD }),
    });
    session.save((await res.json()) as { token: string; refreshToken: string });
    const firstRefresh = store.get('chancery.refresh');
    // The access token ran out (as after 15 minutes).
    store.set('chancery.token', 'expired.access.token');
    const [me, inbox] = await Promise.all([api.get<{ username: string }>('/api/auth/me'), api.get<{ items: unknown[] }>('/api/tasks')]);
    expect(me.username).toBe('zongheke1');
    expect(Array.isArray(inbox.items)).toBe(true);
    expect(store.get('chancery.refresh')).not.toBe(firstRefresh);
    // One trade only: a second one would have presented a spent token and ended the sign-in.
    expect((await api.get<{ username: string }>('/api/auth/me')).username).toBe('zongheke1');
  });

  it('signs out on the server: the refresh token no longer works', async () => {
    const { session, store } = app();
    const res = await s.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zongheke2', password: DEMO_PASSWORD }),
    });
    session.save((await res.json()) as { token: string; refreshToken: string });
    const refreshToken = store.get('chancery.refresh')!;
    await session.signOut();
    expect(session.token()).toBeNull();
    expect((await s.call('POST', '/api/auth/refresh', { body: { refreshToken } })).status).toBe(401);
  });
});
