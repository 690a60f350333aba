import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase } from './helpers.js';

/** A monthly report: due in three working days with a reminder, and two recurring schedules while it runs. */
const report: WorkflowDefinition = {
  key: 'monthly-report',
  title: { 'zh-CN': '月度报告', en: 'Monthly report' },
  initial: 'report',
  states: {
    report: {
      task: { assign: { users: ['zongheke1'] }, due: 'P3WD', remind: ['P-1WD'] },
      schedule: [{ cron: '0 9 1 * *' }, { every: 'P1M', count: 3 }],
      on: { submit: 'done', tick: { set: { 'ticks.last': { var: 'now' } } } },
    },
    done: { final: true },
  },
};

const reply: WorkflowDefinition = {
  key: 'quick-reply',
  title: { 'zh-CN': '限时答复', en: 'Quick reply' },
  initial: 'reply',
  states: {
    reply: { task: { assign: { users: ['zongheke1'] }, due: 'P1WD' }, on: { submit: 'done' } },
    done: { final: true },
  },
};

describe('HTTP: timers you can see', () => {
  let s: TestServer;
  let monthly: string;
  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing; a working-day deadline ends at 17:00 (09:00Z).
    s = await startTestServer();
    await publishDefinition(s, report);
    await publishDefinition(s, reply);
    monthly = await startCase(s, 'zongheke1', 'monthly-report');
    await startCase(s, 'zongheke1', 'quick-reply');
    await startCase(s, 'zongheke1', 'quick-reply');
  });
  afterAll(() => s.close());

  it("lists a case's pending timers with their next fire time, and a schedule's next occurrences", async () => {
    const res = await s.call('GET', `/api/instances/${monthly}/timers`, { as: 'zongheke1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as Array<{ kind: string; state: string; nextAt: string; occurrences?: string[]; remaining?: number | null }>;
    expect(items.map((t) => [t.kind, t.state, t.nextAt])).toEqual([
      ['remind', 'report', '2026-03-04T09:00:00.000Z'],
      ['due', 'report', '2026-03-05T09:00:00.000Z'],
      ['schedule', 'report', '2026-04-01T01:00:00.000Z'],
      ['schedule', 'report', '2026-04-02T01:00:00.000Z'],
    ]);
    expect(items[2]).toMatchObject({
      remaining: null,
      occurrences: ['2026-04-01T01:00:00.000Z', '2026-05-01T01:00:00.000Z', '2026-06-01T01:00:00.000Z', '2026-07-01T01:00:00.000Z', '2026-08-01T01:00:00.000Z'],
    });
    expect(items[3]).toMatchObject({ remaining: 3, occurrences: ['2026-04-02T01:00:00.000Z', '2026-05-02T01:00:00.000Z', '2026-06-02T01:00:00.000Z'] });
    const stranger = await s.call('GET', `/api/instances/${monthly}/timers`, { as: 'xinfang1' });
    expect(stranger.status).toBe(404);
  });

  it('lists upcoming timers across cases for the supervision office, filtered and a page at a time', async () => {
    const all = await s.call('GET', '/api/timers', { as: 'ducha1' });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body).toMatchObject({ total: 6, page: 1, pageSize: 50 });
    const byDefinition = await s.call('GET', '/api/timers?definition=quick-reply', { as: 'ducha1' });
    expect(byDefinition.body.items.map((t: { definition: string; kind: string; fireAt: string }) => [t.definition, t.kind, t.fireAt])).toEqual([
      ['quick-reply', 'due', '2026-03-03T09:00:00.000Z'],
      ['quick-reply', 'due', '2026-03-03T09:00:00.000Z'],
    ]);
    const byKind = await s.call('GET', '/api/timers?kind=schedule', { as: 'admin' });
    expect(byKind.body.total).toBe(2);
    expect(byKind.body.items[0]).toMatchObject({ instanceId: monthly, caseTitle: expect.any(String), kind: 'schedule', state: 'report' });
    const nextWeek = await s.call('GET', `/api/timers?from=${encodeURIComponent('2026-03-03T12:00:00Z')}&to=${encodeURIComponent('2026-03-10T00:00:00Z')}`, {
      as: 'ducha1',
    });
    expect(nextWeek.body.items.map((t: { kind: string }) => t.kind)).toEqual(['remind', 'due']);
    const page2 = await s.call('GET', '/api/timers?pageSize=4&page=2', { as: 'ducha1' });
    expect(page2.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.body.items.map((t: { kind: string }) => t.kind)).toEqual(['schedule', 'schedule']);
    const backwards = await s.call('GET', '/api/timers?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z', { as: 'ducha1' });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.pointer).toBe('/to');
    const clerk = await s.call('GET', '/api/timers', { as: 'zongheke1' });
    expect(clerk.status).toBe(403);
  });

  it('drops the timers of a step once the case leaves it', async () => {
    await complete(s, 'zongheke1', monthly);
    const res = await s.call('GET', `/api/instances/${monthly}/timers`, { as: 'zongheke1' });
    expect(res.body.items).toEqual([]);
  });

  it("previews a schedule's next occurrences for the designer, and refuses a bad cron with its pointer", async () => {
    const res = await s.call('POST', '/api/schedules/preview', {
      as: 'admin',
      body: { schedule: { cron: '0 9 1 * *' }, from: '2026-09-24T00:00:00Z', count: 3 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      occurrences: ['2026-10-01T01:00:00.000Z', '2026-11-01T01:00:00.000Z', '2026-12-01T01:00:00.000Z'],
    });
    const bad = await s.call('POST', '/api/schedules/preview', { as: 'admin', body: { schedule: { cron: 'every monday' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.pointer).toBe('/schedule/cron');
  });
});
