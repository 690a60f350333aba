/**
 * Someone out of office still sees the tasks their delegate holds for them: listed in their inbox
 * marked 已委托给 (delegated to) the delegate, read only — no actions offered, and the commands
 * refused — while the delegate lists them as 委托 (acting for them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase, taskOf } from './helpers.js';

const DAY = 86_400_000;
const flow = (key: string): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': '会议室申请', en: 'Meeting room request' },
  initial: 'book',
  states: {
    book: { title: { 'zh-CN': '安排会议室', en: 'Book the room' }, task: { assign: { user: 'zongheke2' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
});

interface Row {
  id: string;
  instanceId: string;
  delegated: boolean;
  readOnly: boolean;
  delegatedTo: string | null;
  actingForName: string | null;
}

describe('HTTP: the tasks of someone away', () => {
  let s: TestServer;
  let before = '';
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, flow('away-room'));
    await publishDefinition(s, flow('away-other'));
    // A case of another workflow, opened before Sun Li leaves
    before = await startCase(s, 'xinxi1', 'away-other');
    // Sun Li is away; Liu Yang stands in for her meeting-room requests only
    const now = s.clock.now.getTime();
    const set = await s.call('POST', '/api/me/delegations', {
      as: 'zongheke2',
      body: { to: 'zongheke1', definitionKey: 'away-room', startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + 3 * DAY).toISOString() },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
  }, 180_000);
  afterAll(() => s.close());

  const inbox = async (as: string, scope = 'all') => {
    const res = await s.call('GET', `/api/tasks?scope=${scope}&pageSize=200`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Row[];
  };

  it('lists the delegated task to the person away, marked with who holds it, with nothing to do on it', async () => {
    const id = await startCase(s, 'xinxi1', 'away-room');
    // The task went to the delegate, acting for the person away
    const held = (await inbox('zongheke1')).find((r) => r.instanceId === id)!;
    expect(held).toMatchObject({ delegated: true, readOnly: false, actingForName: '孙丽', delegatedTo: null });

    // The person away still has it in their inbox, marked 已委托给 刘洋 and read only
    for (const scope of ['all', 'mine']) {
      const row = (await inbox('zongheke2', scope)).find((r) => r.instanceId === id);
      expect(row, scope).toMatchObject({ id: held.id, readOnly: true, delegatedTo: '刘洋', delegated: false, actingForName: null });
    }
    expect((await inbox('zongheke2', 'delegated')).map((r) => r.instanceId)).not.toContain(id);

    // Opening it shows the task read only: no action allowed, and who holds it now
    const task = await s.call('GET', `/api/tasks/${held.id}`, { as: 'zongheke2' });
    expect(task.status, JSON.stringify(task.body)).toBe(200);
    expect(task.body.allowedActions).toEqual([]);
    expect(task.body.actions).toBeNull();
    expect(task.body.delegatedTo).toMatchObject({ name: '刘洋' });
    const en = await s.call('GET', `/api/tasks?pageSize=200`, { as: 'zongheke2', headers: { 'accept-language': 'en' } });
    expect(en.body.items.find((r: Row) => r.instanceId === id).delegatedTo).toBe('Liu Yang (secretariat)');

    // and the server refuses them as before
    const refused = await s.call('POST', `/api/tasks/${held.id}/complete`, { as: 'zongheke2', body: { outcome: 'submit' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('task.not_assignee');

    // The delegate's own view: theirs to work, acting for her
    const theirs = await s.call('GET', `/api/tasks/${held.id}`, { as: 'zongheke1' });
    expect(theirs.body.allowedActions).toContain('complete');
    expect(theirs.body.delegatedTo).toBeNull();
    expect((await s.call('POST', `/api/tasks/${held.id}/complete`, { as: 'zongheke1', body: { outcome: 'submit' } })).status).toBe(200);
    expect((await inbox('zongheke2')).map((r) => r.instanceId)).not.toContain(id);
  });

  it('lists to the delegate as 委托 what they hold for someone away, and only for the workflow the delegation names', async () => {
    const id = await startCase(s, 'xinxi1', 'away-room');
    const delegated = await inbox('zongheke1', 'delegated');
    expect(delegated.find((r) => r.instanceId === id)).toMatchObject({ delegated: true, actingForName: '孙丽' });
    // Her task of another workflow stays hers: not listed to the delegate, whom the commands would refuse
    expect(delegated.map((r) => r.instanceId)).not.toContain(before);
    expect((await inbox('zongheke1')).map((r) => r.instanceId)).not.toContain(before);
    const other = await taskOf(s, 'zongheke2', before);
    expect((await s.call('POST', `/api/tasks/${other}/complete`, { as: 'zongheke1', body: {} })).status).toBe(403);
  });
});
