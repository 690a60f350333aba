/**
 * Rotating refresh tokens. Signing in starts a family; each refresh spends the token and issues
 * the next one of the family. A token presented a second time means it was copied: the whole
 * family is revoked, so the thief and the owner both have to sign in again. Only sha256 hashes
 * are stored; a token is refused once its user's token version moved on.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ChanceryError } from '../errors.js';
import type { Database, Executor } from '../persistence/types.js';
import type { Logger } from '../runtime/ports.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedRefresh {
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** A new refresh token for `userId`, in `family` (a new family when omitted: a fresh sign-in). */
export async function issueRefreshToken(
  exec: Executor,
  user: { id: string; tokenVersion: number },
  ttlSeconds: number,
  now: Date,
  family: string = randomUUID(),
): Promise<IssuedRefresh> {
  const refreshToken = `crt_${randomBytes(32).toString('base64url')}`;
  const refreshExpiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await exec.execute('INSERT INTO refresh_token (id, user_id, family, token_hash, token_version, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    randomUUID(),
    user.id,
    family,
    hashOf(refreshToken),
    user.tokenVersion,
    refreshExpiresAt,
    now,
  ]);
  return { refreshToken, refreshExpiresAt };
}

/**
 * Spends `token` and issues the next of its family, in one transaction. Anything wrong (unknown,
 * expired, revoked, reused, the user deactivated or their token version bumped) is `auth.invalid_token`.
 */
export async function rotateRefreshToken(
  db: Database,
  token: string,
  ttlSeconds: number,
  now: Date,
  logger: Logger,
): Promise<IssuedRefresh & { userId: string; tokenVersion: number }> {
  const reused = await db.transaction(async (tx) => {
    const [row] = await tx.execute<{
      id: string;
      user_id: string;
      family: string;
      token_version: number;
      expires_at: Date;
      used_at: Date | null;
      revoked_at: Date | null;
      active: boolean;
      current_version: number;
    }>(
      `SELECT r.id, r.user_id, r.family, r.token_version, r.expires_at, r.used_at, r.revoked_at, u.active, u.token_version AS current_version
       FROM refresh_token r JOIN app_user u ON u.id = r.user_id WHERE r.token_hash = $1 FOR UPDATE OF r`,
      [hashOf(token)],
    );
    if (!row) throw new ChanceryError('auth.invalid_token');
    if (row.used_at || row.revoked_at) {
      // Spent before: someone holds a copy. End the whole sign-in.
      await tx.execute('UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, $2) WHERE family = $1', [row.family, now]);
      return { family: row.family, userId: row.user_id, wasRevoked: row.revoked_at !== null };
    }
    if (row.expires_at <= now || !row.active || row.token_version !== row.current_version) throw new ChanceryError('auth.invalid_token');
    await tx.execute('UPDATE refresh_token SET used_at = $2 WHERE id = $1', [row.id, now]);
    const next = await issueRefreshToken(tx, { id: row.user_id, tokenVersion: row.current_version }, ttlSeconds, now, row.family);
    return { ...next, userId: row.user_id, tokenVersion: row.current_version };
  });
  if ('family' in reused) {
    if (!reused.wasRevoked)
      logger.warn('refresh token reused: sign-in revoked / 刷新令牌被重复使用，已注销该次登录', { userId: reused.userId, family: reused.family });
    throw new ChanceryError('auth.invalid_token');
  }
  return reused;
}

/** Revokes the sign-in (family) `token` belongs to; an unknown token is not an error (logging out twice is fine). */
export async function revokeRefreshToken(exec: Executor, token: string, now: Date): Promise<void> {
  await exec.execute('UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, $2) WHERE family = (SELECT family FROM refresh_token WHERE token_hash = $1)', [
    hashOf(token),
    now,
  ]);
}
