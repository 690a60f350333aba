/**
 * Commands repeated or run at once on one case: claiming a task one already holds changes
 * nothing, many CCs and urges on one case at the same moment all go through (no 409 from the
 * version race), with urge throttling (one per case per 10 minutes) still holding, and ten
 * signers of one 会签 step approving at the same moment all succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, startCase, taskOf } from './helpers.js';

const pool: WorkflowDefinition = {
  key: 'pool-claim',
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

const SIGNERS = ['xianzhang', 'fuxianzhang1', 'fuxianzhang2', 'zhuren', 'zongheke1', 'zongheke2', 'ducha1', 'ducha2', 'mubiao1', 'xinfang-head'];
const countersign: WorkflowDefinition = {
  key: 'joint-countersign',
  title: { 'zh-CN': '联合会签', en: 'Joint countersign' },
  initial: 'sign',
  states: {
    sign: {
      title: { 'zh-CN': '各单位会签', en: 'Units countersign' },
      approval: { assign: { users: SIGNERS }, mode: 'all' },
      on: { approve: 'done', reject: 'done' },
    },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

describe('HTTP: repeated and concurrent commands on one case', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, pool);
    await publishDefinition(s, countersign);
  });
  afterAll(() => s.close());

  const versionOf = async (id: string) => (await s.db.execute<{ version: number }>('SELECT version FROM instance WHERE id = $1', [id]))[0]!.version;
  const auditTypes = async (id: string) =>
    (await s.db.execute<{ type: string }>('SELECT type FROM audit_event WHERE instance_id = $1 ORDER BY seq', [id])).map((r) => r.type);

  it('answers a second claim of my own task with the same result, no new audit entry and no new version', async () => {
    const id = await startCase(s, 'xinxi1', 'pool-claim');
    const taskId = await taskOf(s, 'zongheke2', id);
    const first = await s.call('POST', `/api/tasks/${taskId}/claim`, { as: 'zongheke2' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const version = await versionOf(id);
    const history = await auditTypes(id);
    expect(history.filter((t) => t === 'task.claimed')).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      const again = await s.call('POST', `/api/tasks/${taskId}/claim`, { as: 'zongheke2' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    }
    expect(await versionOf(id)).toBe(version);
    expect(await auditTypes(id)).toEqual(history);
    // Someone else still cannot take it.
    const other = await s.call('POST', `/api/tasks/${taskId}/claim`, { as: 'zongheke1' });
    expect(other.status).toBeGreaterThanOrEqual(400);
  });

  it('lets 36 CCs and 4 urges on one case run at once: every CC succeeds, exactly one urge goes out, none is a version conflict', async () => {
    const id = await startCase(s, 'xinxi1', 'pool-claim');
    const before = await versionOf(id);
    const recipients = ['zhuren', 'zongheke1', 'zongheke2', 'xinxi1'];
    const answers = await Promise.all([
      ...Array.from({ length: 36 }, (_, i) =>
        s.call('POST', `/api/instances/${id}/cc`, { as: 'xinxi1', body: { users: [recipients[i % recipients.length]!], message: `抄送 ${i}` } }),
      ),
      ...Array.from({ length: 4 }, () => s.call('POST', `/api/instances/${id}/urge`, { as: 'xinxi1', body: { message: '请尽快办理' } })),
    ]);
    const ccs = answers.slice(0, 36);
    const urges = answers.slice(36);
    expect(ccs.map((a) => a.status)).toEqual(Array(36).fill(200));
    expect(urges.map((a) => a.status).sort()).toEqual([200, 429, 429, 429]);
    expect(answers.some((a) => a.body?.error?.code === 'instance.version_conflict')).toBe(false);
    expect(await versionOf(id)).toBe(before + 37);
    const history = await auditTypes(id);
    expect(history.filter((t) => t === 'instance.cc')).toHaveLength(36);
    expect(history.filter((t) => t === 'instance.urged')).toHaveLength(1);
    const [{ n }] = (await s.db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE instance_id = $1 AND kind = 'cc'`, [id])) as [
      { n: number },
    ];
    expect(n).toBe(36);
  });

  it('lets ten signers of one 会签 step approve at the same moment: every one gets 200 and the case finishes once', async () => {
    const id = await startCase(s, 'xinxi1', 'joint-countersign');
    const tasks: Array<[string, string]> = [];
    for (const who of SIGNERS) tasks.push([who, await taskOf(s, who, id)]);
    for (const who of SIGNERS) await s.token(who);
    const answers = await Promise.all(
      tasks.map(([who, t]) => s.call('POST', `/api/tasks/${t}/complete`, { as: who, body: { outcome: 'approve', opinion: '同意。' } })),
    );
    expect(answers.map((a) => (a.status === 200 ? 200 : `${a.status} ${a.body?.error?.code}`))).toEqual(SIGNERS.map(() => 200));
    const [row] = await s.db.execute<{ status: string; version: number }>('SELECT status, version FROM instance WHERE id = $1', [id]);
    expect(row!.status).toBe('completed');
    expect(row!.version).toBe(1 + SIGNERS.length);
    const history = await auditTypes(id);
    expect(history.filter((t) => t === 'task.completed')).toHaveLength(SIGNERS.length);
    expect(history.filter((t) => t === 'instance.completed')).toHaveLength(1);
  });
});
