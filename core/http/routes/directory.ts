/**
 * The directory: org units, users and roles for every signed-in user (pickers), their
 * administration for admins, and out-of-office delegations (anyone for themselves, admins for anyone).
 * Users are referred to by id or username, units by id or code.
 */
import type { Context } from 'hono';
import { createDirectoryAdmin, type UnitInput, type UserInput } from '../../directory/directory-admin.js';
import { createDirectoryStore, isUuid, unitTree } from '../../directory/directory-store.js';
import type { DirectoryUser, OrgUnit } from '../../directory/types.js';
import { ChanceryError } from '../../errors.js';
import type { AppEnv } from '../auth.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { Delegation, OrgUnit as OrgUnitSchema, OrgUnitNode, Role, UserListItem, UserWithRoles } from '../schemas/directory.js';
import { list, Ok, page } from '../schemas/common.js';

const ref = { type: 'string', minLength: 1, maxLength: 100 } as const;
const nullableRef = { type: ['string', 'null'], minLength: 1, maxLength: 100 } as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
const nameEn = { type: 'string', maxLength: 200 } as const;
const unitKind = { enum: ['county', 'office', 'department', 'township', 'section'] } as const;
const code = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } as const;
const username = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,63}$' } as const;
const password = { type: 'string', minLength: 8, maxLength: 200 } as const;
const roleKey = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' } as const;
const when = { type: 'string', format: 'date-time' } as const;
const definitionKey = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' } as const;

const unitProps = { code, name, nameEn, kind: unitKind, parentId: nullableRef, sort: { type: 'integer', minimum: 0, maximum: 100000 } } as const;
const userProps = {
  username, displayName: name, displayNameEn: nameEn, password, unitId: nullableRef, managerId: nullableRef, isAdmin: { type: 'boolean' },
};
const delegationProps = { to: ref, startsAt: when, endsAt: when, definitionKey } as const;

interface UnitBody { code: string; name: string; nameEn?: string; kind: UnitInput['kind']; parentId?: string | null; sort?: number }
interface UserBody {
  username: string; displayName: string; displayNameEn?: string; password?: string;
  unitId?: string | null; managerId?: string | null; isAdmin?: boolean; active?: boolean;
}
interface DelegationBody { from?: string; to: string; startsAt: string; endsAt: string; definitionKey?: string }

