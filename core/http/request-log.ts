/**
 * One log line per request: method, route (the pattern, e.g. `/api/tasks/:id`: never the query
 * string, which may carry an `access_token`), status, duration and a request id, which the
 * response echoes as `X-Request-Id` so a user's report can be found in the log. Bodies and
 * headers are not logged: no passwords, tokens or keys.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../runtime/ports.js';

const ID = /^[A-Za-z0-9._-]{1,100}$/;

export function requestLog(logger: Logger): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && ID.test(given) ? given : randomUUID();
    try {
      await next();
    } finally {
      c.res.headers.set('X-Request-Id', requestId);
      const status = c.res.status;
      const route = c.req.routePath && c.req.routePath !== '*' && c.req.routePath !== '/*' ? c.req.routePath : status === 404 ? '(no route)' : c.req.path;
      const line = { method: c.req.method, route, status, durationMs: Math.round((performance.now() - started) * 10) / 10, requestId };
      if (status >= 500) logger.error('request', line);
      else logger.info('request', line);
    }
  };
}
