/**
 * Why did it come back? A task opened by a return (退回) carries who returned it, their opinion
 * and when — in the inbox row and on the task — and its holder is notified; a task that came by
 * the normal way carries none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase, taskOf } from './helpers.js';

const memo: WorkflowDefinition = {
  key: 'memo-review',
  title: { 'zh-CN': '签报', en: 'Memo' },
  initial: 'draft',
  states: {
    draft: { title: { 'zh-CN': '拟稿', en: 'Draft' }, task: { assign: { initiator: true } }, on: { submit: 'review' } },
    review: { title: { 'zh-CN': '主任审核', en: 'Director review' }, task: { assign: { user: 'zhuren' } }, return: { to: 'previous' }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

/** A proofreading sheet only its step fills, on a document the drafter revises. */
const sheet: WorkflowDefinition = {
  key: 'memo-sheet',
  title: { 'zh-CN': '核稿', en: 'Proofread' },
  startForm: 'draft',
  forms: {
    draft: { schema: { type: 'object', properties: { body: { type: 'string', title: '正文' } } } },
    proof: { schema: { type: 'object', properties: { comments: { type: 'string', title: '修改意见' } } } },
  },
  initial: 'proofread',
  states: {
    proofread: {
      title: { 'zh-CN': '核稿', en: 'Proofread' },
      task: { assign: { user: 'zongheke2' }, form: 'proof', outcomes: ['pass', 'sendBack'] },
      on: { pass: 'done', sendBack: 'revise' },
    },
    revise: {
      title: { 'zh-CN': '修改', en: 'Revise' },
      task: { assign: { initiator: true }, form: 'draft', outcomes: ['resubmit'] },
      on: { resubmit: 'proofread' },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: a returned task says why it came back', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, memo);
    await publishDefinition(s, sheet);
  }, 180_000);
  afterAll(() => s.close());

  it('shows the returner, the opinion and the time in the inbox row and on the task, and notifies the holder', async () => {
    const id = await startCase(s, 'zongheke1', 'memo-review');
    const inboxBefore = await s.call('GET', '/api/tasks', { as: 'zongheke1' });
    expect(inboxBefore.body.items.find((i: { instanceId: string }) => i.instanceId === id).returned).toBeNull();
    await complete(s, 'zongheke1', id, { outcome: 'submit' });

    const review = await taskOf(s, 'zhuren', id);
    const back = await s.call('POST', `/api/tasks/${review}/return`, { as: 'zhuren', body: { to: 'draft', opinion: '请补充用车事由。' } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);

    const inbox = await s.call('GET', '/api/tasks', { as: 'zongheke1' });
    const row = inbox.body.items.find((i: { instanceId: string }) => i.instanceId === id);
    expect(row.returned).toMatchObject({ byName: '陈刚', opinion: '请补充用车事由。', fromState: 'review' });
    expect(new Date(row.returned.at).toISOString()).toBe(s.clock.now.toISOString());

    const task = await s.call('GET', `/api/tasks/${row.id}`, { as: 'zongheke1' });
    expect(task.body.task.returned).toMatchObject({ byName: '陈刚', opinion: '请补充用车事由。' });

    const notes = await s.call('GET', '/api/notifications', { as: 'zongheke1' });
    const note = notes.body.items.find((n: { instanceId: string }) => n.instanceId === id);
    expect(note).toMatchObject({
      taskId: row.id,
      title: { 'zh-CN': `退回：${inbox.body.items.find((i: { instanceId: string }) => i.instanceId === id).caseTitle}` },
    });

    // Sent again, the director's new task came the normal way
    await complete(s, 'zongheke1', id, { outcome: 'submit' });
    const again = await s.call('GET', '/api/tasks', { as: 'zhuren' });
    expect(again.body.items.find((i: { instanceId: string }) => i.instanceId === id).returned).toBeNull();
  });

  it('starts the proofreading sheet empty on its next round, while the revised document keeps its text', async () => {
    const id = await startCase(s, 'zongheke1', 'memo-sheet', { body: '初稿正文' });
    await complete(s, 'zongheke2', id, { outcome: 'sendBack', data: { comments: '第二段请改写。' } });
    const revise = await taskOf(s, 'zongheke1', id);
    const draft = await s.call('GET', `/api/tasks/${revise}`, { as: 'zongheke1' });
    expect(draft.body.form.prefill).toBeUndefined();
    expect(draft.body.case.data.draft).toEqual({ body: '初稿正文' });
    await complete(s, 'zongheke1', id, { outcome: 'resubmit', data: { body: '改后正文' } });

    const again = await s.call('GET', `/api/tasks/${await taskOf(s, 'zongheke2', id)}`, { as: 'zongheke2' });
    expect(again.body.form).toMatchObject({ key: 'proof', prefill: {} });
    expect(again.body.case.data.proof).toEqual({ comments: '第二段请改写。' });
  });
});
