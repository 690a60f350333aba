import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase, taskOf, userId } from './helpers.js';

const signoff: WorkflowDefinition = {
  key: 'doc-signoff',
  title: { 'zh-CN': '发文审签', en: 'Document sign-off' },
  startForm: 'draft',
  forms: {
    draft: { schema: { type: 'object', required: ['subject'], properties: { subject: { type: 'string', title: '标题', minLength: 2 } } } },
  },
  caseTitle: { cat: ['发文：', { var: 'data.draft.subject' }] },
  withdraw: { allowed: true },
  initial: 'director',
  states: {
    director: {
      title: { 'zh-CN': '办公室主任审核', en: 'Office director' },
      approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' },
      on: { approve: 'deputy', reject: 'rejected' },
    },
    deputy: {
      title: { 'zh-CN': '分管副县长审签', en: 'Deputy head' },
      approval: { assign: { role: 'deputy-head', unit: 'county' }, mode: 'all' },
      return: { to: 'visited' },
      on: { approve: 'head', reject: 'rejected' },
    },
    head: {
      title: { 'zh-CN': '县长签发', en: 'County head signs' },
      approval: { assign: { role: 'county-head', unit: 'county' }, mode: 'any', opinion: 'required' },
      on: { approve: 'issued', reject: 'rejected' },
    },
    issued: { title: '已签发', final: true },
    rejected: { title: '不予签发', final: true, result: 'rejected' },
  },
};

