import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase } from './helpers.js';

/** A step due three working days after it opens. */
const threeDays: WorkflowDefinition = {
  key: 'three-day-review',
  title: { 'zh-CN': '三日办结', en: 'Three-day review' },
  initial: 'review',
  states: {
    review: {
      title: { 'zh-CN': '审核', en: 'Review' },
      approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any', due: 'P3WD' },
      on: { approve: 'done', reject: 'done' },
    },
    done: { title: '办结', final: true },
  },
};

describe('HTTP: the business calendar', () => {
  let s: TestServer;
  // Monday 2 March 2026, 09:00 in Beijing.
  const monday = '2026-03-02T01:00:00.000Z';
  beforeAll(async () => {
    s = await startTestServer({ start: new Date(monday) });
    await publishDefinition(s, threeDays);
  });
  afterAll(() => s.close());

  async function dueOfNewCase(): Promise<string> {
    const id = await startCase(s, 'zongheke1', 'three-day-review');
    const inbox = await s.call('GET', '/api/tasks?pageSize=200', { as: 'zhuren' });
    const task = inbox.body.items.find((t: { instanceId: string }) => t.instanceId === id);
    return new Date(task.dueAt).toISOString();
  }

  it('shows a year’s official holidays and make-up working days, marked as built in', async () => {
    const res = await s.call('GET', '/api/calendar/cn/days?year=2025', { as: 'zongheke1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'cn', year: 2025, covered: true });
    const byDate = new Map(res.body.items.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get('2025-10-01')).toMatchObject({ kind: 'holiday', source: 'builtin', name: { 'zh-CN': expect.stringContaining('国庆') } });
    expect(byDate.get('2025-09-28')).toMatchObject({ kind: 'workday', source: 'builtin' });
    expect(res.body.items.every((d: { date: string }) => d.date.startsWith('2025-'))).toBe(true);
    const uncovered = await s.call('GET', '/api/calendar/cn/days?year=2031', { as: 'zongheke1' });
    expect(uncovered.body).toMatchObject({ covered: false, items: [] });
  });

  it('moves the deadline of a new case when an admin adds a holiday, and back when it is removed', async () => {
    const ask = () => s.call('GET', `/api/calendar/cn/deadline?start=${encodeURIComponent(monday)}&duration=P3WD`, { as: 'zongheke1' });
    // Given: three working days after Monday is Thursday, end of work (17:00 Beijing).
    expect((await ask()).body.deadline).toBe('2026-03-05T09:00:00.000Z');
    expect(await dueOfNewCase()).toBe('2026-03-05T09:00:00.000Z');

    // When: the county gives Wednesday off.
    const put = await s.call('PUT', '/api/calendar/cn/days/2026-03-04', {
      as: 'admin',
      body: { kind: 'holiday', name: { 'zh-CN': '县庆放假', en: 'County day' } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    // Then: the deadline, and the due date of a case started now, move to Friday.
    expect((await ask()).body.deadline).toBe('2026-03-06T09:00:00.000Z');
    expect(await dueOfNewCase()).toBe('2026-03-06T09:00:00.000Z');
    const days = await s.call('GET', '/api/calendar/cn/days?year=2026', { as: 'zongheke1' });
    expect(days.body.items).toContainEqual({ date: '2026-03-04', kind: 'holiday', name: { 'zh-CN': '县庆放假', en: 'County day' }, source: 'admin' });

    // And removing it restores the official schedule.
    expect((await s.call('DELETE', '/api/calendar/cn/days/2026-03-04', { as: 'admin' })).status).toBe(200);
    expect((await ask()).body.deadline).toBe('2026-03-05T09:00:00.000Z');
    expect(await dueOfNewCase()).toBe('2026-03-05T09:00:00.000Z');
    const again = await s.call('DELETE', '/api/calendar/cn/days/2026-03-04', { as: 'admin' });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('calendar.day_not_found');
  });

  it('lets a make-up Saturday shorten a deadline and shows which built-in day it overrides', async () => {
    // Saturday 7 March becomes a working day: five working days after Monday is then Saturday, not Monday.
    const before = await s.call('GET', `/api/calendar/cn/deadline?start=${encodeURIComponent(monday)}&duration=P5WD`, { as: 'zongheke1' });
    expect(before.body.deadline).toBe('2026-03-09T09:00:00.000Z');
    await s.call('PUT', '/api/calendar/cn/days/2026-03-07', { as: 'admin', body: { kind: 'workday', name: { 'zh-CN': '调休上班' } } });
    const after = await s.call('GET', `/api/calendar/cn/deadline?start=${encodeURIComponent(monday)}&duration=P5WD`, { as: 'zongheke1' });
    expect(after.body.deadline).toBe('2026-03-07T09:00:00.000Z');
    await s.call('DELETE', '/api/calendar/cn/days/2026-03-07', { as: 'admin' });

    // Working on National Day 2025 replaces the built-in holiday, and says so.
    await s.call('PUT', '/api/calendar/cn/days/2025-10-08', { as: 'admin', body: { kind: 'workday', name: { 'zh-CN': '应急值班', en: 'Emergency duty' } } });
    const year = await s.call('GET', '/api/calendar/cn/days?year=2025', { as: 'zongheke1' });
    expect(year.body.items.find((d: { date: string }) => d.date === '2025-10-08')).toMatchObject({
      kind: 'workday',
      source: 'admin',
      overrides: { kind: 'holiday', name: { 'zh-CN': expect.stringContaining('国庆') } },
    });
    await s.call('DELETE', '/api/calendar/cn/days/2025-10-08', { as: 'admin' });
  });

  it('keeps a unit calendar apart from the national one', async () => {
    await s.call('PUT', '/api/calendar/cn-shilizhen/days/2026-03-03', { as: 'admin', body: { kind: 'holiday', name: { 'zh-CN': '镇庆' } } });
    const town = await s.call('GET', `/api/calendar/cn-shilizhen/deadline?start=${encodeURIComponent(monday)}&duration=P3WD`, { as: 'zongheke1' });
    const national = await s.call('GET', `/api/calendar/cn/deadline?start=${encodeURIComponent(monday)}&duration=P3WD`, { as: 'zongheke1' });
    expect(town.body.deadline).toBe('2026-03-06T09:00:00.000Z');
    expect(national.body.deadline).toBe('2026-03-05T09:00:00.000Z');
  });

  it('rejects a bad date, a bad duration and a nameless day with a pointer and a message in both languages', async () => {
    const badDate = await s.call('PUT', '/api/calendar/cn/days/2026-02-30', { as: 'admin', body: { kind: 'holiday', name: { 'zh-CN': '不存在' } } });
    expect(badDate.status).toBe(422);
    expect(badDate.body.error).toMatchObject({ code: 'calendar.invalid_date', pointer: '/date', message: '「2026-02-30」不是有效的日期（格式为 YYYY-MM-DD）' });
    const nameless = await s.call('PUT', '/api/calendar/cn/days/2026-03-04', { as: 'admin', body: { kind: 'holiday' }, headers: { 'accept-language': 'en' } });
    expect(nameless.status).toBe(422);
    expect(nameless.body.error).toMatchObject({ code: 'request.invalid', pointer: '/name' });
    const badKind = await s.call('PUT', '/api/calendar/cn/days/2026-03-04', { as: 'admin', body: { kind: 'vacation', name: { 'zh-CN': '假' } } });
    expect(badKind.body.error.pointer).toBe('/kind');
    const badDuration = await s.call('GET', '/api/calendar/cn/deadline?duration=P3XX', { as: 'zongheke1', headers: { 'accept-language': 'en' } });
    expect(badDuration.status).toBe(422);
    expect(badDuration.body.error).toMatchObject({ code: 'calendar.invalid_duration', pointer: '/duration' });
    expect(badDuration.body.error.message).toContain('is not a valid duration');
    const outOfRange = await s.call('GET', `/api/calendar/cn/deadline?start=${encodeURIComponent('2031-01-02T00:00:00Z')}&duration=P3WD`, { as: 'zongheke1' });
    // A year whose holidays nobody entered yet: the deadline counts weekends only and says so.
    expect(outOfRange.status).toBe(200);
    expect(outOfRange.body).toMatchObject({ deadline: '2031-01-07T09:00:00.000Z', approximate: true, yearsNotEntered: [2031] });
    // nothing was stored by the refused writes
    const days = await s.call('GET', '/api/calendar/cn/days?year=2026', { as: 'zongheke1' });
    expect(days.body.items.filter((d: { source: string }) => d.source === 'admin')).toEqual([]);
  });

  it('computes a deadline from now when no start is given', async () => {
    const res = await s.call('GET', '/api/calendar/cn/deadline?duration=P1WD', { as: 'xinfang1' });
    expect(res.body).toMatchObject({ start: monday, deadline: '2026-03-03T09:00:00.000Z', timeZone: 'Asia/Shanghai' });
  });
});
