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
  forms: { round: { schema: { type: 'object', required: ['units'], properties: { units: { type: 'array', items: { type: 'object', properties: { unit: { type: 'string' }, target: { type: 'string' } } } } } } } },
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
    expect(timers.filter((t) => t.kind === 'due').map((t) => t.item).sort()).toEqual([0, 1]);
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
    const found = (v.body.problems as Array<{ code: string; pointer: string }>).filter((p) => p.code === 'definition.unknown_variable').map((p) => p.pointer).sort();
    expect(found).toEqual(['/states/check/foreach/assign/head', '/states/review/on/submit/0/if', '/states/review/task/escalate/notify/head']);
    const p = await s.call('POST', '/api/definitions/bad-scope/publish', { as: 'admin', body: { definition: def } });
    expect(p.status).toBe(422);
  });
});
