/**
 * The live inbox: a task arriving in someone's inbox (assigned to them, offered to their pool, or
 * assigned to a person they stand in for) reaches their notification stream as an `inbox` event,
 * from the same transaction as the task, on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { sseReader } from '../support/sse-reader.js';
import { publishDefinition, startCase, taskOf } from './helpers.js';

const flow = (key: string, assign: Record<string, unknown>): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': '实时待办', en: 'Live inbox' },
  initial: 'handle',
  states: {
    handle: { title: { 'zh-CN': '办理', en: 'Handle' }, task: { assign: assign as never }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
});

describe('HTTP: task assignments reach the assignee’s live stream', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, flow('live-named', { users: ['zongheke1'] }));
    await publishDefinition(s, flow('live-pool', { role: 'secretariat-clerk', unit: 'secretariat' }));
    await publishDefinition(s, flow('live-director', { users: ['zhuren'] }));
  });
  afterAll(() => s.close());

  async function streamOf(username: string) {
    const res = await s.app.request('/api/notifications/stream', { headers: { authorization: `Bearer ${await s.token(username)}` } });
    expect(res.status).toBe(200);
    const events = sseReader(res);
    await events.next('ready');
    return events;
  }

  it('tells the person a task is assigned to', async () => {
    const events = await streamOf('zongheke1');
    const id = await startCase(s, 'xinxi1', 'live-named');
    const inbox = await events.next('inbox');
    expect(inbox.data.tasks).toEqual([await taskOf(s, 'zongheke1', id)]);
    await events.close();
  });

  it('tells every member of the pool a task is offered to', async () => {
    const [one, two] = [await streamOf('zongheke1'), await streamOf('zongheke2')];
    const id = await startCase(s, 'xinxi1', 'live-pool');
    const taskId = await taskOf(s, 'zongheke2', id);
    expect((await one.next('inbox')).data.tasks).toEqual([taskId]);
    expect((await two.next('inbox')).data.tasks).toEqual([taskId]);
    // One of them claims it: it leaves the other's "to claim" list, so that inbox refreshes too.
    expect((await s.call('POST', `/api/tasks/${taskId}/claim`, { as: 'zongheke1' })).status).toBe(200);
    expect((await two.next('inbox')).data.tasks).toEqual([taskId]);
    await Promise.all([one.close(), two.close()]);
  });

  it('tells whoever stands in for the assignee (out-of-office delegation)', async () => {
    const from = s.clock.now;
    const delegation = await s.call('POST', '/api/me/delegations', {
      as: 'zhuren',
      body: { to: 'zongheke2', startsAt: from.toISOString(), endsAt: new Date(from.getTime() + 7 * 86_400_000).toISOString() },
    });
    expect(delegation.status).toBe(201);
    const events = await streamOf('zongheke2');
    const id = await startCase(s, 'xinxi1', 'live-director');
    expect((await events.next('inbox')).data.tasks).toEqual([await taskOf(s, 'zongheke2', id)]);
    await events.close();
  });
});
