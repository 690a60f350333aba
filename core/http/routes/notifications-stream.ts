/**
 * `GET /api/notifications/stream`: the signed-in user's notifications live, as Server-Sent Events.
 * `ready` (unread count) on connect, then `notification` (id = its sequence number) and `unread`
 * whenever something arrives — from this node or, on PostgreSQL, any other — and `inbox`
 * (`{ tasks: [ids] }`) when a task arrives in the user's inbox (assigned to them, offered to
 * their pool, or to someone they stand in for), so an embedded inbox refreshes. A reconnecting
 * EventSource sends `Last-Event-ID` and gets what it missed. Notifications committed out of
 * sequence order (concurrent commands) are not skipped: see `commit-cursor.ts`. When the node
 * stops, a last `reconnect` event (code `system.stopping`) ends the stream: the client reconnects,
 * through the load balancer, to another node. Browsers' EventSource cannot send
 * headers, so the token may also come as `?access_token=`.
 */
import { streamSSE } from 'hono/streaming';
import { ChanceryError } from '../../errors.js';
import { actorFromToken, authenticate } from '../auth.js';
import { createCommitCursor } from '../commit-cursor.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';

const HEARTBEAT_MS = 25_000;

export function notificationStreamRoutes(s: AppServices): AnyRoute[] {
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
        description:
          'Server-Sent Events: `ready` ({ unread, last }) on connect, then `notification` (a Notification; id = its sequence number) and `unread` ({ unread })',
        schema: { type: 'string' },
      },
      errors: ['system.unavailable'],
      summary: i18n('通知实时推送（SSE）', 'Live notifications (Server-Sent Events)'),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { access_token: { type: 'string', maxLength: 2000 }, after: { type: 'integer', minimum: 0 } },
      },
      handler: async (c, { query }) => {
        let userId: string;
        if (query.access_token) {
          // The same check as the Authorization header: signature, expiry, token version, active user.
          userId = (await actorFromToken(s.db, s.auth, s.users!, query.access_token, c.get('lang'))).id;
        } else {
          await authenticate(s.db, s.auth, s.users)(c, async () => {});
          userId = c.get('actor').id;
        }
        const live = s.live;
        if (!live) throw new ChanceryError('system.unavailable');
        const resume = c.req.header('last-event-id') ?? (query.after !== undefined ? String(query.after) : undefined);

        return streamSSE(c, async (stream) => {
          const unread = async () =>
            (await s.db.execute<{ n: number }>('SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [userId]))[0]?.n ?? 0;
          const start =
            resume !== undefined && /^\d+$/.test(resume)
              ? Number(resume)
              : Number((await s.db.execute<{ n: number | null }>('SELECT max(seq)::int8 AS n FROM notification WHERE user_id = $1', [userId]))[0]?.n ?? 0);
          // Re-reads a trailing window so a notification committed after a higher-numbered one still arrives.
          const cursor = createCommitCursor(start);
          let lastInbox = Number(
            (await s.db.execute<{ n: number | null }>('SELECT max(seq)::int8 AS n FROM inbox_signal WHERE user_id = $1', [userId]))[0]?.n ?? 0,
          );
          let chain: Promise<void> = Promise.resolve();
          const pushInbox = async () => {
            const signals = await s.db.execute<{ seq: number; task_id: string }>(
              'SELECT seq, task_id FROM inbox_signal WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT 100',
              [userId, lastInbox],
            );
            if (signals.length === 0) return;
            lastInbox = Math.max(lastInbox, ...signals.map((r) => Number(r.seq)));
            await stream.writeSSE({ event: 'inbox', data: JSON.stringify({ tasks: [...new Set(signals.map((r) => r.task_id))] }) });
          };
          const push = async () => {
            await pushInbox();
            const rows = await s.db.execute<{ seq: number }>(
              `SELECT seq, id, instance_id AS "instanceId", task_id AS "taskId", kind, title, body, read_at AS "readAt", created_at AS "createdAt"
               FROM notification WHERE user_id = $1 AND seq > $2 AND NOT (seq = ANY($3::int8[])) ORDER BY seq LIMIT 100`,
              [userId, cursor.floor, cursor.delivered()],
            );
            cursor.settle();
            if (rows.length === 0) return;
            for (const r of rows) {
              const seq = Number(r.seq);
              if (!cursor.isNew(seq)) continue;
              await stream.writeSSE({ event: 'notification', id: String(seq), data: JSON.stringify(r) });
              cursor.mark(seq);
            }
            await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unread: await unread() }) });
            // A full page means more may be waiting.
            if (rows.length === 100) schedule();
          };
          const schedule = () => {
            chain = chain.then(push).catch((e: unknown) => s.logger.warn('notification stream push failed / 通知推送失败', { error: String(e) }));
          };
          // Listening before `ready` is sent: whatever commits after the client saw `ready` is announced.
          const unsubscribe = live.subscribe(userId, schedule);
          let heartbeat: ReturnType<typeof setInterval> | undefined;
          try {
            await stream.writeSSE({ event: 'ready', data: JSON.stringify({ unread: await unread(), last: start }), retry: 3000 });
            if (resume !== undefined) schedule();
            heartbeat = setInterval(() => void stream.write(': ping\n\n').catch(() => undefined), HEARTBEAT_MS);
            let offStop = () => {};
            await new Promise<void>((resolve) => {
              stream.onAbort(resolve);
              // This node is stopping: tell the client to come back (to another node) and end the stream.
              offStop =
                s.lifecycle?.onStop(() => {
                  const err = new ChanceryError('system.stopping');
                  // Resuming from the floor may repeat a few notifications (ids tell them apart) but misses none.
                  const body = { code: err.code, message: { 'zh-CN': err.localized('zh-CN'), en: err.localized('en') }, last: cursor.floor };
                  void chain
                    .then(() => stream.writeSSE({ event: 'reconnect', data: JSON.stringify(body), retry: 1000 }))
                    .catch(() => undefined)
                    .finally(resolve);
                }) ?? offStop;
            });
            offStop();
          } finally {
            // Also when the client left before `ready` could be written: no listener stays behind.
            clearInterval(heartbeat);
            unsubscribe();
          }
          await chain;
        });
      },
    }),
  ];
}
