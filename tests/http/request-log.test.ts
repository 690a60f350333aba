/**
 * Logs: one structured line per request (method, route, status, duration, request id), never a
 * password, token or key; the server's logger writes JSON lines through pino.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logging.js';
import type { Logger } from '../../core/runtime/ports.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

describe('HTTP: request log lines', () => {
  let s: TestServer;
  const lines: Array<{ level: string; msg: string; details?: Record<string, unknown> }> = [];
  const logger: Logger = {
    debug: () => {},
    info: (msg, details) => lines.push({ level: 'info', msg, ...(details ? { details } : {}) }),
    warn: (msg, details) => lines.push({ level: 'warn', msg, ...(details ? { details } : {}) }),
    error: (msg, details) => lines.push({ level: 'error', msg, ...(details ? { details } : {}) }),
  };
  beforeAll(async () => {
    s = await startTestServer({ logger });
  });
  afterAll(() => s.close());
  const requests = () => lines.filter((l) => l.msg === 'request').map((l) => l.details!);

  it('writes one line per request with method, route, status, duration and the request id it answers with', async () => {
    lines.length = 0;
    const token = await s.token('zongheke1');
    const res = await s.app.request(`/api/tasks/00000000-0000-4000-8000-000000000000?access_token=${token}`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'portal-42' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('portal-42');
    const line = requests().find((r) => r.requestId === 'portal-42');
    expect(line).toMatchObject({ method: 'GET', route: '/api/tasks/:id', status: 404, requestId: 'portal-42' });
    expect(typeof line!.durationMs).toBe('number');
    const generated = await s.app.request('/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs a password, a token or the query string', async () => {
    lines.length = 0;
    const login = await s.call('POST', '/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    const token = login.body.token as string;
    await s.app.request(`/api/notifications?access_token=${token}`, { headers: { authorization: `Bearer ${token}` } });
    const text = JSON.stringify(lines);
    // (The test client reads /openapi.json once, to check answers against it.)
    expect(
      requests()
        .map((r) => String(r.route))
        .filter((r) => r.startsWith('/api/')),
    ).toEqual(['/api/auth/login', '/api/notifications']);
    expect(text).not.toContain(ADMIN_PASSWORD);
    expect(text).not.toContain(token);
    expect(text).not.toContain('access_token');
  });
});

describe('the server logger', () => {
  it('writes JSON lines and redacts secrets found in the details', () => {
    const out: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (out.push(String(chunk)), done()) });
    const logger = createLogger({ pretty: false, destination: sink });
    logger.info('plugin secret set', { name: 'smtp', password: 'hunter2', nested: { token: 'abc' } });
    const line = JSON.parse(out.join('')) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'plugin secret set', name: 'smtp', password: '[redacted]', nested: { token: '[redacted]' } });
    expect(out.join('')).not.toContain('hunter2');
  });
});
