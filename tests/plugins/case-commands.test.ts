/**
 * Plugins act on a case through the engine's command API (`ctx.commands`), never by writing its
 * rows: a handover through `commands.reassign` is one engine command — version, audit, the new
 * holder's notice — and a refused command reaches the case as `action.failed`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { caseOf, complete, publishDefinition, startCase, userId } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseRow, waitFor } from './support.js';

const handover = definePlugin({
  name: 'handover',
  version: '1.0.0',
  actions: {
    toDeputy: {
      params: { type: 'object', required: ['to'], additionalProperties: false, properties: { to: { type: 'string' } } },
      async run(ctx) {
        return ctx.commands.reassign({ to: String(ctx.params.to), reason: '休假交接 / on leave' });
      },
    },
  },
});

const leaveCase: WorkflowDefinition = {
  key: 'leave-handover',
  title: { 'zh-CN': '休假交接', en: 'Leave handover' },
  startForm: 'item',
  forms: { item: { schema: { type: 'object', properties: { to: { type: 'string' } } } } },
  initial: 'handle',
  states: {
    handle: {
      task: { assign: { role: 'head', unit: 'shilizhen' } },
      on: { submit: 'done', leave: { actions: [{ action: 'handover.toDeputy', with: { to: '{{data.item.to}}' } }] }, 'action.failed': 'stuck' },
    },
    done: { final: true },
    stuck: { final: true, result: 'rejected' },
  },
};

describe('plugins act through the engine’s commands', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [handover] });
    await publishDefinition(s, leaveCase);
  });
  afterAll(() => s.close());

  it('hands the open task to the deputy as one engine command: new holder told, version bumped, audited', async () => {
    const id = await startCase(s, 'zongheke1', 'leave-handover', { to: 'shilizhen-liaison' });
    const before = ((await caseOf(s, id)) as unknown as { version: number }).version;
    await s.engine.signal(null, id, { type: 'leave' });
    const liaison = await userId(s, 'shilizhen-liaison');
    await waitFor(
      () => s.db.execute<{ assignee_id: string | null }>(`SELECT assignee_id FROM task WHERE instance_id = $1 AND status = 'open'`, [id]),
      (t) => t.length === 1 && t[0]!.assignee_id === liaison,
      'the handover',
    );
    const history = (await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' })).body.items as Array<{
      type: string;
      actorId: string | null;
      payload: Record<string, unknown>;
    }>;
    const entry = history.find((e) => e.type === 'task.reassigned');
    expect(entry).toMatchObject({ actorId: null, payload: { to: liaison, by: 'handover.toDeputy', reason: '休假交接 / on leave' } });
    // The signal and the handover are two commands: the version moved past both.
    expect(((await caseOf(s, id)) as unknown as { version: number }).version).toBeGreaterThanOrEqual(before + 2);
    const told = (await s.call('GET', '/api/notifications', { as: 'shilizhen-liaison' })).body.items.filter((n: { instanceId: string }) => n.instanceId === id);
    expect(told).toHaveLength(1);
    await complete(s, 'shilizhen-liaison', id);
    expect((await caseRow(s, id)).status).toBe('completed');
  });

  it('refuses a handover to someone not in the directory, and the case hears action.failed', async () => {
    const id = await startCase(s, 'zongheke1', 'leave-handover', { to: 'nobody-here' });
    await s.engine.signal(null, id, { type: 'leave' });
    const row = await waitFor(
      () => caseRow(s, id),
      (r) => r.status !== 'running',
      'action.failed',
    );
    expect(row).toMatchObject({ status: 'rejected', state: 'stuck' });
  });
});
