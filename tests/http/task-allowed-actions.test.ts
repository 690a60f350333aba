/**
 * A task says what its holder may do with it now (`allowedActions`, with the outcomes and return
 * steps), by the rules its commands run: what is not listed is refused by the command, and a task
 * still offered to a pool offers only 签收 (claim).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase, taskOf, userId } from './helpers.js';

const memo: WorkflowDefinition = {
  key: 'rules-memo',
  title: { 'zh-CN': '请示件', en: 'Request memo' },
  initial: 'draft',
  states: {
    draft: { title: { 'zh-CN': '拟稿', en: 'Draft' }, task: { assign: { initiator: true } }, on: { submit: 'review' } },
    review: {
      title: { 'zh-CN': '主任审核', en: 'Director review' },
      task: { assign: { user: 'zhuren' }, transfer: false, delegate: false },
      return: { to: 'previous' },
      on: { submit: 'sign' },
    },
    sign: {
      title: { 'zh-CN': '会签', en: 'Countersign' },
      approval: { assign: { users: ['zhuren', 'zongheke2'] }, mode: 'all', selfApproval: 'forbid' },
      on: { approve: 'done', reject: 'done' },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

const pooled: WorkflowDefinition = {
  key: 'rules-pool',
  title: { 'zh-CN': '收文登记', en: 'Incoming mail' },
  initial: 'register',
  states: {
    register: { title: { 'zh-CN': '登记', en: 'Register' }, task: { assign: { role: 'secretariat-clerk', unit: 'secretariat' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: what a task lets its holder do', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, memo);
    await publishDefinition(s, pooled);
  }, 180_000);
  afterAll(() => s.close());

  const view = async (as: string, taskId: string) => {
    const res = await s.call('GET', `/api/tasks/${taskId}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('leaves out a return the step cannot take and a transfer the step forbids, and the commands refuse them alike', async () => {
    const id = await startCase(s, 'zongheke1', 'rules-memo');
    // The first step has nowhere to return to
    const draft = await taskOf(s, 'zongheke1', id);
    const first = await view('zongheke1', draft);
    expect(first.allowedActions).toEqual(['complete', 'transfer', 'delegate']);
    expect(first.actions.return).toEqual([]);
    const noReturn = await s.call('POST', `/api/tasks/${draft}/return`, { as: 'zongheke1', body: { to: 'draft' } });
    expect(noReturn.status).toBe(422);
    expect(noReturn.body.error.code).toBe('task.return_not_allowed');
    await complete(s, 'zongheke1', id, { outcome: 'submit' });

    // The director's review may go back to the draft, and may be neither transferred nor delegated
    const review = await taskOf(s, 'zhuren', id);
    const second = await view('zhuren', review);
    expect(second.allowedActions).toEqual(['complete', 'return']);
    expect(second.actions).toMatchObject({ outcomes: ['submit'], return: [{ id: 'draft', title: '拟稿' }], transfer: false, delegate: false, claim: false });
    const transfer = await s.call('POST', `/api/tasks/${review}/transfer`, { as: 'zhuren', body: { to: 'zongheke2' } });
    expect(transfer.status).toBe(422);
    expect(transfer.body.error.code).toBe('task.transfer_not_allowed');
    const delegate = await s.call('POST', `/api/tasks/${review}/delegate`, { as: 'zhuren', body: { to: 'zongheke2' } });
    expect(delegate.body.error.code).toBe('task.delegate_not_allowed');
    // a step that is not offered is refused, the offered one is taken
    const forward = await s.call('POST', `/api/tasks/${review}/return`, { as: 'zhuren', body: { to: 'sign' } });
    expect(forward.status).toBe(422);
    expect(forward.body.error.code).toBe('task.return_not_allowed');
    expect((await s.call('POST', `/api/tasks/${review}/return`, { as: 'zhuren', body: { to: 'draft' } })).status).toBe(200);

    // Someone who only sees the case may do nothing with the task
    const closed = await view('zhuren', review);
    expect(closed.allowedActions).toEqual([]);
    expect(closed.actions).toBeNull();
  });

  it('offers an initiator handed their own approval no outcome, as the approve command refuses them', async () => {
    const id = await startCase(s, 'zongheke1', 'rules-memo');
    await complete(s, 'zongheke1', id, { outcome: 'submit' });
    await complete(s, 'zhuren', id, { outcome: 'submit' });
    // 会签: both signers may remove the other while two are left
    const mine = await taskOf(s, 'zongheke2', id);
    const both = await view('zongheke2', mine);
    expect(both.allowedActions).toEqual(['complete', 'transfer', 'delegate', 'addSigners', 'removeSigners']);
    expect(both.actions.outcomes).toEqual(['approve', 'reject']);

    // the director hands the countersignature to the drafter, who started the case
    const directors = await taskOf(s, 'zhuren', id);
    expect((await s.call('POST', `/api/tasks/${directors}/transfer`, { as: 'zhuren', body: { to: await userId(s, 'zongheke1') } })).status).toBe(200);
    const own = await view('zongheke1', directors);
    expect(own.allowedActions).not.toContain('complete');
    expect(own.actions.outcomes).toEqual([]);
    const approve = await s.call('POST', `/api/tasks/${directors}/complete`, { as: 'zongheke1', body: { outcome: 'approve' } });
    expect(approve.status).toBe(403);
    expect(approve.body.error.code).toBe('assign.self_approval');

    // Once the other signer decided, the last one left cannot be removed, and is not offered it
    await complete(s, 'zongheke2', id, { outcome: 'approve' });
    const last = await view('zongheke1', directors);
    expect(last.allowedActions).not.toContain('removeSigners');
    const remove = await s.call('DELETE', `/api/tasks/${directors}/signers/${directors}`, { as: 'zongheke1' });
    expect(remove.status).toBe(422);
    expect(remove.body.error.code).toBe('task.last_signer');
  });

  it('offers only claim on a task still offered to a pool, then what the claimer may do', async () => {
    const id = await startCase(s, 'xinxi1', 'rules-pool');
    const task = await taskOf(s, 'zongheke1', id);
    const pool = await view('zongheke1', task);
    expect(pool.allowedActions).toEqual(['claim']);
    expect(pool.actions).toMatchObject({ claim: true, outcomes: [], return: [], transfer: false, delegate: false });

    expect((await s.call('POST', `/api/tasks/${task}/claim`, { as: 'zongheke1' })).status).toBe(200);
    const claimed = await view('zongheke1', task);
    expect(claimed.allowedActions).toEqual(['complete', 'transfer', 'delegate']);
    // Now it is someone's: nobody else of the pool may claim it, or is offered to
    expect((await view('zongheke2', task)).allowedActions).toEqual([]);
    const again = await s.call('POST', `/api/tasks/${task}/claim`, { as: 'zongheke2' });
    expect(again.status).toBe(403);
  });

  it('tells the task page what the reader may do to the case too (withdraw, urge, CC)', async () => {
    const id = await startCase(s, 'zongheke1', 'rules-memo');
    const draft = await taskOf(s, 'zongheke1', id);
    expect((await view('zongheke1', draft)).case.allowedActions).toEqual(['withdraw', 'urge', 'cc']);
    // the director, who holds no task in it yet and did not start it, may not
    await complete(s, 'zongheke1', id, { outcome: 'submit' });
    expect((await view('zhuren', await taskOf(s, 'zhuren', id))).case.allowedActions).toEqual(['cc']);
  });
});
