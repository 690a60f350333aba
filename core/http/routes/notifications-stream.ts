/**
 * `GET /api/notifications/stream`: the signed-in user's notifications live, as Server-Sent Events.
 * `ready` (unread count) on connect, then `notification` (id = its sequence number) and `unread`
 * whenever something arrives — from this node or, on PostgreSQL, any other. A reconnecting
 * EventSource sends `Last-Event-ID` and gets what it missed. Browsers' EventSource cannot send
 * headers, so the token may also come as `?access_token=`.
 */
import { streamSSE } from 'hono/streaming';
import { verify } from 'hono/jwt';
import { ChanceryError } from '../../errors.js';
import { authenticate } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';

const HEARTBEAT_MS = 25_000;

export function notificationStreamRoutes(s: AppServices): AnyRoute[] {
  const viaHeader = authenticate(s.db, s.auth);
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications/stream',
      tag: 'notifications',
      // Authenticated below: by header like every route, or by `access_token` for EventSource.
      access: 'public',
      selfAuthenticated: true,
      responseSpec: {
        contentType: 'text/event-stream',
        description: 'Server-Sent Events: `ready` ({ unread, last }) on connect, then `notification` (a Notification; id = its sequence number) and `unread` ({ unread })',
        schema: { type: 'string' },
      },
      errors: ['system.unavailable'],
      summary: i18n('通知实时推送（SSE）', 'Live notifications (Server-Sent Events)'),
      query: { type: 'object', additionalProperties: false, properties: { access_token: { type: 'string', maxLength: 2000 }, after: { type: 'integer', minimum: 0 } } },
      handler: async (c, { query }) => {
        let userId: string;
        if (query.access_token) {
          let sub: unknown;
          try {
            sub = (await verify(query.access_token, s.auth.secret, 'HS256')).sub;
          } catch {
            throw new ChanceryError('auth.invalid_token');
          }
          const [u] = typeof sub === 'string' ? await s.db.execute<{ id: string }>('SELECT id FROM app_user WHERE id = $1 AND active', [sub]) : [];
          if (!u) throw new ChanceryError('auth.invalid_token');
          userId = u.id;
        } else {
          await viaHeader(c, async () => {});
          userId = c.get('actor').id;
        }
        const live = s.plugins?.live;
        if (!live) throw new ChanceryError('system.unavailable');
        const resume = c.req.header('last-event-id') ?? (query.after !== undefined ? String(query.after) : undefined);

        return streamSSE(c, async (stream) => {
          const unread = async () => (await s.db.execute<{ n: number }>('SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [userId]))[0]?.n ?? 0;
          let last = resume !== undefined && /^\d+$/.test(resume) ? Number(resume) : Number((await s.db.execute<{ n: number | null }>('SELECT max(seq)::int8 AS n FROM notification WHERE user_id = $1', [userId]))[0]?.n ?? 0);
          let chain: Promise<void> = Promise.resolve();
          const push = async () => {
            const rows = await s.db.execute<{ seq: number }>(
              `SELECT seq, id, instance_id AS "instanceId", task_id AS "taskId", kind, title, body, read_at AS "readAt", created_at AS "createdAt"
               FROM notification WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT 100`,
              [userId, last],
            );
            if (rows.length === 0) return;
            for (const r of rows) {
              await stream.writeSSE({ event: 'notification', id: String(r.seq), data: JSON.stringify(r) });
              last = Math.max(last, Number(r.seq));
            }
            await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unread: await unread() }) });
          };
          const schedule = () => {
            chain = chain.then(push).catch((e: unknown) => s.logger.warn('notification stream push failed / 通知推送失败', { error: String(e) }));
          };
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ unread: await unread(), last }), retry: 3000 });
          const unsubscribe = live.subscribe(userId, schedule);
          if (resume !== undefined) schedule();
          const heartbeat = setInterval(() => void stream.write(': ping\n\n').catch(() => undefined), HEARTBEAT_MS);
          await new Promise<void>((resolve) => stream.onAbort(resolve));
          clearInterval(heartbeat);
          unsubscribe();
          await chain;
        });
      },
    }),
  ];
}
