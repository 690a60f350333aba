import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseOf, complete, publishDefinition, startCase, userId } from './helpers.js';
import { chain } from './level-chain.js';

/**
 * A case of `key` on version 1 waiting for the office director, and a version 2 that only gives
 * the county head more time (the scenario).
 */
async function caseBeforeUpgrade(s: TestServer, key: string, adminSkip: 'never' | 'with-approval'): Promise<string> {
  const v1 = chain(key, adminSkip);
  v1.states.director!.on = { ...v1.states.director!.on, expedite: 'deputy', stop: 'rejected' };
  await publishDefinition(s, v1);
  const id = await startCase(s, 'zongheke1', key);
  await complete(s, 'zongheke1', id, { outcome: 'pass' });
  expect((await caseOf(s, id)).state).toBe('director');
  const v2 = structuredClone(v1);
  v2.states.head!.approval!.due = 'P5WD';
  await publishDefinition(s, v2);
  return id;
}

describe('HTTP: 不得越级 — an admin cannot move a running case past a level', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    // A second administrator: the supervision office's head of IT.
    await s.db.execute(`UPDATE app_user SET is_admin = true WHERE username = 'ducha1'`);
  });
  afterAll(() => s.close());

  it('refuses a migration that maps the director straight to the county head, and changes nothing', async () => {
    const id = await caseBeforeUpgrade(s, 'no-skip', 'never');
    const dry = await s.call('POST', '/api/definitions/no-skip/migrate', {
      as: 'admin',
      body: { from: 1, to: 2, mapping: { director: 'head' }, instances: [id] },
    });
    expect(dry.status).toBe(200);
    expect(dry.body.rows[0].problems).toEqual([
      expect.objectContaining({
        code: 'migration.level_skipped',
        pointer: '/mapping/director',
        details: expect.objectContaining({ levels: ['director', 'deputy'] }),
      }),
    ]);
    const res = await s.call('POST', '/api/definitions/no-skip/migrate', {
      as: 'admin',
      body: { from: 1, to: 2, mapping: { director: 'head' }, instances: [id], dryRun: false, reason: '县长要求直接签发' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'migration.level_skipped', pointer: '/mapping/director', message: expect.stringContaining('不得越级') });
    const after = await caseOf(s, id);
    expect(after.state).toBe('director');
    const [row] = await s.db.execute<{ v: number }>('SELECT definition_version AS v FROM instance WHERE id = $1', [id]);
    expect(row!.v).toBe(1);
  });

  it('refuses the mapping past a level when the new version no longer declares the levels', async () => {
    const v1 = chain('drop-levels', 'never');
    await publishDefinition(s, v1);
    const id = await startCase(s, 'zongheke1', 'drop-levels');
    await complete(s, 'zongheke1', id, { outcome: 'pass' });
    const { levels: _dropped, ...v2 } = structuredClone(v1);
    await publishDefinition(s, v2);
    const body = { from: 1, to: 2, mapping: { director: 'head' }, instances: [id] };
    const dry = await s.call('POST', '/api/definitions/drop-levels/migrate', { as: 'admin', body });
    expect(dry.body.rows[0].problems).toEqual([
      expect.objectContaining({ code: 'migration.level_skipped', details: expect.objectContaining({ levels: ['director', 'deputy'] }) }),
    ]);
    const res = await s.call('POST', '/api/definitions/drop-levels/migrate', { as: 'admin', body: { ...body, dryRun: false, reason: '新版本不再分级' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('migration.level_skipped');
    expect((await caseOf(s, id)).state).toBe('director');
  });

  it('refuses an admin event that pushes a case past the director', async () => {
    const id = await caseBeforeUpgrade(s, 'no-skip-event', 'never');
    const res = await s.call('POST', `/api/instances/${id}/events`, {
      as: 'admin',
      headers: { 'accept-language': 'en' },
      body: { type: 'expedite', reason: 'urgent' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'migration.level_skipped', pointer: '/type', message: expect.stringContaining('passes over director') });
    expect((await caseOf(s, id)).state).toBe('director');
  });

  it('lets an admin end a case as not signed from any level: that skips no signature', async () => {
    const id = await caseBeforeUpgrade(s, 'no-skip-stop', 'never');
    const res = await s.call('POST', `/api/instances/${id}/events`, { as: 'admin', body: { type: 'stop' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await caseOf(s, id)).status).toBe('rejected');
  });

  it('where the workflow allows it, needs a reason and a second admin, then moves the case and audits both', async () => {
    const id = await caseBeforeUpgrade(s, 'skip-approved', 'with-approval');
    const body = { from: 1, to: 2, mapping: { director: 'head' }, instances: [id], dryRun: false };
    const noReason = await s.call('POST', '/api/definitions/skip-approved/migrate', { as: 'admin', body });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toMatchObject({ code: 'migration.needs_approval', pointer: '/reason' });

    const asked = await s.call('POST', '/api/definitions/skip-approved/migrate', { as: 'admin', body: { ...body, reason: '防汛紧急通知，县长要求直接签发' } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body.pendingMove).toMatchObject({ status: 'pending', levels: ['director', 'deputy'] });
    expect((await caseOf(s, id)).state).toBe('director');
    const moveId = asked.body.pendingMove.id as string;

    const self = await s.call('POST', `/api/admin-moves/${moveId}/approve`, { as: 'admin' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('move.same_admin');
    const notAdmin = await s.call('POST', `/api/admin-moves/${moveId}/approve`, { as: 'zhuren' });
    expect(notAdmin.status).toBe(403);

    const approved = await s.call('POST', `/api/admin-moves/${moveId}/approve`, { as: 'ducha1' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'applied', decidedBy: await userId(s, 'ducha1') });
    expect((await caseOf(s, id)).state).toBe('head');
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'instance.migrated',
      payload: {
        from: { version: 1, state: 'director' },
        to: { version: 2, state: 'head' },
        levelsSkipped: ['director', 'deputy'],
        reason: '防汛紧急通知，县长要求直接签发',
        requestedBy: await userId(s, 'admin'),
        approvedBy: await userId(s, 'ducha1'),
      },
    });
    const again = await s.call('POST', `/api/admin-moves/${moveId}/approve`, { as: 'ducha1' });
    expect(again.status).toBe(409);
  });

  it('an approval covers what the report showed: once another case would be moved past a level too, it is refused until asked again', async () => {
    const v1 = chain('skip-pinned', 'with-approval');
    await publishDefinition(s, v1);
    const early = await startCase(s, 'zongheke1', 'skip-pinned');
    const late = await startCase(s, 'zongheke1', 'skip-pinned');
    await complete(s, 'zongheke1', early, { outcome: 'pass' });
    const v2 = structuredClone(v1);
    v2.states.head!.approval!.due = 'P5WD';
    await publishDefinition(s, v2);
    const asked = await s.call('POST', '/api/definitions/skip-pinned/migrate', {
      as: 'admin',
      body: { from: 1, to: 2, mapping: { director: 'head' }, dryRun: false, reason: '县长要求直接签发' },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    // The approver sees which cases skip which levels: the early case skips two, the late one (still at proofreading) none.
    expect(asked.body.pendingMove.request.instances.sort()).toEqual([early, late].sort());
    expect(asked.body.pendingMove.request.skips).toEqual({ [early]: ['director', 'deputy'], [late]: [] });
    // Meanwhile the late case reaches the director too: the mapping would now move it past two levels as well.
    await complete(s, 'zongheke1', late, { outcome: 'pass' });

    const approved = await s.call('POST', `/api/admin-moves/${asked.body.pendingMove.id}/approve`, { as: 'ducha1' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(409);
    expect(approved.body.error).toMatchObject({ code: 'move.changed', pointer: '/mapping/director' });
    for (const id of [early, late]) {
      expect((await caseOf(s, id)).state).toBe('director');
      const [row] = await s.db.execute<{ v: number }>('SELECT definition_version AS v FROM instance WHERE id = $1', [id]);
      expect(row!.v).toBe(1);
    }
  });

  it('an approved admin event is refused when the case has moved since and would now pass over another level', async () => {
    const v1 = chain('skip-changed', 'with-approval');
    v1.states.proofread!.on = { ...v1.states.proofread!.on, expedite: 'director' };
    v1.states.director!.on = { ...v1.states.director!.on, expedite: 'deputy' };
    await publishDefinition(s, v1);
    const id = await startCase(s, 'zongheke1', 'skip-changed');
    const asked = await s.call('POST', `/api/instances/${id}/events`, { as: 'admin', body: { type: 'expedite', reason: '文字把关人员休假' } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body.pendingMove.levels).toEqual(['proofread']);
    await complete(s, 'zongheke1', id, { outcome: 'pass' });

    const approved = await s.call('POST', `/api/admin-moves/${asked.body.pendingMove.id}/approve`, { as: 'ducha1', headers: { 'accept-language': 'en' } });
    expect(approved.status).toBe(409);
    expect(approved.body.error).toMatchObject({ code: 'move.changed', message: expect.stringContaining('director') });
    expect((await caseOf(s, id)).state).toBe('director');
    const pending = await s.call('GET', '/api/admin-moves?status=pending', { as: 'ducha1' });
    expect(pending.body.items.map((m: { id: string }) => m.id)).toContain(asked.body.pendingMove.id);
  });

  it('an approved admin event past a level is carried out with the reason in the audit', async () => {
    const id = await caseBeforeUpgrade(s, 'skip-approved-event', 'with-approval');
    const asked = await s.call('POST', `/api/instances/${id}/events`, { as: 'admin', body: { type: 'expedite', reason: '主任出差，经县长同意' } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect((await caseOf(s, id)).state).toBe('director');
    const pending = await s.call('GET', '/api/admin-moves?status=pending', { as: 'ducha1' });
    expect(pending.body.items.map((m: { id: string }) => m.id)).toContain(asked.body.pendingMove.id);
    const approved = await s.call('POST', `/api/admin-moves/${asked.body.pendingMove.id}/approve`, { as: 'ducha1' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await caseOf(s, id)).state).toBe('deputy');
    const history = await s.call('GET', `/api/instances/${id}/history`, { as: 'admin' });
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'instance.signal',
      payload: { event: 'expedite', reason: '主任出差，经县长同意', approvedBy: await userId(s, 'ducha1') },
    });
  });
  it('lists the moves by status and by workflow, a page at a time, and a rejected one stays where it was', async () => {
    const id = await caseBeforeUpgrade(s, 'skip-listed', 'with-approval');
    const asked = await s.call('POST', `/api/instances/${id}/events`, { as: 'admin', body: { type: 'expedite', reason: '试一下' } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const rejected = await s.call('POST', `/api/admin-moves/${asked.body.pendingMove.id}/reject`, { as: 'ducha1' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: await userId(s, 'ducha1') });
    expect((await caseOf(s, id)).state).toBe('director');

    type Move = { id: string; status: string; definitionKey: string };
    const all = await s.call('GET', '/api/admin-moves', { as: 'admin' });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const statuses = new Set((all.body.items as Move[]).map((m) => m.status));
    expect([...statuses].sort()).toEqual(['applied', 'pending', 'rejected']);
    for (const status of ['pending', 'applied', 'rejected'] as const) {
      const res = await s.call('GET', `/api/admin-moves?status=${status}`, { as: 'admin' });
      expect(res.body.items.length).toBeGreaterThan(0);
      expect((res.body.items as Move[]).every((m) => m.status === status)).toBe(true);
      expect(res.body.total).toBe((all.body.items as Move[]).filter((m) => m.status === status).length);
    }
    const byWorkflow = await s.call('GET', '/api/admin-moves?definition=skip-listed', { as: 'admin' });
    expect((byWorkflow.body.items as Move[]).map((m) => [m.id, m.definitionKey])).toEqual([[asked.body.pendingMove.id, 'skip-listed']]);
    const second = await s.call('GET', '/api/admin-moves?pageSize=1&page=2', { as: 'admin' });
    expect(second.body).toMatchObject({ total: all.body.total, page: 2, pageSize: 1 });
    expect(second.body.items.map((m: Move) => m.id)).toEqual([all.body.items[1].id]);
  });
});
