/**
 * The marks an inbox row carries, as the 待办 list shows them, answered by the real server: 急件 /
 * 特急 from the definition's urgency rule, the step in the reader's language and who started the
 * case, 退回 with who returned it, their opinion and when, 转交自, 委派自, 委托 (acting for someone
 * away) and 已委托给 (held by my delegate), and the deadline with overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase, taskOf } from './helpers.js';

const DAY = 86_400_000;

const doc: WorkflowDefinition = {
  key: 'marks-doc',
  title: { 'zh-CN': '发文', en: 'Outgoing document' },
  startForm: 'doc',
  forms: {
    doc: {
      schema: {
        type: 'object',
        properties: { subject: { type: 'string', title: '标题' }, level: { enum: ['normal', 'urgent', 'very-urgent'], title: '紧急程度' } },
      },
    },
  },
  urgency: { var: 'data.doc.level' },
  initial: 'draft',
  states: {
    draft: { title: { 'zh-CN': '拟稿', en: 'Draft' }, task: { assign: { initiator: true } }, on: { submit: 'review' } },
    review: {
      title: { 'zh-CN': '主任审核', en: 'Director review' },
      task: { assign: { user: 'zhuren' }, due: 'P3WD' },
      return: { to: 'previous' },
      on: { submit: 'done' },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

const away: WorkflowDefinition = {
  key: 'marks-away',
  title: { 'zh-CN': '用印申请', en: 'Seal request' },
  initial: 'stamp',
  states: {
    stamp: { title: { 'zh-CN': '用印', en: 'Stamp' }, task: { assign: { user: 'zongheke2' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

interface Row {
  id: string;
  instanceId: string;
  stepTitle: string;
  initiatorName: string | null;
  urgency: 'urgent' | 'very-urgent' | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  returned: { byName: string | null; opinion: string | null; at: string; fromState: string | null } | null;
  transferredFrom: string | null;
  delegatedBy: string | null;
  delegated: boolean;
  actingForName: string | null;
  readOnly: boolean;
  delegatedTo: string | null;
}

describe('HTTP: the marks of an inbox row', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, doc);
    await publishDefinition(s, away);
  }, 180_000);
  afterAll(() => s.close());

  const rowOf = async (as: string, instanceId: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Row> => {
    const res = await s.call('GET', '/api/tasks?pageSize=200', { as, headers: { 'accept-language': lang } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = (res.body.items as Row[]).find((r) => r.instanceId === instanceId);
    if (!row) throw new Error(`${as} has no row for ${instanceId}`);
    return row;
  };
  /** A document drafted and sent to the director for review. */
  const atReview = async (level: string) => {
    const id = await startCase(s, 'zongheke1', 'marks-doc', { subject: `关于防汛值班的通知（${level}）`, level });
    await complete(s, 'zongheke1', id, { outcome: 'submit' });
    return id;
  };

  it('marks 特急 and 急件 by the urgency rule, names the step in the reader’s language and the initiator, and gives the deadline', async () => {
    const veryUrgent = await atReview('very-urgent');
    const urgent = await atReview('urgent');
    const normal = await atReview('normal');
    const row = await rowOf('zhuren', veryUrgent);
    expect(row).toMatchObject({
      urgency: 'very-urgent',
      stepTitle: '主任审核',
      initiatorName: '刘洋',
      overdue: false,
      returned: null,
      transferredFrom: null,
      delegatedBy: null,
      delegated: false,
      readOnly: false,
    });
    expect((await rowOf('zhuren', urgent)).urgency).toBe('urgent');
    expect((await rowOf('zhuren', normal)).urgency).toBeNull();
    // three working days from when the task was opened
    expect(row.dueAt).not.toBeNull();
    const days = (Date.parse(row.dueAt!) - Date.parse(row.createdAt)) / DAY;
    expect(days).toBeGreaterThanOrEqual(3);
    expect(days).toBeLessThan(6);
    expect(await rowOf('zhuren', veryUrgent, 'en')).toMatchObject({
      stepTitle: 'Director review',
      initiatorName: 'Liu Yang (secretariat)',
      urgency: 'very-urgent',
    });
  });

  it('marks a returned task with who returned it, their opinion and when', async () => {
    const id = await atReview('normal');
    const at = s.clock.now.toISOString();
    expect(
      (await s.call('POST', `/api/tasks/${await taskOf(s, 'zhuren', id)}/return`, { as: 'zhuren', body: { to: 'draft', opinion: '请补充值班表。' } })).status,
    ).toBe(200);
    const row = await rowOf('zongheke1', id);
    expect(row.stepTitle).toBe('拟稿');
    expect(row.returned).toEqual({ byId: expect.any(String), byName: '陈刚', opinion: '请补充值班表。', at, fromState: 'review' });
    expect((await rowOf('zongheke1', id, 'en')).returned?.byName).toBe('Chen Gang (office director)');
  });

  it('marks 转交自 on a transferred task and 委派自 on a delegated one', async () => {
    const transferred = await atReview('normal');
    expect(
      (
        await s.call('POST', `/api/tasks/${await taskOf(s, 'zhuren', transferred)}/transfer`, {
          as: 'zhuren',
          body: { to: 'zongheke2', opinion: '请孙丽审核。' },
        })
      ).status,
    ).toBe(200);
    expect(await rowOf('zongheke2', transferred)).toMatchObject({ transferredFrom: '陈刚', delegatedBy: null });

    const delegated = await atReview('normal');
    expect((await s.call('POST', `/api/tasks/${await taskOf(s, 'zhuren', delegated)}/delegate`, { as: 'zhuren', body: { to: 'zongheke2' } })).status).toBe(200);
    expect(await rowOf('zongheke2', delegated)).toMatchObject({ delegatedBy: '陈刚', transferredFrom: null });
    expect((await rowOf('zongheke2', delegated, 'en')).delegatedBy).toBe('Chen Gang (office director)');
  });

  it('marks 委托 on a task held for someone away, and 已委托给 on theirs', async () => {
    const now = s.clock.now.getTime();
    const set = await s.call('POST', '/api/me/delegations', {
      as: 'zongheke2',
      body: { to: 'zongheke1', definitionKey: 'marks-away', startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + DAY).toISOString() },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    const id = await startCase(s, 'xinxi1', 'marks-away');
    expect(await rowOf('zongheke1', id)).toMatchObject({ delegated: true, actingForName: '孙丽', readOnly: false, delegatedTo: null });
    expect(await rowOf('zongheke2', id)).toMatchObject({ delegated: false, actingForName: null, readOnly: true, delegatedTo: '刘洋' });
    expect((await rowOf('zongheke1', id, 'en')).actingForName).toBe('Sun Li (secretariat)');
  });

  it('marks a task overdue once its deadline has passed', async () => {
    const id = await atReview('normal');
    const row = await rowOf('zhuren', id);
    expect(row.overdue).toBe(false);
    s.clock.set(new Date(Date.parse(row.dueAt!)));
    expect((await rowOf('zhuren', id)).overdue).toBe(true);
    const overdue = await s.call('GET', '/api/tasks?overdue=true&pageSize=200', { as: 'zhuren' });
    expect(overdue.body.items.map((r: Row) => r.instanceId)).toContain(id);
  });
});
