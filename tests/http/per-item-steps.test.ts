/**
 * A per-item step (one sub-task per unit): each item has its own deadline, reminders and
 * escalation addressed with the item, its own fallback assignee, and the validator checks every
 * variable against the scope where it is evaluated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import type { Timer } from '../../core/machine/context.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, publishDefinition, startCase, taskOf } from './helpers.js';

const selfCheck: WorkflowDefinition = {
  key: 'unit-self-check',
  title: { 'zh-CN': '责任单位自查', en: 'Self-check of responsible units' },
  startForm: 'round',
  forms: {
    round: {
      schema: {
        type: 'object',
        required: ['units'],
        properties: { units: { type: 'array', items: { type: 'object', properties: { unit: { type: 'string' }, target: { type: 'string' } } } } },
      },
    },
  },
  initial: 'check',
  states: {
    check: {
      foreach: {
        items: { var: 'data.round.units' },
        as: 'u',
        assign: { role: 'liaison', unit: { var: 'u.unit' } },
        emptyAssignee: { assign: [{ head: { var: 'u.unit' } }, { users: ['ducha1'] }] },
        due: 'P3WD',
        remind: [{ at: 'P-1WD', to: { head: { var: 'u.unit' } } }],
        escalate: { after: 'P0D', notify: { head: { var: 'u.unit' } }, reassign: { head: { var: 'u.unit' } } },
      },
      on: { done: 'done' },
    },
    done: { final: true },
  },
};

async function timersOf(s: TestServer, id: string): Promise<Timer[]> {
  const [row] = await s.db.execute<{ snapshot: { context: { timers: Record<string, Timer> } } }>('SELECT snapshot FROM instance WHERE id = $1', [id]);
  return Object.values(row!.snapshot.context.timers);
}

async function notes(s: TestServer, username: string, id: string): Promise<string[]> {
  const res = await s.call('GET', '/api/notifications', { as: username });
  return (res.body.items as Array<{ instanceId: string; kind: string }>).filter((n) => n.instanceId === id).map((n) => n.kind);
}

describe('HTTP: per-item deadlines, reminders, escalation and fallbacks address the item', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
    await publishDefinition(s, selfCheck);
  });
  afterAll(() => s.close());

  it('gives a unit without a liaison to its head (the per-item fallback), not a failed fan-out', async () => {
    const id = await startCase(s, 'ducha1', 'unit-self-check', { units: [{ unit: 'shilizhen' }, { unit: 'office' }] });
    expect(await taskOf(s, 'shilizhen-liaison', id)).toBeTruthy();
    expect(await taskOf(s, 'zhuren', id)).toBeTruthy();
  });

  it('reminds and escalates to the late unit’s own head, reassigns only its task, and stops a done unit’s timers', async () => {
    const id = await startCase(s, 'ducha1', 'unit-self-check', { units: [{ unit: 'shilizhen' }, { unit: 'xianjuxiang' }] });
    const timers = await timersOf(s, id);
    expect(
      timers
        .filter((t) => t.kind === 'due')
        .map((t) => t.item)
        .sort(),
    ).toEqual([0, 1]);
    // 十里镇 reports in time: its own reminder and escalation are gone.
    const early = await taskOf(s, 'shilizhen-liaison', id);
    expect((await s.call('POST', `/api/tasks/${early}/complete`, { as: 'shilizhen-liaison', body: {} })).status).toBe(200);
    const left = await timersOf(s, id);
    expect(left.every((t) => t.item === 1)).toBe(true);
    const remind = left.find((t) => t.kind === 'remind')!;
    const escalate = left.find((t) => t.kind === 'escalate')!;
    // Entered Monday; due Thursday (P3WD), reminded Wednesday (P-1WD), escalated at the deadline.
    s.clock.advance(2.5 * 86_400_000);
    expect(await s.engine.fireTimer(id, remind.key)).not.toBeNull();
    s.clock.advance(2 * 86_400_000);
    expect(await s.engine.fireTimer(id, escalate.key)).not.toBeNull();
    expect(await notes(s, 'xianjuxiang-head', id)).toEqual(['escalate', 'remind']);
    expect(await notes(s, 'shilizhen-head', id)).toEqual([]);
    // 超期改派 to the late unit's head: only that unit's task moves.
    expect(await taskOf(s, 'xianjuxiang-head', id)).toBeTruthy();
    const c = await caseOf(s, id);
    expect(c.tasks.filter((t) => t.status === 'open')).toHaveLength(1);
  });
});

describe('HTTP: the validator checks every variable against the scope where it is evaluated', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
  });
  afterAll(() => s.close());

  it('refuses the item variable outside its per-item step, and an unknown root inside it, with pointers', async () => {
    const def: WorkflowDefinition = {
      key: 'bad-scope',
      title: '变量作用域',
      initial: 'check',
      states: {
        check: {
          foreach: { items: { var: 'data.units' }, as: 'u', assign: { head: { var: 'unit.code' } } },
          on: { done: 'review' },
        },
        review: {
          task: { assign: { users: ['zhuren'] }, due: 'P2WD', escalate: { notify: { head: { var: 'u.unit' } } } },
          on: { submit: [{ if: { var: 'item.ok' }, to: 'done' }, { to: 'done' }] },
        },
        done: { final: true },
      },
    };
    const v = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: def });
    expect(v.body.ok).toBe(false);
    const found = (v.body.problems as Array<{ code: string; pointer: string }>)
      .filter((p) => p.code === 'definition.unknown_variable')
      .map((p) => p.pointer)
      .sort();
    expect(found).toEqual(['/states/check/foreach/assign/head', '/states/review/on/submit/0/if', '/states/review/task/escalate/notify/head']);
    const p = await s.call('POST', '/api/definitions/bad-scope/publish', { as: 'admin', body: { definition: def } });
    expect(p.status).toBe(422);
  });
});

describe('HTTP: the item is visible where people work', () => {
  let s: TestServer;
  const targets: WorkflowDefinition = {
    key: 'unit-targets',
    title: { 'zh-CN': '目标自查', en: 'Target self-check' },
    startForm: 'round',
    forms: {
      round: {
        schema: {
          type: 'object',
          properties: {
            units: { type: 'array', items: { type: 'object', properties: { unit: { type: 'string' }, name: { type: 'string' }, target: { type: 'string' } } } },
          },
        },
      },
      selfcheck: {
        schema: {
          type: 'object',
          required: ['target', 'progress'],
          properties: { target: { type: 'string', title: '目标' }, progress: { type: 'string', title: '完成情况', minLength: 2 } },
        },
      },
    },
    initial: 'check',
    states: {
      check: {
        foreach: {
          items: { var: 'data.round.units' },
          as: 'u',
          assign: { role: 'liaison', unit: { var: 'u.unit' } },
          form: 'selfcheck',
          collect: 'checks',
          itemTitle: { cat: ['目标自查：', { var: 'u.name' }] },
          prefill: { target: { var: 'u.target' } },
        },
        on: { done: 'done' },
      },
      done: { final: true },
    },
  };
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
    await publishDefinition(s, targets);
  });
  afterAll(() => s.close());

  it('titles each sub-task with its unit, carries the item in the task, and prefills the unit’s own target', async () => {
    const id = await startCase(s, 'mubiao1', 'unit-targets', {
      units: [
        { unit: 'shilizhen', name: '十里镇', target: '完成改厕 300 户' },
        { unit: 'xianjuxiang', name: '仙居乡', target: '新建村道 5 公里' },
      ],
    });
    const inbox = await s.call('GET', '/api/tasks', { as: 'shilizhen-liaison' });
    const row = inbox.body.items.find((t: { instanceId: string }) => t.instanceId === id);
    expect(row.title).toBe('目标自查：十里镇');
    const view = await s.call('GET', `/api/tasks/${row.id}`, { as: 'shilizhen-liaison' });
    expect(view.body.task.item).toEqual({ index: 0, value: { unit: 'shilizhen', name: '十里镇', target: '完成改厕 300 户' } });
    expect(view.body.form.prefill).toEqual({ target: '完成改厕 300 户' });
    // Nothing filled in yet: the prefilled target stands, the progress is still required.
    const empty = await s.call('POST', `/api/tasks/${row.id}/complete`, { as: 'shilizhen-liaison', body: {} });
    expect(empty.status).toBe(422);
    expect(empty.body.error.pointer).toBe('/data/progress');
    const other = (await s.call('GET', '/api/tasks', { as: 'xianjuxiang-liaison' })).body.items.find((t: { instanceId: string }) => t.instanceId === id);
    expect(other.title).toBe('目标自查：仙居乡');
    expect((await s.call('GET', `/api/tasks/${other.id}`, { as: 'xianjuxiang-liaison' })).body.form.prefill).toEqual({ target: '新建村道 5 公里' });
  });
});

describe('HTTP: a deadline taken from the case data', () => {
  let s: TestServer;
  const handling: WorkflowDefinition = {
    key: 'handling-days',
    title: '按承诺时限办理',
    startForm: 'intake',
    forms: { intake: { schema: { type: 'object', properties: { handlingDays: { type: ['integer', 'string'], title: '承诺办理时限' } } } } },
    initial: 'handle',
    states: {
      handle: { task: { assign: { users: ['xinfang1'] }, due: { after: { var: 'data.intake.handlingDays' } } }, on: { submit: 'done' } },
      done: { final: true },
    },
  };
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
    await publishDefinition(s, handling);
  });
  afterAll(() => s.close());

  it('counts a number as working days, takes a duration string, and refuses anything else at start with its pointer', async () => {
    // Monday 2 March 2026, 09:00 Beijing time; working days end at 17:00 (09:00 UTC).
    const days = await startCase(s, 'xinfang2', 'handling-days', { handlingDays: 3 });
    const dueOf = async (id: string) =>
      (await s.call('GET', '/api/tasks', { as: 'xinfang1' })).body.items.find((t: { instanceId: string }) => t.instanceId === id).dueAt;
    expect(await dueOf(days)).toBe('2026-03-05T09:00:00.000Z');
    const text = await startCase(s, 'xinfang2', 'handling-days', { handlingDays: 'P1WD' });
    expect(await dueOf(text)).toBe('2026-03-03T09:00:00.000Z');
    const bad = await s.call('POST', '/api/instances', {
      as: 'xinfang2',
      body: { definition: 'handling-days', data: { handlingDays: '尽快' } },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'instance.refused', pointer: '/data/handlingDays' });
    expect(bad.body.error.message).toContain('P10WD');
  });
});
