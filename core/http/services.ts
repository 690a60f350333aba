/** What the HTTP layer is given by the composition root. */
import type { Context } from 'hono';
import type { Calendar } from '../calendar/index.js';
import { ChanceryError } from '../errors.js';
import type { InvalidationBus } from '../persistence/invalidation.js';
import type { Database } from '../persistence/types.js';
import type { Engine, IdempotencyKey } from '../runtime/engine.js';
import { requestHash } from '../runtime/idempotency.js';
import type { Replayable } from '../runtime/idempotency.js';
import type { Logger } from '../runtime/ports.js';
import type { PublishingDeps } from '../runtime/publishing.js';
import type { AppEnv, AuthConfig, UserCache } from './auth.js';
import type { Lifecycle } from './lifecycle.js';
import type { AnyRoute } from './route.js';
import type { PluginServices } from '../../plugins/routes.js';

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
  /** Loaded plugins, secrets, incidents, live notifications (set by the composition root). */
  plugins?: PluginServices;
  version: string;
}

/** The `Idempotency-Key` of a command request, bound to the request's content. */
export function idempotencyOf(c: Context<AppEnv>, body: unknown): IdempotencyKey | undefined {
  const key = c.req.header('idempotency-key');
  if (!key) return undefined;
  if (key.length > 200) throw new ChanceryError('request.invalid', { reason: 'Idempotency-Key is longer than 200 characters' });
  return { key, hash: requestHash(c.req.method, new URL(c.req.url).pathname, body) };
}

export function reply<T>(c: Context<AppEnv>, r: Replayable<T>): Response {
  if (r.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(r.body as never, r.status as never);
}
