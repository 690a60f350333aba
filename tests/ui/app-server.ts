/**
 * The real Chancery server for the app's browser tests and benchmark: the composed server on
 * PGlite in a temp dir, the demo county, the shipped workflows, the built `dist/public` at `/`,
 * listening on a free port of 127.0.0.1.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { mountStaticFiles } from '../../app/cli/static-files.js';
import { createServer, type Server } from '../../app/server.js';
import { testConfig } from '../support/server.js';

export interface AppServer {
  api: string;
  server: Server;
  close(): Promise<void>;
}

export async function startAppServer(root = process.cwd(), options: { quiet?: boolean } = {}): Promise<AppServer> {
  const config = testConfig({
    workflowsDir: join(root, 'workflows'),
    dataDir: mkdtempSync(join(tmpdir(), 'chancery-ui-')),
    // The test runner's page (its own port) and the portal call the API from other origins.
    corsOrigins: ['*'],
    pollSeconds: 1,
  });
  const logger = {
    debug: () => {},
    info: () => {},
    warn: (m: string, d?: unknown) => options.quiet || console.warn('[server warn]', m, JSON.stringify(d ?? {}).slice(0, 300)),
    error: (m: string, d?: unknown) => console.error('[server error]', m, JSON.stringify(d ?? {}).slice(0, 2000)),
  };
  const server = await createServer({ config, logger });
  mountStaticFiles(server.app, { publicDir: join(root, 'dist', 'public') });
  const http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (http.listening ? resolve() : http.once('listening', () => resolve())));
  return {
    api: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    server,
    async close() {
      (http as { closeAllConnections?(): void }).closeAllConnections?.();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.close();
    },
  };
}
