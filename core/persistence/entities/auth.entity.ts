/** Sign-in state shared by every node: refresh tokens and failed-login counters. */
import { defineEntity, p } from '@mikro-orm/core';

const timestamp = () => p.datetime().columnType('timestamptz');

/** A rotating refresh token, stored as its sha256 only. A family is one sign-in and its rotations. */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    family: p.uuid(),
    tokenHash: p.text().unique(),
    tokenVersion: p.integer(),
    expiresAt: timestamp(),
    createdAt: timestamp(),
    usedAt: timestamp().nullable(),
    revokedAt: timestamp().nullable(),
  },
  indexes: [
    { name: 'refresh_token_family_idx', properties: ['family'] },
    { name: 'refresh_token_user_idx', properties: ['userId'] },
  ],
});

/** Failed sign-ins of one account (`u:<username>`) or one client address (`ip:<address>`). */
export const LoginThrottle = defineEntity({
  name: 'LoginThrottle',
  tableName: 'login_throttle',
  properties: {
    key: p.text().primary(),
    failures: p.integer(),
    blockedUntil: timestamp().nullable(),
    lastFailure: timestamp(),
    /** The addresses of the latest failures (at most 16), which an unlock clears too. */
    ips: p.array().default([]),
  },
});
