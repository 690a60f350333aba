/**
 * Compact HS256 tokens (JWT) with Node's synchronous HMAC: verifying one is on every request's
 * path, and WebCrypto's async HMAC cost several times more there. Every token carries its
 * user's token version (`ver`) and an expiry; one without either is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export interface TokenClaims {
  sub: string;
  /** The user's token version when the token was issued. */
  ver: number;
  exp: number;
  iat: number;
}

export function signToken(payload: TokenClaims, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The subject and token version of a valid, unexpired token; `null` for anything else. */
export function verifyToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): { sub: string; ver: number } | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown; ver?: unknown };
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return null;
    if (typeof payload.ver !== 'number' || !Number.isInteger(payload.ver)) return null;
    return { sub: payload.sub, ver: payload.ver };
  } catch {
    return null;
  }
}
