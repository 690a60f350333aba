/**
 * The lists people know from DingTalk: 已办 (tasks I finished, latest first), 抄送我 (cases CC'd
 * to me), and 委托 (`scope=delegated`: the tasks I hold for someone away, marked as such), on
 * PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase } from './helpers.js';

const DAY = 86_400_000;
const flow = (key: string, user: string): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': '用车申请', en: 'Car request' },
  initial: 'handle',
  states: {
    handle: { title: { 'zh-CN': '办理', en: 'Handle' }, task: { assign: { users: [user] } }, on: { submit: 'check' } },
    check: { title: { 'zh-CN': '复核', en: 'Check' }, task: { assign: { users: ['zhuren'] } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
});

describe('HTTP: 已办, 抄送我 and delegated lists', () => {
  let s: TestServer;
  const ids = { first: '', second: '', cc: '', away: '' };
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, flow('il-mine', 'zongheke1'));
    await publishDefinition(s, flow('il-away', 'zongheke2'));
    ids.first = await startCase(s, 'xinxi1', 'il-mine');
    ids.second = await startCase(s, 'xinxi1', 'il-mine');
    ids.cc = await startCase(s, 'xinxi1', 'il-away');
    ids.away = ids.cc;
    await complete(s, 'zongheke1', ids.first, { outcome: 'submit' });
    s.clock.advance(60_000);
    await complete(s, 'zongheke1', ids.second, { outcome: 'submit' });
    expect((await s.call('POST', `/api/instances/${ids.cc}/cc`, { as: 'xinxi1', body: { users: ['zongheke1'] } })).status).toBe(200);
    // zongheke2 is away; zongheke1 stands in
    const now = s.clock.now.getTime();
    expect(
      (
        await s.call('POST', '/api/me/delegations', {
          as: 'zongheke2',
          body: { to: 'zongheke1', startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + DAY).toISOString() },
        })
      ).status,
    ).toBe(201);
  }, 180_000);
  afterAll(() => s.close());

  it('已办: the tasks I finished, the latest first, with their outcome', async () => {
    const done = await s.call('GET', '/api/tasks?scope=done', { as: 'zongheke1' });
    expect(done.status).toBe(200);
    expect(done.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids.second, ids.first]);
    expect(done.body.items[0]).toMatchObject({ outcome: 'submit', state: 'handle' });
    expect(done.body.items[0].completedAt).toBeTruthy();
    expect((await s.call('GET', '/api/tasks?scope=done', { as: 'zhuren' })).body.items).toEqual([]);
  });

  it('抄送我: the cases CC’d to me, and only those', async () => {
    const cc = await s.call('GET', '/api/instances?scope=cc', { as: 'zongheke1' });
    expect(cc.status).toBe(200);
    expect(cc.body.items.map((c: { id: string }) => c.id)).toEqual([ids.cc]);
    expect((await s.call('GET', '/api/instances?scope=cc', { as: 'zhuren' })).body.items).toEqual([]);
  });

  it('委托: scope=delegated lists the tasks I hold for someone away, marked delegated; the person away still sees theirs', async () => {
    const delegated = await s.call('GET', '/api/tasks?scope=delegated', { as: 'zongheke1' });
    expect(delegated.status, JSON.stringify(delegated.body)).toBe(200);
    expect(delegated.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids.away]);
    expect(delegated.body.items[0].delegated).toBe(true);
    const all = await s.call('GET', '/api/tasks', { as: 'zongheke1' });
    expect(all.body.items.find((t: { instanceId: string }) => t.instanceId === ids.away)?.delegated).toBe(true);
    const theirs = await s.call('GET', '/api/tasks', { as: 'zongheke2' });
    expect(theirs.body.items.map((t: { instanceId: string }) => t.instanceId)).toContain(ids.away);
  });
});
