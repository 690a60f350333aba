/**
 * The OpenAPI 3.1 document, built from the route table (the same schemas the routes validate
 * with and type their handlers from), and the interactive docs page served from the bundled
 * swagger-ui (no CDN). Shared schemas are published once under `components/schemas`.
 */
import { messages, type ErrorCode } from '../error-messages.js';
import { collectComponents, type JsonSchema } from './component.js';
import { ErrorBody } from './schemas/common.js';
import { paramsSchema, type AnyRoute } from './route.js';

/** Codes every signed-in route can answer with (no or bad credentials, an origin-bound API key used elsewhere). */
const SIGNED_IN: ErrorCode[] = ['auth.required', 'auth.invalid_token', 'auth.forbidden'];

/** The error codes a route can answer with: the ones it declares and the ones its kind implies. */
export function errorCodesOf(r: AnyRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(r.errors ?? []);
  if (r.access !== 'public' || r.selfAuthenticated) for (const c of SIGNED_IN) codes.add(c);
  if (r.access === 'admin') codes.add('auth.admin_only');
  if (r.body || r.query || r.params) codes.add('request.invalid');
  // Text PostgreSQL cannot store (NUL, lone surrogates) in a body, a query or a path parameter.
  if (r.body || r.query || r.path.includes(':')) codes.add('request.invalid_text');
  if (r.body && !r.bodyContentType) codes.add('request.invalid_json');
  if (r.body && !r.bodyContentType) codes.add('request.too_deep');
  if (r.body || r.bodyContentType) codes.add('request.too_large');
  if (r.body && !r.bodyContentType) codes.add('request.unsupported_media_type');
  if (r.idempotent) codes.add('request.idempotency_mismatch');
  if (takesIfMatch(r)) codes.add('instance.precondition_failed');
  return [...codes];
}

/** Commands on a case or a task check `If-Match` against the case version. */
function takesIfMatch(r: AnyRoute): boolean {
  return r.method !== 'get' && /^\/api\/(instances|tasks)\/:id\//.test(r.path);
}

/** The status the error catalogue gives a code. */
export function statusOfCode(code: ErrorCode): number {
  const e: { kind: string; status?: number } = messages[code];
  return e.status ?? (e.kind === 'conflict' ? 409 : e.kind === 'operational' ? 503 : e.kind === 'unexpected' ? 500 : 400);
}

const REASONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in, or the token or API key is invalid',
  403: 'Signed in but not allowed',
  404: 'Not found',
  409: 'Conflict: someone changed it first (the body carries the current state where there is one)',
  412: 'Precondition failed',
  413: 'The request body is too large',
  422: 'Invalid input: `error.pointer` is the JSON pointer of the offending field',
  429: 'Too many requests',
  503: 'A service the server depends on is unavailable',
};

