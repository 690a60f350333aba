/**
 * Stopping a serving node without losing an answer. After the signal: the listener closes (a load
 * balancer sends new connections elsewhere) and idle keep-alive sockets with it; every response
 * still to be written says `Connection: close`; event streams get a last event telling the client
 * to reconnect (to another node) and end; requests in flight finish, up to the grace period; only
 * then do the workers, the queue and the pool stop.
 */
import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { Lifecycle } from '../../core/http/lifecycle.js';

export interface Drainable {
  http: HttpServer;
  lifecycle: Lifecycle;
}

/**
 * Watches responses so a stop can mark those not yet written. Call right after `serve()`.
 *
 * @example
 * const drain = trackResponses({ http, lifecycle: server.services.lifecycle });
 * process.once('SIGTERM', async () => { await drain(10_000); await server.close(); });
 */
export function trackResponses({ http, lifecycle }: Drainable): (graceMs: number) => Promise<{ forced: boolean }> {
  const open = new Set<ServerResponse>();
  http.prependListener('request', (_req, res: ServerResponse) => {
    if (lifecycle.stopping) res.setHeader('connection', 'close');
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      // A socket this response leaves idle (an event stream's, a keep-alive one) goes now.
      if (lifecycle.stopping) setImmediate(() => http.closeIdleConnections());
    });
  });

  return async function drain(graceMs) {
    lifecycle.stop();
    for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    let forced = false;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => {
        forced = true;
        http.closeAllConnections();
      }, graceMs);
      timer.unref();
      http.close(() => {
        clearTimeout(timer);
        done();
      });
      http.closeIdleConnections();
    });
    return { forced };
  };
}
