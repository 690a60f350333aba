/**
 * The HTTP API: one Hono app built from the route table. Every `/api` route is authorized,
 * every body and query validated, every error answered as `{ error: { code, kind, message, details, pointer } }`
 * in the caller's language (zh-CN by default), and unexpected failures logged, never swallowed.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { ChanceryError } from '../errors.js';
import { authenticate, createUserCache, type AppEnv } from './auth.js';
import { buildOpenApi, docsPage } from './openapi.js';
import { checkPathParams, jsonBody, paramsOf, queryOf } from './validate-body.js';
import { requestLang } from './language.js';
import { requestLog } from './request-log.js';
import { faviconSvg } from './favicon.js';
import { allowedMethods, locationOf } from './conventions.js';
import { paramsSchema, type AnyRoute } from './route.js';
import { accountRoutes } from './routes/account.js';
import { auditRoutes } from './routes/audit.js';
import { adminMoveRoutes } from './routes/admin-moves.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { calendarRoutes } from './routes/calendar.js';
import { definitionRoutes } from './routes/definitions.js';
import { directoryRoutes } from './routes/directory.js';
import { instanceRoutes } from './routes/instances.js';
import { notificationStreamRoutes } from './routes/notifications-stream.js';
import { taskRoutes } from './routes/tasks.js';
import { timerRoutes } from './routes/timers.js';
import { statsRoutes } from './routes/stats.js';
import { simulationRoutes } from './routes/simulations.js';
import type { AppServices } from './services.js';

export function allRoutes(s: AppServices): AnyRoute[] {
  return [
    ...accountRoutes(s),
    ...auditRoutes(s),
    ...definitionRoutes(s),
    ...adminMoveRoutes(s),
    ...instanceRoutes(s),
    ...timerRoutes(s),
    ...taskRoutes(s),
    ...directoryRoutes(s),
    ...calendarRoutes(s),
    ...apiKeyRoutes(s),
    ...notificationStreamRoutes(s),
    ...statsRoutes(s),
    ...simulationRoutes(s),
    ...(s.extraRoutes ?? []),
  ];
}

export function createApp(s: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // One user cache for every route (the SSE stream too), emptied on every node when a user changes.
  const users = (s.users ??= createUserCache());
  s.forgetUser = async (id) => {
    users.forget(id);
    await s.events?.publish({ kind: 'user', userId: id });
  };
  s.events?.subscribe((m) => {
    if (m.kind === 'user') users.forget(m.userId);
    else if (m.kind === 'all') users.clear();
  });
  const routes = allRoutes(s);

  app.use('*', requestLog(s.logger));
  app.use('*', async function language(c, next) {
    const lang = requestLang(c);
    c.set('lang', lang);
    await next();
    // Messages follow the caller's language: say which one, and let caches key on the header.
    if (!c.res.headers.has('Content-Language')) c.res.headers.set('Content-Language', lang);
    c.res.headers.append('Vary', 'Accept-Language');
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false, contentSecurityPolicy: undefined }));
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (s.corsOrigins.includes('*') || s.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-API-Key', 'Accept-Language', 'Last-Event-ID'],
      exposeHeaders: ['Idempotent-Replayed', 'Location', 'ETag', 'Content-Language', 'X-Request-Id'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  const jsonLimit = bodyLimit({
    maxSize: 2 * 1024 * 1024,
    onError: () => {
      throw new ChanceryError('request.too_large');
    },
  });
  const uploadLimit = bodyLimit({
    maxSize: 21 * 1024 * 1024,
    onError: () => {
      throw new ChanceryError('request.too_large');
    },
  });
  app.use('/api/*', async function limitBody(c, next) {
    return (c.req.path === '/api/files' ? uploadLimit : jsonLimit)(c, next);
  });

  const auth = authenticate(s.db, s.auth, users);
  for (const r of routes) {
    const params = paramsSchema(r);
    const handlers = [
      ...(r.access === 'public' ? [] : [auth]),
      async function handle(c: Context<AppEnv>) {
        if (r.access === 'admin' && !c.get('actor').isAdmin) throw new ChanceryError('auth.admin_only');
        checkPathParams(c);
        const body = r.body && !r.bodyContentType ? await jsonBody(c, r.body, r.maxDepth) : undefined;
        const query = r.query ? queryOf(c, r.query) : {};
        const pathParams = paramsOf<Record<string, string>>(c, params);
        const res = await r.handler(c, { params: pathParams, body, query });
        // A creation says where the created thing lives (the route table says how: see `location`).
        if (res.status === 201) {
          const location = await locationOf(r, c.req.path, pathParams, res);
          if (location) res.headers.set('Location', location);
        }
        return res;
      },
    ];
    app.on(r.method.toUpperCase(), r.path, ...(handlers as [never]));
  }

  // Liveness: the process answers. Never waits for the database (a slow database must not get
  // every node restarted by its probe).
  app.get('/health', (c) => c.json({ status: 'ok', version: s.version, time: s.clock().toISOString() }));
  // Readiness: this node can serve (database and queue reachable, not stopping).
  app.get('/ready', async (c) => {
    if (s.lifecycle?.stopping) throw new ChanceryError('system.stopping');
    const failed = async (check: () => Promise<unknown>): Promise<boolean> =>
      check().then(
        (ok) => ok === false,
        () => true,
      );
    if (await failed(() => s.db.execute('SELECT 1'))) throw new ChanceryError('system.not_ready', { check: 'database' });
    if (s.queueReady && (await failed(() => s.queueReady!()))) throw new ChanceryError('system.not_ready', { check: 'queue' });
    return c.json({ status: 'ready', version: s.version, checks: { database: 'ok', queue: 'ok' } });
  });
  app.get('/favicon.ico', (c) => c.body(faviconSvg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }));
  const openapi = buildOpenApi(routes, s.version);
  app.get('/openapi.json', (c) => c.json(openapi as never));
  app.get('/docs', (c) => c.html(docsPage()));

  const known = [
    ...routes.map((r) => ({ method: r.method.toUpperCase(), path: r.path })),
    ...['/health', '/openapi.json', '/docs', '/favicon.ico'].map((path) => ({ method: 'GET', path })),
  ];
  app.notFound((c) => {
    const lang = requestLang(c);
    // An address that exists, asked with a method it does not take: 405 with what it takes.
    const allow = allowedMethods(known, c.req.path);
    if (allow.length > 0) {
      c.header('Allow', allow.join(', '));
      return c.json(new ChanceryError('request.method_not_allowed', { method: c.req.method, allow: allow.join(', ') }).toBody(lang), 405);
    }
    return c.json(new ChanceryError('request.not_found').toBody(lang), 404);
  });
  app.onError((err, c) => {
    const lang = requestLang(c);
    if (err instanceof ChanceryError) {
      if (err.kind === 'unexpected') s.logger.error(err.message, { code: err.code, path: c.req.path, stack: err.stack });
      else if (err.kind === 'operational') s.logger.warn(err.message, { code: err.code, path: c.req.path });
      // A throttled command says when it is taken again (seconds), as well as why.
      const retryAfter = (err.details as { retryAfter?: unknown } | undefined)?.retryAfter;
      if (err.status === 429 && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      return c.json(err.toBody(lang), err.status as never);
    }
    const unexpected = new ChanceryError('system.unexpected', undefined, { cause: err });
    s.logger.error('unexpected error', { path: c.req.path, method: c.req.method, error: err instanceof Error ? err.stack : String(err) });
    return c.json(unexpected.toBody(lang), 500);
  });
  return app;
}
