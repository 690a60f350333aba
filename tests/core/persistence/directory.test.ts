import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoUnits, demoUsers } from '../../../core/directory/demo-directory.js';
import { createDirectoryAdmin } from '../../../core/directory/directory-admin.js';
import { createDirectoryStore, type DirectoryStore } from '../../../core/directory/directory-store.js';
import { hashPassword, verifyPassword } from '../../../core/directory/password.js';
import { seedDirectory } from '../../../core/directory/seed-directory.js';
import type { Database } from '../../../core/persistence/types.js';
import { openTestDatabase } from '../../support/db.js';

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
    const admin = createDirectoryAdmin(db);
    const from = await id('xinfang1');
    const to = await id('xinfang2');
    const other = await id('xinfang-head');
    const general = await admin.createDelegation({
      fromUserId: from,
      toUserId: to,
      startsAt: new Date('2025-05-01T00:00:00Z'),
      endsAt: new Date('2025-05-08T00:00:00Z'),
    });
    const specific = await admin.createDelegation({
      fromUserId: from,
      toUserId: other,
      startsAt: new Date('2025-05-01T00:00:00Z'),
      endsAt: new Date('2025-05-08T00:00:00Z'),
      definitionKey: 'petition-case',
    });
    const during = new Date('2025-05-03T00:00:00Z');
    expect((await store.activeDelegationFrom(from, during))?.id).toBe(general);
    expect((await store.activeDelegationFrom(from, during, 'petition-case'))?.id).toBe(specific);
    expect(await store.activeDelegationFrom(from, new Date('2025-05-08T00:00:00Z'))).toBeNull();
    expect((await store.activeDelegationsTo(to, during)).map((d) => d.fromUserId)).toEqual([from]);
    expect(await store.activeDelegationsTo(to, new Date('2025-04-30T23:59:59Z'))).toEqual([]);
  });

  test('reports a duplicate unit code as a directory error', async () => {
    const admin = createDirectoryAdmin(db);
    await expect(admin.createUnit({ parentId: null, code: 'shilizhen', name: '重复', kind: 'township' })).rejects.toMatchObject({
      code: 'directory.duplicate',
    });
  });

  test('stores holidays and make-up working days of a calendar', async () => {
    const admin = createDirectoryAdmin(db);
    await admin.setCalendarDay({ calendarKey: 'cn', date: '2025-10-01', kind: 'holiday', name: { 'zh-CN': '国庆节', en: 'National Day' } });
    await admin.setCalendarDay({ calendarKey: 'cn', date: '2025-09-28', kind: 'workday', name: { 'zh-CN': '调休上班' } });
    expect(await admin.listCalendarDays('cn', '2025-09-01', '2025-10-31')).toEqual([
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
