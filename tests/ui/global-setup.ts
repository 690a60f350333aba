/**
 * Node side of the app's browser tests: builds the app, starts the real Chancery server (PGlite
 * in a temp dir, the demo county, the shipped workflows, the built `dist/public` at `/`) on a
 * free port, and a second static server on another port — another origin — that serves the
 * portal pages of docs/embedding.md (plain HTML and a Vite-built React page) with the API's
 * address and a fresh API key filled in. Tests get the addresses through `inject()`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ADMIN_PASSWORD } from '../support/server.js';
import { startAppServer } from './app-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real server: API and the built app, e.g. `http://127.0.0.1:41234`. */
    chanceryApi: string;
    /** Another origin serving the portal pages. */
    portalOrigin: string;
    /** An API key bound to `portalOrigin`, acting as `portalUser`. */
    portalKey: string;
    portalUser: string;
  }
}

const root = process.cwd();
const PORTAL_USER = 'minzhengju-liaison';

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Builds the React portal page once (Vite; the source changes rarely). */
function buildReactPage(outDir: string): void {
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(root, 'tests/ui/pages/react/vite.config.mjs'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`vite build of the React page failed:\n${res.stdout}\n${res.stderr}`);
}

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-needed', '--quiet'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);

  const portal = createHttpServer();
  const portalPort = await listen(portal);
  const portalOrigin = `http://127.0.0.1:${portalPort}`;

  const { api, close } = await startAppServer(root);

  // The portal's key, bound to the portal's origin (created the way an admin would).
  const login = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const created = await fetch(`${api}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: '民政局门户 / Civil affairs portal', user: PORTAL_USER, origins: [portalOrigin] }),
  });
  const { key } = (await created.json()) as { key: string };
  if (!key) throw new Error('could not create the portal API key');

  const reactDir = join(root, 'node_modules/.cache/chancery-react-page');
  const reactSource = join(root, 'tests/ui/pages/react/main.js');
  if (!existsSync(join(reactDir, 'index.html')) || statSync(reactSource).mtimeMs > statSync(join(reactDir, 'index.html')).mtimeMs) buildReactPage(reactDir);

  const fill = (text: string) => text.replaceAll('https://oa.example.gov.cn', api).replaceAll('chk_YOUR_PORTAL_KEY', key);
  portal.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const [base, rel] = path.startsWith('/react/') ? [reactDir, path.slice('/react/'.length) || 'index.html'] : [join(root, 'tests/ui/pages'), path.slice(1)];
    const file = normalize(join(base, rel));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    const body = type.startsWith('text/') ? fill(readFileSync(file, 'utf8')) : readFileSync(file);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });

  project.provide('chanceryApi', api);
  project.provide('portalOrigin', portalOrigin);
  project.provide('portalKey', key);
  project.provide('portalUser', PORTAL_USER);

  return async () => {
    await new Promise<void>((resolve) => portal.close(() => resolve()));
    await close();
  };
}
