/**
 * Webhook signatures: `X-Chancery-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` and
 * `X-Chancery-Timestamp: <unix seconds>`. Receivers verify both and refuse deliveries older than
 * the replay window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-chancery-signature';
export const TIMESTAMP_HEADER = 'x-chancery-timestamp';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers (and tests): the signature matches and the timestamp is inside the window.
 *
 * @example
 * const ok = verifyWebhook({ secret, body: rawBody, signature: req.headers['x-chancery-signature'], timestamp: req.headers['x-chancery-timestamp'] });
 */
export function verifyWebhook(input: {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now?: Date;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(ts)) return false;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - ts) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
