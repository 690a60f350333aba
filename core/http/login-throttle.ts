/**
 * Login throttling, kept in the database so every node counts the same guesses. Each account
 * (by username, known or not, so the answer reveals nothing) and each client address has a
 * counter of failed sign-ins: past the free attempts every further failure — and every try while
 * blocked — makes the wait double (1 s, 2 s, 4 s …) up to the lock time, which is then a
 * temporary lock. A success clears the account's counter; failures older than the lock time are
 * forgotten. An administrator can unlock an account. When an account or an address starts waiting
 * and when its wait reaches the lock, the system audit chain records it (`auth.throttled`,
 * `auth.locked`), in the transaction that counted the failure.
 */
import type { LoginThrottleConfig } from '../config.js';
import { ChanceryError } from '../errors.js';
import { appendSystemAudit } from '../persistence/system-audit.js';
import type { Database } from '../persistence/types.js';
import type { Logger } from '../runtime/ports.js';

export interface LoginThrottle {
  /** Refuses with `auth.too_many_attempts` (429, `details.retryAfter` in seconds) while the account or the address waits; that try counts too. */
  check(username: string, ip: string, now: Date): Promise<void>;
  failed(username: string, ip: string, now: Date): Promise<void>;
  succeeded(username: string): Promise<void>;
  /**
   * Clears the account's counter and those of the addresses its latest failures came from, and
   * records it (`auth.unlocked`) in the system audit chain; answers those addresses.
   */
  unlock(username: string, by: { actorId: string; at: Date }): Promise<{ addresses: string[] }>;
}

const accountKey = (username: string) => `u:${username.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

// One statement per key: the counter, its window and the new wait are computed where the row is
// locked, so concurrent failures on several nodes all count.
const FAILURES = `(CASE WHEN t.last_failure < $3::timestamptz - $5::int * interval '1 second' THEN 1 ELSE t.failures + 1 END)`;
const RECORD = `INSERT INTO login_throttle AS t (key, failures, blocked_until, last_failure, ips) VALUES ($1, 1, NULL, $3::timestamptz, ARRAY[$4::text])
  ON CONFLICT (key) DO UPDATE SET
    failures = ${FAILURES},
    blocked_until = CASE WHEN ${FAILURES} > $2::int
      THEN greatest(t.blocked_until, $3::timestamptz + least(power(2, least(${FAILURES} - $2::int - 1, 30)), $5::int) * interval '1 second') END,
    last_failure = $3::timestamptz,
    ips = CASE WHEN $4::text = ANY(t.ips) THEN t.ips ELSE (array_append(t.ips, $4::text))[greatest(1, cardinality(t.ips) - 14):] END
  RETURNING failures, blocked_until`;

/**
 * @example
 * const throttle = createLoginThrottle(db, config.loginThrottle, logger);
 * await throttle.check(username, ip, now);   // 429 while blocked
 */
export function createLoginThrottle(db: Database, config: LoginThrottleConfig, logger: Logger): LoginThrottle {
  async function record(key: string, free: number, ip: string, now: Date, who: { username?: string }): Promise<Date | null> {
    return db.transaction(async (tx) => {
      const [row] = await tx.execute<{ failures: number; blocked_until: Date | null }>(RECORD, [key, free, now, ip, config.lockSeconds]);
      const failures = row?.failures ?? 0;
      const wait = 2 ** Math.min(failures - free - 1, 30);
      const locked = wait >= config.lockSeconds;
      // The audit trail of an attack: when the waits begin and when they reach the lock.
      if (failures === free + 1 || (locked && wait / 2 < config.lockSeconds)) {
        const blockedUntil = row?.blocked_until?.toISOString();
        logger.warn('sign-in throttled / 登录尝试过多，已限制', { ...who, ip, failures, blockedUntil, locked });
        await appendSystemAudit(tx, {
          kind: locked ? 'auth.locked' : 'auth.throttled',
          target: who.username ? key.slice(2) : ip,
          payload: { scope: who.username ? 'account' : 'address', ip, failures, blockedUntil },
          at: now,
        });
      }
      return row?.blocked_until ?? null;
    });
  }

  async function failed(username: string, ip: string, now: Date): Promise<Date | null> {
    const a = await record(accountKey(username), config.accountFreeAttempts, ip, now, { username });
    const b = await record(ipKey(ip), config.ipFreeAttempts, ip, now, {});
    if (Math.random() < 0.01) {
      await db.execute(
        `DELETE FROM login_throttle WHERE last_failure < $1::timestamptz - $2::int * interval '2 second' AND (blocked_until IS NULL OR blocked_until < $1::timestamptz)`,
        [now, config.lockSeconds],
      );
    }
    return [a, b].reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);
  }

  return {
    async check(username, ip, now) {
      const rows = await db.execute<{ blocked_until: Date | null }>(
        'SELECT blocked_until FROM login_throttle WHERE key = ANY($1::text[]) AND blocked_until > $2',
        [[accountKey(username), ipKey(ip)], now],
      );
      if (rows.length === 0) return;
      const until = (await failed(username, ip, now)) ?? rows[0]!.blocked_until!;
      const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
      throw new ChanceryError('auth.too_many_attempts', { retryAfter });
    },
    async failed(username, ip, now) {
      await failed(username, ip, now);
    },
    async succeeded(username) {
      await db.execute('DELETE FROM login_throttle WHERE key = $1', [accountKey(username)]);
    },
    unlock: (username, by) =>
      db.transaction(async (tx) => {
        const [row] = await tx.execute<{ ips: string[]; blocked_until: Date | null }>(
          'DELETE FROM login_throttle WHERE key = $1 RETURNING ips, blocked_until',
          [accountKey(username)],
        );
        const addresses = row?.ips ?? [];
        if (addresses.length > 0) await tx.execute('DELETE FROM login_throttle WHERE key = ANY($1::text[])', [addresses.map(ipKey)]);
        const wasBlocked = Boolean(row?.blocked_until && row.blocked_until > by.at);
        await appendSystemAudit(tx, {
          kind: 'auth.unlocked',
          actorId: by.actorId,
          target: accountKey(username).slice(2),
          payload: { addresses, wasBlocked },
          at: by.at,
        });
        return { addresses };
      }),
  };
}
