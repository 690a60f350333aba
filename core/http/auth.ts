/**
 * Authentication: signed bearer tokens (HS256) for people, API keys for portals. Every `/api`
 * route except login and the public schemas requires one of them; the actor is put on the context.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { verifyPassword } from '../directory/password.js';
import { ChanceryError } from '../errors.js';
import { requestLang } from './language.js';
import type { Executor } from '../persistence/types.js';
import type { Actor } from '../runtime/ports.js';
import { signToken, verifyToken } from './token.js';

export interface AuthConfig {
  secret: string;
  /** Token lifetime in seconds. */
  ttl: number;
}

export type AppEnv = { Variables: { actor: Actor; lang: 'zh-CN' | 'en'; apiKeyOrigins?: string[] } };

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  unit_id: string | null;
  is_admin: boolean;
  active: boolean;
  password_hash: string | null;
}

export async function login(db: Executor, auth: AuthConfig, username: string, password: string, now = new Date()) {
  const [user] = await db.execute<UserRow & Record<string, unknown>>('SELECT * FROM app_user WHERE username = $1', [username]);
  // Verify even for unknown users so the response time does not reveal which usernames exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
  if (!user || !user.active || !ok) throw new ChanceryError('auth.invalid_credentials');
  const exp = Math.floor(now.getTime() / 1000) + auth.ttl;
  const token = signToken({ sub: user.id, exp, iat: Math.floor(now.getTime() / 1000) }, auth.secret);
  return { token, expiresAt: new Date(exp * 1000), user: { id: user.id, username: user.username, displayName: user.display_name, unitId: user.unit_id, isAdmin: user.is_admin } };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newApiKey(): string {
  return `chk_${randomBytes(24).toString('base64url')}`;
}

type UserFacts = { id: string; unit_id: string | null; is_admin: boolean; active: boolean };

/** Users' rows remembered for a few seconds: every request needs one, and they rarely change. */
export interface UserCache {
  get(db: Executor, userId: string): Promise<UserFacts | undefined>;
  /** After an admin changes or deactivates someone. */
  forget(userId: string): void;
}

export function createUserCache(rememberMs = 5_000): UserCache {
  const recent = new Map<string, { at: number; row: UserFacts | undefined }>();
  return {
    async get(db, userId) {
      const now = Date.now();
      const hit = recent.get(userId);
      if (hit && now - hit.at <= rememberMs) return hit.row;
      const [row] = await db.execute<UserFacts>('SELECT id, unit_id, is_admin, active FROM app_user WHERE id = $1', [userId]);
      if (recent.size > 10_000) recent.clear();
      recent.set(userId, { at: now, row });
      return row;
    },
    forget: (userId) => void recent.delete(userId),
  };
}

async function actorOf(db: Executor, users: UserCache, userId: string, lang: 'zh-CN' | 'en'): Promise<Actor> {
  const u = await users.get(db, userId);
  if (!u || !u.active) throw new ChanceryError('auth.invalid_token');
  return { id: u.id, unitId: u.unit_id, isAdmin: u.is_admin, lang };
}

/** Resolves the caller from `Authorization: Bearer <token>` or `X-API-Key`. */
export function authenticate(db: Executor, auth: AuthConfig, users: UserCache = createUserCache()): MiddlewareHandler<AppEnv> {
  return async function authenticateCaller(c, next) {
    const lang = requestLang(c);
    const header = c.req.header('authorization') ?? '';
    const apiKey = c.req.header('x-api-key') ?? (header.startsWith('ApiKey ') ? header.slice(7).trim() : undefined);
    if (apiKey) {
      const [row] = await db.execute<{ user_id: string; origins: string[] }>('SELECT user_id, origins FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL', [hashApiKey(apiKey)]);
      if (!row) throw new ChanceryError('auth.invalid_token');
      const origin = c.req.header('origin');
      // A key bound to origins is only good from those pages (a leaked key cannot be used from elsewhere in a browser).
      if (origin && row.origins.length > 0 && !row.origins.includes(origin)) throw new ChanceryError('auth.forbidden');
      c.set('apiKeyOrigins', row.origins);
      c.set('actor', await actorOf(db, users, row.user_id, lang));
      return next();
    }
    if (!header.startsWith('Bearer ')) throw new ChanceryError('auth.required');
    const sub = verifyToken(header.slice(7).trim(), auth.secret);
    if (!sub) throw new ChanceryError('auth.invalid_token');
    c.set('actor', await actorOf(db, users, sub, lang));
    return next();
  };
}

export function requireAdmin(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor.isAdmin) throw new ChanceryError('auth.admin_only');
  return actor;
}
