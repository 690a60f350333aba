/**
 * A real server for HTTP tests: the full app (auth, engine, pg-boss workers) on a fresh test
 * database (PGlite, or PostgreSQL when DATABASE_URL is set), driven through `app.request()`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../core/config.js';
import type { Database } from '../../core/persistence/types.js';
import type { Logger } from '../../core/runtime/ports.js';
import { createServer, type Server, type ServerOptions } from '../../app/server.js';
import { openTestDatabase } from './db.js';
import { responseCheckerFor, type ResponseChecker } from './openapi-check.js';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const ADMIN_PASSWORD = 'admin-pass-2026';

export interface TestServer extends Server {
  /** Errors the server logged (a test may assert there were none). */
  logged: Array<{ level: string; msg: string; details?: unknown }>;
  token(username: string): Promise<string>;
  /** Drops a remembered sign-in (after a change that ends the user's sessions, the next call signs in again). */
  forgetToken(username: string): void;
  call(
    method: string,
    path: string,
    options?: { as?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** Moves the server's clock. */
  clock: { now: Date; advance(ms: number): void; set(d: Date): void };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: mkdtempSync(join(tmpdir(), 'chancery-test-')),
    adminPassword: ADMIN_PASSWORD,
    adminPasswordGenerated: false,
    demo: true,
    demoPassword: DEMO_PASSWORD,
    secret: 'test-secret-test-secret-test-secret-0123456789',
    corsOrigins: ['http://portal.example.test'],
    production: false,
    plugins: [],
    pollSeconds: 0.5,
    graceSeconds: 10,
    workflowsDir: join(process.cwd(), 'tests/fixtures/no-workflows'),
    tokenTtlSeconds: 900,
    refreshTtlSeconds: 43_200,
    loginThrottle: { accountFreeAttempts: 5, ipFreeAttempts: 20, lockSeconds: 900 },
    trustedProxies: [],
    fileStorage: { kind: 'db' },
    ...overrides,
  };
}

export async function startTestServer(options: Partial<ServerOptions> & { db?: Database; start?: Date } = {}): Promise<TestServer> {
  const db = options.db ?? (await openTestDatabase());
  const clock = {
    now: options.start ?? new Date('2026-03-02T01:00:00Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
    set(d: Date) {
      this.now = d;
    },
  };
  const logged: TestServer['logged'] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (msg, details) => logged.push({ level: 'warn', msg, details }),
    error: (msg, details) => logged.push({ level: 'error', msg, details }),
  };
  // Demo cases only where a test asks for them: scenarios count their own cases.
  const server = await createServer({ config: options.config ?? testConfig(), db, clock: () => clock.now, logger, demoCases: false, ...options });
  const tokens = new Map<string, string>();
  let checker: ResponseChecker | undefined;
  const call: TestServer['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(o.headers ?? {}) };
    const token = o.token ?? (o.as ? await tokenOf(o.as) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await server.app.request(path, {
      method,
      headers,
      ...(o.body === undefined ? {} : { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    // Every response a test sees must be one the OpenAPI document declares (status, media type, schema, error code).
    checker ??= responseCheckerFor(await (await server.app.request('/openapi.json')).text());
    const mismatch = checker.check(method, path, res.status, res.headers.get('content-type'), body);
    if (mismatch) throw new Error(`OpenAPI mismatch: ${mismatch}`);
    return { status: res.status, body, headers: res.headers };
  };
  async function tokenOf(username: string): Promise<string> {
    const hit = tokens.get(username);
    if (hit) return hit;
    const password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD;
    const res = await server.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { token?: string };
    if (!body.token) throw new Error(`login failed for ${username}: ${JSON.stringify(body)}`);
    tokens.set(username, body.token);
    return body.token;
  }
  return {
    ...server,
    logged,
    token: tokenOf,
    forgetToken: (username: string) => void tokens.delete(username),
    call,
    clock,
    async close() {
      await server.close();
      if (!options.db) await db.close();
    },
  };
}
