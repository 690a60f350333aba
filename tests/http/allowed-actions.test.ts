/**
 * The server says what a user may do now, by the same checks the commands run: the start list
 * (only workflows the user may start), the case's `allowedActions` (withdraw only where the
 * definition's rule lets it, urge until throttled), and a throttled urge answers 429 with
 * `Retry-After` and when it is taken again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase } from './helpers.js';

const leave: WorkflowDefinition = {
  key: 'leave-slip',
  title: { 'zh-CN': '请假条', en: 'Leave slip' },
  starters: [{ role: 'secretariat-clerk', unit: 'secretariat' }],
  withdraw: { from: ['check'] },
  initial: 'check',
  states: {
    check: { title: { 'zh-CN': '科长审核', en: 'Section check' }, task: { assign: { user: 'zhuren' } }, on: { submit: 'approve' } },
    approve: { title: { 'zh-CN': '主任审批', en: 'Director' }, task: { assign: { user: 'zhuren' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

/** Started by everyone in the county government office: its own staff and those of its sections. */
const officeOnly: WorkflowDefinition = {
  key: 'office-supplies',
  title: { 'zh-CN': '办公用品申领', en: 'Office supplies' },
  starters: [{ members: 'office' }],
  initial: 'check',
  states: {
    check: { title: { 'zh-CN': '主任审核', en: 'Director' }, task: { assign: { user: 'zhuren' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: allowed actions', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, leave);
    await publishDefinition(s, officeOnly);
  }, 180_000);
  afterAll(() => s.close());

  it('lists only the workflows a user may start, and says so on the workflow itself', async () => {
    const clerk = await s.call('GET', '/api/definitions?startable=true', { as: 'zongheke1' });
    expect(clerk.body.items.map((d: { key: string }) => d.key)).toContain('leave-slip');
    const other = await s.call('GET', '/api/definitions?startable=true', { as: 'xinfang1' });
    expect(other.status).toBe(200);
    expect(other.body.items.map((d: { key: string }) => d.key)).not.toContain('leave-slip');
    const all = await s.call('GET', '/api/definitions', { as: 'xinfang1' });
    expect(all.body.items.find((d: { key: string }) => d.key === 'leave-slip')).toMatchObject({ mayStart: false });
    expect((await s.call('GET', '/api/definitions/leave-slip', { as: 'xinfang1' })).body.mayStart).toBe(false);
    expect((await s.call('GET', '/api/definitions/leave-slip', { as: 'zongheke1' })).body.mayStart).toBe(true);
    // And the start command agrees
    expect((await s.call('POST', '/api/instances', { as: 'xinfang1', body: { definition: 'leave-slip' } })).status).toBe(403);
  });

  it('lets everyone in a department (and the units under it) start a workflow whose starters name it, and nobody else', async () => {
    const startable = async (who: string) =>
      (await s.call('GET', '/api/definitions?startable=true', { as: who })).body.items.map((d: { key: string }) => d.key);
    expect(await startable('zhuren')).toContain('office-supplies'); // the office itself
    expect(await startable('ducha1')).toContain('office-supplies'); // the supervision office, a section of it
    expect(await startable('xinfang1')).not.toContain('office-supplies'); // the petition bureau
    expect((await s.call('POST', '/api/instances', { as: 'xinfang1', body: { definition: 'office-supplies' } })).status).toBe(403);
    expect((await s.call('POST', '/api/instances', { as: 'ducha1', body: { definition: 'office-supplies' } })).status).toBe(201);
  });

  it('refuses a department that is not in the directory, at its pointer', async () => {
    const res = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: { ...officeOnly, starters: [{ members: 'no-such-unit' }] } });
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'definition.unknown_unit', pointer: '/starters/0/members' })]));
  });

  it('offers withdraw only while the definition allows it, and the command agrees', async () => {
    const id = await startCase(s, 'zongheke1', 'leave-slip');
    const first = await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' });
    expect(first.body.allowedActions).toEqual(expect.arrayContaining(['withdraw', 'urge', 'cc']));
    // Someone else who may see it may CC, but neither withdraw nor urge
    const director = await s.call('GET', `/api/instances/${id}`, { as: 'zhuren' });
    expect(director.body.allowedActions).toEqual(['cc']);

    await complete(s, 'zhuren', id, { outcome: 'submit' });
    const later = await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' });
    expect(later.body.allowedActions).not.toContain('withdraw');
    const refused = await s.call('POST', `/api/instances/${id}/withdraw`, { as: 'zongheke1', body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('instance.withdraw_not_allowed');
  });

  it('answers a second urge with 429, Retry-After and when it is taken again, and stops offering it until then', async () => {
    const id = await startCase(s, 'zongheke1', 'leave-slip');
    expect((await s.call('POST', `/api/instances/${id}/urge`, { as: 'zongheke1', body: {} })).status).toBe(200);
    const again = await s.call('POST', `/api/instances/${id}/urge`, { as: 'zongheke1', body: {} });
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('instance.urged_recently');
    expect(again.headers.get('retry-after')).toBe('600');
    expect(again.body.error.message).toContain('10 分钟');
    const kase = await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' });
    expect(kase.body.allowedActions).not.toContain('urge');
    expect(kase.body.urgeAvailableAt).toBe(new Date(s.clock.now.getTime() + 600_000).toISOString());

    s.clock.advance(10 * 60_000);
    expect((await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' })).body.allowedActions).toContain('urge');
    expect((await s.call('POST', `/api/instances/${id}/urge`, { as: 'zongheke1', body: {} })).status).toBe(200);
  });
});
