/**
 * 「输入姓名或拼音搜索」: people and units are found by their name's full pinyin and its initials,
 * on the server, for names written at any time (seeded, created, renamed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

describe('HTTP: pinyin search of people and units', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  }, 180_000);
  afterAll(() => s.close());

  const names = async (path: string) =>
    ((await s.call('GET', path, { as: 'zongheke2' })).body.items as Array<{ displayName?: string; name?: string }>).map((x) => x.displayName ?? x.name);

  it('finds 刘洋 by "liuyang", "liu yang", "LiuY" and "ly", and not by unrelated letters', async () => {
    expect(await names('/api/directory/users?q=liuyang')).toEqual(['刘洋']);
    expect(await names('/api/directory/users?q=liu%20yang')).toEqual(['刘洋']);
    expect(await names('/api/directory/users?q=LiuY')).toEqual(['刘洋']);
    expect(await names('/api/directory/users?q=ly')).toContain('刘洋');
    expect(await names('/api/directory/users?q=qqxx')).toEqual([]);
  });

  it('finds units by pinyin and initials: "xzfbgs" and "xianzhengfubangongshi" → 县政府办公室', async () => {
    expect(await names('/api/directory/units?q=xzfbgs')).toEqual(['县政府办公室']);
    expect(await names('/api/directory/units?q=xianzhengfubangongshi')).toEqual(['县政府办公室']);
    expect(await names('/api/directory/units?q=办公室')).toContain('县政府办公室');
  });

  it('finds people created and renamed by an admin by their new name only', async () => {
    const created = await s.call('POST', '/api/directory/users', { as: 'admin', body: { username: 'ouyang-test', displayName: '欧阳明' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await names('/api/directory/users?q=oym')).toEqual(['欧阳明']);
    const id = created.body.id as string;
    expect((await s.call('PATCH', `/api/directory/users/${id}`, { as: 'admin', body: { displayName: '单雄信' } })).status).toBe(200);
    expect(await names('/api/directory/users?q=oym')).toEqual([]);
    // A surname read as a surname: 单 is "shan" here
    expect(await names('/api/directory/users?q=shanxiongxin')).toEqual(['单雄信']);
  });
});
