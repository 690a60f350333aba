import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { restartableDb } from '../support/restartable.js';
import { startTestServer, testConfig, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase, taskOf } from './helpers.js';

const investigation: WorkflowDefinition = {
  key: 'issue-investigation',
  title: { 'zh-CN': '问题核查', en: 'Issue investigation' },
  startForm: 'intake',
  forms: {
    intake: {
      schema: {
        type: 'object',
        required: ['issues'],
        properties: {
          issues: {
            type: 'array',
            minItems: 1,
            items: { type: 'object', required: ['unit', 'summary'], properties: { unit: { type: 'string' }, summary: { type: 'string' } } },
          },
        },
      },
    },
  },
  initial: 'investigate',
  states: {
    investigate: {
      title: { 'zh-CN': '责任单位核查', en: 'Units investigate' },
      foreach: { items: { var: 'data.intake.issues' }, assign: { role: 'liaison', unit: { var: 'item.unit' } }, due: 'P5WD' },
      on: { done: 'review' },
    },
    review: {
      title: { 'zh-CN': '信访局审核', en: 'Bureau review' },
      task: { assign: { role: 'petition-reviewer', unit: 'petition-bureau' }, due: 'P2WD' },
      on: { submit: 'closed', timeout: 'escalated' },
    },
    escalated: {
      title: { 'zh-CN': '超期督办', en: 'Escalated' },
      task: { assign: { role: 'supervision-officer', unit: 'supervision' } },
      on: { submit: 'closed' },
    },
    closed: { title: '办结', final: true },
  },
};

