import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase, taskOf, userId } from './helpers.js';

const pool = { role: 'secretariat-clerk', unit: 'secretariat' };

/** 登记 → 审核 → 审批: three steps worked by the secretariat's clerks as a pool. */
const v1: WorkflowDefinition = {
  key: 'filing',
  title: { 'zh-CN': '收文登记', en: 'Incoming documents' },
  defaults: { emptyAssignee: 'fail' },
  initial: 'register',
  states: {
    register: { task: { assign: pool, due: 'P3WD', remind: ['P-1WD'] }, on: { submit: 'review' } },
    review: { task: { assign: pool, due: 'P2WD' }, on: { submit: 'approve' } },
    approve: { task: { assign: pool }, on: { submit: 'done' } },
    done: { final: true },
  },
};

describe('HTTP: a migration dry run is a pre-flight report', () => {
  let s: TestServer;
  const ids: Record<'atRegister' | 'atReview' | 'atApprove', string> = { atRegister: '', atReview: '', atApprove: '' };
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, v1);
    ids.atRegister = await startCase(s, 'zongheke1', 'filing');
    ids.atReview = await startCase(s, 'zongheke1', 'filing');
    await complete(s, 'zongheke1', ids.atReview);
    ids.atApprove = await startCase(s, 'zongheke1', 'filing');
    await complete(s, 'zongheke1', ids.atApprove);
    await complete(s, 'zongheke1', ids.atApprove);
    // v2: registration goes to a clerk who has left (nobody to assign); review and approve are renamed.
    await publishDefinition(s, {
      ...v1,
      states: {
        register: { task: { assign: { users: ['retired-clerk'] } }, on: { submit: 'check' } },
        check: { task: { assign: pool }, on: { submit: 'sign' } },
        sign: { task: { assign: pool }, on: { submit: 'done' } },
        done: { final: true },
      },
    });
  });
  afterAll(() => s.close());

  it('lists both unmapped steps, the unassignable case, and a row for every case, without failing', async () => {
    const dry = await s.call('POST', '/api/definitions/filing/migrate', { as: 'admin', body: { from: 1, to: 2, mapping: {} } });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.unmapped).toHaveLength(2);
    expect(dry.body.unmapped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ state: 'review', pointer: '/mapping/review', cases: 1 }),
        expect.objectContaining({ state: 'approve', pointer: '/mapping/approve', cases: 1 }),
      ]),
    );
    // Cases started in the same instant come in no particular order: read them by case.
    const order = [ids.atRegister, ids.atReview, ids.atApprove];
    const rows = (dry.body.rows as Array<{ instanceId: string }>).sort((a, b) => order.indexOf(a.instanceId) - order.indexOf(b.instanceId)) as Array<{
      instanceId: string;
      from: string;
      to: string | null;
      cancel: Array<{ id: string; pool: unknown }>;
      open: unknown[];
      problems: Array<{ code: string; pointer: string; message: { 'zh-CN': string; en: string } }>;
    }>;
    expect(rows.map((r) => [r.instanceId, r.from, r.to, r.problems.map((p) => p.code)])).toEqual([
      [ids.atRegister, 'register', 'register', ['assign.empty']],
      [ids.atReview, 'review', null, ['migration.unmapped_state']],
      [ids.atApprove, 'approve', null, ['migration.unmapped_state']],
    ]);
    expect(rows[0]!.cancel).toEqual([
      expect.objectContaining({ id: await taskOf(s, 'zongheke1', ids.atRegister), pool: expect.objectContaining({ role: 'secretariat-clerk' }) }),
    ]);
    expect(rows[1]!.problems[0]).toMatchObject({ pointer: '/mapping/review', message: { en: 'Step "review" of version 1 is not mapped to version 2' } });
    expect((await caseOf(s, ids.atRegister)).state).toBe('register');
  });

  it('says which selected cases are not running on the old version instead of leaving them out silently', async () => {
    const elsewhere = '00000000-0000-4000-8000-000000000000';
    const body = { from: 1, to: 2, mapping: {}, instances: [ids.atRegister, elsewhere] };
    const dry = await s.call('POST', '/api/definitions/filing/migrate', { as: 'admin', headers: { 'accept-language': 'en' }, body });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.rows.map((r: { instanceId: string }) => r.instanceId)).toEqual([ids.atRegister]);
    expect(dry.body.mappingProblems).toEqual([
      expect.objectContaining({
        code: 'migration.case_not_selectable',
        pointer: '/instances/1',
        message: expect.objectContaining({ en: `Selected case ${elsewhere} is not a running case of version 1` }),
      }),
    ]);
    const refused = await s.call('POST', '/api/definitions/filing/migrate', { as: 'admin', body: { ...body, dryRun: false, onlyClean: true } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'migration.case_not_selectable', pointer: '/instances/1' });
  });

  it('refuses to apply while a selected case has a problem, then moves only the clean cases when asked explicitly', async () => {
    const mapping = { review: 'check', approve: 'sign' };
    const refused = await s.call('POST', '/api/definitions/filing/migrate', { as: 'admin', body: { from: 1, to: 2, mapping, dryRun: false } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'migration.has_problems', details: { count: 1 } });
    const [unchanged] = await s.db.execute<{ n: number }>(`SELECT count(*)::int AS n FROM instance WHERE definition_key = 'filing' AND definition_version = 2`);
    expect(unchanged!.n).toBe(0);

    const dry = await s.call('POST', '/api/definitions/filing/migrate', { as: 'admin', body: { from: 1, to: 2, mapping } });
    const review = dry.body.rows.find((r: { instanceId: string }) => r.instanceId === ids.atReview);
    expect(review).toMatchObject({
      to: 'check',
      keep: false,
      problems: [],
      cancel: [expect.anything()],
      open: [expect.objectContaining({ state: 'check', pool: expect.objectContaining({ role: 'secretariat-clerk' }) })],
    });

    const applied = await s.call('POST', '/api/definitions/filing/migrate', { as: 'admin', body: { from: 1, to: 2, mapping, dryRun: false, onlyClean: true } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.applied).toBe(2);
    expect((await caseOf(s, ids.atReview)).state).toBe('check');
    expect((await caseOf(s, ids.atApprove)).state).toBe('sign');
    const [left] = await s.db.execute<{ v: number }>('SELECT definition_version AS v FROM instance WHERE id = $1', [ids.atRegister]);
    expect(left!.v).toBe(1);
    const history = await s.call('GET', `/api/instances/${ids.atReview}/history`, { as: 'admin' });
    const migrated = history.body.items.at(-1);
    expect(migrated).toMatchObject({
      type: 'instance.migrated',
      payload: { from: { version: 1, state: 'review' }, to: { version: 2, state: 'check' }, keptTasks: false },
    });
    expect(Object.keys(migrated.payload)).not.toContain('fromState');
  });
});

