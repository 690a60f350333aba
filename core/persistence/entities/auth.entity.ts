/** Sign-in state shared by every node: refresh tokens and failed-login counters. */
import { defineEntity, p } from '@mikro-orm/core';
import { fk } from './columns.js';
import { AppUser } from './directory.entity.js';

const timestamp = () => p.datetime().columnType('timestamptz');

/** A rotating refresh token, stored as its sha256 only. A family is one sign-in and its rotations. */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(AppUser).fieldName('user_id').updateRule('no action').deleteRule('cascade').foreignKeyName(fk('refresh_token', 'user_id')),
    family: p.uuid(),
    tokenHash: p.text().unique('refresh_token_token_hash_key'),
    tokenVersion: p.integer(),
    expiresAt: timestamp(),
    createdAt: timestamp(),
    usedAt: timestamp().nullable(),
    revokedAt: timestamp().nullable(),
  },
  indexes: [
    { name: 'refresh_token_family_idx', properties: ['family'] },
    { name: 'refresh_token_user_idx', properties: ['user'] },
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
