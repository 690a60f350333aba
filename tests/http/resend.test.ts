/**
 * 撤回后修改再提交: the initiator of a withdrawn case edits what they sent and sends it again. The
 * edited start data starts a new case, linked to the withdrawn one, which stays withdrawn; only
 * its initiator may, only once, and the start form's rules hold for the edited data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase } from './helpers.js';

const leave: WorkflowDefinition = {
  key: 'resend-leave',
  title: { 'zh-CN': '请假申请', en: 'Leave request' },
  startForm: 'request',
  forms: {
    request: {
      schema: {
        type: 'object',
        required: ['reason', 'days'],
        properties: { reason: { type: 'string', title: '事由', minLength: 2 }, days: { type: 'integer', title: '天数', minimum: 1, maximum: 30 } },
      },
    },
  },
  initial: 'approve',
  states: {
    approve: { title: { 'zh-CN': '主任审批', en: 'Director' }, task: { assign: { user: 'zhuren' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: edit and resend a withdrawn case', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, leave);
  }, 180_000);
  afterAll(() => s.close());

  const kase = async (as: string, id: string) => {
    const res = await s.call('GET', `/api/instances/${id}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('starts a new case from the edited data, linked to the withdrawn one, once, by its initiator only', async () => {
    const id = await startCase(s, 'zongheke1', 'resend-leave', { reason: '家中有事', days: 2 });
    // A running case is not resent
    expect((await kase('zongheke1', id)).allowedActions).not.toContain('resend');
    const early = await s.call('POST', `/api/instances/${id}/resend`, { as: 'zongheke1', body: {} });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('instance.not_withdrawn');

    expect((await s.call('POST', `/api/instances/${id}/withdraw`, { as: 'zongheke1', body: { reason: '天数填错了' } })).status).toBe(200);
    expect((await kase('zongheke1', id)).allowedActions).toEqual(['resend']);
    // The director saw it, but did not start it
    expect((await kase('zhuren', id)).allowedActions).toEqual([]);
    const notMine = await s.call('POST', `/api/instances/${id}/resend`, { as: 'zhuren', body: {} });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('instance.not_initiator');

    // Edited data the start form refuses is refused with its pointer, and nothing is started
    const bad = await s.call('POST', `/api/instances/${id}/resend`, { as: 'zongheke1', body: { data: { reason: '家中有事', days: 0 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('form.invalid');
    expect(JSON.stringify(bad.body.error)).toContain('/days');
    expect((await kase('zongheke1', id)).links).toEqual([]);

    const resent = await s.call('POST', `/api/instances/${id}/resend`, { as: 'zongheke1', body: { data: { reason: '家中有事', days: 3 } } });
    expect(resent.status, JSON.stringify(resent.body)).toBe(201);
    const next = resent.body.id as string;
    expect(next).not.toBe(id);
    expect(resent.headers.get('location')).toBe(`/api/instances/${next}`);

    const fresh = await kase('zongheke1', next);
    expect(fresh).toMatchObject({
      status: 'running',
      initiatorId: (await kase('zongheke1', id)).initiatorId,
      data: { request: { reason: '家中有事', days: 3 } },
    });
    expect(fresh.links).toEqual([expect.objectContaining({ kind: 'resent', direction: 'in', instanceId: id, status: 'withdrawn' })]);
    expect(fresh.steps.map((x: { id: string }) => x.id)).toEqual(['approve']);

    // The withdrawn case stays as it was, says where it went, and is not resent twice
    const old = await kase('zongheke1', id);
    expect(old).toMatchObject({ status: 'withdrawn', data: { request: { reason: '家中有事', days: 2 } } });
    expect(old.links).toEqual([expect.objectContaining({ kind: 'resent', direction: 'out', instanceId: next, status: 'running' })]);
    expect(old.allowedActions).toEqual([]);
    const twice = await s.call('POST', `/api/instances/${id}/resend`, { as: 'zongheke1', body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('instance.already_resent');

    // Both cases' histories record the link
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'zongheke1' });
    expect(history.body.items.map((e: { type: string }) => e.type)).toContain('case.linked');
  });

  it('resends the case as it was when no edited data is given', async () => {
    const id = await startCase(s, 'zongheke1', 'resend-leave', { reason: '体检', days: 1 });
    expect((await s.call('POST', `/api/instances/${id}/withdraw`, { as: 'zongheke1', body: {} })).status).toBe(200);
    const resent = await s.call('POST', `/api/instances/${id}/resend`, { as: 'zongheke1', body: {} });
    expect(resent.status, JSON.stringify(resent.body)).toBe(201);
    expect((await kase('zongheke1', resent.body.id)).data).toEqual({ request: { reason: '体检', days: 1 } });
  });

  it('hides a withdrawn case from someone who never saw it', async () => {
    const id = await startCase(s, 'zongheke1', 'resend-leave', { reason: '培训', days: 2 });
    expect((await s.call('POST', `/api/instances/${id}/withdraw`, { as: 'zongheke1', body: {} })).status).toBe(200);
    const stranger = await s.call('POST', `/api/instances/${id}/resend`, { as: 'xinxi1', body: {} });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('instance.not_found');
  });
});
