/**
 * Two servers on one database act as one: what one node compiled, cached or changed is seen by
 * the other. (In one process: on PostgreSQL each node has its own pool and listener, so changes
 * travel through the database; on PGlite the nodes share the one in-process connection.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import type { Database } from '../../core/persistence/types.js';
import { openTestDatabase } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition } from './helpers.js';

const intake: WorkflowDefinition = {
  key: 'two-node-intake',
  title: { 'zh-CN': '登记', en: 'Intake' },
  startForm: 'intake',
  forms: { intake: { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2 } } } } },
  initial: 'review',
  states: {
    review: { approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any', due: 'P3WD' }, on: { approve: 'done', reject: 'done' } },
    done: { final: true },
  },
};

describe('HTTP: two nodes on one database', () => {
  let db: Database;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    db = await openTestDatabase();
    a = await startTestServer({ db, start: new Date('2026-03-02T01:00:00Z') });
    b = await startTestServer({ db, start: new Date('2026-03-02T01:00:00Z'), workers: false });
    await publishDefinition(a, intake);
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db?.close();
  });

  it('serves on node B the validator module of a form compiled on node A', async () => {
    const bundle = await a.call('GET', '/api/forms/two-node-intake/intake', { as: 'xinfang1' });
    expect(bundle.status).toBe(200);
    const viaA = await a.app.request(bundle.body.validatorModule);
    const viaB = await b.app.request(bundle.body.validatorModule);
    expect(viaB.status).toBe(200);
    expect(viaB.headers.get('content-type')).toMatch(/javascript/);
    expect(await viaB.text()).toBe(await viaA.text());
  });

  it('moves a deadline computed on node B when an admin adds a holiday on node A, and back when it is removed', async () => {
    // Monday 2 March 2026, 09:00 in Beijing: three working days later is Thursday 5 March.
    const deadlineOnB = async () =>
      (await b.call('GET', '/api/calendar/cn/deadline?start=2026-03-02T01:00:00Z&duration=P3WD', { as: 'zongheke1' })).body.deadline as string;
    const before = await deadlineOnB();
    expect(before.slice(0, 10)).toBe('2026-03-05');
    const set = await a.call('PUT', '/api/calendar/cn/days/2026-03-04', {
      as: 'admin',
      body: { kind: 'holiday', name: { 'zh-CN': '临时休假', en: 'Extra day off' } },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await expect.poll(deadlineOnB, { timeout: 20_000 }).toMatch(/^2026-03-06/);
    expect((await a.call('DELETE', '/api/calendar/cn/days/2026-03-04', { as: 'admin' })).status).toBe(200);
    await expect.poll(deadlineOnB, { timeout: 20_000 }).toBe(before);
  });

  it('refuses on node B, before its 5-second user cache would expire, a user that an admin deactivated on node A', async () => {
    const me = () => b.call('GET', '/api/auth/me', { as: 'zongheke2' });
    expect((await me()).status).toBe(200);
    const [user] = await db.execute<{ id: string }>("SELECT id FROM app_user WHERE username = 'zongheke2'");
    expect((await a.call('DELETE', `/api/directory/users/${user!.id}`, { as: 'admin' })).status).toBe(200);
    // Node B remembered the user's row; the invalidation reaches it well within the cache's 5 s.
    await expect.poll(async () => (await me()).status, { timeout: 3_000, interval: 100 }).toBe(401);
  });
});
