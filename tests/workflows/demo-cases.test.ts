/** A new user in demo mode finds a living office: cases of every shipped workflow in different steps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../workflows/demo-cases.js';
import type { TestServer } from '../support/server.js';
import { bootOffice, inboxOf } from './support.js';

describe('demo cases', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('starts cases of all eight workflows in different steps, once', async () => {
    expect(await seedDemoCases(s)).toBe(17);
    const rows = await s.db.execute<{ definition_key: string; state: string }>('SELECT definition_key, state FROM instance');
    expect(new Set(rows.map((r) => r.definition_key)).size).toBe(8);
    const signoff = rows
      .filter((r) => r.definition_key === 'document-signoff')
      .map((r) => r.state)
      .sort();
    expect(signoff).toEqual(['deputy', 'head', 'proofread']);
    expect(await seedDemoCases(s)).toBe(0);
    // Staff log in to a full inbox
    expect((await inboxOf(s, 'zongheke1')).length).toBeGreaterThan(2);
    expect(await inboxOf(s, 'xianzhang')).toHaveLength(1);
    expect(s.logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});
