/** What the HTTP layer is given by the composition root. */
import type { Context } from 'hono';
import type { Calendar } from '../calendar/index.js';
import { ChanceryError } from '../errors.js';
import type { InvalidationBus } from '../persistence/invalidation.js';
import type { Database } from '../persistence/types.js';
import type { CommandOptions, Engine, Precondition } from '../runtime/engine.js';
import { requestHash } from '../runtime/idempotency.js';
import type { Replayable } from '../runtime/idempotency.js';
import type { Logger } from '../runtime/ports.js';
import type { PublishingDeps } from '../runtime/publishing.js';
import type { AppEnv, AuthConfig, UserCache } from './auth.js';
import type { Lifecycle } from './lifecycle.js';
import type { AnyRoute } from './route.js';

/** The live side of notifications: the notify plugin provides it, the notification stream listens. */
export interface LiveFeed {
  /** Calls `fn` whenever the user may have something new; returns the unsubscribe function. */
  subscribe(userId: string, fn: () => void): () => void;
}

export interface AppServices {
  db: Database;
  engine: Engine;
  publishing: PublishingDeps;
  auth: AuthConfig;
  logger: Logger;
  clock(): Date;
  calendar(key: string): Calendar;
  /** Reloads the business calendars after an admin changes their days (on every node). */
  reloadCalendars?(): Promise<void>;
  /** Running or stopping (set by the composition root; `/ready` and event streams follow it). */
  lifecycle?: Lifecycle;
  /** Whether the job queue is running and its tables reachable (for `/ready`). */
  queueReady?(): Promise<boolean>;
  /** Tells every node to drop what it keeps in memory about something that changed. */
  events?: InvalidationBus;
  corsOrigins: string[];
  /** The users' rows every request reads, remembered a few seconds (set by the app, shared by every route). */
  users?: UserCache;
  /** Drops a user's remembered row on every node after they were changed (set by the app). */
  forgetUser?(userId: string): Promise<void>;
  /** Extra routes contributed by other parts (forms, files, plugins, the UI). */
  extraRoutes?: AnyRoute[];
  /** Wakes a user's notification stream when something may be new for them (set by the composition root). */
  live?: LiveFeed;
  version: string;
}

/**
 * What a command request carries besides its body: its `Idempotency-Key` (bound to the request's
 * content) and its `If-Match` (case versions, as `ETag` gave them), checked by the engine.
 */
export function idempotencyOf(c: Context<AppEnv>, body: unknown): CommandOptions {
  const key = c.req.header('idempotency-key');
  if (key && key.length > 200)
    throw new ChanceryError('request.invalid', { reason: 'Idempotency-Key is longer than 200 characters' }, { pointer: '/headers/idempotency-key' });
  const ifMatch = preconditionOf(c);
  return {
    ...(key ? { idempotency: { key, hash: requestHash(c.req.method, new URL(c.req.url).pathname, body) } } : {}),
    ...(ifMatch ? { ifMatch } : {}),
  };
}

/** The `ETag` of a case at `version` (tasks carry their case's). */
export const etagOf = (version: number): string => `"${version}"`;

/** `If-Match: "3"` (or a list) on `/api/instances/:id/…` and `/api/tasks/:id/…`; `*` asks for nothing. */
function preconditionOf(c: Context<AppEnv>): Precondition | undefined {
  const raw = c.req.header('if-match');
  if (raw === undefined || raw.trim() === '*') return undefined;
  const tags = raw.split(',').map((t) => t.trim());
  const bad = () =>
    new ChanceryError(
      'request.invalid',
      {
        reason: {
          'zh-CN': `If-Match 须为 ETag 给出的版本，如 "3"，收到「${raw.slice(0, 100)}」`,
          en: `If-Match must name versions as ETag gives them, like "3", not "${raw.slice(0, 100)}"`,
        },
      },
      { pointer: '/headers/if-match' },
    );
  if (tags.some((t) => !/^(W\/)?"\d{1,12}"$/.test(t))) throw bad();
  // If-Match compares strongly: a weak tag never matches.
  const versions = tags.filter((t) => !t.startsWith('W/')).map((t) => Number(t.slice(1, -1)));
  const id = c.req.param('id');
  const path = c.req.routePath;
  if (id && path.startsWith('/api/instances/:id')) return { instanceId: id, versions };
  if (id && path.startsWith('/api/tasks/:id')) return { taskId: id, versions };
  throw new ChanceryError(
    'request.invalid',
    { reason: { 'zh-CN': 'If-Match 只适用于案件和待办的操作', en: 'If-Match applies to commands on cases and tasks only' } },
    { pointer: '/headers/if-match' },
  );
}

export function reply<T>(c: Context<AppEnv>, r: Replayable<T>): Response {
  if (r.replayed) c.header('Idempotent-Replayed', 'true');
  const version = (r.body as { version?: unknown } | null)?.version;
  if (typeof version === 'number') c.header('ETag', etagOf(version));
  return c.json(r.body as never, r.status as never);
}
