/** The directory over HTTP: units, users with their roles, roles, delegations, the signed-in user. */
import { component } from '../component.js';
import { dateTime, language, nullableString } from './common.js';

const unitKind = { enum: ['county', 'office', 'department', 'township', 'section'] } as const;

const unitProperties = {
  id: { type: 'string', format: 'uuid' },
  parentId: nullableString,
  code: { type: 'string' },
  name: { type: 'string' },
  nameEn: { type: 'string' },
  kind: unitKind,
  sort: { type: 'integer' },
  active: { type: 'boolean' },
} as const;
const unitRequired = ['id', 'parentId', 'code', 'name', 'nameEn', 'kind', 'sort', 'active'] as const;

export const OrgUnit = component('OrgUnit', { type: 'object', required: unitRequired, properties: unitProperties } as const);

/** A unit with its sub-units (`?tree=true`); children are not typed recursively. */
export const OrgUnitNode = component('OrgUnitNode', {
  type: 'object',
  required: [...unitRequired, 'children'],
  properties: { ...unitProperties, children: { type: 'array', items: { $ref: '#/components/schemas/OrgUnitNode' } } },
} as const);

export const Role = component('Role', {
  type: 'object',
  required: ['key', 'name', 'nameEn'],
  properties: { key: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' } },
} as const);

/** What every directory answer says about a user (a list row, a user with their roles). */
const userProperties = {
  id: { type: 'string', format: 'uuid' },
  username: { type: 'string' },
  displayName: { type: 'string' },
  displayNameEn: { type: 'string' },
  unitId: nullableString,
  active: { type: 'boolean' },
  isAdmin: { type: 'boolean' },
} as const;
const userRequired = ['id', 'username', 'displayName', 'displayNameEn', 'unitId', 'active', 'isAdmin'] as const;

export const UserListItem = component('UserListItem', {
  type: 'object',
  required: [...userRequired, 'unitName', 'unitNameEn'],
  properties: { ...userProperties, unitName: nullableString, unitNameEn: nullableString },
} as const);

/** A user with their roles in units. */
export const UserWithRoles = component('UserWithRoles', {
  type: 'object',
  required: [...userRequired, 'managerId', 'roles'],
  properties: {
    ...userProperties,
    managerId: nullableString,
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'unitId', 'unitCode', 'unitName', 'unitNameEn'],
        properties: {
          role: { type: 'string' },
          unitId: { type: 'string' },
          unitCode: { type: 'string' },
          unitName: { type: 'string' },
          unitNameEn: nullableString,
        },
      },
    },
  },
} as const);

export const Delegation = component('Delegation', {
  type: 'object',
  required: ['id', 'fromUserId', 'toUserId', 'startsAt', 'endsAt', 'definitionKey', 'fromUsername', 'fromDisplayName', 'toUsername', 'toDisplayName'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    fromUserId: { type: 'string' },
    toUserId: { type: 'string' },
    startsAt: dateTime,
    endsAt: dateTime,
    definitionKey: nullableString,
    fromUsername: { type: 'string' },
    fromDisplayName: { type: 'string' },
    toUsername: { type: 'string' },
    toDisplayName: { type: 'string' },
  },
} as const);

/** The signed-in user. */
export const Me = component('Me', {
  type: 'object',
  required: ['id', 'username', 'displayName', 'unitId', 'isAdmin', 'roles', 'lang'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    displayNameEn: nullableString,
    unitId: nullableString,
    isAdmin: { type: 'boolean' },
    lang: language,
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'unitId', 'unitName'],
        properties: { role: { type: 'string' }, unitId: { type: 'string' }, unitName: { type: 'string' } },
      },
    },
  },
} as const);
