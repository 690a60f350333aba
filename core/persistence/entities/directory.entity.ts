/**
 * Directory tables: org units, users, roles, role-in-unit memberships, delegations and API keys.
 * The schema itself is owned by the migrations; these map its columns for the ORM. References
 * are plain ids: the engine reads them with lean SQL.
 */
import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

const id = () => p.uuid().primary().onCreate(() => randomUUID());
const createdAt = () => p.datetime().columnType('timestamptz').onCreate(() => new Date());

export const OrgUnit = defineEntity({
  name: 'OrgUnit',
  tableName: 'org_unit',
  properties: {
    id: id(),
    parentId: p.uuid().nullable(),
    code: p.text().unique(),
    name: p.text(),
    nameEn: p.text().default(''),
    kind: p.enum(['county', 'office', 'department', 'township', 'section'] as const).columnType('text'),
    sort: p.integer().default(0),
    active: p.boolean().default(true),
    /** Full pinyin and initials of the name, for search (" xianzhengfubangongshi xzfbgs"). */
    namePinyin: p.text().default(''),
  },
});

export const AppUser = defineEntity({
  name: 'AppUser',
  tableName: 'app_user',
  properties: {
    id: id(),
    username: p.text().unique(),
    displayName: p.text(),
    displayNameEn: p.text().default(''),
    /** Full pinyin and initials of the name, for search (" liuyang ly"). */
    namePinyin: p.text().default(''),
    passwordHash: p.text().nullable().hidden(),
    unitId: p.uuid().nullable(),
    managerId: p.uuid().nullable(),
    isAdmin: p.boolean().default(false),
    active: p.boolean().default(true),
    /** Every access token carries it; bumped on a password change, deactivation or role change, which ends the user's sessions. */
    tokenVersion: p.integer().default(0),
    createdAt: createdAt(),
  },
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
    userId: p.uuid().primary(),
    roleKey: p.text().primary(),
    unitId: p.uuid().primary(),
  },
});

export const Delegation = defineEntity({
  name: 'Delegation',
  tableName: 'delegation',
  properties: {
    id: id(),
    fromUserId: p.uuid(),
    toUserId: p.uuid(),
    startsAt: p.datetime().columnType('timestamptz'),
    endsAt: p.datetime().columnType('timestamptz'),
    definitionKey: p.text().nullable(),
    createdAt: createdAt(),
  },
});

export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: id(),
    name: p.text(),
    keyHash: p.text().unique().hidden(),
    userId: p.uuid(),
    origins: p.json<string[]>(),
    createdAt: createdAt(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
  },
});