describe('HTTP: a three-level sign-off', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, signoff);
  });
  afterAll(() => s.close());

  it('goes director → both deputy heads (会签) → county head → issued, with a history of every step', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '关于做好春季防汛工作的通知' });
    expect((await caseOf(s, id)).state).toBe('director');
    await complete(s, 'zhuren', id, { outcome: 'approve', opinion: '同意' });
    expect((await caseOf(s, id)).state).toBe('deputy');
    await complete(s, 'fuxianzhang1', id, { outcome: 'approve' });
    expect((await caseOf(s, id)).state).toBe('deputy');
    await complete(s, 'fuxianzhang2', id, { outcome: 'approve' });
    const headTask = await taskOf(s, 'xianzhang', id);
    const noOpinion = await s.call('POST', `/api/tasks/${headTask}/complete`, { as: 'xianzhang', body: { outcome: 'approve' } });
    expect(noOpinion.status).toBe(422);
    expect(noOpinion.body.error).toMatchObject({ code: 'task.opinion_required', pointer: '/opinion', message: '请填写意见' });
    await complete(s, 'xianzhang', id, { outcome: 'approve', opinion: '同意签发' });
    const done = await caseOf(s, id);
    expect(done.status).toBe('completed');
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'zongheke1' });
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'instance.started',
      'task.completed',
      'task.completed',
      'task.completed',
      'task.completed',
      'instance.completed',
    ]);
    expect(history.body.items[4].payload.opinion).toBe('同意签发');
  });

  it('refuses a start form that fails validation, naming the field, and keeps nothing', async () => {
    const res = await s.call('POST', '/api/instances', {
      as: 'zongheke1',
      body: { definition: 'doc-signoff', data: { subject: 'x' } },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('form.invalid');
    expect(res.body.error.pointer).toBe('/data/subject');
    const mine = await s.call('GET', '/api/instances?scope=started', { as: 'zongheke1' });
    expect(mine.body.items.every((i: { title: string }) => i.title !== '发文：x')).toBe(true);
  });

  it('adds a signer at run time to the 会签 step and waits for them too', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '加签测试' });
    await complete(s, 'zhuren', id, { outcome: 'approve' });
    const t = await taskOf(s, 'fuxianzhang1', id);
    const add = await s.call('POST', `/api/tasks/${t}/signers`, { as: 'fuxianzhang1', body: { users: ['xianzhang'] } });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    await complete(s, 'fuxianzhang1', id, { outcome: 'approve' });
    await complete(s, 'fuxianzhang2', id, { outcome: 'approve' });
    expect((await caseOf(s, id)).state).toBe('deputy');
    await complete(s, 'xianzhang', id, { outcome: 'approve' });
    expect((await caseOf(s, id)).state).toBe('head');
  });

  it('returns the case from the deputy step to the director, who approves it again', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '退回测试' });
    await complete(s, 'zhuren', id, { outcome: 'approve' });
    const t = await taskOf(s, 'fuxianzhang1', id);
    const bad = await s.call('POST', `/api/tasks/${t}/return`, { as: 'fuxianzhang1', body: { to: 'head' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('task.return_not_allowed');
    const ret = await s.call('POST', `/api/tasks/${t}/return`, { as: 'fuxianzhang1', body: { to: 'director', opinion: '请补充依据' } });
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    const c = await caseOf(s, id);
    expect(c.state).toBe('director');
    expect(c.tasks.filter((x) => x.state === 'deputy' && x.status === 'open')).toHaveLength(0);
    await complete(s, 'zhuren', id, { outcome: 'approve' });
    expect((await caseOf(s, id)).state).toBe('deputy');
  });

  it('lets the initiator withdraw, but nobody else', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '撤回测试' });
    const other = await s.call('POST', `/api/instances/${id}/withdraw`, { as: 'zhuren', body: {} });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('instance.not_initiator');
    const mine = await s.call('POST', `/api/instances/${id}/withdraw`, { as: 'zongheke1', body: { reason: '内容有误' } });
    expect(mine.status).toBe(200);
    const c = await caseOf(s, id);
    expect(c.status).toBe('withdrawn');
    expect(c.tasks.every((t) => t.status !== 'open')).toBe(true);
  });

  it('transfers a task; the new holder completes it and the history says who acted', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '转交测试' });
    const t = await taskOf(s, 'zhuren', id);
    const res = await s.call('POST', `/api/tasks/${t}/transfer`, { as: 'zhuren', body: { to: 'zongheke2', opinion: '请代为审核' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stolen = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'zhuren', body: { outcome: 'approve' } });
    expect(stolen.status).toBe(403);
    await complete(s, 'zongheke2', id, { outcome: 'approve' });
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'zongheke1' });
    const transferred = history.body.items.find((e: { type: string }) => e.type === 'task.transferred');
    expect(transferred.payload.to).toBe(await userId(s, 'zongheke2'));
    expect(transferred.actorName).toBe('陈刚');
  });

  it('completes a task for an absent colleague through an out-of-office delegation, recorded as acting for them', async () => {
    const zhuren = await userId(s, 'zhuren');
    const sub = await userId(s, 'zongheke2');
    await s.db.execute(`INSERT INTO delegation (id, from_user_id, to_user_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`, [
      crypto.randomUUID(),
      zhuren,
      sub,
      new Date(s.clock.now.getTime() - 3600_000),
      new Date(s.clock.now.getTime() + 86400_000),
    ]);
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '委托代办' });
    await complete(s, 'zongheke2', id, { outcome: 'approve', opinion: '代主任审核' });
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'zongheke1' });
    const done = history.body.items.find((e: { type: string }) => e.type === 'task.completed');
    expect(done.actingForId).toBe(zhuren);
    expect(done.actingForName).toBe('陈刚');
    await s.db.execute('DELETE FROM delegation WHERE from_user_id = $1', [zhuren]);
  });

  it('someone from another unit cannot see or act on a task that is not theirs', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '越权测试' });
    const t = await taskOf(s, 'zhuren', id);
    const act = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'shilizhen-head', body: { outcome: 'approve' } });
    expect(act.status).toBe(403);
    expect(act.body.error.code).toBe('task.not_assignee');
    const look = await s.call('GET', `/api/instances/${id}`, { as: 'shilizhen-head' });
    expect(look.status).toBe(404);
    const anon = await s.call('GET', `/api/instances/${id}`);
    expect(anon.status).toBe(401);
  });

  it('two people completing the same step at once: exactly one 200 and one 409 with the current state', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '并发测试' });
    await complete(s, 'zhuren', id, { outcome: 'approve' });
    const t = await taskOf(s, 'fuxianzhang1', id);
    const [a, b] = await Promise.all([
      s.call('POST', `/api/tasks/${t}/complete`, { as: 'fuxianzhang1', body: { outcome: 'approve' } }),
      s.call('POST', `/api/tasks/${t}/complete`, { as: 'fuxianzhang1', body: { outcome: 'reject' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body.error.code).toBe('task.already_done');
    expect(lost.body.error.details.current.state).toBeDefined();
  });

  it('deputy heads signing 会签 steps at the same moment all succeed and each case moves on once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: `同时会签${i}` });
      await complete(s, 'zhuren', id, { outcome: 'approve' });
      ids.push(id);
    }
    const jobs: Array<[string, string]> = [];
    for (const id of ids) for (const who of ['fuxianzhang1', 'fuxianzhang2']) jobs.push([who, await taskOf(s, who, id)]);
    const results = await Promise.all(jobs.map(([who, t]) => s.call('POST', `/api/tasks/${t}/complete`, { as: who, body: { outcome: 'approve' } })));
    expect(results.map((r) => r.status)).toEqual(jobs.map(() => 200));
    for (const id of ids) {
      const c = await caseOf(s, id);
      expect(c.state).toBe('head');
      expect(c.tasks.filter((t) => t.state === 'head' && t.status === 'open')).toHaveLength(1);
    }
  });

  it('a retried completion with the same Idempotency-Key returns the first result and changes nothing', async () => {
    const id = await startCase(s, 'zongheke1', 'doc-signoff', { subject: '幂等测试' });
    const t = await taskOf(s, 'zhuren', id);
    const headers = { 'idempotency-key': `k-${id}` };
    const first = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'zhuren', body: { outcome: 'approve' }, headers });
    const again = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'zhuren', body: { outcome: 'approve' }, headers });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, taskId: t, status: 'running' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'zongheke1' });
    expect(history.body.items.filter((e: { type: string }) => e.type === 'task.completed')).toHaveLength(1);
    const different = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'zhuren', body: { outcome: 'reject' }, headers });
    expect(different.status).toBe(422);
    expect(different.body.error.code).toBe('request.idempotency_mismatch');
  });
});
