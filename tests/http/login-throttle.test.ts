import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { userId } from './helpers.js';

describe('HTTP: password guessing is throttled per account and per address, on every node', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  }, 180_000);
  afterAll(() => s.close());

  /** A sign-in from `ip`, as the Node server hands the socket to the app. */
  async function signIn(username: string, password: string, ip: string) {
    const res = await s.app.request(
      '/api/auth/login',
      { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ username, password }) },
      { incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: 'IPv4' } } },
    );
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as { error?: { code: string; message: string }; token?: string },
    };
  }

  it('refuses the right password with 429 and Retry-After after 60 wrong ones, until an admin unlocks the account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await signIn('xinfang1', `guess-${i}`, '10.0.0.1')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(-10)).toEqual(Array(10).fill(429));

    const right = await signIn('xinfang1', DEMO_PASSWORD, '10.0.0.1');
    expect(right.status).toBe(429);
    expect(right.body.error?.code).toBe('auth.too_many_attempts');
    expect(right.body.error?.message).toMatch(/try again in \d+ seconds/);
    expect(Number(right.retryAfter)).toBeGreaterThan(60);
    // The guessing left a trace for the operators.
    expect(s.logged.some((l) => l.level === 'warn' && /sign-in throttled/.test(l.msg) && (l.details as { username?: string }).username === 'xinfang1')).toBe(
      true,
    );
    // The same account from another address is locked too: the lock is the account's.
    expect((await signIn('xinfang1', DEMO_PASSWORD, '10.9.9.9')).status).toBe(429);

    // Another account from another address is unaffected.
    expect((await signIn('xinfang2', DEMO_PASSWORD, '10.0.0.2')).status).toBe(200);

    // Only an administrator may lift the lock.
    const id = await userId(s, 'xinfang1');
    expect((await s.call('POST', `/api/directory/users/${id}/unlock`, { as: 'xinfang2' })).status).toBe(403);
    const unlocked = await s.call('POST', `/api/directory/users/${id}/unlock`, { as: 'admin' });
    expect(unlocked.status, JSON.stringify(unlocked.body)).toBe(200);
    expect(unlocked.body).toMatchObject({ username: 'xinfang1' });
    expect(unlocked.body.addresses.sort()).toEqual(['10.0.0.1', '10.9.9.9']);
    const after = await signIn('xinfang1', DEMO_PASSWORD, '10.0.0.1');
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body.token).toBeTruthy();
  });

  it('throttles one address guessing across many accounts, and keeps the counts in the database', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn(`nobody-${i}`, 'guess', '10.0.0.3')).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.at(-1)).toBe(429);
    const blocked = await signIn('zhuren', DEMO_PASSWORD, '10.0.0.3');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(60);
    expect((await signIn('zhuren', DEMO_PASSWORD, '10.0.0.4')).status).toBe(200);
    // Every try counted, the refused ones too: the counter lives in the database, shared by every node.
    const [row] = await s.db.execute<{ failures: number }>(`SELECT failures FROM login_throttle WHERE key = 'ip:10.0.0.3'`);
    expect(row!.failures).toBe(31);
  });

  it('does not believe X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const spoofed = await s.app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.77' },
        body: JSON.stringify({ username: 'ducha1', password: 'guess' }),
      },
      { incoming: { socket: { remoteAddress: '10.0.0.5', remotePort: 40000, remoteFamily: 'IPv4' } } },
    );
    expect(spoofed.status).toBe(401);
    const [peer] = await s.db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM login_throttle WHERE key = 'ip:10.0.0.5'`);
    expect(peer!.n).toBe(1);
    const [row] = await s.db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM login_throttle WHERE key = 'ip:192.0.2.77'`);
    expect(row!.n).toBe(0);
  });
});
