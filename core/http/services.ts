/** What the HTTP layer is given by the composition root. */
import type { Context } from 'hono';
import type { Calendar } from '../calendar/index.js';
import { ChanceryError } from '../errors.js';
import type { Database } from '../persistence/types.js';
import type { Engine, IdempotencyKey } from '../runtime/engine.js';
import { requestHash } from '../runtime/idempotency.js';
import type { Replayable } from '../runtime/idempotency.js';
import type { Logger } from '../runtime/ports.js';
import type { PublishingDeps } from '../runtime/publishing.js';
import type { AppEnv, AuthConfig } from './auth.js';
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
  /** Reloads a business calendar after an admin changes its days. */
  reloadCalendars?(): Promise<void>;
  corsOrigins: string[];
  /** Drops a user's remembered row after they were changed (set by the app). */
  forgetUser?(userId: string): void;
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
