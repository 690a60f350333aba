/**
 * Authentication: short-lived signed bearer tokens (HS256) with rotating refresh tokens for
 * people, API keys for portals. Every `/api` route except login and the public schemas requires
 * one of them; the actor is put on the context. A token carries its user's token version, so a
 * password reset, deactivation or role change ends every session at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { LoginThrottleConfig } from '../config.js';
import { verifyPassword } from '../directory/password.js';
import { ChanceryError } from '../errors.js';
import { requestLang } from './language.js';
import type { Executor } from '../persistence/types.js';
import type { Actor } from '../runtime/ports.js';
import type { LoginThrottle } from './login-throttle.js';
import { issueRefreshToken } from './refresh-tokens.js';
import { signToken, verifyToken } from './token.js';

export interface AuthConfig {
  secret: string;
  /** Access token lifetime in seconds. */
  ttl: number;
  /** Refresh token lifetime in seconds (each refresh starts a new one). */
  refreshTtl: number;
  /** Failed sign-ins before waits and the lock; unset: no throttling (embedding, some tests). */
  throttle?: LoginThrottleConfig;
  /** Reverse proxies whose `X-Forwarded-For` names the client (addresses or CIDR ranges). */
  trustedProxies?: string[];
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
  token_version: number;
}

/** An access token for the user at their current token version. Real time, not the engine's clock: tokens are about the wall clock. */
export function accessToken(auth: AuthConfig, user: { id: string; tokenVersion: number }, now = new Date()) {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + auth.ttl;
  return { token: signToken({ sub: user.id, ver: user.tokenVersion, exp, iat }, auth.secret), expiresAt: new Date(exp * 1000) };
}

/**
 * Checks the password (after the throttle) and answers an access token, a refresh token and the user.
 * A wrong password counts against the account and the address; `auth.too_many_attempts` while they wait.
 */
export async function login(db: Executor, auth: AuthConfig, username: string, password: string, o: { throttle?: LoginThrottle; ip?: string; now?: Date } = {}) {
  const now = o.now ?? new Date();
  const ip = o.ip ?? 'unknown';
  await o.throttle?.check(username, ip, now);
  const [user] = await db.execute<UserRow & Record<string, unknown>>('SELECT * FROM app_user WHERE username = $1', [username]);
  // Verify even for unknown users so the response time does not reveal which usernames exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
  if (!user || !user.active || !ok) {
    await o.throttle?.failed(username, ip, now);
    throw new ChanceryError('auth.invalid_credentials');
  }
  await o.throttle?.succeeded(username);
  const who = { id: user.id, tokenVersion: user.token_version };
  const { token, expiresAt } = accessToken(auth, who, now);
  const refresh = await issueRefreshToken(db, who, auth.refreshTtl, now);
  return {
    token,
    expiresAt,
    ...refresh,
    user: { id: user.id, username: user.username, displayName: user.display_name, unitId: user.unit_id, isAdmin: user.is_admin },
  };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newApiKey(): string {
  return `chk_${randomBytes(24).toString('base64url')}`;
}

type UserFacts = { id: string; unit_id: string | null; is_admin: boolean; active: boolean; token_version: number };

/**
 * Users' rows remembered for a few seconds: every request needs one, and they rarely change.
 * A change made on this node is seen at once (`forget`); one made on another node within the
 * few seconds.
 */
export interface UserCache {
  get(db: Executor, userId: string): Promise<UserFacts | undefined>;
  /** After an admin changes or deactivates someone, or their token version was bumped. */
  forget(userId: string): void;
  /** Everything may be stale (this node missed invalidations). */
  clear(): void;
}

export function createUserCache(rememberMs = 5_000): UserCache {
  const recent = new Map<string, { at: number; row: UserFacts | undefined }>();
  return {
    async get(db, userId) {
      const now = Date.now();
      const hit = recent.get(userId);
      if (hit && now - hit.at <= rememberMs) return hit.row;
      const [row] = await db.execute<UserFacts>('SELECT id, unit_id, is_admin, active, token_version FROM app_user WHERE id = $1', [userId]);
      if (recent.size > 10_000) recent.clear();
      recent.set(userId, { at: now, row });
      return row;
    },
    forget: (userId) => void recent.delete(userId),
    clear: () => recent.clear(),
  };
}

async function actorOf(db: Executor, users: UserCache, userId: string, lang: 'zh-CN' | 'en', version?: number): Promise<Actor> {
  const u = await users.get(db, userId);
  if (!u || !u.active) throw new ChanceryError('auth.invalid_token');
  // A token from before a password reset, deactivation or role change is over.
  if (version !== undefined && version !== u.token_version) throw new ChanceryError('auth.invalid_token');
  return { id: u.id, unitId: u.unit_id, isAdmin: u.is_admin, lang };
}

/** The actor a bearer token stands for: signed, unexpired, carrying the user's current token version, user active. */
/** The token of an `Authorization: Bearer …` header; `auth.required` for anything else. */
export function bearerToken(header: string | undefined): string {
  if (!header?.startsWith('Bearer ')) throw new ChanceryError('auth.required');
  return header.slice(7).trim();
}

export async function actorFromToken(db: Executor, auth: AuthConfig, users: UserCache, token: string, lang: 'zh-CN' | 'en'): Promise<Actor> {
  const claims = verifyToken(token, auth.secret);
  if (!claims) throw new ChanceryError('auth.invalid_token');
  return actorOf(db, users, claims.sub, lang, claims.ver);
}

/** Resolves the caller from `Authorization: Bearer <token>` or `X-API-Key`. */
export function authenticate(db: Executor, auth: AuthConfig, users: UserCache = createUserCache()): MiddlewareHandler<AppEnv> {
  return async function authenticateCaller(c, next) {
    const lang = requestLang(c);
    const header = c.req.header('authorization') ?? '';
    const apiKey = c.req.header('x-api-key') ?? (header.startsWith('ApiKey ') ? header.slice(7).trim() : undefined);
    if (apiKey) {
      const [row] = await db.execute<{ user_id: string; origins: string[] }>(
        'SELECT user_id, origins FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL',
        [hashApiKey(apiKey)],
      );
      if (!row) throw new ChanceryError('auth.invalid_token');
      const origin = c.req.header('origin');
      // A key bound to origins is only good from those pages (a leaked key cannot be used from elsewhere in a browser).
      if (origin && row.origins.length > 0 && !row.origins.includes(origin)) throw new ChanceryError('auth.forbidden');
      c.set('apiKeyOrigins', row.origins);
      c.set('actor', await actorOf(db, users, row.user_id, lang));
      return next();
    }
    c.set('actor', await actorFromToken(db, auth, users, bearerToken(header), lang));
    return next();
  };
}

export function requireAdmin(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor.isAdmin) throw new ChanceryError('auth.admin_only');
  return actor;
}
