import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../../core/http/token.js';

const secret = 'a-secret-of-at-least-thirty-two-characters!!';

describe('bearer tokens', () => {
  it('accepts its own unexpired token and yields the user', () => {
    const t = signToken({ sub: 'u1', ver: 3, iat: 1000, exp: 2000 }, secret);
    expect(verifyToken(t, secret, 1500)).toEqual({ sub: 'u1', ver: 3 });
  });
  it('refuses a correctly signed token without an expiry or without a token version', () => {
    const sign = (payload: object) => {
      const body = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    };
    expect(verifyToken(sign({ sub: 'u1', ver: 0 }), secret, 1500)).toBeNull();
    expect(verifyToken(sign({ sub: 'u1', exp: 2000 }), secret, 1500)).toBeNull();
    expect(verifyToken(sign({ sub: 'u1', ver: 0, exp: 2000 }), secret, 1500)).toEqual({ sub: 'u1', ver: 0 });
  });
  it('refuses an expired token, a token signed with another secret, and a tampered payload', () => {
    const t = signToken({ sub: 'u1', ver: 0, iat: 1000, exp: 2000 }, secret);
    expect(verifyToken(t, secret, 2000)).toBeNull();
    expect(verifyToken(t, 'another-secret-of-at-least-thirty-two-chars', 1500)).toBeNull();
    const [h, , sig] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', iat: 1000, exp: 9999 })).toString('base64url')}.${sig}`;
    expect(verifyToken(forged, secret, 1500)).toBeNull();
  });
  it('refuses an unsigned ("alg": "none") token', () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"admin","exp":9999999999}').toString('base64url')}.`;
    expect(verifyToken(none, secret)).toBeNull();
  });
});
