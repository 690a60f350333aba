/**
 * Directory tables: org units, users, roles, role-in-unit memberships, delegations and API keys.
 * With the other entity files these are the one description of the schema: MikroORM's schema
 * generator, compared with a migrated database, finds nothing to change (`npm run check:schema`).
 * The administrators' changes go through these entities (directory-admin.ts, the API key admin);
 * the engine's hot path reads the tables with lean SQL. References are mapped as relations so the
 * foreign keys are part of the description.
 */
import { defineEntity, p } from '@mikro-orm/core';
import { createdAt, fk, timestamp, uuidId } from './columns.js';

export const OrgUnit = defineEntity({
  name: 'OrgUnit',
  tableName: 'org_unit',
  properties: {
    id: uuidId(),
    // Self-reference: lazy, so the schema exists before it refers to itself.
    parent: () =>
      p.manyToOne(OrgUnit).fieldName('parent_id').nullable().updateRule('no action').deleteRule('no action').foreignKeyName(fk('org_unit', 'parent_id')),
    code: p.text().unique('org_unit_code_key'),
    name: p.text(),
    nameEn: p.text().default(''),
    kind: p.enum(['county', 'office', 'department', 'township', 'section'] as const).columnType('text'),
    sort: p.integer().default(0),
    active: p.boolean().default(true),
    /** Full pinyin and initials of the name, for search (" xianzhengfubangongshi xzfbgs"). */
    namePinyin: p.text().default(''),
  },
  indexes: [{ name: 'org_unit_parent_idx', properties: ['parent'] }],
});

export const AppUser = defineEntity({
  name: 'AppUser',
  tableName: 'app_user',
  properties: {
    id: uuidId(),
    username: p.text().unique('app_user_username_key'),
    displayName: p.text(),
    displayNameEn: p.text().default(''),
    /** Full pinyin and initials of the name, for search (" liuyang ly"). */
    namePinyin: p.text().default(''),
    passwordHash: p.text().nullable().hidden(),
    unit: () => p.manyToOne(OrgUnit).fieldName('unit_id').nullable().updateRule('no action').deleteRule('no action').foreignKeyName(fk('app_user', 'unit_id')),
    manager: () =>
      p.manyToOne(AppUser).fieldName('manager_id').nullable().updateRule('no action').deleteRule('no action').foreignKeyName(fk('app_user', 'manager_id')),
    isAdmin: p.boolean().default(false),
    active: p.boolean().default(true),
    /** Every access token carries it; bumped on a password change, deactivation or role change, which ends the user's sessions. */
    tokenVersion: p.integer().default(0),
    createdAt: createdAt(),
  },
  indexes: [{ name: 'app_user_unit_idx', properties: ['unit'] }],
});

export const Role = defineEntity({
  name: 'Role',
  tableName: 'role',
  properties: {
    key: p.text().primary(),
    name: p.text(),
    nameEn: p.text().default(''),
  },
});

export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'membership',
  properties: {
    user: () => p.manyToOne(AppUser).primary().fieldName('user_id').deleteRule('cascade').updateRule('no action').foreignKeyName(fk('membership', 'user_id')),
    role: () => p.manyToOne(Role).primary().fieldName('role_key').deleteRule('cascade').updateRule('no action').foreignKeyName(fk('membership', 'role_key')),
    unit: () => p.manyToOne(OrgUnit).primary().fieldName('unit_id').deleteRule('cascade').updateRule('no action').foreignKeyName(fk('membership', 'unit_id')),
  },
  indexes: [{ name: 'membership_role_unit_idx', properties: ['role', 'unit'] }],
});

export const Delegation = defineEntity({
  name: 'Delegation',
  tableName: 'delegation',
  properties: {
    id: uuidId(),
    fromUser: () =>
      p.manyToOne(AppUser).fieldName('from_user_id').deleteRule('cascade').updateRule('no action').foreignKeyName(fk('delegation', 'from_user_id')),
    toUser: () => p.manyToOne(AppUser).fieldName('to_user_id').deleteRule('cascade').updateRule('no action').foreignKeyName(fk('delegation', 'to_user_id')),
    startsAt: timestamp(),
    endsAt: timestamp(),
    definitionKey: p.text().nullable(),
    createdAt: createdAt(),
  },
  indexes: [
    { name: 'delegation_from_idx', properties: ['fromUser', 'startsAt', 'endsAt'] },
    { name: 'delegation_to_idx', properties: ['toUser', 'startsAt', 'endsAt'] },
  ],
  checks: [
    { name: 'delegation_check', expression: 'ends_at > starts_at' },
    { name: 'delegation_check1', expression: 'from_user_id <> to_user_id' },
  ],
});

export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: uuidId(),
    name: p.text(),
    keyHash: p.text().unique('api_key_key_hash_key').hidden(),
    user: () => p.manyToOne(AppUser).fieldName('user_id').updateRule('no action').deleteRule('no action').foreignKeyName(fk('api_key', 'user_id')),
    origins: p.json<string[]>().defaultRaw(`'[]'`),
    createdAt: createdAt(),
    revokedAt: timestamp().nullable(),
  },
});
