/**
 * "Next year's holidays are not entered": said in the log at most once a day (remembered in the
 * database across restarts), and shown to administrators on the calendar screen's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/persistence/types.js';
import { openTestDatabase } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DAY = 86_400_000;

describe('HTTP: the missing next-year holidays notice', () => {
  let db: Database;
  let s: TestServer | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await s?.close();
    await db.close();
  });
  const warnings = (server: TestServer) => server.logged.filter((l) => l.msg === 'business calendar: next year not entered');
  const boot = async (at: Date) => {
    await s?.close();
    s = await startTestServer({ db, start: at });
    return s;
  };

  it('is logged at the first start in December, not again at a restart the same day, and again the next day', async () => {
    const december = new Date('2031-12-01T01:00:00Z');
    expect(warnings(await boot(december))).toHaveLength(1);
    expect(warnings(await boot(new Date(december.getTime() + 3 * 3600_000)))).toHaveLength(0);
    expect(warnings(await boot(new Date(december.getTime() + DAY + 60_000)))).toHaveLength(1);
  });

  it('is part of the calendar data the admin screen shows, in both languages', async () => {
    const server = await boot(new Date('2031-12-05T01:00:00Z'));
    const res = await server.call('GET', '/api/calendar/cn/days', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.notice).toMatchObject({ code: 'calendar.next_year_missing', year: 2032 });
    expect(res.body.notice['zh-CN']).toContain('2032 年的法定节假日安排尚未录入');
    expect(res.body.notice.en).toContain('The official holidays of 2032 are not entered yet');
  });

  it('is not shown before October', async () => {
    const server = await boot(new Date('2031-06-01T01:00:00Z'));
    expect((await server.call('GET', '/api/calendar/cn/days', { as: 'admin' })).body.notice).toBeNull();
    expect(warnings(server)).toHaveLength(0);
  });
});
