import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, publishDefinition, startCase, taskOf, userId } from './helpers.js';

const review: WorkflowDefinition = {
  key: 'office-review',
  title: { 'zh-CN': '办公室审核', en: 'Office review' },
  initial: 'director',
  states: {
    director: {
      title: { 'zh-CN': '办公室主任审核', en: 'Office director' },
      approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' },
      on: { approve: 'done', reject: 'done' },
    },
    done: { title: '办结', final: true },
  },
};

describe('HTTP: the directory', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, review);
  });
  afterAll(() => s.close());

  describe('pickers, for every signed-in user', () => {
    it('lists the org units flat, parents first, and as a tree under the county', async () => {
      const flat = await s.call('GET', '/api/directory/units', { as: 'zongheke1' });
      expect(flat.status).toBe(200);
      const codes = flat.body.items.map((u: { code: string }) => u.code);
      expect(codes[0]).toBe('county');
      expect(codes.indexOf('office')).toBeLessThan(codes.indexOf('secretariat'));
      expect(flat.body.items.find((u: { code: string }) => u.code === 'shilizhen')).toMatchObject({ name: '十里镇', nameEn: 'Shili Town', kind: 'township' });

      const tree = await s.call('GET', '/api/directory/units?tree=true', { as: 'zongheke1' });
      expect(tree.body.items).toHaveLength(1);
      const county = tree.body.items[0];
      expect(county.code).toBe('county');
      const office = county.children.find((u: { code: string }) => u.code === 'office');
      expect(office.children.map((u: { code: string }) => u.code).sort()).toEqual(['info-centre', 'secretariat', 'supervision', 'target-office']);
    });

    it('finds people by Chinese name, by pinyin username, by unit and by role, with their unit name', async () => {
      const byName = await s.call('GET', `/api/directory/users?q=${encodeURIComponent('刘洋')}`, { as: 'shilizhen-head' });
      expect(byName.body.items).toEqual([
        expect.objectContaining({ username: 'zongheke1', displayName: '刘洋', unitName: '综合科', unitNameEn: 'Secretariat' }),
      ]);
      expect(byName.body.items[0]).not.toHaveProperty('passwordHash');

      const byPinyin = await s.call('GET', '/api/directory/users?q=shilizhen', { as: 'zongheke1' });
      expect(byPinyin.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['shilizhen-head', 'shilizhen-liaison']);

      const byUnit = await s.call('GET', '/api/directory/users?unit=secretariat', { as: 'zongheke1' });
      expect(byUnit.body.items.map((u: { username: string }) => u.username)).toEqual(['zongheke1', 'zongheke2']);

      const bySubtree = await s.call('GET', '/api/directory/users?unit=office&subunits=true&pageSize=200', { as: 'zongheke1' });
      expect(bySubtree.body.items.map((u: { username: string }) => u.username)).toEqual(
        expect.arrayContaining(['zhuren', 'zongheke1', 'ducha1', 'mubiao1', 'xinxi1']),
      );

      const byRole = await s.call('GET', '/api/directory/users?role=deputy-head', { as: 'zongheke1' });
      expect(byRole.body.items.map((u: { username: string }) => u.username)).toEqual(['fuxianzhang1', 'fuxianzhang2']);

      const literal = await s.call('GET', `/api/directory/users?q=${encodeURIComponent('%')}`, { as: 'zongheke1' });
      expect(literal.body.items).toEqual([]);
    });

    it('pages through the people', async () => {
      const first = await s.call('GET', '/api/directory/users?pageSize=10', { as: 'zongheke1' });
      const second = await s.call('GET', '/api/directory/users?pageSize=10&page=2', { as: 'zongheke1' });
      expect(first.body.items).toHaveLength(10);
      expect(first.body.total).toBeGreaterThan(40);
      expect(second.body.items.map((u: { id: string }) => u.id)).not.toContain(first.body.items[0].id);
    });

    it('lists the roles and shows one person with their roles in units', async () => {
      const roles = await s.call('GET', '/api/directory/roles', { as: 'zongheke1' });
      expect(roles.body.items).toContainEqual({ key: 'deputy-head', name: '分管副县长', nameEn: 'Deputy county head in charge' });
      const zhuren = await s.call('GET', '/api/directory/users/zhuren', { as: 'zongheke1' });
      expect(zhuren.status).toBe(200);
      expect(zhuren.body.roles).toContainEqual(expect.objectContaining({ role: 'office-director', unitCode: 'county', unitName: '县人民政府' }));
    });

    it('rejects a bad query with the pointer of the parameter, in the caller’s language', async () => {
      const res = await s.call('GET', '/api/directory/users?pageSize=1000', { as: 'zongheke1', headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'request.invalid', pointer: '/pageSize' });
      expect(res.body.error.message).toMatch(/^The request is invalid/);
      const unknownUnit = await s.call('GET', '/api/directory/users?unit=nowhere', { as: 'zongheke1' });
      expect(unknownUnit.status).toBe(404);
      expect(unknownUnit.body.error).toMatchObject({ code: 'directory.unit_not_found', pointer: '/unit', message: '找不到单位「nowhere」' });
    });
  });

  it('publishes the directory routes with their schemas in the OpenAPI document', async () => {
    const doc = await s.call('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/directory/units',
        '/api/directory/users',
        '/api/directory/users/{id}/memberships/{role}/{unit}',
        '/api/me/delegations',
        '/api/calendar/{key}/deadline',
        '/api/api-keys',
      ]),
    );
    expect(JSON.stringify(doc.body.paths['/api/directory/users'].post)).toContain('"minLength":8');
  });

  describe('units, for admins', () => {
    it('creates a unit under the county, renames it and refuses to move the county under it', async () => {
      const created = await s.call('POST', '/api/directory/units', {
        as: 'admin',
        body: { code: 'yingjiju', name: '应急管理局', nameEn: 'Emergency Management Bureau', kind: 'department', parentId: 'county', sort: 30 },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ code: 'yingjiju', name: '应急管理局', active: true });

      const renamed = await s.call('PATCH', `/api/directory/units/${created.body.id}`, { as: 'admin', body: { name: '县应急管理局' } });
      expect(renamed.body.name).toBe('县应急管理局');

      const cycle = await s.call('PATCH', '/api/directory/units/county', { as: 'admin', body: { parentId: created.body.id } });
      expect(cycle.status).toBe(422);
      expect(cycle.body.error).toMatchObject({ code: 'directory.unit_cycle', pointer: '/parentId' });
      const self = await s.call('PATCH', `/api/directory/units/${created.body.id}`, { as: 'admin', body: { parentId: 'yingjiju' } });
      expect(self.body.error.code).toBe('directory.unit_cycle');
      const deeper = await s.call('PATCH', '/api/directory/units/office', {
        as: 'admin',
        body: { parentId: 'secretariat' },
        headers: { 'accept-language': 'en' },
      });
      expect(deeper.body.error.message).toBe('The unit "office" cannot be placed under itself or one of its own sub-units');
      // nothing moved
      const tree = await s.call('GET', '/api/directory/units?tree=true', { as: 'zongheke1' });
      expect(tree.body.items.map((u: { code: string }) => u.code)).toEqual(['county']);
    });

    it('refuses a duplicate code and a body that breaks the schema, pointing at the field', async () => {
      const dup = await s.call('POST', '/api/directory/units', {
        as: 'admin',
        body: { code: 'shilizhen', name: '又一个十里镇', kind: 'township', parentId: 'county' },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe('directory.duplicate');
      const bad = await s.call('POST', '/api/directory/units', { as: 'admin', body: { code: 'Bad Code', name: '坏', kind: 'planet' } });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/code', '/kind']);
    });

    it('deactivates a unit only once its people and sub-units are gone, and keeps it for admins', async () => {
      const unit = await s.call('POST', '/api/directory/units', {
        as: 'admin',
        body: { code: 'linshi', name: '临时工作组', kind: 'section', parentId: 'office' },
      });
      const member = await s.call('POST', '/api/directory/users', { as: 'admin', body: { username: 'linshi1', displayName: '临时一', unitId: 'linshi' } });
      expect(member.status).toBe(201);
      const inUse = await s.call('DELETE', `/api/directory/units/${unit.body.id}`, { as: 'admin' });
      expect(inUse.status).toBe(409);
      expect(inUse.body.error).toMatchObject({ code: 'directory.unit_in_use', details: { users: 1, units: 0 } });

      await s.call('PATCH', '/api/directory/users/linshi1', { as: 'admin', body: { unitId: 'secretariat' } });
      const done = await s.call('DELETE', `/api/directory/units/${unit.body.id}`, { as: 'admin' });
      expect(done.status).toBe(200);
      expect(done.body.active).toBe(false);

      const forStaff = await s.call('GET', '/api/directory/units?includeInactive=true', { as: 'zongheke1' });
      expect(forStaff.body.items.map((u: { code: string }) => u.code)).not.toContain('linshi');
      const forAdmin = await s.call('GET', '/api/directory/units?includeInactive=true', { as: 'admin' });
      expect(forAdmin.body.items.map((u: { code: string }) => u.code)).toContain('linshi');

      const intoInactive = await s.call('PATCH', '/api/directory/users/linshi1', { as: 'admin', body: { unitId: 'linshi' } });
      expect(intoInactive.status).toBe(422);
      expect(intoInactive.body.error).toMatchObject({ code: 'directory.unit_inactive', pointer: '/unitId' });

      const back = await s.call('PATCH', `/api/directory/units/${unit.body.id}`, { as: 'admin', body: { active: true } });
      expect(back.body.active).toBe(true);
    });
  });

  describe('users, roles and memberships, for admins', () => {
    it('creates a user whose password is stored hashed, never shown, and works for signing in', async () => {
      const res = await s.call('POST', '/api/directory/users', {
        as: 'admin',
        body: {
          username: 'zongheke3',
          displayName: '钱程',
          displayNameEn: 'Qian Cheng',
          password: 'first-pass-123',
          unitId: 'secretariat',
          managerId: 'zhuren',
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(JSON.stringify(res.body)).not.toMatch(/first-pass-123|scrypt|password/i);
      expect(res.body).toMatchObject({ username: 'zongheke3', displayName: '钱程', managerId: await userId(s, 'zhuren'), active: true, isAdmin: false });
      const [row] = await s.db.execute<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE username = $1', ['zongheke3']);
      expect(row!.password_hash).toMatch(/^scrypt\$/);
      expect(row!.password_hash).not.toContain('first-pass-123');

      const login = await s.call('POST', '/api/auth/login', { body: { username: 'zongheke3', password: 'first-pass-123' } });
      expect(login.status).toBe(200);

      const dup = await s.call('POST', '/api/directory/users', { as: 'admin', body: { username: 'zongheke3', displayName: '重名' } });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toMatchObject({ code: 'directory.duplicate', message: '「zongheke3」已存在' });

      const short = await s.call('POST', '/api/directory/users', { as: 'admin', body: { username: 'x9', displayName: '短密码', password: 'short' } });
      expect(short.status).toBe(422);
      expect(short.body.error.pointer).toBe('/password');
    });

    it('resets a password and deactivates a user, who can then no longer sign in', async () => {
      await s.call('POST', '/api/directory/users', {
        as: 'admin',
        body: { username: 'tuixiu1', displayName: '退休一', password: 'old-pass-1234', unitId: 'secretariat' },
      });
      const reset = await s.call('PATCH', '/api/directory/users/tuixiu1', { as: 'admin', body: { password: 'new-pass-5678' } });
      expect(reset.status).toBe(200);
      expect((await s.call('POST', '/api/auth/login', { body: { username: 'tuixiu1', password: 'old-pass-1234' } })).status).toBe(401);
      const login = await s.call('POST', '/api/auth/login', { body: { username: 'tuixiu1', password: 'new-pass-5678' } });
      expect(login.status).toBe(200);

      const off = await s.call('DELETE', '/api/directory/users/tuixiu1', { as: 'admin' });
      expect(off.body.active).toBe(false);
      expect((await s.call('POST', '/api/auth/login', { body: { username: 'tuixiu1', password: 'new-pass-5678' } })).status).toBe(401);
      expect((await s.call('GET', '/api/auth/me', { token: login.body.token })).status).toBe(401);
      const picker = await s.call('GET', '/api/directory/users?q=tuixiu', { as: 'zongheke1' });
      expect(picker.body.items).toEqual([]);

      const me = await s.call('DELETE', '/api/directory/users/admin', { as: 'admin' });
      expect(me.status).toBe(422);
      expect(me.body.error.code).toBe('directory.cannot_deactivate_self');
    });

    it('creates a role, gives it to a user in a unit, and takes it away again', async () => {
      const role = await s.call('POST', '/api/directory/roles', { as: 'admin', body: { key: 'archivist', name: '档案员', nameEn: 'Archivist' } });
      expect(role.status).toBe(201);
      expect((await s.call('POST', '/api/directory/roles', { as: 'admin', body: { key: 'archivist', name: '档案员' } })).status).toBe(409);

      const added = await s.call('POST', '/api/directory/users/zongheke2/memberships', { as: 'admin', body: { role: 'archivist', unit: 'office' } });
      expect(added.status).toBe(201);
      const me = await s.call('GET', '/api/auth/me', { as: 'zongheke2' });
      expect(me.body.roles).toContainEqual(expect.objectContaining({ role: 'archivist', unitName: '县政府办公室' }));
      const byRole = await s.call('GET', '/api/directory/users?role=archivist&unit=office', { as: 'zongheke1' });
      expect(byRole.body.items.map((u: { username: string }) => u.username)).toEqual(['zongheke2']);

      const unknown = await s.call('POST', '/api/directory/users/zongheke2/memberships', { as: 'admin', body: { role: 'astronaut', unit: 'office' } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({ code: 'directory.role_not_found', pointer: '/role' });

      const removed = await s.call('DELETE', '/api/directory/users/zongheke2/memberships/archivist/office', { as: 'admin' });
      expect(removed.status).toBe(200);
      expect(removed.body.roles.map((r: { role: string }) => r.role)).not.toContain('archivist');
      // A change of roles ends the user's sessions: the old token is refused, a new sign-in works.
      expect((await s.call('GET', '/api/auth/me', { as: 'zongheke2' })).status).toBe(401);
      s.forgetToken('zongheke2');
      expect((await s.call('GET', '/api/auth/me', { as: 'zongheke2' })).status).toBe(200);
    });
  });

  describe('out-of-office delegations', () => {
    it('lets the director name a substitute who then works the director’s task, acting for them', async () => {
      const id = await startCase(s, 'zongheke1', 'office-review');
      const startsAt = new Date(s.clock.now.getTime() - 3600_000).toISOString();
      const endsAt = new Date(s.clock.now.getTime() + 3 * 86400_000).toISOString();
      const set = await s.call('POST', '/api/me/delegations', { as: 'zhuren', body: { to: 'zongheke2', startsAt, endsAt } });
      expect(set.status, JSON.stringify(set.body)).toBe(201);
      expect(set.body).toMatchObject({ fromUsername: 'zhuren', toUsername: 'zongheke2', toDisplayName: '孙丽', definitionKey: null });

      const mine = await s.call('GET', '/api/me/delegations', { as: 'zongheke2' });
      expect(mine.status, JSON.stringify(mine.body)).toBe(200);
      expect(mine.body.items.filter((d: { direction: string }) => d.direction === 'received').map((d: { id: string }) => d.id)).toEqual([set.body.id]);
      expect(mine.body.items.filter((d: { direction: string }) => d.direction === 'given')).toEqual([]);

      const task = await taskOf(s, 'zongheke2', id);
      const done = await s.call('POST', `/api/tasks/${task}/complete`, { as: 'zongheke2', body: { outcome: 'approve' } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      const c = await caseOf(s, id);
      expect(c.status).toBe('completed');
      expect(c.tasks[0]!.actingForId).toBe(await userId(s, 'zhuren'));

      const cancelledByOther = await s.call('DELETE', `/api/me/delegations/${set.body.id}`, { as: 'zongheke2' });
      expect(cancelledByOther.status).toBe(404);
      const cancelled = await s.call('DELETE', `/api/me/delegations/${set.body.id}`, { as: 'zhuren' });
      expect(cancelled.status).toBe(200);
      expect((await s.call('GET', '/api/me/delegations?direction=given', { as: 'zhuren' })).body.items).toEqual([]);
    });

    it('sends the director’s task to the substitute named for this workflow, not to a newer one named for all workflows', async () => {
      const startsAt = new Date(s.clock.now.getTime() - 3600_000).toISOString();
      const endsAt = new Date(s.clock.now.getTime() + 3 * 86400_000).toISOString();
      const forThis = await s.call('POST', '/api/me/delegations', { as: 'zhuren', body: { to: 'ducha1', startsAt, endsAt, definitionKey: 'office-review' } });
      expect(forThis.status, JSON.stringify(forThis.body)).toBe(201);
      const forAll = await s.call('POST', '/api/me/delegations', { as: 'zhuren', body: { to: 'zongheke2', startsAt, endsAt } });
      expect(forAll.status, JSON.stringify(forAll.body)).toBe(201);
      try {
        const id = await startCase(s, 'zongheke1', 'office-review');
        const c = await caseOf(s, id);
        expect(c.tasks).toHaveLength(1);
        expect(c.tasks[0]!.assigneeId).toBe(await userId(s, 'ducha1'));
        expect(c.tasks[0]!.actingForId).toBe(await userId(s, 'zhuren'));
      } finally {
        for (const d of [forThis, forAll]) await s.call('DELETE', `/api/me/delegations/${d.body.id}`, { as: 'zhuren' });
      }
    });

    it('refuses a delegation to oneself, one that ends before it starts, and an unknown workflow', async () => {
      const period = { startsAt: '2026-03-10T00:00:00Z', endsAt: '2026-03-12T00:00:00Z' };
      const self = await s.call('POST', '/api/me/delegations', { as: 'zhuren', body: { to: 'zhuren', ...period } });
      expect(self.status).toBe(422);
      expect(self.body.error).toMatchObject({ code: 'directory.self_delegation', pointer: '/to', message: '不能委托给自己' });
      const backwards = await s.call('POST', '/api/me/delegations', {
        as: 'zhuren',
        body: { to: 'zongheke1', startsAt: period.endsAt, endsAt: period.startsAt },
        headers: { 'accept-language': 'en' },
      });
      expect(backwards.status).toBe(422);
      expect(backwards.body.error).toMatchObject({ code: 'directory.delegation_period', pointer: '/endsAt', message: 'A delegation must end after it starts' });
      const workflow = await s.call('POST', '/api/me/delegations', { as: 'zhuren', body: { to: 'zongheke1', definitionKey: 'no-such-flow', ...period } });
      expect(workflow.status).toBe(404);
      expect(workflow.body.error.pointer).toBe('/definitionKey');
      const notADate = await s.call('POST', '/api/me/delegations', { as: 'zhuren', body: { to: 'zongheke1', startsAt: 'tomorrow', endsAt: period.endsAt } });
      expect(notADate.status).toBe(422);
      expect(notADate.body.error.pointer).toBe('/startsAt');
      expect((await s.call('GET', '/api/me/delegations?direction=given', { as: 'zhuren' })).body.items).toEqual([]);
    });

    it('lets an admin set up a delegation for someone else, limited to one workflow', async () => {
      const res = await s.call('POST', '/api/directory/delegations', {
        as: 'admin',
        body: { from: 'xianzhang', to: 'fuxianzhang1', startsAt: '2026-03-10T00:00:00Z', endsAt: '2026-03-20T00:00:00Z', definitionKey: 'office-review' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ fromUsername: 'xianzhang', toUsername: 'fuxianzhang1', definitionKey: 'office-review' });
      const list = await s.call('GET', '/api/directory/delegations?user=fuxianzhang1', { as: 'admin' });
      expect(list.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
      const head = await s.call('GET', '/api/me/delegations', { as: 'xianzhang' });
      expect(head.body.items.filter((d: { direction: string }) => d.direction === 'given').map((d: { id: string }) => d.id)).toEqual([res.body.id]);
      expect((await s.call('DELETE', `/api/directory/delegations/${res.body.id}`, { as: 'admin' })).status).toBe(200);
      expect((await s.call('DELETE', `/api/directory/delegations/${res.body.id}`, { as: 'admin' })).status).toBe(404);
    });
  });
});
