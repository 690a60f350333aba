/**
 * At-most-once commands: the first request with an `Idempotency-Key` stores its response in the
 * same transaction as its effects, so a retry (after a timeout, a crash, a lost response) gets the
 * first response back and changes nothing. A concurrent duplicate waits on the key's row lock.
 */
import { createHash } from 'node:crypto';
import { ChanceryError } from '../errors.js';
import { canonicalJson } from '../persistence/canonical-json.js';
import type { Tx } from '../persistence/types.js';

export interface Replayable<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

export async function once<T>(
  tx: Tx,
  key: { userId: string; key: string; hash: string } | null,
  now: Date,
  run: () => Promise<{ status: number; body: T }>,
): Promise<Replayable<T>> {
  if (!key) return { ...(await run()), replayed: false };
  const claimed = await tx.query(
    `INSERT INTO idempotency_key (key, user_id, request_hash, status, body, created_at) VALUES ($1, $2, $3, 0, NULL, $4) ON CONFLICT DO NOTHING`,
    [key.key, key.userId, key.hash, now],
  );
  if (claimed.rowCount === 0) {
    const [prev] = await tx.execute<{ request_hash: string; status: number; body: T }>(
      'SELECT request_hash, status, body FROM idempotency_key WHERE user_id = $1 AND key = $2',
      [key.userId, key.key],
    );
    if (!prev || prev.request_hash !== key.hash) throw new ChanceryError('request.idempotency_mismatch', { key: key.key });
    return { status: prev.status, body: prev.body, replayed: true };
  }
  const result = await run();
  await tx.execute('UPDATE idempotency_key SET status = $3, body = $4 WHERE user_id = $1 AND key = $2', [
    key.userId,
    key.key,
    result.status,
    result.body as Record<string, unknown>,
  ]);
  return { ...result, replayed: false };
}
