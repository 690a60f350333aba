/**
 * bulletin.generate and escalate.*: the supervision office's bulletin counts each handling unit's
 * tasks with the dashboard's measures (on time / late / overdue now, core/measures/) and ranks the
 * units by on-time rate, stored as a printable,
 * escaped HTML attachment of the case; an overdue case is escalated to supervisors and reassigned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { complete, publishDefinition, startCase, userId } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseRow, waitFor } from './support.js';

const supervised: WorkflowDefinition = {
  key: 'dubanjian',
  title: { 'zh-CN': '督办件', en: 'Supervised item' },
  startForm: 'item',
  forms: { item: { schema: { type: 'object', required: ['unit'], properties: { unit: { type: 'string' } } } } },
  initial: 'handle',
  states: {
    handle: {
      approval: { assign: { role: 'head', unit: { var: 'data.item.unit' } }, mode: 'any', due: 'P2WD' },
      on: {
        approve: 'done',
        escalate: {
          actions: [
            { action: 'escalate.notify', with: { users: ['ducha1'], message: '请督促十里镇办理' } },
            { action: 'escalate.reassign', with: { to: '{{data.item.unit}}-liaison', reason: '超期改派' } },
          ],
        },
      },
    },
    done: { final: true },
  },
};

const bulletin: WorkflowDefinition = {
  key: 'tongbao',
  title: { 'zh-CN': '督查通报', en: 'Supervision bulletin' },
  initial: 'draft',
  states: {
    draft: {
      entry: [
        {
          action: 'bulletin.generate',
          with: { from: '2026-03-01', to: '2026-03-31', title: '2026年3月督办事项办理情况通报' },
          result: { 'bulletin.file': '/file', 'bulletin.units': '/units' },
        },
      ],
      on: { 'action.done': 'review' },
    },
    review: { task: { assign: { role: 'supervision-officer', unit: 'supervision' } }, on: { submit: 'issued' } },
    issued: { final: true },
  },
};

describe('supervision plugins', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, supervised);
    await publishDefinition(s, bulletin);
  });
  afterAll(() => s.close());

  it('ranks units by on-time rate in a bulletin stored as a printable attachment', async () => {
    await s.db.execute(`UPDATE org_unit SET name = '十里镇<script>alert(1)</script>' WHERE code = 'shilizhen'`);
    const town = [
      await startCase(s, 'zongheke1', 'dubanjian', { unit: 'shilizhen' }),
      await startCase(s, 'zongheke1', 'dubanjian', { unit: 'shilizhen' }),
      await startCase(s, 'zongheke1', 'dubanjian', { unit: 'shilizhen' }),
    ];
    const bureau = [await startCase(s, 'zongheke1', 'dubanjian', { unit: 'minzhengju' }), await startCase(s, 'zongheke1', 'dubanjian', { unit: 'minzhengju' })];
    await complete(s, 'shilizhen-head', town[0]!, { outcome: 'approve' });
    for (const id of bureau) await complete(s, 'minzhengju-head', id, { outcome: 'approve' });
    s.clock.advance(7 * 86_400_000); // a week later: past the two working days
    await complete(s, 'shilizhen-head', town[1]!, { outcome: 'approve' });

    const id = await startCase(s, 'ducha1', 'tongbao');
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.state === 'review',
      'the bulletin',
    );
    const data = done.data as {
      bulletin: {
        file: { id: string; name: string; mime: string; sha256: string };
        units: Array<{ unit: string; onTime: number; late: number; overdueNow: number; rank: number }>;
      };
    };
    expect(data.bulletin.units).toEqual([
      expect.objectContaining({ unit: '民政局', onTime: 2, late: 0, overdueNow: 0, onTimeRate: 1, rank: 1 }),
      expect.objectContaining({ unit: '十里镇<script>alert(1)</script>', onTime: 1, late: 1, overdueNow: 1, onTimeRate: 0.3333, rank: 2 }),
    ]);
    expect(data.bulletin.file).toMatchObject({ name: '2026年3月督办事项办理情况通报.html', mime: 'text/html' });
    const stored = await s.files.get(data.bulletin.file.id);
    const html = (await stored.read()).toString('utf8');
    expect(html).toContain('2026年3月督办事项办理情况通报');
    expect(html).toContain('十里镇&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('33.3%');
    const [row] = await s.db.execute('SELECT name, sha256 FROM file WHERE id = $1', [data.bulletin.file.id]);
    expect(row).toEqual({ name: data.bulletin.file.name, sha256: data.bulletin.file.sha256 });
  });

  it('escalates an overdue item: the supervisor is told and the task goes to the town’s liaison', async () => {
    const id = await startCase(s, 'zongheke1', 'dubanjian', { unit: 'shilizhen' });
    await s.engine.signal(null, id, { type: 'escalate' });
    const liaison = await userId(s, 'shilizhen-liaison');
    const tasks = await waitFor(
      () => s.db.execute<{ assignee_id: string | null }>(`SELECT assignee_id FROM task WHERE instance_id = $1 AND status = 'open'`, [id]),
      (t) => t.length === 1 && t[0]!.assignee_id === liaison,
      'the reassignment',
    );
    expect(tasks).toHaveLength(1);
    const told = await waitFor(
      async () => (await s.call('GET', '/api/notifications', { as: 'ducha1' })).body.items.filter((n: { instanceId: string }) => n.instanceId === id),
      (n) => n.length === 1,
      'the escalation notice',
    );
    expect(told[0]).toMatchObject({ kind: 'escalate', body: { message: '请督促十里镇办理' } });
    const history = await s.db.execute<{ type: string }>('SELECT type FROM audit_event WHERE instance_id = $1 ORDER BY seq', [id]);
    expect(history.map((h) => h.type)).toContain('task.reassigned');
    await complete(s, 'shilizhen-liaison', id, { outcome: 'approve' });
    expect((await caseRow(s, id)).status).toBe('completed');
  });
});
