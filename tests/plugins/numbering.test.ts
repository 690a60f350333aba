/**
 * numbering.assign: 文号 per type and year, gap-free and unique when fifty documents are signed
 * off at once, and the same request always gets the same number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { issueNumber } from '../../plugins/numbering/index.js';
import { publishDefinition, startCase, taskOf } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from './support.js';

const signoff: WorkflowDefinition = {
  key: 'county-doc',
  title: { 'zh-CN': '县政府办发文', en: 'County office document' },
  initial: 'sign',
  states: {
    sign: { approval: { assign: { role: 'county-head', unit: 'county' }, mode: 'any' }, on: { approve: 'issued', reject: 'dropped' } },
    issued: { final: true, entry: [{ action: 'numbering.assign', with: { type: '县政办发' }, result: { 'doc.number': '/number', 'doc.seq': '/seq' } }] },
    dropped: { final: true, result: 'rejected' },
  },
};

describe('document numbers (文号)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, signoff);
  });
  afterAll(() => s.close());

  it('numbers fifty documents signed off at the same time 1…50 without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await startCase(s, 'zongheke1', 'county-doc'));
    const tasks = await Promise.all(ids.map((id) => taskOf(s, 'xianzhang', id)));
    const signed = await Promise.all(tasks.map((t) => s.call('POST', `/api/tasks/${t}/complete`, { as: 'xianzhang', body: { outcome: 'approve' } })));
    expect(signed.map((r) => r.status)).toEqual(ids.map(() => 200));
    const rows = await waitFor(
      () =>
        s.db.execute<{ number: string | null; seq: number | null }>(
          `SELECT data->'doc'->>'number' AS number, (data->'doc'->>'seq')::int AS seq FROM instance WHERE definition_key = 'county-doc'`,
        ),
      (r) => r.every((x) => x.number !== null),
      'fifty numbers',
      90_000,
    );
    expect(rows.map((r) => r.seq).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(50);
    expect(rows.map((r) => r.number)).toContain('县政办发〔2026〕12号');
  });

  it('gives a retried request its own number again, and keeps each type and year separate', async () => {
    const concurrent = await Promise.all(Array.from({ length: 50 }, (_, i) => issueNumber(s.db, { type: '县委办发', year: 2026, key: `direct:${i % 25}` })));
    const byKey = new Map<string, string>();
    concurrent.forEach((n, i) => {
      const key = `direct:${i % 25}`;
      if (byKey.has(key)) expect(n.number).toBe(byKey.get(key));
      byKey.set(key, n.number);
    });
    expect([...new Set(concurrent.map((n) => n.seq))].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await issueNumber(s.db, { type: '县委办发', year: 2027, key: 'next-year' })).number).toBe('县委办发〔2027〕1号');
    expect((await issueNumber(s.db, { type: '县政办函', year: 2026, key: 'letter', template: '{type}〔{year}〕{seq}号', pad: 3 })).number).toBe(
      '县政办函〔2026〕001号',
    );
  });
});
