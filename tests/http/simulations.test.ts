/**
 * An admin tries time before publishing (POST /api/simulations…): a draft with a quarterly schedule
 * and a deadline with an escalation runs through the engine's own step and timer maths on the
 * business calendar; jumping to the next timer shows each firing at its date; acting as the task's
 * holder moves the case on; and no real case, task, timer, audit entry or queued job is made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition } from './helpers.js';

/** A quarterly report: on the 1st of January, April, July and October at 09:00 Beijing time the
 * secretariat reports within 10 working days; 2 working days past that, the supervision office is told. */
const quarterly: WorkflowDefinition = {
  key: 'quarterly-report',
  title: { 'zh-CN': '季度报表', en: 'Quarterly report' },
  initial: 'waiting',
  states: {
    waiting: {
      title: { 'zh-CN': '等待本季度', en: 'Waiting for the quarter' },
      schedule: [{ cron: '0 9 1 1,4,7,10 *', event: 'quarter' }],
      on: { quarter: 'report', stop: 'done' },
    },
    report: {
      title: { 'zh-CN': '报送季度报表', en: 'File the quarterly report' },
      task: {
        assign: { role: 'secretariat-clerk', unit: 'secretariat' },
        due: 'P10WD',
        escalate: [{ after: 'P2WD', notify: { users: ['ducha1'] }, event: 'late' }],
      },
      on: { submit: 'waiting', late: { set: { 'data.late': true } } },
    },
    done: { final: true },
  },
};

/** A half-year self-check, every six months from the start. */
const halfYear: WorkflowDefinition = {
  key: 'half-year-check',
  title: { 'zh-CN': '半年自查', en: 'Half-year self-check' },
  initial: 'waiting',
  states: {
    waiting: { schedule: [{ every: 'P6M', event: 'half' }], on: { half: 'check', stop: 'done' } },
    check: { task: { assign: { users: ['zongheke1'] } }, on: { submit: 'waiting' } },
    done: { final: true },
  },
};

type View = {
  simulation: unknown;
  now: string;
  open: Array<{ state: string; slot: string; people: string[]; outcomes: string[] }>;
  timers: Array<{ key: string; state: string; kind: string; at: string; notify?: unknown }>;
  nextTimer: { kind: string; at: string } | null;
  log: Array<{ at: string; text: { 'zh-CN': string; en: string } }>;
  result: string | null;
  states: string[];
};

