/**
 * Cache invalidation across the nodes of a cluster. A node that changes something other nodes
 * keep in memory (calendar days, a user's row) publishes a small typed message: it is applied
 * here at once, then sent through PostgreSQL `NOTIFY` on one channel to every other node, which
 * LISTENs on a connection of its own. PGlite is one process: the message goes to every
 * subscriber of the same database in this process. A node whose listener lost its connection may
 * have missed messages, so after reconnecting it tells its subscribers to drop everything (`all`).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database, DatabaseLogger } from './types.js';

export const INVALIDATION_CHANNEL = 'chancery_invalidate';

/** What may be stale. `all`: anything may be (a listener reconnected). */
export type Invalidation = { kind: 'calendar' } | { kind: 'user'; userId: string } | { kind: 'all' };

export interface InvalidationBus {
  /** Applies `message` on this node (waiting for its subscribers), then tells the other nodes. */
  publish(message: Invalidation): Promise<void>;
  /** Calls `fn` for every message, from this node or another; returns the unsubscribe function. */
  subscribe(fn: (message: Invalidation) => void | Promise<void>): () => void;
  close(): Promise<void>;
}

type Handler = (message: Invalidation) => void | Promise<void>;

/** Subscribers per PGlite database in this process (keyed by its ORM, shared by every node on it). */
const inProcess = new WeakMap<object, Set<Handler>>();

/** Narrows a received payload to a message, or undefined when it is not one of ours. */
function parseInvalidation(payload: string): (Invalidation & { from: string }) | undefined {
  let m: unknown;
  try {
    m = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null) return undefined;
  const { from, kind, userId } = m as Record<string, unknown>;
  if (typeof from !== 'string') return undefined;
  if (kind === 'calendar' || kind === 'all') return { from, kind };
  if (kind === 'user' && typeof userId === 'string') return { from, kind, userId };
  return undefined;
}

/**
 * @example
 * const bus = await createInvalidationBus({ db, logger });
 * bus.subscribe(async (m) => { if (m.kind === 'calendar' || m.kind === 'all') await reloadCalendars(); });
 * await bus.publish({ kind: 'calendar' }); // after an admin changed a day
 */
export async function createInvalidationBus(options: { db: Database; logger: DatabaseLogger }): Promise<InvalidationBus> {
  const { db, logger } = options;
  const node = randomUUID();
  const handlers = db.kind === 'postgresql' ? new Set<Handler>() : shared(db.orm);
  const mine = new Set<Handler>();
  let closed = false;

  async function dispatch(message: Invalidation): Promise<void> {
    // A copy: a handler may unsubscribe while we go through them.
    for (const fn of [...handlers]) {
      try {
        await fn(message);
      } catch (e) {
        logger.warn('cache invalidation failed / 缓存失效处理失败', { kind: message.kind, error: e instanceof Error ? e.stack : String(e) });
      }
    }
  }

  let client: pg.Client | undefined;
  if (db.kind === 'postgresql') {
    const url = db.orm.config.get('clientUrl');
    const connect = async (reconnected: boolean): Promise<void> => {
      if (closed) return;
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (msg) => {
        if (msg.channel !== INVALIDATION_CHANNEL || !msg.payload) return;
        const m = parseInvalidation(msg.payload);
        if (!m || m.from === node) return;
        const { from: _from, ...message } = m;
        void dispatch(message as Invalidation);
      });
      c.on('error', (e) => {
        if (client !== c) return;
        client = undefined;
        logger.warn('cache invalidation listener lost its connection; reconnecting / 缓存失效监听连接断开，正在重连', { error: e.message });
        void c.end().catch(() => undefined);
        const retry = () => void connect(true).catch(() => setTimeout(retry, 1000).unref());
        setTimeout(retry, 1000).unref();
      });
      await c.connect();
      await c.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      client = c;
      // Messages sent while we were not listening are lost: whatever we remember may be stale.
      if (reconnected) await dispatch({ kind: 'all' });
    };
    await connect(false);
  }

  return {
    async publish(message) {
      await dispatch(message);
      if (db.kind === 'postgresql') await db.execute('SELECT pg_notify($1, $2)', [INVALIDATION_CHANNEL, JSON.stringify({ ...message, from: node })]);
    },
    subscribe(fn) {
      handlers.add(fn);
      mine.add(fn);
      return () => {
        handlers.delete(fn);
        mine.delete(fn);
      };
    },
    async close() {
      closed = true;
      for (const fn of mine) handlers.delete(fn);
      mine.clear();
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

function shared(orm: object): Set<Handler> {
  let set = inProcess.get(orm);
  if (!set) inProcess.set(orm, (set = new Set()));
  return set;
}
