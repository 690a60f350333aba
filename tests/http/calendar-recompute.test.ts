import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase } from './helpers.js';

describe('HTTP: a calendar change says which running deadlines it moves, and recomputes them on request', () => {
  let s: TestServer;
  let id: string;
  const inboxDue = async () => {
    const res = await s.call('GET', '/api/tasks', { as: 'zongheke1' });
    return (res.body.items as Array<{ instanceId: string; dueAt: string }>).find((t) => t.instanceId === id)!.dueAt;
  };
  const jobStart = async (key: string) => {
    const [row] = await s.db.execute<{ start_after: Date }>(
      `SELECT start_after FROM pgboss.job WHERE name = 'chancery.timer' AND singleton_key = $1 AND state = 'created'`,
      [`${id}:${key}`],
    );
    return new Date(row!.start_after).getTime();
  };

  beforeAll(async () => {
    // Monday 2 March 2026: the reply is due Thursday 17:00, with a reminder a working day before.
    s = await startTestServer();
    await publishDefinition(s, {
      key: 'county-reply',
      title: { 'zh-CN': '答复', en: 'Reply' },
      initial: 'reply',
      states: { reply: { task: { assign: { users: ['zongheke1'] }, due: 'P3WD', remind: ['P-1WD'] }, on: { submit: 'done' } }, done: { final: true } },
    });
    id = await startCase(s, 'zongheke1', 'county-reply');
  });
  afterAll(() => s.close());

  it('reports the running case a new holiday affects, and leaves its deadline alone until asked', async () => {
    expect(await inboxDue()).toBe('2026-03-05T09:00:00.000Z');
    const put = await s.call('PUT', '/api/calendar/cn/days/2026-03-04', {
      as: 'admin',
      body: { kind: 'holiday', name: { 'zh-CN': '县庆放假', en: 'County day' } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.affected).toEqual({ cases: 1, timers: 2 });
    expect(await inboxDue()).toBe('2026-03-05T09:00:00.000Z');
    const preview = await s.call('GET', '/api/calendar/cn/affected', { as: 'admin' });
    expect(preview.body.items.map((t: { instanceId: string; kind: string; from: string; to: string }) => [t.instanceId, t.kind, t.from, t.to])).toEqual([
      [id, 'remind', '2026-03-04T09:00:00.000Z', '2026-03-05T09:00:00.000Z'],
      [id, 'due', '2026-03-05T09:00:00.000Z', '2026-03-06T09:00:00.000Z'],
    ]);
  });

  it('recomputes the deadline, the reminder and their queued jobs, with an audit entry for the case', async () => {
    const dueKey = (await s.call('GET', `/api/instances/${id}/timers`, { as: 'admin' })).body.items.find((t: { kind: string }) => t.kind === 'due')
      .key as string;
    const jobBefore = await jobStart(dueKey);
    expect((await s.call('POST', '/api/calendar/cn/recompute', { as: 'zongheke1' })).status).toBe(403);

    const res = await s.call('POST', '/api/calendar/cn/recompute', { as: 'admin' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ cases: 1, timers: 2 });
    expect(await inboxDue()).toBe('2026-03-06T09:00:00.000Z');
    const timers = await s.call('GET', `/api/instances/${id}/timers`, { as: 'zongheke1' });
    expect(timers.body.items.map((t: { kind: string; nextAt: string }) => [t.kind, t.nextAt])).toEqual([
      ['remind', '2026-03-05T09:00:00.000Z'],
      ['due', '2026-03-06T09:00:00.000Z'],
    ]);
    // The queued job moved a day later with the deadline (it waits in real time, so compare the shift).
    expect(await jobStart(dueKey)).toBeGreaterThan(jobBefore + 23 * 3600_000);
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'instance.deadlines_recomputed',
      payload: {
        calendar: 'cn',
        timers: expect.arrayContaining([expect.objectContaining({ kind: 'due', from: '2026-03-05T09:00:00.000Z', to: '2026-03-06T09:00:00.000Z' })]),
      },
    });

    const again = await s.call('GET', '/api/calendar/cn/affected', { as: 'admin' });
    expect(again.body).toMatchObject({ cases: 0, timers: 0, items: [] });
  });
});

describe('HTTP: recomputing moves each item of a per-item step to its own new deadline', () => {
  it('keeps two units with different deadlines apart when a holiday moves both, and moves the case deadline with the earlier', async () => {
    // Monday 2 March 2026: one unit has one working day, the other three.
    const s = await startTestServer();
    try {
      await publishDefinition(s, {
        key: 'unit-reports',
        title: { 'zh-CN': '各单位报送', en: 'Unit reports' },
        startForm: 'round',
        forms: {
          round: {
            schema: {
              type: 'object',
              required: ['units'],
              properties: { units: { type: 'array', items: { type: 'object', properties: { unit: { type: 'string' }, days: { type: 'integer' } } } } },
            },
          },
        },
        initial: 'report',
        states: {
          report: {
            foreach: { items: { var: 'data.round.units' }, as: 'u', assign: { users: ['zongheke1'] }, due: { after: { var: 'u.days' } } },
            on: { done: 'done' },
          },
          done: { final: true },
        },
      });
      const id = await startCase(s, 'zongheke1', 'unit-reports', {
        units: [
          { unit: 'office', days: 1 },
          { unit: 'secretariat', days: 3 },
        ],
      });
      const dues = async () => {
        const res = await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' });
        return (res.body.tasks as Array<{ status: string; dueAt: string; item: { index: number } | null }>)
          .filter((t) => t.status === 'open')
          .map((t) => [t.item?.index, t.dueAt])
          .sort();
      };
      expect(await dues()).toEqual([
        [0, '2026-03-03T09:00:00.000Z'],
        [1, '2026-03-05T09:00:00.000Z'],
      ]);

      const put = await s.call('PUT', '/api/calendar/cn/days/2026-03-03', {
        as: 'admin',
        body: { kind: 'holiday', name: { 'zh-CN': '县庆放假', en: 'County day' } },
      });
      expect(put.body.affected).toEqual({ cases: 1, timers: 2 });
      const res = await s.call('POST', '/api/calendar/cn/recompute', { as: 'admin' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(await dues()).toEqual([
        [0, '2026-03-04T09:00:00.000Z'],
        [1, '2026-03-06T09:00:00.000Z'],
      ]);
      const view = await s.call('GET', `/api/instances/${id}`, { as: 'admin' });
      expect(view.body.dueAt).toBe('2026-03-04T09:00:00.000Z');
    } finally {
      await s.close();
    }
  });
});
