/**
 * What the validator accepts, the engine does: leaving a parallel step from inside a branch, and
 * schema problems told in the office's terms, one problem per mistake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, publishDefinition, startCase, taskOf } from './helpers.js';

const year: WorkflowDefinition = {
  key: 'supervision-year',
  title: { 'zh-CN': '年度督查', en: 'Supervision year' },
  outcomeTitles: { closeYear: { 'zh-CN': '结束本年度', en: 'Close the year' } },
  initial: 'year',
  states: {
    year: {
      parallel: {
        checks: {
          initial: 'inspect',
          states: {
            inspect: { task: { assign: { users: ['ducha1'] }, outcomes: ['submit', 'closeYear'] }, on: { submit: 'inspected', closeYear: 'summary' } },
            inspected: { final: true },
          },
        },
        reports: {
          initial: 'report',
          states: {
            report: { task: { assign: { users: ['mubiao1'] } }, on: { submit: 'reported' } },
            reported: { final: true },
          },
        },
      },
      onDone: 'summary',
    },
    summary: { task: { assign: { users: ['zhuren'] } }, on: { submit: 'closed' } },
    closed: { final: true },
  },
};

describe('HTTP: a task in one branch ends the whole parallel step', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
  });
  afterAll(() => s.close());

  it('validates without a warning, closes the year from one branch and cancels the other branch’s task on the record', async () => {
    const v = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: year });
    expect(v.body).toMatchObject({ ok: true, problems: [] });
    await publishDefinition(s, year);
    const id = await startCase(s, 'ducha1', 'supervision-year');
    const report = await taskOf(s, 'mubiao1', id);
    const inspect = await taskOf(s, 'ducha1', id);
    const res = await s.call('POST', `/api/tasks/${inspect}/complete`, { as: 'ducha1', body: { outcome: 'closeYear' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = await caseOf(s, id);
    expect(c.state).toBe('summary');
    expect(c.tasks.find((t) => t.id === report)?.status).toBe('cancelled');
    expect(await taskOf(s, 'zhuren', id)).toBeTruthy();
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
    const cancelled = (history.body.items as Array<{ type: string; payload: { reason?: string; tasks?: Array<{ id: string }> } }>).find(
      (e) => e.type === 'task.cancelled',
    );
    expect(cancelled?.payload).toMatchObject({ reason: 'parallel_left', tasks: [{ id: report }] });
    // The cancelled task can no longer be worked.
    const late = await s.call('POST', `/api/tasks/${report}/complete`, { as: 'mubiao1', body: {} });
    expect(late.status).toBe(409);
  });
});

describe('HTTP: schema problems say what was expected, once per mistake', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
  });
  afterAll(() => s.close());

  const base = (): WorkflowDefinition => ({
    key: 'typos',
    title: '拼写',
    initial: 'draft',
    states: {
      draft: { task: { assign: { users: ['zongheke1'] } }, on: { submit: 'review' } },
      review: { approval: { assign: { users: ['zhuren'] }, mode: 'any' }, on: { approve: 'done', reject: 'draft' } },
      done: { final: true },
    },
  });
  const problemsOf = async (def: unknown) => {
    const v = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: def, headers: { 'accept-language': 'en' } });
    return v.body.problems as Array<{ code: string; pointer: string; message: string; messages: { 'zh-CN': string; en: string } }>;
  };

  it('a deadline that is not a duration: "a duration such as P10WD", in both languages', async () => {
    for (const due of [10, '10 days']) {
      const def = base() as unknown as { states: { draft: { task: Record<string, unknown> } } };
      def.states.draft.task['due'] = due;
      const problems = await problemsOf(def);
      expect(problems, JSON.stringify(problems)).toHaveLength(1);
      expect(problems[0]!.pointer).toBe('/states/draft/task/due');
      expect(problems[0]!.messages.en).toContain('P10WD');
      expect(problems[0]!.messages['zh-CN']).toContain('工作日');
    }
  });

  it('a misspelt target is one problem, not a cascade of unreachable steps', async () => {
    const def = base();
    def.states['draft']!.on = { submit: 'reveiw' };
    const problems = await problemsOf(def);
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([['definition.unknown_target', '/states/draft/on/submit']]);
  });

  it('a misspelt property or approval mode names what was meant', async () => {
    const def = base() as unknown as { states: { draft: { task: Record<string, unknown> }; review: { approval: Record<string, unknown> } } };
    def.states.draft.task['assing'] = def.states.draft.task['assign'];
    delete def.states.draft.task['assign'];
    def.states.review.approval['mode'] = 'al';
    const problems = await problemsOf(def);
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/states/draft/task/assing', '/states/review/approval/mode']);
    expect(problems.find((p) => p.pointer.endsWith('assing'))!.messages.en).toContain('"assign"');
    expect(problems.find((p) => p.pointer.endsWith('mode'))!.messages['zh-CN']).toContain('会签');
  });
});

describe('HTTP: a form required for one outcome only', () => {
  let s: TestServer;
  const round: WorkflowDefinition = {
    key: 'round-or-close',
    title: { 'zh-CN': '督查轮次', en: 'Supervision round' },
    forms: { round: { schema: { type: 'object', required: ['theme'], properties: { theme: { type: 'string', title: '本轮主题', minLength: 2 } } } } },
    outcomeTitles: { start: { 'zh-CN': '开始本轮', en: 'Start the round' }, close: { 'zh-CN': '结束督查', en: 'Close' } },
    initial: 'decide',
    states: {
      decide: {
        task: { assign: { users: ['ducha1'] }, form: 'round', formOutcomes: ['start'], outcomes: ['start', 'close'] },
        on: { start: 'done', close: 'closed' },
      },
      done: { final: true },
      closed: { final: true, result: 'cancelled' },
    },
  };
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
    await publishDefinition(s, round);
  });
  afterAll(() => s.close());

  it('requires the round form to start a round, takes none to close, and refuses form data sent with close', async () => {
    const bad = await s.call('POST', '/api/definitions/validate', {
      as: 'admin',
      body: {
        ...round,
        key: 'x',
        states: { ...round.states, decide: { ...round.states['decide'], task: { ...round.states['decide']!.task!, formOutcomes: ['strat'] } } },
      },
    });
    expect(bad.body.problems).toContainEqual(
      expect.objectContaining({ code: 'definition.form_outcome_unknown', pointer: '/states/decide/task/formOutcomes/0' }),
    );
    const a = await startCase(s, 'ducha1', 'round-or-close');
    const t = await taskOf(s, 'ducha1', a);
    expect((await s.call('GET', `/api/tasks/${t}`, { as: 'ducha1' })).body.actions.formOutcomes).toEqual(['start']);
    const noForm = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'ducha1', body: { outcome: 'start' } });
    expect(noForm.status).toBe(422);
    expect(noForm.body.error.pointer).toBe('/data/theme');
    const withData = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'ducha1', body: { outcome: 'close', data: { theme: '无' } } });
    expect(withData.status).toBe(422);
    expect(withData.body.error).toMatchObject({ code: 'task.form_not_taken', pointer: '/data' });
    const close = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'ducha1', body: { outcome: 'close' } });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    expect((await caseOf(s, a)).state).toBe('closed');
  });
});
