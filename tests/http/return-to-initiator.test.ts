/**
 * Sending a case back to the initiator (退回到发起人): the initiator's own first step is done by
 * starting the case (`doneAtStart`: no task at the start), an approver returns the case to it, the
 * initiator revises the start form in a task of their own and resubmits, and the flow walks on.
 * A step done at start anywhere but first, or not the initiator's, is refused at its pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase, taskOf } from './helpers.js';

const repair: WorkflowDefinition = {
  key: 'repair-request',
  title: { 'zh-CN': '维修申请', en: 'Repair request' },
  startForm: 'apply',
  forms: { apply: { schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', title: '事由' } } } } },
  initial: 'start',
  states: {
    start: {
      title: { 'zh-CN': '发起人', en: 'Initiator' },
      task: { assign: { initiator: true }, form: 'apply', doneAtStart: true },
      on: { submit: 'approve1' },
    },
    approve1: {
      title: { 'zh-CN': '主任审批', en: 'Director' },
      approval: { assign: { users: ['zhuren'] }, mode: 'any' },
      on: { approve: 'done', reject: 'done' },
      return: { to: ['start'] },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: return to the initiator', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, repair);
  }, 180_000);
  afterAll(() => s.close());

  it('starts without a task for the initiator, lets the approver send it back to them, and walks on after they resubmit', async () => {
    const id = await startCase(s, 'zongheke1', 'repair-request', { reason: '空调漏水' });
    let kase = await caseOf(s, id);
    expect(kase.state).toBe('approve1');
    expect(kase.tasks.map((t) => t.state)).toEqual(['approve1']);

    // The director sees 发起人 among the steps to send it back to, and does so
    const task = await taskOf(s, 'zhuren', id);
    const view = await s.call('GET', `/api/tasks/${task}`, { as: 'zhuren' });
    expect(view.body.actions.return).toEqual([{ id: 'start', title: '发起人' }]);
    const back = await s.call('POST', `/api/tasks/${task}/return`, { as: 'zhuren', body: { to: 'start', opinion: '请写明位置' } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);

    // The initiator revises the start form and resubmits; the director decides again
    kase = await caseOf(s, id);
    expect(kase.state).toBe('start');
    await complete(s, 'zongheke1', id, { outcome: 'submit', data: { reason: '三楼会议室空调漏水' } });
    kase = await caseOf(s, id);
    expect(kase.state).toBe('approve1');
    await complete(s, 'zhuren', id, { outcome: 'approve' });
    expect((await caseOf(s, id)).status).toBe('completed');
  });

  it('refuses a step done by starting the case that is not the initiator’s first', async () => {
    const notFirst = { ...repair, key: 'repair-bad', initial: 'approve1' };
    const res = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: notFirst });
    expect(res.body.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'definition.done_at_start_misplaced', pointer: '/states/start/task/doneAtStart' })]),
    );
    const notTheirs = {
      ...repair,
      key: 'repair-bad',
      states: { ...repair.states, start: { ...repair.states.start!, task: { assign: { users: ['zhuren'] }, form: 'apply', doneAtStart: true as const } } },
    };
    const other = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: notTheirs });
    expect(other.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'definition.done_at_start_misplaced' })]));
  });
});
