import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServe, tempDataDir, type RunningServer } from './run-cli.js';

const ADMIN_PASSWORD = 'cli-admin-pass-2026';
/** Each test boots a real server process; on a busy 2-core machine that can take a while. */
const SLOW = 120_000;

async function login(base: string, username: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { token?: string };
  return { status: res.status, ...(body.token ? { token: body.token } : {}) };
}

describe('chancery serve', () => {
  const dataDir = tempDataDir();
  const env = { CHANCERY_DATA_DIR: dataDir, CHANCERY_ADMIN_PASSWORD: ADMIN_PASSWORD };
  let running: RunningServer | undefined;
  let demoPassword = '';
  afterAll(() => running?.kill());

  it(
    'starts on an empty data folder, prints the demo password once, serves the API and /docs, and stops cleanly on SIGTERM',
    async () => {
      running = await startServe(env);
      const { base } = running;
      const printed = running.output().stdout;
      expect(printed).toContain('First start: these accounts were created');
      demoPassword = /shared demo password: (\S+)/.exec(printed)?.[1] ?? '';
      expect(demoPassword).not.toBe('');
      expect(printed).not.toContain(ADMIN_PASSWORD);

      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });

      const admin = await login(base, 'admin', ADMIN_PASSWORD);
      expect(admin.status).toBe(200);
      const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${admin.token}` } });
      expect(await me.json()).toMatchObject({ username: 'admin', isAdmin: true });
      expect((await login(base, 'xianzhang', demoPassword)).status).toBe(200);
      expect((await login(base, 'admin', 'wrong-password')).status).toBe(401);

      const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(openapi.openapi).toBe('3.1.0');
      expect(openapi.paths['/api/tasks']).toBeDefined();
      const docs = await fetch(`${base}/docs`);
      expect(docs.status).toBe(200);
      const page = await docs.text();
      for (const asset of ['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/docs-init.js']) {
        expect(page).toContain(asset);
        const res = await fetch(`${base}${asset}`);
        expect(res.status, asset).toBe(200);
        await res.arrayBuffer();
      }
      expect(await (await fetch(`${base}/docs/assets/docs-init.js`)).text()).toContain("url: '/openapi.json'");
      const home = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toContain('text/html');
      await home.text();
      // Static paths never leave their folder; unknown API paths stay JSON errors.
      expect((await fetch(`${base}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
      const missing = await fetch(`${base}/api/no-such-thing`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { code: 'request.not_found' } });

      // The embedded database is this process's: other commands are turned away while it runs.
      const busy = await runCli(['audit', 'verify'], { CHANCERY_DATA_DIR: dataDir });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('[cli.data_dir_in_use]');

      const stopped = await running.stop('SIGTERM');
      running = undefined;
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toContain('Stopped');
      // pino's JSON lines: 50 is error, 60 fatal (stdout, where the server logs, and stderr).
      expect(`${stopped.stdout}\n${stopped.stderr}`).not.toMatch(/"level":(50|60)\b/);
      expect(existsSync(join(dataDir, 'chancery.pid'))).toBe(false);
    },
    SLOW,
  );

  it(
    'keeps its data across a restart and prints no password the second time',
    async () => {
      expect(demoPassword).not.toBe('');
      running = await startServe(env);
      expect(running.output().stdout).not.toContain('First start');
      expect((await login(running.base, 'admin', ADMIN_PASSWORD)).status).toBe(200);
      expect((await login(running.base, 'zongheke1', demoPassword)).status).toBe(200);
      const stopped = await running.stop('SIGINT');
      running = undefined;
      expect(stopped.code).toBe(0);
    },
    SLOW,
  );

  it('refuses to start in production without CHANCERY_SECRET (nodes would reject each other’s tokens), in both languages, exit code 1', async () => {
    const r = await runCli(['serve'], { CHANCERY_DATA_DIR: tempDataDir(), NODE_ENV: 'production', CHANCERY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[config.secret_required]');
    expect(r.stderr).toContain('生产环境必须设置 CHANCERY_SECRET');
    expect(r.stderr).toContain('CHANCERY_SECRET is required in production');
  });

  it('refuses a bad configuration with a message in both languages and exit code 1', async () => {
    const r = await runCli(['serve'], { CHANCERY_DATA_DIR: tempDataDir(), PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[config.invalid]');
    expect(r.stderr).toContain('配置有误');
    expect(r.stderr).toContain('PORT must be a port number');
  });
});
