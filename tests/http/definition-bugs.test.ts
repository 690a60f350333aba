/**
 * What publishes, runs; what a step requires is enforced. Each scenario here was a definition
 * that validated cleanly and then did nothing (or a command waved through against its step's rule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, publishDefinition, startCase, taskOf } from './helpers.js';

const report: WorkflowDefinition = {
  key: 'bug-report-form',
  title: { 'zh-CN': '调查报告', en: 'Investigation report' },
  forms: {
    report: {
      schema: {
        type: 'object',
        required: ['facts', 'handling'],
        properties: { facts: { type: 'string', title: '调查情况', minLength: 2 }, handling: { type: 'string', title: '处理意见', minLength: 2 } },
      },
    },
  },
  initial: 'investigate',
  states: {
    investigate: { task: { assign: { users: ['shilizhen-liaison'] }, form: 'report' }, on: { submit: 'review' } },
    review: {
      approval: { assign: { users: ['zhuren'] }, mode: 'any', opinion: { approve: 'optional', reject: 'required', return: 'required' } },
      return: { to: ['investigate'] },
      on: { approve: 'done', reject: 'done' },
    },
    done: { final: true },
  },
};

const signoff: WorkflowDefinition = {
  key: 'bug-opinion-all',
  title: '意见必填',
  initial: 'draft',
  states: {
    draft: { task: { assign: { users: ['zongheke1'] } }, on: { submit: 'review' } },
    review: {
      approval: { assign: { users: ['zhuren'] }, mode: 'any', opinion: 'required' },
      return: { to: 'previous' },
      on: { approve: 'done', reject: 'done' },
    },
    done: { final: true },
  },
};

describe('HTTP: a step’s form and opinion rules hold for every command', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, report);
    await publishDefinition(s, signoff);
  });
  afterAll(() => s.close());

  it('refuses a completion without data when the step’s form is incomplete, as it refuses data: {}', async () => {
    const id = await startCase(s, 'zongheke1', 'bug-report-form');
    const t = await taskOf(s, 'shilizhen-liaison', id);
    const empty = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'shilizhen-liaison', body: { outcome: 'submit', data: {} } });
    expect(empty.status).toBe(422);
    const missing = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'shilizhen-liaison', body: { outcome: 'submit' } });
    expect(missing.status, JSON.stringify(missing.body)).toBe(422);
    expect(missing.body.error).toMatchObject({ code: 'form.invalid', pointer: '/data/facts' });
    expect((await caseOf(s, id)).state).toBe('investigate');
    const ok = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'shilizhen-liaison', body: { data: { facts: '已查明', handling: '已处理' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('refuses a return without an opinion where the step requires one', async () => {
    const id = await startCase(s, 'zongheke1', 'bug-opinion-all');
    const draft = await taskOf(s, 'zongheke1', id);
    expect((await s.call('POST', `/api/tasks/${draft}/complete`, { as: 'zongheke1', body: {} })).status).toBe(200);
    const t = await taskOf(s, 'zhuren', id);
    const noOpinion = await s.call('POST', `/api/tasks/${t}/return`, { as: 'zhuren', body: { to: 'draft' } });
    expect(noOpinion.status, JSON.stringify(noOpinion.body)).toBe(422);
    expect(noOpinion.body.error).toMatchObject({ code: 'task.opinion_required', pointer: '/opinion' });
    expect((await caseOf(s, id)).state).toBe('review');
    const withOpinion = await s.call('POST', `/api/tasks/${t}/return`, { as: 'zhuren', body: { to: 'draft', opinion: '请补充依据' } });
    expect(withOpinion.status, JSON.stringify(withOpinion.body)).toBe(200);
  });

  it('requires an opinion per outcome where the definition says so: reject and return need one, approve does not', async () => {
    const id = await startCase(s, 'zongheke1', 'bug-report-form');
    const t = await taskOf(s, 'shilizhen-liaison', id);
    expect(
      (await s.call('POST', `/api/tasks/${t}/complete`, { as: 'shilizhen-liaison', body: { data: { facts: '已查明', handling: '已处理' } } })).status,
    ).toBe(200);
    const review = await taskOf(s, 'zhuren', id);
    const reject = await s.call('POST', `/api/tasks/${review}/complete`, { as: 'zhuren', body: { outcome: 'reject' }, headers: { 'accept-language': 'en' } });
    expect(reject.status).toBe(422);
    expect(reject.body.error).toMatchObject({ code: 'task.opinion_required', pointer: '/opinion' });
    const ret = await s.call('POST', `/api/tasks/${review}/return`, { as: 'zhuren', body: { to: 'investigate' } });
    expect(ret.status).toBe(422);
    const approve = await s.call('POST', `/api/tasks/${review}/complete`, { as: 'zhuren', body: { outcome: 'approve' } });
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    expect((await caseOf(s, id)).status).toBe('completed');
  });
});

describe('HTTP: publishing refuses what a start could not run', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const withFormPath: WorkflowDefinition = {
    key: 'bug-form-path',
    title: '表单路径',
    startForm: 'intake',
    forms: { intake: { schema: 'forms/intake.schema.json' } },
    initial: 'done',
    states: { done: { final: true } },
  };

  it('refuses a form given as a file path at validate and publish, pointing at it, and publishes nothing', async () => {
    const v = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: withFormPath });
    expect(v.status).toBe(200);
    expect(v.body.ok).toBe(false);
    expect(v.body.problems).toContainEqual(expect.objectContaining({ code: 'definition.form_not_inline', pointer: '/forms/intake/schema', severity: 'error' }));
    const p = await s.call('POST', '/api/definitions/bug-form-path/publish', { as: 'admin', body: { definition: withFormPath } });
    expect(p.status).toBe(422);
    expect(p.body.error.pointer).toBe('/forms/intake/schema');
    expect((await s.call('GET', '/api/definitions/bug-form-path/versions', { as: 'admin' })).status).toBe(404);
  });

  it('refuses a form schema that cannot compile, pointing at the form', async () => {
    const bad: WorkflowDefinition = {
      ...withFormPath,
      key: 'bug-form-bad',
      forms: { intake: { schema: { type: 'object', properties: { n: { type: 'nonsense' } } } } },
    };
    const p = await s.call('POST', '/api/definitions/bug-form-bad/publish', { as: 'admin', body: { definition: bad } });
    expect(p.status, JSON.stringify(p.body)).toBe(422);
    expect(p.body.error.details.problems).toContainEqual(expect.objectContaining({ code: 'definition.form_invalid', pointer: '/forms/intake/schema' }));
  });

  it('refuses an unknown unit code at publish, as it refuses an unknown role', async () => {
    const def: WorkflowDefinition = {
      key: 'bug-unknown-unit',
      title: '未知单位',
      initial: 'work',
      states: {
        work: {
          task: { assign: { role: 'handler', unit: 'shilizhen-typo' }, escalate: { notify: { head: 'no-such-unit' } }, due: 'P2WD' },
          on: { submit: 'done' },
        },
        done: { final: true },
      },
    };
    const v = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: def });
    expect(v.body.ok).toBe(false);
    expect(v.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'definition.unknown_unit', pointer: '/states/work/task/assign/unit', severity: 'error' }),
        expect.objectContaining({ code: 'definition.unknown_unit', pointer: '/states/work/task/escalate/notify/head', severity: 'error' }),
      ]),
    );
  });

  it('names the step, the item and the rule when a per-item assignment comes out empty', async () => {
    const def: WorkflowDefinition = {
      key: 'bug-empty-item',
      title: '逐项',
      startForm: 'units',
      forms: { units: { schema: { type: 'object', properties: { list: { type: 'array', items: { type: 'string' } } } } } },
      initial: 'each',
      states: {
        each: { foreach: { items: { var: 'data.units.list' }, as: 'u', assign: { role: 'liaison', unit: { var: 'u' } } }, on: { done: 'done' } },
        done: { final: true },
      },
    };
    await publishDefinition(s, def);
    const res = await s.call('POST', '/api/instances', {
      as: 'zongheke1',
      body: { definition: 'bug-empty-item', data: { list: ['shilizhen', 'office'] } },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('assign.empty');
    expect(res.body.error.details).toMatchObject({ state: 'each', item: 1, rule: { role: 'liaison', unit: 'office' } });
    expect(res.body.error.message).toContain('office');
  });
});

describe('HTTP: a task opened after its deadline', () => {
  let s: TestServer;
  const late: WorkflowDefinition = {
    key: 'bug-opened-late',
    title: '依申请公开',
    startForm: 'info',
    forms: { info: { schema: { type: 'object', required: ['formedOn'], properties: { formedOn: { type: 'string', format: 'date' } } } } },
    initial: 'reply',
    states: {
      reply: {
        task: { assign: { users: ['xinxi1'] }, due: { from: { var: 'data.info.formedOn' }, after: 'P5WD' }, remind: ['P-2WD'], escalate: { after: 'P0D' } },
        on: { submit: 'done' },
      },
      done: { final: true },
    },
  };
  beforeAll(async () => {
    s = await startTestServer({ workers: false });
    await publishDefinition(s, late);
  });
  afterAll(() => s.close());

  it('shows Overdue, and never a Due soon after it', async () => {
    const id = await startCase(s, 'zongheke1', 'bug-opened-late', { formedOn: '2026-02-02' });
    const inbox = await s.call('GET', '/api/tasks', { as: 'xinxi1' });
    expect(inbox.body.items.find((t: { instanceId: string }) => t.instanceId === id).overdue).toBe(true);
    const [row] = await s.db.execute<{ snapshot: { context: { timers: Record<string, { key: string; kind: string }> } } }>(
      'SELECT snapshot FROM instance WHERE id = $1',
      [id],
    );
    const timers = Object.values(row!.snapshot.context.timers);
    // Both are already due; the queue may run them in either order.
    await s.engine.fireTimer(id, timers.find((t) => t.kind === 'escalate')!.key);
    await s.engine.fireTimer(id, timers.find((t) => t.kind === 'remind')!.key);
    const notes = await s.call('GET', '/api/notifications', { as: 'xinxi1' });
    const titles = (notes.body.items as Array<{ instanceId: string; title: { en: string } }>).filter((n) => n.instanceId === id).map((n) => n.title.en);
    expect(titles.some((t) => t.startsWith('Overdue'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Due soon'))).toBe(false);
  });
});