describe('HTTP: a migration keeps what did not change', () => {
  it('keeps the open task of a step that is the same in both versions: its id, its claim, its deadline and its reminder', async () => {
    const s = await startTestServer();
    try {
      await publishDefinition(s, { ...v1, key: 'filing-keep' });
      const id = await startCase(s, 'zongheke1', 'filing-keep');
      const taskId = await taskOf(s, 'zongheke1', id);
      const claimed = await s.call('POST', `/api/tasks/${taskId}/claim`, { as: 'zongheke2' });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      const [before] = await s.db.execute<{ due_at: Date; timers: Record<string, unknown> }>(
        `SELECT t.due_at, i.snapshot->'context'->'timers' AS timers FROM task t JOIN instance i ON i.id = t.instance_id WHERE t.id = $1`,
        [taskId],
      );
      // v2 only changes a later step's deadline.
      await publishDefinition(s, {
        ...v1,
        key: 'filing-keep',
        states: { ...v1.states, review: { ...v1.states.review!, task: { ...v1.states.review!.task!, due: 'P5WD' } } },
      });

      const applied = await s.call('POST', '/api/definitions/filing-keep/migrate', { as: 'admin', body: { from: 1, to: 2, mapping: {}, dryRun: false } });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(applied.body.rows).toEqual([
        expect.objectContaining({ instanceId: id, from: 'register', to: 'register', keep: true, cancel: [], open: [], problems: [], applied: true }),
      ]);

      const view = await caseOf(s, id);
      expect(view.tasks.filter((t) => t.status === 'open')).toEqual([expect.objectContaining({ id: taskId, assigneeId: await userId(s, 'zongheke2') })]);
      const [after] = await s.db.execute<{ due_at: Date; timers: Record<string, unknown>; v: number }>(
        `SELECT t.due_at, i.snapshot->'context'->'timers' AS timers, i.definition_version AS v FROM task t JOIN instance i ON i.id = t.instance_id WHERE t.id = $1`,
        [taskId],
      );
      expect(after).toEqual({ due_at: before!.due_at, timers: before!.timers, v: 2 });
      expect(
        Object.values(after!.timers)
          .map((t) => (t as { kind: string }).kind)
          .sort(),
      ).toEqual(['due', 'remind']);
      const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
      expect(history.body.items.at(-1)).toMatchObject({
        type: 'instance.migrated',
        payload: { from: { version: 1, state: 'register' }, to: { version: 2, state: 'register' }, keptTasks: true },
      });

      // The kept task is worked as usual and the case goes on with version 2's rules.
      await complete(s, 'zongheke2', id);
      expect((await caseOf(s, id)).state).toBe('review');
    } finally {
      await s.close();
    }
  });
});

describe("HTTP: a migration pre-flight checks the case data against the target step's form", () => {
  it("reports data the new version's form would reject, with the field's pointer, and refuses to apply", async () => {
    const s = await startTestServer();
    try {
      const form = (minLength: number) => ({
        schema: { type: 'object', required: ['subject'], properties: { subject: { type: 'string', title: '标题', minLength } } },
      });
      const def = (minLength: number): WorkflowDefinition => ({
        key: 'filing-form',
        title: { 'zh-CN': '收文', en: 'Filing' },
        startForm: 'intake',
        forms: { intake: form(minLength) },
        initial: 'review',
        states: { review: { task: { assign: pool, form: 'intake' }, on: { submit: 'done' } }, done: { final: true } },
      });
      await publishDefinition(s, def(2));
      const id = await startCase(s, 'zongheke1', 'filing-form', { subject: '短标题' });
      await publishDefinition(s, def(10));
      const dry = await s.call('POST', '/api/definitions/filing-form/migrate', { as: 'admin', body: { from: 1, to: 2, mapping: {} } });
      expect(dry.status, JSON.stringify(dry.body)).toBe(200);
      expect(dry.body.rows).toEqual([
        expect.objectContaining({ instanceId: id, problems: [expect.objectContaining({ code: 'form.invalid', pointer: '/data/intake/subject' })] }),
      ]);
      const refused = await s.call('POST', '/api/definitions/filing-form/migrate', { as: 'admin', body: { from: 1, to: 2, mapping: {}, dryRun: false } });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'migration.has_problems', pointer: '/data/intake/subject' });
    } finally {
      await s.close();
    }
  });
});