describe('HTTP: an admin tries time on a definition', () => {
  let s: TestServer;
  const counts = async () => {
    const rows = await s.db.execute<{ n: number; t: string }>(
      `SELECT 'instance' AS t, count(*)::int AS n FROM instance UNION ALL SELECT 'task', count(*)::int FROM task
       UNION ALL SELECT 'audit', count(*)::int FROM audit_event UNION ALL SELECT 'timer', count(*)::int FROM case_timer
       UNION ALL SELECT 'job', count(*)::int FROM pgboss.job WHERE name IN ('chancery.timer', 'chancery.action')`,
    );
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  };
  const advance = async (v: View, to: string) => {
    const res = await s.call('POST', '/api/simulations/advance', { as: 'admin', body: { simulation: v.simulation, to } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as View;
  };

  beforeAll(async () => {
    s = await startTestServer({ start: new Date('2026-01-05T01:00:00Z') });
  });
  afterAll(() => s.close());

  it('fires a draft’s quarterly schedule, deadline and escalation at their dates, and makes no real case', async () => {
    const before = await counts();
    const started = await s.call('POST', '/api/simulations', {
      as: 'admin',
      body: { definition: quarterly, initiator: 'zongheke1', at: '2026-01-05T01:00:00Z' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    let v = started.body as View;
    expect(v.timers.map((t) => [t.kind, t.at])).toEqual([['schedule', '2026-04-01T01:00:00.000Z']]); // 1 April, 09:00 Beijing

    v = await advance(v, 'next-timer');
    expect(v.now).toBe('2026-04-01T01:00:00.000Z');
    expect(v.open).toEqual([expect.objectContaining({ state: 'report', people: ['zongheke1', 'zongheke2'] })]); // the directory's secretariat clerks
    // 10 working days from Wed 1 April (Qingming: 4–6 April off) end on Thu 16 April at 17:00;
    // the escalation 2 working days later, Mon 20 April at 17:00 (Beijing).
    expect(v.timers.map((t) => [t.kind, t.at])).toEqual([
      ['due', '2026-04-16T09:00:00.000Z'],
      ['escalate', '2026-04-20T09:00:00.000Z'],
    ]);

    v = await advance(v, 'next-timer');
    expect(v.now).toBe('2026-04-16T09:00:00.000Z');
    v = await advance(v, 'next-timer');
    expect(v.now).toBe('2026-04-20T09:00:00.000Z');
    expect(v.log.at(-1)!.text.en).toContain('Timer fired: report (escalate), notifies ducha1, event late');
    expect(v.log.at(-1)!.at).toBe('2026-04-20T09:00:00.000Z');

    // The clerk files it late; the next quarter is 1 July.
    const acted = await s.call('POST', '/api/simulations/act', {
      as: 'admin',
      body: { simulation: v.simulation, slot: v.open[0]!.slot, outcome: 'submit', as: 'zongheke2' },
    });
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    v = acted.body as View;
    expect(v.log.at(-1)!.text.en).toContain('zongheke2 chose "submit" at "report"');
    expect(v.timers.map((t) => [t.kind, t.at])).toEqual([['schedule', '2026-07-01T01:00:00.000Z']]);
    // Jumping to a date fires what falls due before it: the July quarter, then October's is next.
    v = await advance(v, '2026-07-02T00:00:00Z');
    expect(v.states).toEqual(['report']);
    expect(v.timers.map((t) => t.kind)).toEqual(['due', 'escalate']);

    expect(await counts()).toEqual(before);
  });

  it('hands late work over as the escalation says: to the directory’s people, or to those the admin chose for it', async () => {
    const late: WorkflowDefinition = {
      key: 'late-reply',
      title: { 'zh-CN': '超期改派', en: 'Reassigned when late' },
      initial: 'reply',
      states: {
        reply: {
          task: { assign: { users: ['zongheke1'] }, due: 'P2WD', escalate: [{ after: 'P1WD', reassign: { role: 'secretariat-clerk', unit: 'secretariat' } }] },
          on: { submit: 'done' },
        },
        done: { final: true },
      },
    };
    let v = (await s.call('POST', '/api/simulations', { as: 'admin', body: { definition: late, at: '2026-01-05T01:00:00Z' } })).body as View;
    v = await advance(v, 'next-timer'); // the deadline
    v = await advance(v, 'next-timer'); // a working day later: 超期改派 to the secretariat's clerks
    expect(v.open).toEqual([expect.objectContaining({ state: 'reply', people: ['zongheke1', 'zongheke2'] })]);
    expect(v.log.at(-1)!.text['zh-CN']).toContain('改派给 zongheke1、zongheke2');

    const chosen = await s.call('POST', '/api/simulations', {
      as: 'admin',
      body: { definition: late, at: '2026-01-05T01:00:00Z', people: { 'reply.escalate0': ['ducha1'] } },
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(201);
    v = await advance(await advance(chosen.body as View, 'next-timer'), 'next-timer');
    expect(v.open).toEqual([expect.objectContaining({ state: 'reply', people: ['ducha1'] })]);
    const acted = await s.call('POST', '/api/simulations/act', {
      as: 'admin',
      body: { simulation: v.simulation, slot: v.open[0]!.slot, outcome: 'submit', as: 'ducha1' },
    });
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    expect((acted.body as View).result).not.toBeNull();
    const wrongKey = await s.call('POST', '/api/simulations', { as: 'admin', body: { definition: late, people: { 'reply.escalate1': ['ducha1'] } } });
    expect(wrongKey.body.error).toMatchObject({ code: 'simulation.unknown_step', pointer: '/people/reply.escalate1' });
  });

  it('runs a published version by key, every six months from the start', async () => {
    await publishDefinition(s, halfYear);
    const started = await s.call('POST', '/api/simulations', { as: 'admin', body: { key: 'half-year-check', at: '2026-01-05T01:00:00Z' } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const v = await advance(started.body as View, 'next-timer');
    expect(v.now).toBe('2026-07-05T01:00:00.000Z');
    expect(v.open).toEqual([expect.objectContaining({ state: 'check', people: ['zongheke1'] })]);
  });

  it('refuses a draft that would not publish, unknown people and steps, the wrong holder, and turning the clock back, with pointers', async () => {
    const broken = { ...quarterly, states: { ...quarterly.states, waiting: { ...quarterly.states['waiting']!, on: { quarter: 'reprot' } } } };
    const bad = await s.call('POST', '/api/simulations', { as: 'admin', body: { definition: broken } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'definition.invalid', pointer: '/definition/states/waiting/on/quarter' });
    const who = await s.call('POST', '/api/simulations', { as: 'admin', body: { definition: quarterly, people: { report: ['nobody'] } } });
    expect(who.body.error).toMatchObject({ code: 'simulation.unknown_user', pointer: '/people/report/0' });
    const step = await s.call('POST', '/api/simulations', { as: 'admin', body: { definition: quarterly, people: { reprot: ['zongheke1'] } } });
    expect(step.body.error).toMatchObject({ code: 'simulation.unknown_step', pointer: '/people/reprot' });
    const neither = await s.call('POST', '/api/simulations', { as: 'admin', body: { initiator: 'zongheke1' } });
    expect(neither.status).toBe(422);

    let v = (await s.call('POST', '/api/simulations', { as: 'admin', body: { definition: quarterly, at: '2026-01-05T01:00:00Z' } })).body as View;
    v = await advance(v, 'next-timer');
    const wrong = await s.call('POST', '/api/simulations/act', {
      as: 'admin',
      headers: { 'accept-language': 'en' },
      body: { simulation: v.simulation, slot: v.open[0]!.slot, outcome: 'submit', as: 'xinxi1' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'simulation.not_assignee', pointer: '/as' });
    const outcome = await s.call('POST', '/api/simulations/act', {
      as: 'admin',
      body: { simulation: v.simulation, slot: v.open[0]!.slot, outcome: 'approve' },
    });
    expect(outcome.body.error).toMatchObject({ code: 'simulation.unknown_outcome', pointer: '/outcome' });
    const back = await s.call('POST', '/api/simulations/advance', { as: 'admin', body: { simulation: v.simulation, to: '2026-01-01T00:00:00Z' } });
    expect(back.body.error).toMatchObject({ code: 'simulation.time_backwards', pointer: '/to' });
  });

  it('is for administrators only', async () => {
    const res = await s.call('POST', '/api/simulations', { as: 'zongheke1', body: { definition: quarterly } });
    expect(res.status).toBe(403);
    expect((await s.call('POST', '/api/simulations', { body: { definition: quarterly } })).status).toBe(401);
  });
});
