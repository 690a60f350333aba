/**
 * The OpenAPI 3.1 document, built from the route table (the same schemas the routes validate
 * with), and the interactive docs page served from the bundled swagger-ui (no CDN).
 */
import { definitionSchema } from '../definition/index.js';
import type { AnyRoute } from './route.js';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'kind', 'message'],
      properties: {
        code: { type: 'string', examples: ['task.not_assignee'] },
        kind: { enum: ['user', 'conflict', 'operational', 'unexpected'] },
        message: { type: 'string', description: 'zh-CN (default) or en, per Accept-Language' },
        details: {},
        pointer: { type: 'string', description: 'JSON pointer of the offending field' },
      },
    },
  },
};

export function buildOpenApi(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = Object.entries(((r.query?.properties ?? {}) as Record<string, unknown>)).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
    const headers = r.idempotent
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'A retried request with the same key returns the first result and changes nothing.' }]
      : [];
    (paths[path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary.en,
      description: r.summary['zh-CN'],
      operationId: `${r.method}${path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      ...(r.access === 'public' ? { security: [] } : {}),
      parameters: [...params, ...query, ...headers],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: r.response ?? {} } } },
        '4XX': { description: 'Client error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      ...(r.access === 'admin' ? { 'x-access': 'admin' } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Chancery API', version, description: '政务流程与表单引擎 · Workflow and form engine for government offices' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      schemas: { Error: errorSchema, WorkflowDefinition: definitionSchema },
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
  };
}

export function docsPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Chancery API 文档</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/docs-init.js"></script>
</body></html>`;
}