describe('HTTP: per-item loops, definition problems, audit, migration', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, investigation);
  });
  afterAll(() => s.close());

  it('opens one sub-task per reported issue in each responsible unit and moves on when all are done', async () => {
    const id = await startCase(s, 'xinfang1', 'issue-investigation', {
      issues: [
        { unit: 'shilizhen', summary: '道路积水' },
        { unit: 'minzhengju', summary: '低保审核' },
      ],
    });
    const c = await caseOf(s, id);
    expect(c.tasks.filter((t) => t.status === 'open').map((t) => t.state)).toEqual(['investigate', 'investigate']);
    // The pooled task is visible to the unit's liaison and to no one else.
    await complete(s, 'shilizhen-liaison', id, {});
    expect((await caseOf(s, id)).state).toBe('investigate');
    const notMine = await s.call('GET', '/api/tasks', { as: 'xianjuxiang-liaison' });
    expect(notMine.body.items.some((t: { instanceId: string }) => t.instanceId === id)).toBe(false);
    await complete(s, 'minzhengju-liaison', id, {});
    expect((await caseOf(s, id)).state).toBe('review');
  });

  it('reports five kinds of mistakes in a definition at once, each with its pointer and a message in both languages', async () => {
    const broken = structuredClone(investigation) as unknown as Record<string, any>;
    broken.key = 'broken-investigation';
    broken.states.review.on.submit = 'closd'; // unknown target
    broken.states.orphan = { task: { assign: { role: 'handler' } }, on: { submit: 'closed' } }; // unreachable
    broken.states.escalated.on = { submit: 'escalated' }; // can never reach a final state
    broken.states.investigate.foreach.assign = { role: 'no-such-role', unit: { var: 'item.unit' } }; // unknown role
    broken.states.review.task.due = 'P2X'; // bad duration
    const res = await s.call('POST', '/api/definitions/validate', { as: 'admin', body: broken, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const found = res.body.problems.map((p: { code: string; pointer: string }) => [p.code, p.pointer]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['definition.unknown_target', '/states/review/on/submit'],
        ['definition.unreachable_state', '/states/orphan'],
        ['definition.no_path_to_final', '/states/escalated'],
        ['definition.unknown_role', '/states/investigate/foreach/assign/role'],
        ['definition.invalid_duration', '/states/review/task/due'],
      ]),
    );
    for (const p of res.body.problems) {
      expect(p.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messages.en).toMatch(/[a-z]/);
    }
    const publish = await s.call('POST', '/api/definitions/broken-investigation/publish', { as: 'admin', body: { definition: broken } });
    expect(publish.status).toBe(422);
    expect(publish.body.error.code).toBe('definition.invalid');
    expect(publish.body.error.pointer).toMatch(/^\/states\//);
  });

  it('finds a tampered audit row: verify names the first broken link', async () => {
    const id = await startCase(s, 'xinfang1', 'issue-investigation', { issues: [{ unit: 'shilizhen', summary: '噪音扰民' }] });
    await complete(s, 'shilizhen-liaison', id, {});
    const ok = await s.call('GET', `/api/audit/verify?instance=${id}`, { as: 'admin' });
    expect(ok.body).toMatchObject({ ok: true });
    expect((await s.call('GET', `/api/audit/verify?instance=${id}`, { as: 'xinfang1' })).status).toBe(403);
    // Someone with database access rewrites history (the trigger forbids it, so they disable it first).
    await s.db.execute('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await s.db.execute(`UPDATE audit_event SET payload = '{"outcome":"forged"}' WHERE instance_id = $1 AND seq = 2`, [id]);
    await s.db.execute('ALTER TABLE audit_event ENABLE TRIGGER USER');
    const bad = await s.call('GET', `/api/audit/verify?instance=${id}`, { as: 'admin' });
    expect(bad.body).toMatchObject({ ok: false, instanceId: id, seq: 2 });
  });

  it('refuses to change the audit log through SQL while the trigger is in place', async () => {
    await expect(s.db.execute(`UPDATE audit_event SET type = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('migrates running cases from version 1 to 2 with a dry run first, then applies with an audit entry each', async () => {
    const id = await startCase(s, 'xinfang1', 'issue-investigation', { issues: [{ unit: 'shilizhen', summary: '迁移测试' }] });
    await complete(s, 'shilizhen-liaison', id, {});
    expect((await caseOf(s, id)).state).toBe('review');
    const v2 = structuredClone(investigation);
    v2.states = { ...v2.states };
    delete (v2.states as Record<string, unknown>).review;
    v2.states.investigate = { ...v2.states.investigate!, on: { done: 'bureau-review' } };
    v2.states['bureau-review'] = {
      title: '信访局复核',
      task: { assign: { role: 'petition-reviewer', unit: 'petition-bureau' } },
      on: { submit: 'closed', timeout: 'escalated' },
    };
    const version = await publishDefinition(s, v2);
    expect(version).toBe(2);
    const unmapped = await s.call('POST', '/api/definitions/issue-investigation/migrate', {
      as: 'admin',
      body: { from: 1, to: 2, mapping: {}, instances: [id] },
    });
    expect(unmapped.status).toBe(200);
    expect(unmapped.body.unmapped).toEqual([expect.objectContaining({ state: 'review', pointer: '/mapping/review' })]);
    const refused = await s.call('POST', '/api/definitions/issue-investigation/migrate', {
      as: 'admin',
      body: { from: 1, to: 2, mapping: {}, instances: [id], dryRun: false },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'migration.has_problems', pointer: '/mapping/review' });
    const dry = await s.call('POST', '/api/definitions/issue-investigation/migrate', {
      as: 'admin',
      body: { from: 1, to: 2, mapping: { review: 'bureau-review' }, instances: [id] },
    });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.rows).toEqual([
      expect.objectContaining({ instanceId: id, from: 'review', to: 'bureau-review', cancel: [expect.anything()], open: [expect.anything()], problems: [] }),
    ]);
    expect((await caseOf(s, id)).state).toBe('review');
    const applied = await s.call('POST', '/api/definitions/issue-investigation/migrate', {
      as: 'admin',
      body: { from: 1, to: 2, mapping: { review: 'bureau-review' }, instances: [id], dryRun: false },
    });
    expect(applied.status).toBe(200);
    const after = await caseOf(s, id);
    expect(after.state).toBe('bureau-review');
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'instance.migrated',
      payload: { from: { version: 1, state: 'review' }, to: { version: 2, state: 'bureau-review' } },
    });
    await complete(s, 'xinfang-head', id, {});
    expect((await caseOf(s, id)).status).toBe('completed');
  });
});

describe('HTTP: escalation on timeout', () => {
  it("reassigns a late step to the supervision office and tells the director, keeping the step's bookkeeping", async () => {
    const s = await startTestServer();
    try {
      await publishDefinition(s, {
        key: 'late-reply',
        title: { 'zh-CN': '限时答复', en: 'Reply in time' },
        initial: 'reply',
        states: {
          reply: {
            title: '答复',
            task: {
              assign: { users: ['shilizhen-liaison'] },
              due: 'P1WD',
              escalate: { after: 'P0D', reassign: { users: ['ducha1'] }, notify: { users: ['zhuren'] } },
            },
            on: { submit: 'done' },
          },
          done: { final: true },
        },
      });
      const id = await startCase(s, 'xinfang1', 'late-reply');
      const [row] = await s.db.execute<{ snapshot: { context: { timers: Record<string, { kind: string }> } } }>('SELECT snapshot FROM instance WHERE id = $1', [
        id,
      ]);
      const key = Object.entries(row!.snapshot.context.timers).find(([, t]) => t.kind === 'escalate')![0];
      s.clock.advance(3 * 86400_000);
      await s.engine.fireTimer(id, key);
      await expect(taskOf(s, 'shilizhen-liaison', id)).rejects.toThrow(/no task/);
      await complete(s, 'ducha1', id, {});
      expect((await caseOf(s, id)).status).toBe('completed');
      const notes = await s.call('GET', '/api/notifications', { as: 'zhuren' });
      expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('escalate');
      // A timer that comes back again (at-least-once delivery) changes nothing.
      expect(await s.engine.fireTimer(id, key)).toBeNull();
    } finally {
      await s.close();
    }
  });
});

describe('HTTP: a working-day deadline survives a restart and escalates', () => {
  it('schedules the due date on the business calendar, restarts, and the timer fires the escalation', async () => {
    const store = await restartableDb();
    // Friday 2026-09-25, before the National Day holiday (Oct 1–7); the make-up Saturday Sep 26 is not in reach.
    const start = new Date('2026-09-30T02:00:00Z');
    let db = await store.open();
    let s = await startTestServer({ db, start, config: testConfig({ dataDir: store.dataDir }) });
    let id: string;
    try {
      await publishDefinition(s, investigation);
      id = await startCase(s, 'xinfang1', 'issue-investigation', { issues: [{ unit: 'shilizhen', summary: '国庆前受理' }] });
      await complete(s, 'shilizhen-liaison', id, {});
      const review = (await caseOf(s, id)).tasks.find((t) => t.state === 'review')!;
      const due = (await s.call('GET', `/api/tasks/${review.id}`, { as: 'xinfang-head' })).body.task.dueAt as string;
      // Sep 30 + 2 working days skips Oct 1–7 (holiday): Oct 8 and Oct 9, end of work 17:00 Beijing time.
      expect(due).toBe('2026-10-09T09:00:00.000Z');
    } finally {
      await s.close();
      await db.close();
    }

    db = await store.open();
    // Time passes beyond the deadline while the server is down.
    s = await startTestServer({ db, start: new Date('2026-10-10T02:00:00Z'), config: testConfig({ dataDir: store.dataDir }) });
    try {
      // The queue waits in real time; make the stored timer due now, as if those days had passed.
      const moved = await db.query(
        `UPDATE pgboss.job SET start_after = now() WHERE name = 'chancery.timer' AND state = 'created' AND data->>'instanceId' = $1`,
        [id],
      );
      expect(moved.rowCount).toBeGreaterThan(0);
      let state = '';
      for (let i = 0; i < 60 && state !== 'escalated'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = (await caseOf(s, id)).state;
      }
      expect(state).toBe('escalated');
      expect(await taskOf(s, 'ducha1', id)).toBeTruthy();
      const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
      expect(history.body.items.map((e: { type: string }) => e.type)).toContain('timer.due');
      const notes = await s.call('GET', '/api/notifications', { as: 'xinfang-head' });
      expect(notes.body.items.some((n: { kind: string }) => n.kind === 'escalate')).toBe(true);
    } finally {
      await s.close();
      await db.close();
      await store.dispose();
    }
  });
});

describe('HTTP: a malformed request', () => {
  it("is refused with the pointer of the field and a reason in the caller's language", async () => {
    const s = await startTestServer();
    try {
      const zh = await s.call('POST', '/api/instances', { as: 'xinfang1', body: { definition: 'Bad Key!', extra: 1 } });
      expect(zh.status).toBe(422);
      expect(zh.body.error.code).toBe('request.invalid');
      expect(zh.body.error.message).toMatch(/^请求参数有误：/);
      expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff].*[\u4e00-\u9fff]/);
      const en = await s.call('POST', '/api/instances', { as: 'xinfang1', body: { definition: 'Bad Key!' }, headers: { 'accept-language': 'en' } });
      expect(en.body.error.message).toMatch(/^The request is invalid: \/definition must match pattern/);
      expect(en.body.error.pointer).toBe('/definition');
      const json = await s.call('POST', '/api/instances', { as: 'xinfang1', body: '{"definition": ' });
      expect(json.body.error).toMatchObject({ code: 'request.invalid_json', message: '请求体不是有效的 JSON' });
    } finally {
      await s.close();
    }
  });
});

describe('HTTP: a workflow rule refuses a submission', () => {
  it("answers 422 with the rule's own message and pointer, and the task stays open", async () => {
    const s = await startTestServer();
    try {
      await publishDefinition(s, {
        key: 'basis-required',
        title: { 'zh-CN': '依据审核', en: 'Basis review' },
        forms: { review: { schema: { type: 'object', properties: { basis: { type: 'string', title: '依据' } } } } },
        initial: 'review',
        states: {
          review: {
            task: { assign: { initiator: true }, form: 'review', outcomes: ['approve', 'reject'] },
            on: {
              approve: [
                {
                  if: { '!': { var: 'data.review.basis' } },
                  refuse: { message: { 'zh-CN': '同意时须写明依据', en: 'Give the basis for approving' }, pointer: '/data/basis' },
                },
                { to: 'done' },
              ],
              reject: 'done',
            },
          },
          done: { final: true },
        },
      });
      const id = await startCase(s, 'zhuren', 'basis-required');
      const t = await taskOf(s, 'zhuren', id);
      const refused = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'zhuren', body: { outcome: 'approve', data: {} } });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'instance.refused', message: '同意时须写明依据', pointer: '/data/basis' });
      expect((await caseOf(s, id)).tasks.find((x) => x.id === t)?.status).toBe('open');
      await complete(s, 'zhuren', id, { outcome: 'approve', data: { basis: '《信访工作条例》第三十一条' } });
      expect((await caseOf(s, id)).status).toBe('completed');
    } finally {
      await s.close();
    }
  });
});
