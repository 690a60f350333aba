/**
 * The directory: org units, users and roles for every signed-in user (pickers), their
 * administration for admins, and out-of-office delegations (anyone for themselves, admins for anyone).
 * Users are referred to by id or username, units by id or code.
 */
import { unitTree } from '../../directory/directory-store.js';
import { createDirectoryService } from '../../directory/directory-service.js';
import { defineRoute, i18n, type AnyRoute } from '../route.js';
import type { AppServices } from '../services.js';
import { pageList, pagingProps } from '../list.js';
import { Delegation, OrgUnit as OrgUnitSchema, OrgUnitNode, Role, UserListItem, UserWithRoles } from '../schemas/directory.js';
import { definitionKey, Ok, page } from '../schemas/common.js';

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

const unitProps = { code, name, nameEn, kind: unitKind, parentId: nullableRef, sort: { type: 'integer', minimum: 0, maximum: 100000 } } as const;
const userProps = {
  username,
  displayName: name,
  displayNameEn: nameEn,
  password,
  unitId: nullableRef,
  managerId: nullableRef,
  isAdmin: { type: 'boolean' },
};
const delegationProps = { to: ref, startsAt: when, endsAt: when, definitionKey } as const;

export function directoryRoutes(s: AppServices): AnyRoute[] {
  // The rules live in core/directory/directory-service.ts; these handlers parse, authorise and call it.
  const directory = createDirectoryService(s.db, s.clock);
  const { store, user, unit, userWithRoles } = directory;

  return [
    // ---- reads, for every signed-in user ----
    defineRoute({
      method: 'get',
      path: '/api/directory/units',
      tag: 'directory',
      access: 'user',
      summary: i18n(
        '组织机构（平铺或 ?tree=true 树形；q 按名称、代码、拼音或首字母查找）',
        'Org units (flat, or nested with ?tree=true; q finds them by name, code, pinyin or initials)',
      ),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { tree: { type: 'boolean' }, includeInactive: { type: 'boolean' }, q: { type: 'string', maxLength: 100 }, ...pagingProps },
      },
      response: page({ anyOf: [OrgUnitSchema, OrgUnitNode] }),
      handler: async (c, { query }) => {
        const units = await store.listUnits({
          includeInactive: Boolean(query.includeInactive && c.get('actor').isAdmin),
          ...(query.q?.trim() ? { q: query.q.trim() } : {}),
        });
        // With `tree`, the roots are the items (each carrying its subtree).
        return c.json(pageList(query.tree ? unitTree(units) : units, query));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/directory/users',
      tag: 'directory',
      access: 'user',
      summary: i18n('人员查询（按姓名、姓名拼音或首字母、用户名、单位、角色）', 'Find people (by name, its pinyin or initials, username, unit, role)'),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          q: { type: 'string', maxLength: 100 },
          unit: ref,
          subunits: { type: 'boolean' },
          role: roleKey,
          includeInactive: { type: 'boolean' },
          ...pagingProps,
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
      query: { type: 'object', additionalProperties: false, properties: { ...pagingProps } },
      response: page(Role),
      handler: async (c, { query }) => c.json(pageList(await store.listRoles(), query)),
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
      handler: async (c, { body }) => c.json((await directory.createUnit(body, c.get('actor').id)) as never, 201),
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
      handler: async (c, { body, params }) => c.json(await directory.updateUnit(params.id, body, c.get('actor').id)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/directory/units/:id',
      tag: 'directory',
      access: 'admin',
      summary: i18n('停用单位（保留历史；须先调离人员、停用下级单位）', 'Deactivate an org unit (history is kept; move its people and sub-units first)'),
      response: OrgUnitSchema,
      errors: ['directory.unit_not_found', 'directory.unit_in_use'],
      handler: async (c, { params }) => c.json(await directory.deactivateUnit(params.id, c.get('actor').id)),
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
      handler: async (c, { body }) => c.json(await directory.createUser(body, c.get('actor').id), 201),
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
        const id = await directory.updateUser(params.id, body, c.get('actor').id);
        await s.forgetUser?.(id);
        return c.json(await userWithRoles(id));
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
        const id = await directory.deactivateUser(params.id, c.get('actor').id);
        await s.forgetUser?.(id);
        return c.json(await userWithRoles(id));
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
      // A role has no address of its own: it lives in the list of roles.
      location: () => '/api/directory/roles',
      errors: ['directory.duplicate'],
      handler: async (c, { body }) => {
        const role = await directory.createRole(body, c.get('actor').id);
        return c.json(role, 201);
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
        const withRoles = await directory.addMembership(params.id, body.role, body.unit, c.get('actor').id);
        await s.forgetUser?.(withRoles.id);
        return c.json(withRoles, 201);
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
        const withRoles = await directory.removeMembership(params.id, params.role, params.unit, c.get('actor').id);
        await s.forgetUser?.(withRoles.id);
        return c.json(withRoles);
      },
    }),

    // ---- delegations: admins for anyone ----
    defineRoute({
      method: 'get',
      path: '/api/directory/delegations',
      tag: 'directory',
      access: 'admin',
      summary: i18n('委托列表（可按人员筛选）', 'Delegations (optionally of one user)'),
      query: { type: 'object', additionalProperties: false, properties: { user: ref, current: { type: 'boolean' }, ...pagingProps } },
      response: page(Delegation),
      errors: ['directory.user_not_found'],
      handler: async (c, { query }) =>
        c.json(
          pageList(
            await store.listDelegations({
              ...(query.user ? { userId: (await user(query.user, '/user')).id } : {}),
              ...(query.current ? { current: s.clock() } : {}),
            }),
            query,
          ),
        ),
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
      handler: async (c, { body }) => c.json((await directory.createDelegation(await user(body.from, '/from'), body, c.get('actor').id)) as never, 201),
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
        await directory.deleteDelegation(params.id, { by: c.get('actor').id });
        return c.json({ ok: true });
      },
    }),

    // ---- delegations: everyone for themselves (out of office) ----
    defineRoute({
      method: 'get',
      path: '/api/me/delegations',
      tag: 'directory',
      access: 'user',
      summary: i18n('我的委托（我委托给他人的、他人委托给我的；每条注明 direction）', 'My delegations (given by me and given to me; each says its direction)'),
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { direction: { enum: ['given', 'received'] }, current: { type: 'boolean' }, ...pagingProps },
      },
      response: page({ allOf: [Delegation, { type: 'object', required: ['direction'], properties: { direction: { enum: ['given', 'received'] } } }] }),
      handler: async (c, { query }) =>
        c.json(
          pageList(
            await directory.myDelegations(c.get('actor').id, {
              ...(query.direction ? { direction: query.direction } : {}),
              ...(query.current ? { current: s.clock() } : {}),
            }),
            query,
          ),
        ),
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
      handler: async (c, { body }) => c.json((await directory.createDelegation(await user(c.get('actor').id), body)) as never, 201),
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
        await directory.deleteDelegation(params.id, { mine: c.get('actor').id });
        return c.json({ ok: true });
      },
    }),
  ];
}
