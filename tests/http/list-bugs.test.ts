/**
 * The inbox's "To claim" tab and the admin's case list: both answered 500 on PostgreSQL (a bound
 * parameter the SQL never used), and an admin without `scope` saw none of the cases the route
 * promises ("admins: all").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase } from './helpers.js';

const poolFlow: WorkflowDefinition = {
  key: 'bug-pool',
  title: { 'zh-CN': '综合科签收', en: 'Secretariat pool' },
  initial: 'handle',
  states: {
    handle: {
      title: { 'zh-CN': '签收办理', en: 'Claim and handle' },
      task: { assign: { role: 'secretariat-clerk', unit: 'secretariat' } },
      on: { done: 'done' },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: the pool inbox and the admin case list', () => {
  let s: TestServer;
  let caseId: string;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, poolFlow);
    caseId = await startCase(s, 'xinxi1', 'bug-pool');
  });
  afterAll(() => s.close());

  it.each(['scope=pool', 'scope=pool&q=%E7%AD%BE%E6%94%B6', 'scope=pool&definition=bug-pool', 'scope=pool&overdue=false'])(
    'shows the tasks to claim in the "To claim" tab (%s)',
    async (query) => {
      const res = await s.call('GET', `/api/tasks?${query}`, { as: 'zongheke1' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.map((t: { instanceId: string }) => t.instanceId)).toEqual([caseId]);
      expect(res.body.total).toBe(1);
    },
  );

  it('lists every case for an administrator asking for scope=all', async () => {
    const res = await s.call('GET', '/api/instances?scope=all', { as: 'admin' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain(caseId);
    expect(res.body.total).toBe(1);
  });

  it('lists every case for an administrator who gives no scope, as the route says', async () => {
    const res = await s.call('GET', '/api/instances', { as: 'admin' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0].id).toBe(caseId);
  });

  it('still lists only their own cases for staff who give no scope', async () => {
    const other = await s.call('GET', '/api/instances', { as: 'zhuren' });
    expect(other.status).toBe(200);
    expect(other.body.total).toBe(0);
    const mine = await s.call('GET', '/api/instances?scope=all', { as: 'xinxi1' });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
  });
});
