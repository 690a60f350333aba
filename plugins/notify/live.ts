/**
 * Live notification updates for Server-Sent Events. On PostgreSQL every insert into
 * `notification` is announced by a trigger through `pg_notify`, and each node LISTENs on its own
 * connection, so a notification made on any node reaches the streams open on every node. PGlite
 * is one process: an in-process emitter, fed by whoever inserted (`announce`) and by a light
 * watch of the notification sequence while streams are open (for notifications the engine made).
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Database, Logger } from '../../core/index.js';

export const NOTIFY_CHANNEL = 'chancery_notification';

export interface LiveNotifications {
  /** Calls `fn` whenever the user may have something new; returns the unsubscribe function. */
  subscribe(userId: string, fn: () => void): () => void;
  /** Tells local streams about notifications just committed (PostgreSQL's trigger does this by itself). */
  announce(userIds: readonly string[]): void;
  close(): Promise<void>;
}

export async function createLiveNotifications(options: { db: Database; logger: Logger; watchMs?: number }): Promise<LiveNotifications> {
  const { db, logger } = options;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let closed = false;
  const dispatch = (userId: string) => emitter.emit(userId);

  if (db.kind === 'postgresql') {
    const url = db.orm.config.get('clientUrl');
    let client: pg.Client | undefined;
    const connect = async (): Promise<void> => {
      if (closed) return;
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (msg) => {
        if (msg.channel !== NOTIFY_CHANNEL || !msg.payload) return;
        try {
          const { userId } = JSON.parse(msg.payload) as { userId: string };
          dispatch(userId);
        } catch {
          /* not ours */
        }
      });
      c.on('error', (e) => {
        logger.warn('notification listener lost its connection; reconnecting / 通知监听连接断开，正在重连', { error: e.message });
        client = undefined;
        void c.end().catch(() => undefined);
        setTimeout(() => void connect().catch(() => undefined), 1000).unref();
      });
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
      client = c;
    };
    await connect();
    return {
      subscribe(userId, fn) {
        emitter.on(userId, fn);
        return () => emitter.off(userId, fn);
      },
      announce() {},
      async close() {
        closed = true;
        emitter.removeAllListeners();
        await client?.end().catch(() => undefined);
      },
    };
  }

  // PGlite: announce() for our own inserts, plus a watch of the sequences (notifications, inbox
  // signals) while anyone listens.
  let lastSeq = Number((await db.execute<{ n: number | null }>('SELECT max(seq)::int8 AS n FROM notification'))[0]?.n ?? 0);
  let lastInbox = Number((await db.execute<{ n: number | null }>('SELECT max(seq)::int8 AS n FROM inbox_signal'))[0]?.n ?? 0);
  let subscribers = 0;
  let timer: NodeJS.Timeout | undefined;
  const watch = async () => {
    timer = undefined;
    if (closed || subscribers === 0) return;
    try {
      const rows = await db.execute<{ user_id: string; n: number }>('SELECT user_id, max(seq)::int8 AS n FROM notification WHERE seq > $1 GROUP BY user_id', [
        lastSeq,
      ]);
      for (const r of rows) {
        lastSeq = Math.max(lastSeq, Number(r.n));
        dispatch(r.user_id);
      }
      const signals = await db.execute<{ user_id: string; n: number }>(
        'SELECT user_id, max(seq)::int8 AS n FROM inbox_signal WHERE seq > $1 GROUP BY user_id',
        [lastInbox],
      );
      for (const r of signals) {
        lastInbox = Math.max(lastInbox, Number(r.n));
        dispatch(r.user_id);
      }
    } catch (e) {
      if (!closed) logger.warn('notification watch failed / 通知监视失败', { error: (e as Error).message });
    }
    if (!closed && subscribers > 0) timer = setTimeout(() => void watch(), options.watchMs ?? 1000);
  };
  return {
    subscribe(userId, fn) {
      emitter.on(userId, fn);
      subscribers++;
      if (!timer) timer = setTimeout(() => void watch(), options.watchMs ?? 1000);
      return () => {
        emitter.off(userId, fn);
        subscribers--;
      };
    },
    announce(userIds) {
      for (const u of new Set(userIds)) dispatch(u);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      emitter.removeAllListeners();
    },
  };
}
