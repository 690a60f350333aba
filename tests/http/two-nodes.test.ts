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
  });
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
});