export function directoryRoutes(s: AppServices): AnyRoute[] {
  const store = createDirectoryStore(s.db);
  const admin = createDirectoryAdmin(s.db);

  async function user(idOrName: string, pointer?: string): Promise<DirectoryUser> {
    const u = await store.getUser(idOrName);
    if (!u) throw new ChanceryError('directory.user_not_found', { user: idOrName }, pointer === undefined ? {} : { pointer });
    return u;
  }
  async function unit(idOrCode: string, pointer?: string): Promise<OrgUnit> {
    const u = await store.getUnit(idOrCode);
    if (!u) throw new ChanceryError('directory.unit_not_found', { unit: idOrCode }, pointer === undefined ? {} : { pointer });
    return u;
  }
  /** A unit new things may be put in: it exists and is active. */
  async function liveUnit(idOrCode: string, pointer: string): Promise<OrgUnit> {
    const u = await unit(idOrCode, pointer);
    if (!u.active) throw new ChanceryError('directory.unit_inactive', { unit: u.code }, { pointer });
    return u;
  }
  async function userWithRoles(id: string) {
    const u = await user(id);
    const roles = await s.db.execute(
      `SELECT m.role_key AS role, m.unit_id AS "unitId", o.code AS "unitCode", o.name AS "unitName", o.name_en AS "unitNameEn"
       FROM membership m JOIN org_unit o ON o.id = m.unit_id WHERE m.user_id = $1 ORDER BY m.role_key, o.code`,
      [u.id],
    );
    return { ...u, roles };
  }
  /** Unit and manager references in a user body, resolved to ids. */
  async function userRefs(body: Partial<UserBody>): Promise<Partial<UserInput>> {
    const out: Partial<UserInput> = {};
    if (body.unitId !== undefined) out.unitId = body.unitId === null ? null : (await liveUnit(body.unitId, '/unitId')).id;
    if (body.managerId !== undefined) out.managerId = body.managerId === null ? null : (await user(body.managerId, '/managerId')).id;
    return out;
  }

  /** Creates a delegation; `location` is where the caller lists it (admins' list or their own). */
  async function createDelegation(c: Context<AppEnv>, from: DirectoryUser, body: DelegationBody, location: string) {
    const to = await user(body.to, '/to');
    if (to.id === from.id) throw new ChanceryError('directory.self_delegation', { user: from.username }, { pointer: '/to' });
    if (!to.active) throw new ChanceryError('directory.user_inactive', { user: to.username }, { pointer: '/to' });
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) throw new ChanceryError('directory.delegation_period', { startsAt: body.startsAt, endsAt: body.endsAt }, { pointer: '/endsAt' });
    if (body.definitionKey) {
      const known = await s.db.execute('SELECT 1 FROM definition WHERE key = $1 LIMIT 1', [body.definitionKey]);
      if (known.length === 0) throw new ChanceryError('definition.not_found', { key: body.definitionKey }, { pointer: '/definitionKey' });
    }
    const id = await admin.createDelegation({ fromUserId: from.id, toUserId: to.id, startsAt, endsAt, definitionKey: body.definitionKey ?? null });
    const created = (await store.listDelegations({ userId: from.id })).find((d) => d.id === id);
    c.header('Location', `${location}/${id}`);
    return c.json(created as never, 201);
  }

  return [
    // ---- reads, for every signed-in user ----
    defineRoute({
      method: 'get',
      path: '/api/directory/units',
      tag: 'directory',
      access: 'user',
      summary: i18n('组织机构（平铺或 ?tree=true 树形）', 'Org units (flat, or nested with ?tree=true)'),
      query: { type: 'object', additionalProperties: false, properties: { tree: { type: 'boolean' }, includeInactive: { type: 'boolean' } } },
      response: list({ anyOf: [OrgUnitSchema, OrgUnitNode] }),
      handler: async (c, { query }) => {
        const units = await store.listUnits({ includeInactive: Boolean(query.includeInactive && c.get('actor').isAdmin) });
        return c.json({ items: query.tree ? unitTree(units) : units });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/directory/users',
      tag: 'directory',
      access: 'user',
      summary: i18n('人员查询（按姓名、拼音用户名、单位、角色）', 'Find people (by name, pinyin username, unit, role)'),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          q: { type: 'string', maxLength: 100 }, unit: ref, subunits: { type: 'boolean' }, role: roleKey, includeInactive: { type: 'boolean' },
          page: { type: 'integer', minimum: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200 },
        },
      },
      response: page(UserListItem),
      errors: ['directory.unit_not_found'],
      handler: async (c, { query }) => {
        const page = query.page ?? 1;
        const pageSize = query.pageSize ?? 50;
        const result = await store.searchUsers({
          ...(query.q?.trim() ? { q: query.q.trim() } : {}),
          ...(query.unit ? { unitId: (await unit(query.unit, '/unit')).id, subunits: query.subunits ?? false } : {}),
          ...(query.role ? { role: query.role } : {}),
          includeInactive: Boolean(query.includeInactive && c.get('actor').isAdmin),
          page,
          pageSize,
        });
        return c.json({ ...result, page, pageSize });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/directory/users/:id',
      tag: 'directory',
      access: 'user',
      summary: i18n('人员详情及其岗位（角色-单位）', 'A user with their roles in units'),
      response: UserWithRoles,
      errors: ['directory.user_not_found'],
      handler: async (c, { params }) => c.json(await userWithRoles(params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/directory/roles',
      tag: 'directory',
      access: 'user',
      summary: i18n('角色列表', 'Roles'),
      response: list(Role),
      handler: async (c) => c.json({ items: await store.listRoles() }),
    }),

    // ---- units (admin) ----
    defineRoute({
      method: 'post',
      path: '/api/directory/units',
      tag: 'directory',
      access: 'admin',
      status: 201,
      summary: i18n('新建单位', 'Create an org unit'),
      body: { type: 'object', additionalProperties: false, required: ['code', 'name', 'kind'], properties: unitProps },
      response: OrgUnitSchema,
      errors: ['directory.unit_not_found', 'directory.unit_inactive', 'directory.duplicate'],
      handler: async (c, { body }) => {
        const parentId = body.parentId ? (await liveUnit(body.parentId, '/parentId')).id : null;
        const id = await admin.createUnit({ ...body, parentId });
        c.header('Location', `/api/directory/units/${id}`);
        return c.json((await unit(id)) as never, 201);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/directory/units/:id',
      tag: 'directory',
      access: 'admin',
      summary: i18n('修改单位（改名、调整上级、排序、启用/停用）', 'Update an org unit (rename, move, reorder, (de)activate)'),
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...unitProps, active: { type: 'boolean' } } },
      response: OrgUnitSchema,
      errors: ['directory.unit_not_found', 'directory.duplicate', 'directory.unit_cycle', 'directory.unit_in_use'],
      handler: async (c, { body, params }) => {
        const target = await unit(params.id);
        const { active, parentId, ...rest } = body;
        const patch: Partial<UnitInput> & { active?: boolean } = { ...rest };
        if (parentId !== undefined) patch.parentId = parentId === null ? null : (await unit(parentId, '/parentId')).id;
        if (active === true) patch.active = true;
        // Both changes or neither: a refused deactivation must not leave a half-applied rename.
        await s.db.transaction(async (tx) => {
          const inTx = createDirectoryAdmin(tx);
          await inTx.updateUnit(target.id, patch);
          if (active === false) await inTx.deactivateUnit(target.id);
        });
        return c.json(await unit(target.id));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/directory/units/:id',
      tag: 'directory',
      access: 'admin',
      summary: i18n('停用单位（保留历史；须先调离人员、停用下级单位）', 'Deactivate an org unit (history is kept; move its people and sub-units first)'),
      response: OrgUnitSchema,
      errors: ['directory.unit_not_found', 'directory.unit_in_use'],
      handler: async (c, { params }) => {
        const target = await unit(params.id);
        await admin.deactivateUnit(target.id);
        return c.json(await unit(target.id));
      },
    }),

    // ---- users (admin) ----
    defineRoute({
      method: 'post',
      path: '/api/directory/users',
      tag: 'directory',
      access: 'admin',
      status: 201,
      summary: i18n('新建用户（密码加密保存，不会返回）', 'Create a user (the password is stored hashed and never returned)'),
      body: { type: 'object', additionalProperties: false, required: ['username', 'displayName'], properties: userProps },
      response: UserWithRoles,
      errors: ['directory.unit_not_found', 'directory.unit_inactive', 'directory.user_not_found', 'directory.duplicate'],
      handler: async (c, { body }) => {
        const id = await admin.createUser({ ...body, ...(await userRefs(body)) });
        c.header('Location', `/api/directory/users/${id}`);
        return c.json(await userWithRoles(id), 201);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/directory/users/:id',
      tag: 'directory',
      access: 'admin',
      summary: i18n('修改用户（含重置密码、启用/停用）', 'Update a user (including a password reset and (de)activation)'),
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...userProps, active: { type: 'boolean' } } },
      response: UserWithRoles,
      errors: ['directory.user_not_found', 'directory.unit_not_found', 'directory.unit_inactive', 'directory.duplicate', 'directory.cannot_deactivate_self'],
      handler: async (c, { body, params }) => {
        const target = await user(params.id);
        if (body.active === false && target.id === c.get('actor').id) throw new ChanceryError('directory.cannot_deactivate_self', {}, { pointer: '/active' });
        await admin.updateUser(target.id, { ...body, ...(await userRefs(body)) });
        await s.forgetUser?.(target.id);
        return c.json(await userWithRoles(target.id));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/directory/users/:id',
      tag: 'directory',
      access: 'admin',
      summary: i18n('停用用户（无法再登录，历史保留）', 'Deactivate a user (they can no longer sign in; history is kept)'),
      response: UserWithRoles,
      errors: ['directory.user_not_found', 'directory.cannot_deactivate_self'],
      handler: async (c, { params }) => {
        const target = await user(params.id);
        if (target.id === c.get('actor').id) throw new ChanceryError('directory.cannot_deactivate_self');
        await admin.updateUser(target.id, { active: false });
        await s.forgetUser?.(target.id);
        return c.json(await userWithRoles(target.id));
      },
    }),

    // ---- roles and memberships (admin) ----
    defineRoute({
      method: 'post',
      path: '/api/directory/roles',
      tag: 'directory',
      access: 'admin',
      status: 201,
      summary: i18n('新建角色', 'Create a role'),
      body: { type: 'object', additionalProperties: false, required: ['key', 'name'], properties: { key: roleKey, name, nameEn } },
      response: Role,
      errors: ['directory.duplicate'],
      handler: async (c, { body }) => {
        await admin.createRole(body.key, body.name, body.nameEn ?? '');
        c.header('Location', '/api/directory/roles');
        return c.json({ key: body.key, name: body.name, nameEn: body.nameEn ?? '' }, 201);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/directory/users/:id/memberships',
      tag: 'directory',
      access: 'admin',
      status: 201,
      summary: i18n('给用户增加岗位（某单位的某角色）', 'Give a user a role in a unit'),
      body: { type: 'object', additionalProperties: false, required: ['role', 'unit'], properties: { role: roleKey, unit: ref } },
      response: UserWithRoles,
      errors: ['directory.user_not_found', 'directory.role_not_found', 'directory.unit_not_found', 'directory.unit_inactive', 'directory.duplicate'],
      handler: async (c, { body, params }) => {
        const target = await user(params.id);
        if (!(await store.listRoles()).some((r) => r.key === body.role)) throw new ChanceryError('directory.role_not_found', { role: body.role }, { pointer: '/role' });
        await admin.addMembership(target.id, body.role, (await liveUnit(body.unit, '/unit')).id);
        await s.forgetUser?.(target.id);
        c.header('Location', `/api/directory/users/${target.id}`);
        return c.json(await userWithRoles(target.id), 201);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/directory/users/:id/memberships/:role/:unit',
      tag: 'directory',
      access: 'admin',
      summary: i18n('取消用户的岗位', 'Take a role in a unit away from a user'),
      response: UserWithRoles,
      errors: ['directory.user_not_found', 'directory.unit_not_found'],
      handler: async (c, { params }) => {
        const target = await user(params.id);
        await admin.removeMembership(target.id, params.role, (await unit(params.unit)).id);
        await s.forgetUser?.(target.id);
        return c.json(await userWithRoles(target.id));
      },
    }),

    // ---- delegations: admins for anyone ----
    defineRoute({
      method: 'get',
      path: '/api/directory/delegations',
      tag: 'directory',
      access: 'admin',
      summary: i18n('委托列表（可按人员筛选）', 'Delegations (optionally of one user)'),
      query: { type: 'object', additionalProperties: false, properties: { user: ref, current: { type: 'boolean' } } },
      response: list(Delegation),
      errors: ['directory.user_not_found'],
      handler: async (c, { query }) =>
        c.json({
          items: await store.listDelegations({
            ...(query.user ? { userId: (await user(query.user, '/user')).id } : {}),
            ...(query.current ? { current: s.clock() } : {}),
          }),
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/directory/delegations',
      tag: 'directory',
      access: 'admin',
      status: 201,
      summary: i18n('为任一用户设置委托', 'Set up a delegation for any user'),
      body: { type: 'object', additionalProperties: false, required: ['from', 'to', 'startsAt', 'endsAt'], properties: { from: ref, ...delegationProps } },
      response: Delegation,
      errors: ['directory.user_not_found', 'directory.user_inactive', 'directory.self_delegation', 'directory.delegation_period', 'definition.not_found'],
      handler: async (c, { body }) => createDelegation(c, await user(body.from, '/from'), body, '/api/directory/delegations'),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/directory/delegations/:id',
      tag: 'directory',
      access: 'admin',
      summary: i18n('删除委托', 'Delete a delegation'),
      response: Ok,
      errors: ['directory.delegation_not_found'],
      handler: async (c, { params }) => {
        await admin.deleteDelegation(uuidParam(params.id));
        return c.json({ ok: true });
      },
    }),

    // ---- delegations: everyone for themselves (out of office) ----
    defineRoute({
      method: 'get',
      path: '/api/me/delegations',
      tag: 'directory',
      access: 'user',
      summary: i18n('我的委托（我委托给他人的、他人委托给我的）', 'My delegations (given by me and given to me)'),
      response: { type: 'object', required: ['given', 'received'], properties: { given: { type: 'array', items: Delegation }, received: { type: 'array', items: Delegation } } },
      handler: async (c) => {
        const me = c.get('actor').id;
        const all = await store.listDelegations({ userId: me });
        return c.json({ given: all.filter((d) => d.fromUserId === me), received: all.filter((d) => d.toUserId === me) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/delegations',
      tag: 'directory',
      access: 'user',
      status: 201,
      summary: i18n('外出时委托他人代办（起止时间，可限定某流程）', 'Out of office: let someone act for me (from, to, optionally one workflow)'),
      body: { type: 'object', additionalProperties: false, required: ['to', 'startsAt', 'endsAt'], properties: delegationProps },
      response: Delegation,
      errors: ['directory.user_not_found', 'directory.user_inactive', 'directory.self_delegation', 'directory.delegation_period', 'definition.not_found'],
      handler: async (c, { body }) => createDelegation(c, await user(c.get('actor').id), body, '/api/me/delegations'),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/me/delegations/:id',
      tag: 'directory',
      access: 'user',
      summary: i18n('取消我的委托', 'Cancel one of my delegations'),
      response: Ok,
      errors: ['directory.delegation_not_found'],
      handler: async (c, { params }) => {
        await admin.deleteDelegation(uuidParam(params.id), c.get('actor').id);
        return c.json({ ok: true });
      },
    }),
  ];
}

/** A malformed id cannot name a delegation: 404 rather than a database cast error. */
function uuidParam(id: string): string {
  if (!isUuid(id)) throw new ChanceryError('directory.delegation_not_found', { delegation: id });
  return id;
}
