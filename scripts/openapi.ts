/**
 * Writes the OpenAPI document to a file without starting a server or opening a database: the
 * route table is data, so it is built with services that refuse to be used (no handler runs).
 *
 *   tsx scripts/openapi.ts <out.json>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { allRoutes } from '../core/http/app.js';
import { buildOpenApi } from '../core/http/openapi.js';
import { formRoutes } from '../forms/server/routes.js';
import type { AppServices } from '../core/http/services.js';

const unusable = (what: string): never =>
  new Proxy(
    {},
    {
      get: (_t, p) => (p === 'then' ? undefined : unusable(`${what}.${String(p)}`)),
      apply: () => {
        throw new Error(`${what} is not available while writing the document`);
      },
    },
  ) as never;

const out = process.argv[2];
if (!out) {
  console.error('usage: tsx scripts/openapi.ts <out.json>');
  process.exit(2);
}
const s: AppServices = {
  db: unusable('db'),
  engine: unusable('engine'),
  publishing: unusable('publishing'),
  // Read while the routes are built (throttling, trusted proxies); never used to sign anything here.
  auth: { secret: 'document-only', ttl: 0, refreshTtl: 0 },
  logger: unusable('logger'),
  clock: unusable('clock'),
  calendar: unusable('calendar'),
  corsOrigins: [],
  version: process.env.npm_package_version ?? '0.0.0',
};
const routes = [...allRoutes(s), ...formRoutes(s, { forms: unusable('forms'), files: unusable('files'), maxBytes: 0 })];
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildOpenApi(routes, s.version), null, 2)}\n`);
console.log(`OpenAPI document written to ${out} (${routes.length} operations) / 已生成接口文档`);
