import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoUnits, demoUsers } from '../../../core/directory/demo-directory.js';
import { createDirectoryAdmin, type DirectoryAdmin } from '../../../core/directory/directory-admin.js';
import { createDirectoryStore, type DirectoryStore } from '../../../core/directory/directory-store.js';
import { hashPassword, verifyPassword } from '../../../core/directory/password.js';
import { seedDirectory } from '../../../core/directory/seed-directory.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

/** Admin changes as the services make them: in an entity transaction of their own. */
const withAdmin = <T>(db: Database, run: (admin: DirectoryAdmin) => Promise<T>): Promise<T> => db.entityTransaction((em) => run(createDirectoryAdmin(em)));

describe('demo directory', () => {
  let db: Database;
  let store: DirectoryStore;
  let demoPassword: string | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
    const seeded = await seedDirectory(db, { adminPassword: 'admin-pass', demo: true });
    demoPassword = seeded.demoPassword;
    store = createDirectoryStore(db);
  });
  afterAll(() => db.close());

  const id = async (username: string) => (await store.getUser(username))?.id ?? '';
  const unitId = async (code: string) => (await store.getUnit(code))?.id ?? '';

  test('creates every demo unit and user and hands back their shared password once', async () => {
    expect(demoPassword).toMatch(/^\S{16}$/);
    const [units] = await db.execute<{ c: number }>('SELECT count(*)::int AS c FROM org_unit');
    const [users] = await db.execute<{ c: number }>('SELECT count(*)::int AS c FROM app_user');
    expect(units?.c).toBe(demoUnits.length);
    expect(users?.c).toBe(demoUsers.length + 1);
    const again = await seedDirectory(db, { adminPassword: 'other', demo: true });
    expect(again).toEqual({ adminCreated: false, demoUsersCreated: [] });
    const [after] = await db.execute<{ c: number }>('SELECT count(*)::int AS c FROM app_user');
    expect(after?.c).toBe(users?.c);
  });

  test('keeps the admin password of the first seed and lets demo users sign in with theirs', async () => {
    const [admin] = await db.execute<{ password_hash: string; is_admin: boolean }>(`SELECT password_hash, is_admin FROM app_user WHERE username = 'admin'`);
    expect(admin?.is_admin).toBe(true);
    expect(await verifyPassword('admin-pass', admin?.password_hash)).toBe(true);
    expect(await verifyPassword('other', admin?.password_hash)).toBe(false);
    const [liaison] = await db.execute<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE username = 'shilizhen-liaison'`);
    expect(await verifyPassword(demoPassword ?? '', liaison?.password_hash)).toBe(true);
  });

  test('finds the holders of a role in a unit, and only in that unit', async () => {
    const shili = await unitId('shilizhen');
    expect((await store.usersWithRole('liaison', shili)).map((u) => u.username)).toEqual(['shilizhen-liaison']);
    expect((await store.usersWithRole('handler', shili)).map((u) => u.username)).toEqual(['shilizhen-head', 'shilizhen-liaison']);
    expect(await store.usersWithRole('liaison', await unitId('mafanzhen'))).toHaveLength(1);
    expect((await store.usersWithRole('petition-clerk', await unitId('petition-bureau'))).map((u) => u.username)).toEqual(['xinfang1', 'xinfang2']);
    const head = await store.headOf(shili);
    expect(head?.displayName).toBe('十里镇负责人');
  });

  test('walks the unit tree from a section up to the county', async () => {
    const chain = await store.unitAncestors(await unitId('supervision'));
    expect(chain.map((u) => u.code)).toEqual(['supervision', 'office', 'county']);
    expect(chain[0]?.name).toBe('督查室');
  });

  test('follows the manager chain from a liaison to the county head', async () => {
    const liaison = await id('shilizhen-liaison');
    expect((await store.managerChain(liaison, 1))?.username).toBe('shilizhen-head');
    expect((await store.managerChain(liaison, 2))?.username).toBe('fuxianzhang1');
    expect((await store.managerChain(liaison, 3))?.username).toBe('xianzhang');
    expect(await store.managerChain(liaison, 4)).toBeNull();
    expect((await store.managerChain(await id('ducha1'), 2))?.username).toBe('fuxianzhang1');
  });

  test('lists the roles a user holds in which units', async () => {
    const roles = await store.rolesOf(await id('zhuren'));
    const office = await unitId('office');
    expect(roles).toEqual(
      expect.arrayContaining([
        { role: 'office-director', unitId: office },
        { role: 'head', unitId: office },
        { role: 'staff', unitId: office },
      ]),
    );
  });

  test('applies a delegation only while it runs, preferring one made for the workflow', async () => {
    const from = await id('xinfang1');
    const to = await id('xinfang2');
    const other = await id('xinfang-head');
    const general = await withAdmin(db, (admin) =>
      admin.createDelegation({
        fromUserId: from,
        toUserId: to,
        startsAt: new Date('2025-05-01T00:00:00Z'),
        endsAt: new Date('2025-05-08T00:00:00Z'),
      }),
    );
    const specific = await withAdmin(db, (admin) =>
      admin.createDelegation({
        fromUserId: from,
        toUserId: other,
        startsAt: new Date('2025-05-01T00:00:00Z'),
        endsAt: new Date('2025-05-08T00:00:00Z'),
        definitionKey: 'petition-case',
      }),
    );
    const during = new Date('2025-05-03T00:00:00Z');
    expect((await store.activeDelegationFrom(from, during))?.id).toBe(general);
    expect((await store.activeDelegationFrom(from, during, 'petition-case'))?.id).toBe(specific);
    expect(await store.activeDelegationFrom(from, new Date('2025-05-08T00:00:00Z'))).toBeNull();
    expect((await store.activeDelegationsTo(to, during)).map((d) => d.fromUserId)).toEqual([from]);
    expect(await store.activeDelegationsTo(to, new Date('2025-04-30T23:59:59Z'))).toEqual([]);
  });

  test('reports a duplicate unit code as a directory error', async () => {
    await expect(withAdmin(db, (admin) => admin.createUnit({ parentId: null, code: 'shilizhen', name: '重复', kind: 'township' }))).rejects.toMatchObject({
      code: 'directory.duplicate',
    });
  });

  test('stores holidays and make-up working days of a calendar', async () => {
    await withAdmin(db, async (admin) => {
      await admin.setCalendarDay({ calendarKey: 'cn', date: '2025-10-01', kind: 'holiday', name: { 'zh-CN': '国庆节', en: 'National Day' } });
      await admin.setCalendarDay({ calendarKey: 'cn', date: '2025-09-28', kind: 'workday', name: { 'zh-CN': '调休上班' } });
    });
    expect(await withAdmin(db, (admin) => admin.listCalendarDays('cn', '2025-09-01', '2025-10-31'))).toEqual([
      { calendarKey: 'cn', date: '2025-09-28', kind: 'workday', name: { 'zh-CN': '调休上班' } },
      { calendarKey: 'cn', date: '2025-10-01', kind: 'holiday', name: { 'zh-CN': '国庆节', en: 'National Day' } },
    ]);
  });

  test('can be read inside a transaction through the transaction', async () => {
    const head = await db.transaction((tx) => createDirectoryStore(tx).getUser('xianzhang'));
    expect(head?.displayName).toBe('王志强');
  });
});

describe('passwords', () => {
  test('verifies the right password and rejects a wrong or malformed one', async () => {
    const stored = await hashPassword('正确的密码');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('正确的密码', stored)).toBe(true);
    expect(await verifyPassword('错误的密码', stored)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  test('seeds only the admin without the demo', async () => {
    const db = await openTestDatabase();
    try {
      expect(await seedDirectory(db, { adminPassword: 'a', demo: false })).toEqual({ adminCreated: true, demoUsersCreated: [] });
      expect(await db.execute('SELECT username FROM app_user')).toEqual([{ username: 'admin' }]);
      expect(await db.execute<{ c: number }>('SELECT count(*)::int AS c FROM role')).toEqual([{ c: 14 }]);
    } finally {
      await db.close();
    }
  });
});

describe('directory admin changes', () => {
  let db: Database;
  let store: DirectoryStore;
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedDirectory(db, { adminPassword: 'admin-pass', demo: true, demoPassword: 'demo-pass-2026' });
    store = createDirectoryStore(db);
  });
  afterAll(() => db.close());

  const userId = async (username: string) => (await store.getUser(username))!.id;
  const unitId = async (code: string) => (await store.getUnit(code))!.id;
  const tokenVersion = async (id: string) => (await db.execute<{ v: number }>('SELECT token_version AS v FROM app_user WHERE id = $1', [id]))[0]!.v;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => ({ code: 'not refused' }),
      (e: { code?: string; pointer?: string; details?: unknown }) => ({ code: e.code, ...(e.pointer ? { pointer: e.pointer } : {}), details: e.details }),
    );
  const missing = '00000000-0000-4000-8000-000000000000';

  test('refuses to move a unit under itself, one of its sub-units or a unit that does not exist, and moves and renames it otherwise', async () => {
    const office = await unitId('office');
    const supervision = await unitId('supervision');
    expect(await refusal(withAdmin(db, (a) => a.updateUnit(office, { parentId: supervision })))).toMatchObject({
      code: 'directory.unit_cycle',
      pointer: '/parentId',
      details: { unit: 'office' },
    });
    expect(await refusal(withAdmin(db, (a) => a.updateUnit(office, { parentId: office })))).toMatchObject({ code: 'directory.unit_cycle' });
    expect(await refusal(withAdmin(db, (a) => a.updateUnit(office, { parentId: missing })))).toMatchObject({
      code: 'directory.unit_not_found',
      pointer: '/parentId',
    });
    expect(await refusal(withAdmin(db, (a) => a.updateUnit(missing, { name: '无' })))).toMatchObject({ code: 'directory.unit_not_found' });

    const county = await unitId('county');
    await withAdmin(db, (a) => a.updateUnit(supervision, { parentId: county, name: '督查督办室', sort: 7 }));
    expect(await store.getUnit('supervision')).toMatchObject({ parentId: county, name: '督查督办室', sort: 7, nameEn: 'Supervision Office' });
    const [row] = await db.execute<{ p: string }>(`SELECT name_pinyin AS p FROM org_unit WHERE code = 'supervision'`);
    expect(row!.p).toContain('duchadubanshi');
  });

  test('creates a unit with its pinyin and defaults, and refuses a parent that does not exist', async () => {
    const id = await withAdmin(db, (a) => a.createUnit({ parentId: null, code: 'archive', name: '档案馆', kind: 'office' }));
    expect(await store.getUnit(id)).toMatchObject({ code: 'archive', parentId: null, nameEn: '', sort: 0, active: true });
    const [row] = await db.execute<{ p: string }>('SELECT name_pinyin AS p FROM org_unit WHERE id = $1', [id]);
    expect(row!.p).toContain('danganguan');
    expect(await refusal(withAdmin(db, (a) => a.createUnit({ parentId: missing, code: 'orphan', name: '孤儿', kind: 'office' })))).toMatchObject({
      code: 'request.invalid',
    });
  });

  test('keeps a unit with active people or sub-units, deactivates it once they are gone, and deletes only an unused one', async () => {
    const county = await unitId('county');
    const unit = await withAdmin(db, (a) => a.createUnit({ parentId: county, code: 'temp-office', name: '临时办', kind: 'office' }));
    const person = await withAdmin(db, (a) => a.createUser({ username: 'linshi', displayName: '临时工', unitId: unit }));
    expect(await refusal(withAdmin(db, (a) => a.deactivateUnit(unit)))).toMatchObject({
      code: 'directory.unit_in_use',
      details: { unit: 'temp-office', users: 1, units: 0 },
    });
    // A deleted unit would take its people's unit with it: the foreign key refuses.
    expect(await refusal(withAdmin(db, (a) => a.deleteUnit(unit)))).toMatchObject({ code: 'request.invalid' });
    await withAdmin(db, (a) => a.updateUser(person, { active: false }));
    await withAdmin(db, (a) => a.deactivateUnit(unit));
    expect((await store.getUnit(unit))?.active).toBe(false);
    expect(await refusal(withAdmin(db, (a) => a.deactivateUnit(missing)))).toMatchObject({ code: 'directory.unit_not_found' });

    const empty = await withAdmin(db, (a) => a.createUnit({ parentId: null, code: 'empty-office', name: '空办', kind: 'office' }));
    await withAdmin(db, (a) => a.deleteUnit(empty));
    expect(await store.getUnit(empty)).toBeNull();
    expect(await refusal(withAdmin(db, (a) => a.deleteUnit(empty)))).toMatchObject({ code: 'directory.unit_not_found' });
  });

  test("ends a user's sessions on a new password, deactivation or a change of admin rights or unit, not on a rename", async () => {
    const id = await withAdmin(db, (a) => a.createUser({ username: 'zhangsan', displayName: '张三', password: 'first-pass-2026' }));
    const [created] = await db.execute<{ hash: string; p: string; admin: boolean; active: boolean }>(
      'SELECT password_hash AS hash, name_pinyin AS p, is_admin AS admin, active FROM app_user WHERE id = $1',
      [id],
    );
    expect(await verifyPassword('first-pass-2026', created!.hash)).toBe(true);
    expect(created).toMatchObject({ admin: false, active: true });
    expect(created!.p).toContain('zhangsan');
    const start = await tokenVersion(id);

    await withAdmin(db, (a) => a.updateUser(id, { displayName: '李四', displayNameEn: 'Li Si' }));
    expect(await tokenVersion(id)).toBe(start);
    expect((await db.execute<{ p: string }>('SELECT name_pinyin AS p FROM app_user WHERE id = $1', [id]))[0]!.p).toContain('lisi');

    await withAdmin(db, (a) => a.updateUser(id, { password: 'second-pass-2026' }));
    expect(await tokenVersion(id)).toBe(start + 1);
    const [after] = await db.execute<{ hash: string }>('SELECT password_hash AS hash FROM app_user WHERE id = $1', [id]);
    expect(await verifyPassword('second-pass-2026', after!.hash)).toBe(true);
    const office = await unitId('office');
    const manager = await userId('zhuren');
    await withAdmin(db, (a) => a.updateUser(id, { isAdmin: false }));
    await withAdmin(db, (a) => a.updateUser(id, { unitId: office }));
    await withAdmin(db, (a) => a.updateUser(id, { active: false }));
    expect(await tokenVersion(id)).toBe(start + 4);
    await withAdmin(db, (a) => a.updateUser(id, { active: true, managerId: manager }));
    expect(await tokenVersion(id)).toBe(start + 4);
    expect(await store.getUser(id)).toMatchObject({ displayName: '李四', displayNameEn: 'Li Si', unitId: office, active: true, managerId: manager });

    expect(await refusal(withAdmin(db, (a) => a.updateUser(id, { username: 'zhuren' })))).toMatchObject({ code: 'directory.duplicate' });
    expect(await refusal(withAdmin(db, (a) => a.updateUser(missing, { displayName: '无名' })))).toMatchObject({ code: 'directory.user_not_found' });
    expect(await refusal(withAdmin(db, (a) => a.createUser({ username: 'zhuren', displayName: '重复' })))).toMatchObject({
      code: 'directory.duplicate',
      details: { name: 'zhuren' },
    });
  });

  test("ends a user's sessions when a post is added or removed, not when nothing changed", async () => {
    const id = await userId('xinfang1');
    const office = await unitId('office');
    const start = await tokenVersion(id);
    await withAdmin(db, (a) => a.addMembership(id, 'handler', office));
    await withAdmin(db, (a) => a.addMembership(id, 'handler', office));
    expect(await tokenVersion(id)).toBe(start + 1);
    expect(await store.rolesOf(id)).toContainEqual({ role: 'handler', unitId: office });
    await withAdmin(db, (a) => a.removeMembership(id, 'handler', office));
    await withAdmin(db, (a) => a.removeMembership(id, 'handler', office));
    expect(await tokenVersion(id)).toBe(start + 2);
    expect(await store.rolesOf(id)).not.toContainEqual({ role: 'handler', unitId: office });
    expect(await refusal(withAdmin(db, (a) => a.addMembership(id, 'no-such-role', office)))).toMatchObject({ code: 'request.invalid' });
  });

  test('creates, renames and deletes roles, naming a duplicate or missing one', async () => {
    await withAdmin(db, (a) => a.createRole('archivist', '档案员'));
    expect(await refusal(withAdmin(db, (a) => a.createRole('archivist', '档案员')))).toMatchObject({
      code: 'directory.duplicate',
      details: { name: 'archivist' },
    });
    await withAdmin(db, (a) => a.upsertRole('archivist', '档案管理员', 'Archivist'));
    await withAdmin(db, (a) => a.upsertRole('registrar', '登记员'));
    expect((await store.listRoles()).filter((r) => ['archivist', 'registrar'].includes(r.key))).toEqual([
      { key: 'archivist', name: '档案管理员', nameEn: 'Archivist' },
      { key: 'registrar', name: '登记员', nameEn: '' },
    ]);
    await withAdmin(db, (a) => a.deleteRole('registrar'));
    expect(await refusal(withAdmin(db, (a) => a.deleteRole('registrar')))).toMatchObject({ code: 'directory.role_not_found', details: { role: 'registrar' } });
  });

  test("deletes someone's own delegation only for them, and any delegation without a user", async () => {
    const from = await userId('zongheke1');
    const to = await userId('zongheke2');
    const period = { startsAt: new Date('2026-03-02T00:00:00Z'), endsAt: new Date('2026-03-09T00:00:00Z') };
    const create = () => withAdmin(db, (a) => a.createDelegation({ fromUserId: from, toUserId: to, ...period }));
    const first = await create();
    expect(await refusal(withAdmin(db, (a) => a.deleteDelegation(first, to)))).toMatchObject({
      code: 'directory.delegation_not_found',
      details: { delegation: first },
    });
    await withAdmin(db, (a) => a.deleteDelegation(first, from));
    const second = await create();
    await withAdmin(db, (a) => a.deleteDelegation(second));
    expect(await store.listDelegations({ userId: from })).toEqual([]);
    expect(await refusal(withAdmin(db, (a) => a.deleteDelegation(second)))).toMatchObject({ code: 'directory.delegation_not_found' });
    // The database's checks: a delegation to oneself or one that ends before it starts.
    expect(await refusal(withAdmin(db, (a) => a.createDelegation({ fromUserId: from, toUserId: from, ...period })))).toMatchObject({ code: 'request.invalid' });
    expect(
      await refusal(withAdmin(db, (a) => a.createDelegation({ fromUserId: from, toUserId: to, startsAt: period.endsAt, endsAt: period.startsAt }))),
    ).toMatchObject({ code: 'request.invalid' });
  });

  test('replaces a calendar day set twice, lists a range in date order and removes a day once', async () => {
    await withAdmin(db, (a) => a.setCalendarDay({ calendarKey: 'test', date: '2026-05-06', kind: 'holiday', name: { 'zh-CN': '补假' } }));
    await withAdmin(db, (a) => a.setCalendarDay({ calendarKey: 'test', date: '2026-05-06', kind: 'workday' }));
    await withAdmin(db, (a) => a.setCalendarDay({ calendarKey: 'test', date: '2026-05-01', kind: 'holiday', name: { 'zh-CN': '劳动节', en: 'Labour Day' } }));
    await withAdmin(db, (a) => a.setCalendarDay({ calendarKey: 'other', date: '2026-05-02', kind: 'holiday' }));
    expect(await withAdmin(db, (a) => a.listCalendarDays('test', '2026-05-01', '2026-05-06'))).toEqual([
      { calendarKey: 'test', date: '2026-05-01', kind: 'holiday', name: { 'zh-CN': '劳动节', en: 'Labour Day' } },
      { calendarKey: 'test', date: '2026-05-06', kind: 'workday', name: {} },
    ]);
    expect(await withAdmin(db, (a) => a.listCalendarDays('test', '2026-05-02', '2026-05-05'))).toEqual([]);
    await withAdmin(db, (a) => a.deleteCalendarDay('test', '2026-05-06'));
    expect(await refusal(withAdmin(db, (a) => a.deleteCalendarDay('test', '2026-05-06')))).toMatchObject({
      code: 'calendar.day_not_found',
      details: { key: 'test', date: '2026-05-06' },
    });
  });
});