function errorResponses(r: AnyRoute): Record<string, unknown> {
  const byStatus = new Map<number, string[]>();
  for (const code of errorCodesOf(r)) {
    const status = statusOfCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    codes.sort();
    out[String(status)] = {
      description: `${REASONS[status] ?? 'Error'}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      content: {
        'application/json': {
          schema: { allOf: [ErrorBody, { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } }] },
        },
      },
    };
  }
  return out;
}

const replayedHeader = {
  'Idempotent-Replayed': {
    description: '`true` when an earlier request with the same `Idempotency-Key` was answered again and nothing changed',
    schema: { type: 'string', enum: ['true'] },
  },
};
const locationHeader = { Location: { description: 'The URL of the created resource', schema: { type: 'string' } } };

function successResponse(r: AnyRoute): Record<string, unknown> {
  const status = r.status ?? 200;
  const spec = r.responseSpec ?? { schema: r.response ?? {} };
  const headers = { ...(r.idempotent ? replayedHeader : {}), ...(status === 201 ? locationHeader : {}), ...(spec.headers ?? {}) };
  const content = { [spec.contentType ?? 'application/json']: { schema: spec.schema ?? {} } };
  const also = Object.fromEntries(Object.entries(r.alsoStatus ?? {}).map(([s, description]) => [s, s === '204' ? { description } : { description, content }]));
  return {
    [String(status)]: {
      description: spec.description ?? (status === 201 ? 'Created' : 'OK'),
      ...(Object.keys(headers).length ? { headers } : {}),
      content,
    },
    ...also,
  };
}

function operationId(r: AnyRoute, path: string): string {
  return `${r.method}${path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`;
}

function operation(r: AnyRoute): Record<string, unknown> {
  const path = r.path.replace(/:(\w+)/g, '{$1}');
  const ps = paramsSchema(r);
  const params = Object.entries((ps.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({ name, in: 'path', required: true, schema }));
  const query = Object.entries((r.query?.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: ((r.query?.required ?? []) as string[]).includes(name),
    schema,
  }));
  const headers = [
    ...(r.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', maxLength: 200 },
            description: 'A retried request with the same key returns the first result and changes nothing.',
          },
        ]
      : []),
    ...(takesIfMatch(r)
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            schema: { type: 'string', maxLength: 200 },
            description: 'The case versions (as `ETag` gave them, e.g. `"3"`) the command may act on; otherwise 412 `instance.precondition_failed`.',
          },
        ]
      : []),
  ];
  const scopes = r.access === 'admin' ? ['admin'] : [];
  const body = r.bodyContentType
    ? { required: true, content: { [r.bodyContentType]: { schema: r.body ?? {} } } }
    : r.body
      ? { required: true, content: { 'application/json': { schema: r.body } } }
      : undefined;
  return {
    tags: [r.tag],
    summary: r.summary.en,
    description: `${r.summary['zh-CN']}${r.access === 'admin' ? '\n\nAdministrators only (`x-required-role: admin`) · 仅管理员' : ''}`,
    operationId: operationId(r, path),
    // OpenAPI 3.1 lets non-OAuth schemes list the roles an operation needs.
    security: r.access === 'public' && !r.selfAuthenticated ? [] : [{ bearer: scopes }, { apiKey: scopes }],
    ...(r.access === 'admin' ? { 'x-required-role': 'admin' } : {}),
    parameters: [...params, ...query, ...headers],
    ...(body ? { requestBody: body } : {}),
    responses: {
      ...successResponse(r),
      ...errorResponses(r),
      '5XX': { description: 'Server error (logged)', content: { 'application/json': { schema: ErrorBody } } },
    },
  };
}

/** What each tag groups, in both languages. */
const TAGS: Record<string, string> = {
  auth: '登录与当前用户 · Sign-in and the signed-in user',
  audit: '审计链 · The audit chain',
  notifications: '通知 · Notifications',
  definitions: '流程定义 · Workflow definitions',
  instances: '案件 · Cases',
  tasks: '待办 · Tasks',
  directory: '组织机构、人员、角色、委托 · Directory: units, people, roles, delegations',
  calendar: '工作日历 · Business calendar',
  'api-keys': '门户 API 密钥 · API keys for portals',
  plugins: '插件、密钥、故障 · Plugins, secrets, incidents',
  forms: '表单与草稿 · Forms and drafts',
  files: '附件 · Files',
  stats: '督查统计 · Supervision statistics',
};

/** The OpenAPI 3.1 document of the given routes. */
export function buildOpenApi(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const ops = routes.map((r) => ({ r, op: operation(r) }));
  for (const { r, op } of ops) (paths[r.path.replace(/:(\w+)/g, '{$1}')] ??= {})[r.method] = op;
  const schemas = collectComponents([ErrorBody, ...ops.map((o) => o.op)]);
  const tags = [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chancery API',
      version,
      description: '政务流程与表单引擎 · Workflow and form engine for government offices',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A token from `POST /api/auth/login`. Operations for administrators list the role `admin`.',
        },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key for a portal (acts as one user; bound to origins in browsers).' },
      },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
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
